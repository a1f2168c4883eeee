namespace NixVfioGen.Model;

/// <summary>
/// A libvirt domain name that is also safe as a file name and in a shell word: letters, digits,
/// '.', '_' and '-', starting with a letter or digit, at most 64 characters; and one virsh reads
/// as a name: virsh's lookup (tools/virsh-util.c, virshLookupDomainInternal) tries an id first
/// (virStrToLong_i, base 10), then, for a 36-character argument, a UUID (src/util/viruuid.c,
/// virUUIDParse: 16 pairs of hex digits, '-' allowed between pairs), so "1" or a UUID-shaped name
/// would answer for another domain.
/// </summary>
public sealed record DomainName
{
    private DomainName(string value) => Value = value;

    public string Value { get; }

    public const int MaxLength = 64;
    public const string Expected =
        "a VM name of letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 characters, not only digits and not shaped like a UUID";

    public static DomainName Parse(string text)
    {
        var valid = text.Length is > 0 and <= MaxLength
            && char.IsAsciiLetterOrDigit(text[0])
            && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            && !text.All(char.IsAsciiDigit)
            && !ReadsAsUuid(text);
        return valid ? new DomainName(text) : throw new InvalidInputException(text, Expected);
    }

    // virsh's length test, then virUUIDParse's scan: skip '-' between pairs, exactly 16 pairs of hex digits, nothing after.
    private static bool ReadsAsUuid(string text)
    {
        if (text.Length != 36)
        {
            return false;
        }
        var pairs = 0;
        var i = 0;
        while (pairs < 16)
        {
            if (i >= text.Length)
            {
                return false;
            }
            if (text[i] == '-')
            {
                i++;
                continue;
            }
            if (i + 1 >= text.Length || !char.IsAsciiHexDigit(text[i]) || !char.IsAsciiHexDigit(text[i + 1]))
            {
                return false;
            }
            pairs++;
            i += 2;
        }
        return i == text.Length;
    }

    public override string ToString() => Value;
}
