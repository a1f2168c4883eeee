namespace NixVfioGen.Model;

/// <summary>
/// A Windows language tag for Setup's UI, input, system and user locale: language, an optional
/// script, and a region, e.g. en-US, de-DE, sr-Latn-RS (Microsoft's "Available language packs" list).
/// Checked by hand rather than by a pattern: a regex's <c>$</c> also matches before a final newline.
/// </summary>
public sealed record GuestLocale
{
    private GuestLocale(string value) => Value = value;

    public string Value { get; }

    public const string Expected = "a Windows language tag such as en-US, de-DE or sr-Latn-RS";

    public static GuestLocale Default { get; } = new("en-US");

    public static GuestLocale Parse(string text) =>
        IsTag(text) ? new GuestLocale(text) : throw new InvalidInputException(text, Expected);

    // language (2-3 lower case) [-Script (upper + 3 lower)] -REGION (2 upper), nothing else.
    private static bool IsTag(string text)
    {
        var parts = text.Split('-');
        return parts.Length is 2 or 3
            && parts[0].Length is 2 or 3 && parts[0].All(char.IsAsciiLetterLower)
            && (parts.Length == 2 || (parts[1].Length == 4 && char.IsAsciiLetterUpper(parts[1][0]) && parts[1][1..].All(char.IsAsciiLetterLower)))
            && parts[^1].Length == 2 && parts[^1].All(char.IsAsciiLetterUpper);
    }

    public override string ToString() => Value;
}
