using NixVfioGen.Model;

namespace NixVfioGen.Host;

/// <summary>What makes vfio-pci, not a graphics driver, claim the passed-through functions.</summary>
public static class VfioBinding
{
    /// <summary>Loaded from the initrd (early binding) so vfio-pci is first to see the GPU.</summary>
    public static IReadOnlyList<string> Modules { get; } = ["vfio_pci", "vfio", "vfio_iommu_type1"];

    /// <summary>Graphics drivers that must load only after vfio-pci has claimed its devices.</summary>
    public static IReadOnlyList<string> GraphicsDrivers { get; } = ["amdgpu", "radeon", "nouveau", "nvidia"];

    /// <summary>vfio_virqfd became part of vfio.ko in Linux 6.2 (commit e2d55709398e).</summary>
    public const string VirqfdModule = "vfio_virqfd";

    public const string VirqfdFoldedInVersion = "6.2";

    /// <summary>The modprobe.d lines: the id list (none when binding by address) and one softdep per graphics driver.</summary>
    public static IReadOnlyList<string> ModprobeLines(IReadOnlyList<PciId> ids) =>
    [
        .. ids.Count > 0 ? ["options vfio-pci ids=" + string.Join(',', ids)] : Array.Empty<string>(),
        .. GraphicsDrivers.Select(driver => $"softdep {driver} pre: vfio-pci"),
    ];
}
