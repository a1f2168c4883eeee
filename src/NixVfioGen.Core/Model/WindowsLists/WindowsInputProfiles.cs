namespace NixVfioGen.Model.WindowsLists;

/// <summary>
/// The language/region tags Windows has a default input profile for, with each tag's locale id (LCID).
/// Source: Microsoft, "Default Input Profiles (Input Locales) in Windows"
/// (learn.microsoft.com/windows-hardware/manufacture/desktop/default-input-locales-for-windows-language-packs;
/// read from its source, MicrosoftDocs commercialization-public, manufacture/desktop/
/// default-input-locales-for-windows-language-packs.md, ms.date 05/02/2017): the tag and the locale half of
/// each row's primary input profile. Left out: es-ES_tradnl (not a tag Setup takes). 0x0c00 is
/// LOCALE_CUSTOM_UNSPECIFIED, shared by several tags, so it names no single locale.
/// </summary>
public static class WindowsInputProfiles
{
    public const int UnspecifiedLocale = 0x0c00;

    public static IReadOnlyDictionary<string, int> LocaleIds { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["af-ZA"] = 0x0436, ["sq-AL"] = 0x041c, ["gsw-FR"] = 0x0484, ["am-ET"] = 0x045e, ["ar-DZ"] = 0x1401,
        ["ar-BH"] = 0x3c01, ["ar-EG"] = 0x0c01, ["ar-IQ"] = 0x0801, ["ar-JO"] = 0x2c01, ["ar-KW"] = 0x3401,
        ["ar-LB"] = 0x3001, ["ar-LY"] = 0x1001, ["ar-MA"] = 0x1801, ["ar-OM"] = 0x2001, ["ar-QA"] = 0x4001,
        ["ar-SA"] = 0x0401, ["ar-SY"] = 0x2801, ["ar-TN"] = 0x1c01, ["ar-AE"] = 0x3801, ["ar-YE"] = 0x2401,
        ["hy-AM"] = 0x042b, ["as-IN"] = 0x044d, ["az-Cyrl-AZ"] = 0x082c, ["az-Latn-AZ"] = 0x042c, ["bn-BD"] = 0x0845,
        ["bn-IN"] = 0x0445, ["ba-RU"] = 0x046d, ["eu-ES"] = 0x042d, ["be-BY"] = 0x0423, ["bs-Cyrl-BA"] = 0x201a,
        ["bs-Latn-BA"] = 0x141a, ["br-FR"] = 0x047e, ["bg-BG"] = 0x0402, ["my-MM"] = 0x0455, ["ca-ES"] = 0x0403,
        ["tzm-Latn-DZ"] = 0x085f, ["tzm-Tfng-MA"] = 0x105f, ["ku-Arab-IQ"] = 0x0492, ["chr-Cher-US"] = 0x045c, ["zh-CN"] = 0x0804,
        ["zh-TW"] = 0x0404, ["co-FR"] = 0x0483, ["hr-BA"] = 0x101a, ["hr-HR"] = 0x041a, ["cs-CZ"] = 0x0405,
        ["da-DK"] = 0x0406, ["prs-AF"] = 0x048c, ["dv-MV"] = 0x0465, ["nl-BE"] = 0x0813, ["nl-NL"] = 0x0413,
        ["dz-BT"] = 0x0c51, ["en-AU"] = 0x0c09, ["en-BZ"] = 0x2809, ["en-CA"] = 0x1009, ["en-029"] = 0x2409,
        ["en-IN"] = 0x4009, ["en-IE"] = 0x1809, ["en-JM"] = 0x2009, ["en-MY"] = 0x4409, ["en-NZ"] = 0x1409,
        ["en-PH"] = 0x3409, ["en-SG"] = 0x4809, ["en-ZA"] = 0x1c09, ["en-TT"] = 0x2c09, ["en-GB"] = 0x0809,
        ["en-US"] = 0x0409, ["en-ZW"] = 0x3009, ["et-EE"] = 0x0425, ["fo-FO"] = 0x0438, ["fil-PH"] = 0x0464,
        ["fi-FI"] = 0x040b, ["fr-BE"] = 0x080c, ["fr-CA"] = 0x0c0c, ["fr-FR"] = 0x040c, ["fr-LU"] = 0x140c,
        ["fr-MC"] = 0x180c, ["fr-CH"] = 0x100c, ["fy-NL"] = 0x0462, ["ff-Latn-SN"] = 0x0867, ["gl-ES"] = 0x0456,
        ["ka-GE"] = 0x0437, ["de-AT"] = 0x0c07, ["de-DE"] = 0x0407, ["de-LI"] = 0x1407, ["de-LU"] = 0x1007,
        ["de-CH"] = 0x0807, ["el-GR"] = 0x0408, ["kl-GL"] = 0x046f, ["gn-PY"] = 0x0474, ["gu-IN"] = 0x0447,
        ["ha-Latn-NG"] = 0x0468, ["haw-US"] = 0x0475, ["he-IL"] = 0x040d, ["hi-IN"] = 0x0439, ["hu-HU"] = 0x040e,
        ["is-IS"] = 0x040f, ["ig-NG"] = 0x0470, ["smn-FI"] = 0x243b, ["id-ID"] = 0x0421, ["iu-Latn-CA"] = 0x085d,
        ["iu-Cans-CA"] = 0x045d, ["ga-IE"] = 0x083c, ["xh-ZA"] = 0x0434, ["zu-ZA"] = 0x0435, ["it-IT"] = 0x0410,
        ["it-CH"] = 0x0810, ["ja-JP"] = 0x0411, ["jv-Latn-ID"] = 0x0c00, ["kn-IN"] = 0x044b, ["kk-KZ"] = 0x043f,
        ["km-KH"] = 0x0453, ["qut-GT"] = 0x0486, ["rw-RW"] = 0x0487, ["kok-IN"] = 0x0457, ["ko-KR"] = 0x0412,
        ["ky-KG"] = 0x0440, ["lo-LA"] = 0x0454, ["lv-LV"] = 0x0426, ["lt-LT"] = 0x0427, ["dsb-DE"] = 0x082e,
        ["smj-NO"] = 0x103b, ["smj-SE"] = 0x143b, ["lb-LU"] = 0x046e, ["mk-MK"] = 0x042f, ["ms-BN"] = 0x083e,
        ["ms-MY"] = 0x043e, ["ml-IN"] = 0x044c, ["mt-MT"] = 0x043a, ["mi-NZ"] = 0x0481, ["arn-CL"] = 0x047a,
        ["mr-IN"] = 0x044e, ["moh-CA"] = 0x047c, ["mn-MN"] = 0x0450, ["mn-Mong-MN"] = 0x0c50, ["mn-Mong-CN"] = 0x0850,
        ["nqo-GN"] = 0x0c00, ["ne-NP"] = 0x0461, ["se-FI"] = 0x0c3b, ["se-NO"] = 0x043b, ["se-SE"] = 0x083b,
        ["nb-NO"] = 0x0414, ["nn-NO"] = 0x0814, ["oc-FR"] = 0x0482, ["or-IN"] = 0x0448, ["ps-AF"] = 0x0463,
        ["fa-IR"] = 0x0429, ["pl-PL"] = 0x0415, ["pt-BR"] = 0x0416, ["pt-PT"] = 0x0816, ["pa-IN"] = 0x0446,
        ["pa-Arab-PK"] = 0x0846, ["quz-BO"] = 0x046b, ["quz-EC"] = 0x086b, ["quz-PE"] = 0x0c6b, ["ro-RO"] = 0x0418,
        ["rm-CH"] = 0x0417, ["ru-RU"] = 0x0419, ["sah-RU"] = 0x0485, ["sa-IN"] = 0x044f, ["gd-GB"] = 0x0491,
        ["sr-Cyrl-BA"] = 0x1c1a, ["sr-Latn-BA"] = 0x181a, ["sr-Cyrl-ME"] = 0x301a, ["sr-Latn-ME"] = 0x2c1a, ["sr-Cyrl-RS"] = 0x281a,
        ["sr-Latn-RS"] = 0x241a, ["sr-Cyrl-CS"] = 0x0c1a, ["sr-Latn-CS"] = 0x081a, ["nso-ZA"] = 0x046c, ["tn-BW"] = 0x0832,
        ["tn-ZA"] = 0x0432, ["sn-Latn-ZW"] = 0x0c00, ["sd-Arab-PK"] = 0x0859, ["si-LK"] = 0x045b, ["sms-FI"] = 0x203b,
        ["sk-SK"] = 0x041b, ["sl-SI"] = 0x0424, ["sma-NO"] = 0x183b, ["sma-SE"] = 0x1c3b, ["es-AR"] = 0x2c0a,
        ["es-VE"] = 0x200a, ["es-BO"] = 0x400a, ["es-CL"] = 0x340a, ["es-CO"] = 0x240a, ["es-CR"] = 0x140a,
        ["es-DO"] = 0x1c0a, ["es-EC"] = 0x300a, ["es-SV"] = 0x440a, ["es-GT"] = 0x100a, ["es-HN"] = 0x480a,
        ["es-419"] = 0x580a, ["es-MX"] = 0x080a, ["es-NI"] = 0x4c0a, ["es-PA"] = 0x180a, ["es-PY"] = 0x3c0a,
        ["es-PE"] = 0x280a, ["es-PR"] = 0x500a, ["es-ES"] = 0x0c0a, ["es-US"] = 0x540a, ["es-UY"] = 0x380a,
        ["zgh-Tfng-MA"] = 0x0c00, ["sw-KE"] = 0x0441, ["sv-FI"] = 0x081d, ["sv-SE"] = 0x041d, ["syr-SY"] = 0x045a,
        ["tg-Cyrl-TJ"] = 0x0428, ["ta-IN"] = 0x0449, ["ta-LK"] = 0x0849, ["tt-RU"] = 0x0444, ["te-IN"] = 0x044a,
        ["th-TH"] = 0x041e, ["bo-CN"] = 0x0451, ["ti-ET"] = 0x0473, ["tr-TR"] = 0x041f, ["tk-TM"] = 0x0442,
        ["uk-UA"] = 0x0422, ["hsb-DE"] = 0x042e, ["ur-IN"] = 0x0820, ["ur-PK"] = 0x0420, ["ug-CN"] = 0x0480,
        ["uz-Cyrl-UZ"] = 0x0843, ["uz-Latn-UZ"] = 0x0443, ["ca-ES-valencia"] = 0x0803, ["vi-VN"] = 0x042a, ["cy-GB"] = 0x0452,
        ["wo-SN"] = 0x0488, ["ii-CN"] = 0x0478, ["yo-NG"] = 0x046a,
    };
}
