using NixVfioGen.Model;

namespace NixVfioGen.Host;

/// <summary>What makes vfio-pci, not a graphics driver, claim the passed-through functions.</summary>
public static class VfioBinding
{
    /// <summary>Loaded from the initrd (early binding) so vfio-pci is first to see the GPU.</summary>
    public static IReadOnlyList<string> Modules { get; } = ["vfio_pci", "vfio", "vfio_iommu_type1"];

    /// <summary>vfio_virqfd became part of vfio.ko in Linux 6.2 (commit e2d55709398e).</summary>
    public const string VirqfdModule = "vfio_virqfd";

    public const string VirqfdFoldedInVersion = "6.2";

    /// <summary>
    /// The line nixpkgs writes for the proprietary NVIDIA driver (nixos/modules/hardware/video/nvidia.nix),
    /// so that CUDA's nvidia_uvm loads with nvidia.
    /// </summary>
    public const string NvidiaUvmSoftdep = "softdep nvidia post: nvidia-uvm";

    /// <summary>The graphics drivers that can claim a GPU of this vendor, i.e. those vfio-pci must load before.</summary>
    public static IReadOnlyList<string> GraphicsDriversOf(PciId id) => id.VendorCode switch
    {
        0x1002 => ["amdgpu", "radeon"],
        0x10DE => ["nouveau", "nvidia"],
        0x8086 => ["i915", "xe"],
        _ => [],
    };

    /// <summary>Whether the module orders this driver after vfio-pci (see <see cref="ModprobeLines"/>).</summary>
    public static bool WritesSoftdepFor(BindingMode binding, IReadOnlyList<PciId> ids, string driver) =>
        binding == BindingMode.Ids && ids.SelectMany(GraphicsDriversOf).Contains(driver);

    /// <summary>
    /// The modprobe.d lines. By ids: the id list and a softdep for each driver of the passed GPU's vendor,
    /// no other (a softdep for a driver that never sees the GPU can only get in the way of the host's own).
    /// libkmod honours only the first softdep line of a module (libkmod-config.c, kmod_module_get_softdeps:
    /// "find only the first command"), so the line for nvidia also carries the <c>post: nvidia-uvm</c> of
    /// nixpkgs' own line, which it would otherwise replace and so stop CUDA's module from loading.
    /// By address: none. driver_override already keeps every other driver off those functions
    /// (Documentation/ABI/testing/sysfs-bus-pci), and the host may keep a GPU of the same vendor.
    /// </summary>
    public static IReadOnlyList<string> ModprobeLines(GpuBinding binding, IReadOnlyList<PciId> ids) => binding is GpuBinding.ByIds
        ?
        [
            "options vfio-pci ids=" + string.Join(',', ids),
            .. SoftdepLines(ids),
        ]
        : [];

    // A loop, not Distinct().Select(): a Select on another LINQ operator is a generic virtual call, which
    // NativeAOT resolves through its type loader the first time, about 0.2 ms of start-up (bench/run).
    private static IEnumerable<string> SoftdepLines(IReadOnlyList<PciId> ids)
    {
        var seen = new HashSet<string>();
        foreach (var id in ids)
        {
            foreach (var driver in GraphicsDriversOf(id))
            {
                if (seen.Add(driver))
                {
                    yield return driver == "nvidia" ? $"softdep {driver} pre: vfio-pci post: nvidia-uvm" : $"softdep {driver} pre: vfio-pci";
                }
            }
        }
    }
}
