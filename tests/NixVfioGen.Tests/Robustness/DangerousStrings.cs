using CsCheck;

namespace NixVfioGen.Tests.Robustness;

/// <summary>Generated strings biased toward what breaks Nix, XML and shells.</summary>
internal static class DangerousStrings
{
    private static readonly Gen<string> Piece = Gen.Frequency(
        (6, Gen.OneOf<string>("\"", "\\", "${", "$", "''", "''$", "'''", "''\\", "'", "\n", "\r", "\t", "<", ">", "&", "]]>",
            "<!--", "--", "/", "//", "..", ".", " ", "#", ";", "{", "}", "`", "$(", "é", "✓", "𝄞", "\u200b", "\u0000", "\u0001", "\uFFFE", "\uFFFF", "\uD800", "\uDC00", "\u001b[2J")),
        (3, Gen.String[Gen.Char.AlphaNumeric, 1, 6]),
        (1, Gen.Char.Select(c => c.ToString())));

    /// <summary>Short concatenations of dangerous pieces, now and then a very long one.</summary>
    public static Gen<string> Any { get; } = Gen.Frequency(
        (20, Piece.Array[0, 10].Select(string.Concat)),
        (1, Piece.Array[200, 600].Select(string.Concat)));

    /// <summary>Strings starting with '/', so path validation is reached, not just the first check.</summary>
    public static Gen<string> Paths { get; } = Any.Select(s => "/" + s);

    /// <summary>The count per option: bounded in CI, 10,000 from bench/robustness.</summary>
    public static int Count => int.TryParse(Environment.GetEnvironmentVariable("ROBUSTNESS_COUNT"), out var count) ? count : 400;

    public static IReadOnlyList<string> Sample(Gen<string> gen, int count)
    {
        var values = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            values.Add(gen.Single());
        }
        return values;
    }
}
