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

    /// <summary>NAME_MAX (include/uapi/linux/limits.h): the longest file name, in bytes.</summary>
    public const int MaxNameBytes = 255;
    public const string Expected =
        "an absolute path to a file (starting with '/', not ending in '/') without '.' or '..' segments, control characters or characters XML cannot hold, each name at most 255 bytes, at most 4095 characters";

    public static HostPath Parse(string text)
    {
        var valid = text.Length is > 1 and <= MaxLength
            && text[0] == '/'
            && !text.Any(char.IsControl)
            // Whatever XML 1.0 cannot carry (lone surrogates, U+FFFE, U+FFFF) could not reach the domain.
            && XmlText.IsValid(text)
            // A trailing '/' names a directory, and Linux refuses a name over NAME_MAX (255) bytes:
            // qemu-img would fail later with "Is a directory" or "File name too long".
            && text[^1] != '/'
            && text.Split('/').All(segment => segment is not ("." or "..") && System.Text.Encoding.UTF8.GetByteCount(segment) <= MaxNameBytes);
        return valid ? new HostPath(text) : throw new InvalidInputException(text, Expected);
    }

    public override string ToString() => Value;
}
