using System.Text;

namespace NixVfioGen.Model;

/// <summary>
/// The domain's UUID: given with --uuid, or derived from the VM name. libvirt refuses to define a
/// domain whose name exists with another UUID, so a stable UUID is what lets a regenerated file be
/// defined again, updating the VM in place and keeping its NVRAM and TPM state.
/// </summary>
public sealed record DomainUuid
{
    /// <summary>
    /// The namespace of name-based UUIDs: the RFC 4122 version-5 UUID of the URL namespace and
    /// "https://github.com/nix-vfio-gen/domain". Changing it would change every derived UUID.
    /// </summary>
    public static readonly Guid Namespace = new("aaaf5912-8f0d-56fc-8c92-92c2490b1367");
    private DomainUuid(Guid value) => Value = value;

    public Guid Value { get; }

    public const string Expected = "a UUID such as 4dea22b3-1d52-4b5f-9f8e-8f1b5e7b2a10";

    public static DomainUuid Parse(string text) =>
        text.Trim().Length == 36 && Guid.TryParseExact(text.Trim(), "D", out var value)
            ? new DomainUuid(value)
            : throw new InvalidInputException(text, Expected);

    /// <summary>RFC 4122 section 4.3: version 5 (SHA-1) of the namespace and the UTF-8 name.</summary>
    public static DomainUuid FromName(DomainName name)
    {
        var namespaceBytes = Namespace.ToByteArray(bigEndian: true);
        var nameBytes = Encoding.UTF8.GetBytes(name.Value);
        var hash = Sha1.Hash([.. namespaceBytes, .. nameBytes]);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new DomainUuid(new Guid(bytes, bigEndian: true));
    }

    public override string ToString() => Value.ToString("D");
}
