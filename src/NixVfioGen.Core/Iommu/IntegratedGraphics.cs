namespace NixVfioGen.Iommu;

/// <summary>
/// The CPU's integrated Intel graphics (IGD), for which list-iommu offers no command. It is no clean PCI
/// device: the guest needs a copy of the host's OpRegion (VBT), stolen memory reserved by the guest
/// firmware, the LPC bridge's ids and a video ROM or a UEFI option ROM built with Intel's GOP driver, and
/// QEMU's "legacy mode" wants the guest address 00:02.0 (QEMU docs/igd-assign.txt; hw/vfio/igd.c). The
/// generator builds none of that (GVT-d), so its command would end on a black screen.
/// </summary>
public static class IntegratedGraphics
{
    /// <summary>Intel's vendor id (include/linux/pci_ids.h, PCI_VENDOR_ID_INTEL).</summary>
    public const int IntelVendor = 0x8086;

    /// <summary>
    /// An Intel display controller on the root bus (domain 0000, bus 00; in practice 00:02.0, where the
    /// IGD always sits, QEMU docs/igd-assign.txt). Intel's discrete cards (Arc) sit behind a PCIe root
    /// port, on a bus of their own, and are passed through like any other GPU.
    /// </summary>
    public static bool Is(PciFunction function) =>
        function.IsDisplayController && function.Id?.VendorCode == IntelVendor && function.Address is { Domain: 0, Bus: 0 };

    /// <summary>Why no command is offered, as one clause: after "No command: " and in the JSON's noCommand.</summary>
    public const string Why =
        "it is the CPU's integrated Intel graphics, which needs QEMU's IGD assignment (legacy mode, the host's OpRegion, a video ROM with Intel's GOP driver) that nix-vfio-gen does not generate; keep it for the host's display and pass a discrete GPU";
}
