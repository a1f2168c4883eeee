using NixVfioGen.Model;

namespace NixVfioGen.Installed;

/// <summary>The systemd units and libvirt hooks the module installs, by name.</summary>
public static class InstalledUnits
{
    /// <summary>Autostarts libvirt's default network once.</summary>
    public const string DefaultNetwork = "nix-vfio-gen-default-network";

    /// <summary>Creates the disk and defines the domain (--define).</summary>
    public static string Define(DomainName name) => $"nix-vfio-gen-define-{name}";

    /// <summary>The VM's QEMU hook under virtualisation.libvirtd.hooks.qemu.</summary>
    public static string Hook(DomainName name) => $"nix-vfio-gen-{name}";
}
