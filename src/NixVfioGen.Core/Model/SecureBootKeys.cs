namespace NixVfioGen.Model;

/// <summary>Which Secure Boot keys the guest's UEFI variable store starts with.</summary>
public enum SecureBootKeys
{
    /// <summary>
    /// Secure Boot capable firmware with an empty key store: what Windows 11 requires, and the only
    /// Secure Boot firmware NixOS 25.11+ offers libvirt (QEMU's own descriptors carry no enrolled-keys).
    /// </summary>
    None,

    /// <summary>OVMFFull's variable template with Microsoft's keys enrolled, served by the module from a stable path.</summary>
    Microsoft,
}
