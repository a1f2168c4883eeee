using System.Text.RegularExpressions;

namespace NixVfioGen.Model;

/// <summary>
/// A Windows language tag for Setup's UI, input, system and user locale: language, an optional
/// script, and a region, e.g. en-US, de-DE, sr-Latn-RS (Microsoft's "Available language packs" list).
/// </summary>
public sealed partial record GuestLocale
{
    private GuestLocale(string value) => Value = value;

    public string Value { get; }

    public const string Expected = "a Windows language tag such as en-US, de-DE or sr-Latn-RS";

    public static GuestLocale Default { get; } = new("en-US");

    public static GuestLocale Parse(string text) =>
        Tag().IsMatch(text) ? new GuestLocale(text) : throw new InvalidInputException(text, Expected);

    [GeneratedRegex("^[a-z]{2,3}(-[A-Z][a-z]{3})?-[A-Z]{2}$")]
    private static partial Regex Tag();

    public override string ToString() => Value;
}
