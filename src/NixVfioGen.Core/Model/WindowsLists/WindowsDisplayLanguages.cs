namespace NixVfioGen.Model.WindowsLists;

/// <summary>
/// The display languages Windows ships as full language packs, which are also the languages Microsoft
/// publishes installation media in. Source: Microsoft, "Available languages for Windows", table "Language
/// Packs" (learn.microsoft.com/windows-hardware/manufacture/desktop/available-language-packs-for-windows;
/// MicrosoftDocs commercialization-public, ms.date 11/28/2018). Left out: zh-HK and sr-Latn-CS, which the
/// page marks "no longer used" (see zh-TW, sr-Latn-RS), and the language interface packs, which need a
/// base language and never make up an ISO.
/// </summary>
public static class WindowsDisplayLanguages
{
    public static IReadOnlyList<string> Tags { get; } =
    [
        "ar-SA", "bg-BG", "zh-CN", "zh-TW", "hr-HR", "cs-CZ", "da-DK", "nl-NL", "en-US", "en-GB",
        "et-EE", "fi-FI", "fr-CA", "fr-FR", "de-DE", "el-GR", "he-IL", "hu-HU", "it-IT", "ja-JP",
        "ko-KR", "lv-LV", "lt-LT", "nb-NO", "pl-PL", "pt-BR", "pt-PT", "ro-RO", "ru-RU", "sr-Latn-RS",
        "sk-SK", "sl-SI", "es-MX", "es-ES", "sv-SE", "th-TH", "tr-TR", "uk-UA",
    ];
}
