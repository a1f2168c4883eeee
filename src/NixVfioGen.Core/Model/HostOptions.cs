namespace NixVfioGen.Model;

/// <summary>Everything the host module depends on, validated: building from it cannot fail.</summary>
public sealed record HostOptions
{
    public required IReadOnlyList<PciId> Ids { get; init; }

    public Platform Platform { get; init; } = Platform.Auto;

    public LookingGlass LookingGlass { get; init; } = LookingGlass.Default;

    /// <summary>The host's NixOS release when given; otherwise the module reads it when evaluated (lib.trivial.release).</summary>
    public NixosRelease? Release { get; init; }

    /// <summary>vfio-pci from the initrd, before any graphics driver; false loads it in stage 2.</summary>
    public bool EarlyBinding { get; init; } = true;

    public bool IgnoreMsrs { get; init; } = true;

    public UserName? User { get; init; }

    public GpuBinding Binding { get; init; } = new GpuBinding.ByIds();

    public SecureBootKeys SecureBootKeys { get; init; } = SecureBootKeys.None;

    public ResetQuirk ResetQuirk { get; init; } = ResetQuirk.Auto;

    public BindAt BindAt { get; init; } = BindAt.Boot;

    /// <summary>The GPU also drives the host's display: handing it over stops the desktop (vm-start only).</summary>
    public bool SingleGpu { get; init; }

    /// <summary>Input devices the VM reads by evdev: QEMU's device list (cgroup_device_acl) names them.</summary>
    public IReadOnlyList<EvdevDevice> Evdev { get; init; } = [];

    /// <summary>The defaults a user gets with only --ids.</summary>
    public static HostOptions ForIds(IReadOnlyList<PciId> ids) => new() { Ids = ids };
}
