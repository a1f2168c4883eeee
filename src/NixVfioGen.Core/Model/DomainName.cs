namespace NixVfioGen.Model;

/// <summary>
/// A libvirt domain name that is also safe as a file name and in a shell word: letters, digits,
/// '.', '_', '+' and '-', starting with a letter or digit, at most 64 characters.
/// </summary>
public sealed record DomainName
{
    private DomainName(string value) => Value = value;

    public string Value { get; }

    public const int MaxLength = 64;
    public const string Expected =
        "a VM name of letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 characters";

    public static DomainName Parse(string text)
    {
        var valid = text.Length is > 0 and <= MaxLength
            && char.IsAsciiLetterOrDigit(text[0])
            && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
        return valid ? new DomainName(text) : throw new InvalidInputException(text, Expected);
    }

    public override string ToString() => Value;
}
