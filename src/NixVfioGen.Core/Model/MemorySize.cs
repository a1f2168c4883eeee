using System.Globalization;

namespace NixVfioGen.Model;

/// <summary>Guest memory in MiB, given with a unit: <c>8GiB</c>, <c>8G</c>, <c>16384MiB</c>, <c>16384M</c>.</summary>
public sealed record MemorySize
{
    private MemorySize(long mebibytes) => MiB = mebibytes;

    public long MiB { get; }

    public const long Min = 2048;
    public const long Max = 1024 * 1024;
    public const string Expected = "a size with a unit from 2GiB to 1TiB, e.g. 8GiB, 16G or 12288MiB";

    public static MemorySize Default { get; } = new(8192);

    public static MemorySize Parse(string text)
    {
        var trimmed = text.Trim();
        var digits = trimmed.TakeWhile(char.IsAsciiDigit).Count();
        var unit = trimmed[digits..].ToLowerInvariant();
        long? factor = unit switch
        {
            "m" or "mib" => 1,
            "g" or "gib" => 1024,
            "t" or "tib" => 1024 * 1024,
            _ => null,
        };
        // Up to 7 digits: more could only overflow past the 1 TiB limit anyway.
        if (digits is 0 or > 7 || factor is null)
        {
            throw new InvalidInputException(text, Expected);
        }
        var mebibytes = long.Parse(trimmed[..digits], CultureInfo.InvariantCulture) * factor.Value;
        return mebibytes is >= Min and <= Max ? new MemorySize(mebibytes) : throw new InvalidInputException(text, Expected);
    }

    public override string ToString() => MiB % 1024 == 0 ? $"{MiB / 1024}GiB" : $"{MiB}MiB";
}
