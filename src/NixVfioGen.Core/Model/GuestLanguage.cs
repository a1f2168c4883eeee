using NixVfioGen.Model.WindowsLists;

namespace NixVfioGen.Model;

/// <summary>
/// Windows' display language for Setup and the installed system (SetupUILanguage, UILanguage). It must be
/// the installer ISO's own language: Setup cannot switch to a language the image lacks and stops at its
/// language page instead (cschneegans/unattend-generator issues #64, #170). One of Windows' language packs.
/// </summary>
public sealed record GuestLanguage
{
    private GuestLanguage(string value) => Value = value;

    public string Value { get; }

    public const string Expected = "one of Windows' display languages, the installer ISO's language (e.g. en-US, en-GB, de-DE, fr-FR, es-ES, ja-JP, sr-Latn-RS)";

    public static GuestLanguage Default { get; } = new("en-US");

    public static GuestLanguage Parse(string text) =>
        WindowsDisplayLanguages.Tags.FirstOrDefault(tag => string.Equals(tag, text, StringComparison.OrdinalIgnoreCase)) is { } tag
            ? new GuestLanguage(tag)
            : throw new InvalidInputException(text, Expected);

    public bool Matches(string tag) => string.Equals(Value, tag, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Value;
}
