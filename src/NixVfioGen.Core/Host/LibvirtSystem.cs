namespace NixVfioGen.Host;

/// <summary>
/// The system libvirt. For a non-root user, virsh without -c talks to qemu:///session (libvirt
/// docs/uri.rst), which has no default network, no PCI passthrough and is invisible to
/// virt-manager's system connection, so every printed command names the URI.
/// </summary>
public static class LibvirtSystem
{
    public const string Uri = "qemu:///system";

    /// <summary>The virsh command line a user types, e.g. <c>virsh -c qemu:///system define FILE</c>.</summary>
    public static string Virsh(string arguments) => $"virsh -c {Uri} {arguments}";
}
