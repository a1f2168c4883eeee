using NixVfioGen.Installed;
using NixVfioGen.Model;

namespace NixVfioGen.Guest;

/// <summary>Where the setup ISO lives and what is on it.</summary>
public static class SetupMedia
{
    /// <summary>Where the module installs it, as the domain's cdrom reads it.</summary>
    public static HostPath IsoPath(DomainName name) => HostPath.Parse(InstalledFiles.SetupIso(name).Path);

    /// <summary>ISO 9660 volume label: at most 32 characters of A–Z, 0–9 and '_'.</summary>
    public const string VolumeLabel = "NVG_SETUP";

    /// <summary>Windows Setup looks for this name at the root of every removable drive.</summary>
    public const string Autounattend = "autounattend.xml";

    public const string FirstLogonScript = "nix-vfio-gen-setup.ps1";

    /// <summary>The directory holding the unpacked virtio-win ISO (pkgs.virtio-win's layout).</summary>
    public const string VirtioWinDirectory = "virtio-win";

    /// <summary>Where the first-logon script logs, for the user to read after the first logon.</summary>
    public const string LogPath = @"C:\nix-vfio-gen-setup.log";
}
