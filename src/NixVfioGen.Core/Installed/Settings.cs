using NixVfioGen.Model;

namespace NixVfioGen.Installed;

/// <summary>
/// What the module was generated for, in the model's types: the module installs it as
/// /etc/nix-vfio-gen/settings.json (<see cref="SettingsJson"/>) and doctor checks the machine against
/// it. One field is one property here and one line of <see cref="SettingsJson"/>'s table there.
/// </summary>
public sealed record Settings
{
    public required IReadOnlyList<PciId> Ids { get; init; }

    /// <summary>The domain's functions, or the addresses bound by address; empty when only ids are known.</summary>
    public required IReadOnlyList<PciAddress> Pci { get; init; }

    public required BindAt BindAt { get; init; }

    public required BindingMode BindBy { get; init; }

    public required bool SingleGpu { get; init; }

    public required Platform Platform { get; init; }

    /// <summary>The kernel parameters the module sets, as /proc/cmdline shows them.</summary>
    public required IReadOnlyList<string> KernelParams { get; init; }

    public required SecureBootKeys SecureBootKeys { get; init; }

    public required bool SecureBoot { get; init; }

    public required UserName? User { get; init; }

    public required LookingGlassMode LookingGlass { get; init; }

    public required int? ShmemMiB { get; init; }

    /// <summary>The ids vendor-reset resets (its udev rule sets their reset_method).</summary>
    public required IReadOnlyList<PciId> VendorReset { get; init; }

    public required DomainName? VmName { get; init; }

    /// <summary>The system disk; its format follows from the path (<see cref="DiskFormats.Of"/>).</summary>
    public required HostPath? Disk { get; init; }

    public required DiskSize? DiskSize { get; init; }

    public required IReadOnlyList<HostPath> Isos { get; init; }

    /// <summary>With --guest-setup and --iso: the installer ISO, whose sources/lang.ini doctor compares with <see cref="GuestLanguage"/>. Absent from the file otherwise.</summary>
    public HostPath? InstallerIso { get; init; }

    /// <summary>With --guest-setup and --iso: the display language the setup cdrom answers Setup in. Absent from the file otherwise.</summary>
    public GuestLanguage? GuestLanguage { get; init; }

    /// <summary>Nothing known: no settings file and no options. Doctor still checks what needs none.</summary>
    public static Settings Unknown { get; } = new()
    {
        Ids = [],
        Pci = [],
        BindAt = BindAt.Boot,
        BindBy = BindingMode.Ids,
        SingleGpu = false,
        Platform = Platform.Auto,
        KernelParams = [],
        SecureBootKeys = SecureBootKeys.None,
        SecureBoot = false,
        User = null,
        LookingGlass = LookingGlassMode.None,
        ShmemMiB = null,
        VendorReset = [],
        VmName = null,
        Disk = null,
        DiskSize = null,
        Isos = [],
    };
}
