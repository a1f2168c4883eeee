using System.Globalization;
using NixVfioGen.Model.WindowsLists;

namespace NixVfioGen.Model;

/// <summary>
/// Windows' keyboard and regional formats (InputLocale, SystemLocale, UserLocale), apart from the display
/// language: a language/region tag with Windows' default keyboard for it (de-CH: Swiss German), or an
/// explicit input profile LCID:KLID (0407:00000409: German with the US keyboard), the two forms Microsoft's
/// unattend reference gives for InputLocale. Both are checked against Windows' own lists, by exact lookup
/// (no pattern, so nothing after the value, not even a final newline, slips through).
/// </summary>
public sealed record GuestLocale
{
    private GuestLocale(string tag, string inputLocale)
    {
        Tag = tag;
        InputLocale = inputLocale;
    }

    /// <summary>The language/region tag, for SystemLocale and UserLocale (they take no LCID form).</summary>
    public string Tag { get; }

    /// <summary>The tag, or the LCID:KLID pair as given, for InputLocale.</summary>
    public string InputLocale { get; }

    public const string Expected = "a Windows language/region tag such as en-US, de-DE, de-CH or sr-Latn-RS, or an input profile LCID:KLID such as 0407:00000409";

    public static GuestLocale Default { get; } = new("en-US", "en-US");

    public static GuestLocale Parse(string text)
    {
        if (Tags.Canonical.TryGetValue(text, out var tag))
        {
            return new GuestLocale(tag, tag);
        }
        var parts = text.Split(':');
        if (parts.Length == 2 && parts[0].Length == 4 && parts[1].Length == 8
            && int.TryParse(parts[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var lcid)
            && int.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var klid)
            && WindowsKeyboardLayouts.Ids.Contains(klid)
            && lcid != WindowsInputProfiles.UnspecifiedLocale
            && WindowsInputProfiles.LocaleIds.FirstOrDefault(pair => pair.Value == lcid).Key is { } locale)
        {
            return new GuestLocale(locale, $"{lcid:x4}:{klid:x8}");
        }
        throw new InvalidInputException(text, Expected);
    }

    // Apart from Default, so that the option's default costs no table: every run of the generator reads it.
    private static class Tags
    {
        public static readonly Dictionary<string, string> Canonical =
            WindowsInputProfiles.LocaleIds.Keys.ToDictionary(tag => tag, tag => tag, StringComparer.OrdinalIgnoreCase);
    }

    public override string ToString() => InputLocale;
}
