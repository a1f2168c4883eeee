namespace NixVfioGen.Model;

/// <summary>
/// An absolute path on the host (disk image, ISO). Any printable text is allowed after the leading '/':
/// the XML and Nix writers escape it. Control characters are refused because no file manager or
/// libvirt tool shows them faithfully; characters XML 1.0 cannot hold, because the domain is XML.
/// </summary>
public sealed record HostPath
{
    private HostPath(string value) => Value = value;

    public string Value { get; }

    public const int MaxLength = 4095;
    public const string Expected =
        "an absolute path (starting with '/') without '.' or '..' segments, control characters or characters XML cannot hold, at most 4095 characters";

    public static HostPath Parse(string text)
    {
        var valid = text.Length is > 1 and <= MaxLength
            && text[0] == '/'
            && !text.Any(char.IsControl)
            // Whatever XML 1.0 cannot carry (lone surrogates, U+FFFE, U+FFFF) could not reach the domain.
            && IsXmlText(text)
            && text.Split('/').All(segment => segment is not ("." or ".."));
        return valid ? new HostPath(text) : throw new InvalidInputException(text, Expected);
    }

    /// <summary>True when every character, surrogate pairs included, is one XML 1.0 allows.</summary>
    private static bool IsXmlText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (!System.Xml.XmlConvert.IsXmlChar(text[i]))
            {
                return false;
            }
        }
        return true;
    }

    public override string ToString() => Value;
}
