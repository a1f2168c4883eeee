namespace NixVfioGen.Installed;

/// <summary>
/// The groups the module relies on. NixOS' libvirtd module creates <c>libvirtd</c> (access to the
/// system daemon) and the user and group <c>qemu-libvirtd</c> that QEMU runs as when not root
/// (nixos/modules/virtualisation/libvirtd.nix); <c>kvm</c> owns /dev/kvm.
/// </summary>
public static class InstalledGroups
{
    public const string Libvirt = "libvirtd";

    /// <summary>/dev/kvm, and /dev/kvmfr0 by the module's udev rule.</summary>
    public const string Kvm = "kvm";

    /// <summary>QEMU's user and group; the Looking Glass shared memory file belongs to this group.</summary>
    public const string Qemu = "qemu-libvirtd";

    /// <summary>What the user who runs VMs and the Looking Glass client joins.</summary>
    public static IReadOnlyList<string> ForUser { get; } = [Libvirt, Kvm, Qemu];
}
