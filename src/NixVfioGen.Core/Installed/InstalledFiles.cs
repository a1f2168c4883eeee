using NixVfioGen.Model;

namespace NixVfioGen.Installed;

/// <summary>
/// Where the module puts what it installs, and the device files it sets up: the one list that the
/// features write, the domain names, the printed commands quote and doctor checks.
/// </summary>
public static class InstalledFiles
{
    /// <summary>The module's directory under /etc, and its state directory under /var/lib.</summary>
    public const string Directory = "nix-vfio-gen";

    /// <summary>What the module was generated for; doctor checks the machine against it.</summary>
    public static EtcFile Settings { get; } = new(Directory + "/settings.json");

    /// <summary>The domain XML the module carries.</summary>
    public static EtcFile Domain(DomainName name) => new($"{Directory}/{name}.xml");

    /// <summary>The unattended-install cdrom: a stable path, so the domain holds no store path (nixpkgs #378894).</summary>
    public static EtcFile SetupIso(DomainName name) => new($"{Directory}/{name}-setup.iso");

    /// <summary>Looking Glass' shared memory file, made by the module's tmpfiles rule.</summary>
    public const string SharedMemoryFile = "/dev/shm/looking-glass";

    /// <summary>The kvmfr module's device, owned and moded by the module's udev rule.</summary>
    public const string KvmfrDevice = "/dev/kvmfr0";

    /// <summary>Marks that the default network has been autostarted once (StateDirectory= of its unit).</summary>
    public const string DefaultNetworkMarker = "/var/lib/" + Directory + "/default-network-autostarted";
}
