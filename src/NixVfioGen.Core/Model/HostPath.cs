namespace NixVfioGen.Model;

/// <summary>
/// An absolute path on the host (disk image, ISO). Any printable text is allowed after the leading '/':
/// the XML writer escapes it. Control characters are refused because no file manager or libvirt tool
/// shows them faithfully.
/// </summary>
public sealed record HostPath
{
    private HostPath(string value) => Value = value;

    public string Value { get; }

    public const int MaxLength = 4095;
    public const string Expected = "an absolute path (starting with '/') without control characters, at most 4095 bytes";

    public static HostPath Parse(string text)
    {
        var valid = text.Length is > 1 and <= MaxLength
            && text[0] == '/'
            && !text.Any(char.IsControl)
            && !text.Any(char.IsSurrogate)
            && text.Split('/').All(segment => segment is not ("." or ".."));
        return valid ? new HostPath(text) : throw new InvalidInputException(text, Expected);
    }

    public override string ToString() => Value;
}
