using System.Text;
using NixVfioGen.Model;

namespace NixVfioGen.Iommu;

/// <summary>
/// What list-iommu can still say when there are no IOMMU groups: the display controllers and the
/// functions of their slots, read from the PCI bus. This breaks the chicken-and-egg of Intel hosts,
/// where groups appear only after booting with intel_iommu=on, which the generated module adds.
/// </summary>
public static class IommuOffReport
{
    /// <summary>The host bridge's vendor: 8086 Intel, 1022 AMD; anything else is unknown.</summary>
    public static Platform PlatformOf(IReadOnlyList<PciFunction> bus) =>
        bus.FirstOrDefault(function => function.IsHostBridge)?.Id?.VendorCode switch
        {
            0x8086 => Platform.Intel,
            0x1022 => Platform.Amd,
            _ => Platform.Auto,
        };

    /// <summary>One honest line: why there may be no groups and what to turn on, for this platform.</summary>
    public static string Reason(Platform platform) => platform switch
    {
        Platform.Intel =>
            "no IOMMU groups: the IOMMU is off or not visible here (inside a VM or container the host's is not). " +
            "Enable VT-d in the firmware setup; the generated module adds intel_iommu=on iommu=pt, after which groups appear.",
        Platform.Amd =>
            "no IOMMU groups: the IOMMU is off or not visible here (inside a VM or container the host's is not). " +
            "Enable the IOMMU (AMD-Vi, often named \"IOMMU\" or \"SVM\") in the firmware setup; Linux turns AMD-Vi on by itself once the firmware has.",
        _ =>
            "no IOMMU groups: the IOMMU is off or not visible here (inside a VM or container the host's is not). " +
            "Enable VT-d (Intel) or AMD-Vi/IOMMU (AMD) in the firmware setup; the generated module adds the kernel parameters.",
    };

    /// <summary>A display controller on the bus, the functions of its slot, and the command for them when every id could be read.</summary>
    public sealed record BusGpu(PciFunction Gpu, IReadOnlyList<PciFunction> Slot, Suggestion? Suggestion)
    {
        /// <summary>Why there is no command, as one clause; null when there is one.</summary>
        public string? NoCommand => Gpu.IsIntegratedIntelGraphics ? IntegratedGraphics.Why
            : Suggestion is null ? GpuVerdict.UnreadableIds
            : null;
    }

    public static IReadOnlyList<BusGpu> Gpus(IReadOnlyList<PciFunction> bus)
    {
        var platform = PlatformOf(bus);
        var displayControllers = bus.Count(function => function.IsDisplayController);
        // A loop, not Where+Select (a generic virtual call NativeAOT resolves through its type loader; docs/performance.md).
        var gpus = new List<BusGpu>();
        foreach (var gpu in bus)
        {
            if (!gpu.IsDisplayController)
            {
                continue;
            }
            var slot = bus.Where(function => function.Address.SlotAddress == gpu.Address.SlotAddress).ToArray();
            // The only display controller or the boot GPU is the host's screen: a single-GPU command (see GpuVerdict.DrivesHostDisplay).
            var suggestion = gpu.IsIntegratedIntelGraphics || slot.Any(function => function.Id is null)
                ? null
                : new Suggestion(slot.Select(f => f.Id!).Distinct().ToArray(), slot.Select(f => f.Address).ToArray(), false, platform,
                    SingleGpu: displayControllers == 1 || gpu.BootVga);
            gpus.Add(new BusGpu(gpu, slot, suggestion));
        }
        return gpus;
    }

    public static string Text(IReadOnlyList<PciFunction> bus, PciIdsDatabase names, Func<Suggestion, string>? command)
    {
        var builder = new StringBuilder();
        var gpus = Gpus(bus);
        if (gpus.Count == 0)
        {
            return "No display controller (PCI class 03xx) found on the PCI bus.\n";
        }
        foreach (var busGpu in gpus)
        {
            var (gpu, slot, suggestion) = busGpu;
            foreach (var function in slot)
            {
                builder.Append(LspciFormat.ShortAddress(function)).Append(' ').Append(LspciFormat.Describe(function, names)).Append('\n');
                if (function.Driver is { } driver)
                {
                    builder.Append("\tKernel driver in use: ").Append(driver).Append('\n');
                }
            }
            if (gpu.BootVga)
            {
                builder.Append(gpu.IsIntegratedIntelGraphics ? IommuReport.IntegratedBootGpuNote : IommuReport.BootGpuNote);
            }
            if (command is not null)
            {
                builder.Append(suggestion is null
                    ? $"  No command: {busGpu.NoCommand}.\n"
                    : $"{IommuReport.SingleGpuNote(suggestion)}  Run: {command(suggestion)}\n       (isolation can be checked only once the IOMMU is on: reboot with the module, then run list-iommu again)\n");
            }
            builder.Append('\n');
        }
        return builder.ToString();
    }
}
