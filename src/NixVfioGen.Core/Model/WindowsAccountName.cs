namespace NixVfioGen.Model;

/// <summary>
/// A local Windows account name: 1–20 characters, none of " / \ [ ] : ; | = , + * ? &lt; &gt; @ or a
/// control character, and not only dots and spaces (Microsoft, "Local Accounts": user name rules);
/// also nothing XML 1.0 cannot hold (U+FFFE, U+FFFF, lone surrogates).
/// </summary>
public sealed record WindowsAccountName
{
    private WindowsAccountName(string value) => Value = value;

    public string Value { get; }

    public const int MaxLength = 20;
    public const string Expected = "a Windows account name of 1 to 20 characters without \" / \\ [ ] : ; | = , + * ? < > @";

    /// <summary>When neither --guest-user nor --user names one.</summary>
    public static WindowsAccountName Default { get; } = new("user");

    public static WindowsAccountName Parse(string text)
    {
        var valid = text.Length is > 0 and <= MaxLength
            && !text.Any(c => char.IsControl(c) || "\"/\\[]:;|=,+*?<>@".Contains(c))
            && !text.All(c => c is '.' or ' ')
            // It is written into autounattend.xml and the first-logon script: XML 1.0 must carry it.
            && XmlText.IsValid(text);
        return valid ? new WindowsAccountName(text) : throw new InvalidInputException(text, Expected);
    }

    public override string ToString() => Value;
}
