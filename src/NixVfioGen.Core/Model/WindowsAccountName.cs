namespace NixVfioGen.Model;

/// <summary>
/// A local Windows account name Setup can create: 1–20 characters, none of " / \ [ ] : ; | = , + * ? &lt; &gt; @ %
/// or a control character, no leading or trailing space, no trailing dot, and not a name Windows already
/// uses for a built-in account or principal (Microsoft, "Local Accounts"; cschneegans/unattend-generator
/// modifier/Users.cs, whose rules Windows 11 24H2 Setup was checked against); also nothing XML 1.0
/// cannot hold (U+FFFE, U+FFFF, lone surrogates).
/// </summary>
public sealed record WindowsAccountName
{
    private WindowsAccountName(string value) => Value = value;

    public string Value { get; }

    public const int MaxLength = 20;

    /// <summary>Built-in accounts and principals every Windows install has; Setup fails on a second one.</summary>
    public static IReadOnlyList<string> Reserved { get; } =
        ["Administrator", "Guest", "DefaultAccount", "WDAGUtilityAccount", "System", "None", "Network Service", "Local Service"];

    private const string Forbidden = "\"/\\[]:;|=,+*?<>@%";

    /// <summary>When neither --guest-user nor --user names one.</summary>
    public static WindowsAccountName Default { get; } = new("user");

    public static WindowsAccountName Parse(string text) =>
        Problem(text) is { } expected ? throw new InvalidInputException(text, expected) : new WindowsAccountName(text);

    // The first rule the name breaks, phrased to follow "expected", or null when Windows accepts it.
    private static string? Problem(string text)
    {
        const string rules = "a Windows account name of 1 to 20 characters";
        if (text.Length is 0 or > MaxLength)
        {
            return rules;
        }
        // It is written into autounattend.xml and the first-logon script: XML 1.0 must carry it.
        if (text.Any(c => char.IsControl(c) || Forbidden.Contains(c)) || !XmlText.IsValid(text))
        {
            return rules + " without \" / \\ [ ] : ; | = , + * ? < > @ %";
        }
        if (text.Trim() != text)
        {
            return rules + " without leading or trailing spaces";
        }
        if (text.EndsWith('.'))
        {
            return rules + " that does not end with '.'";
        }
        return Reserved.FirstOrDefault(name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) is { } builtIn
            ? $"a name other than {builtIn}, which Windows reserves for a built-in account (reserved: {string.Join(", ", Reserved)})"
            : null;
    }

    public override string ToString() => Value;
}
