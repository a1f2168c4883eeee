using NixVfioGen.Model;

namespace NixVfioGen.Iommu;

/// <summary>Whether one GPU can be passed through, and exactly what to pass.</summary>
/// <param name="Gpu">The display controller function.</param>
/// <param name="Group">Its IOMMU group number.</param>
/// <param name="SlotFunctions">Every function of the GPU's physical slot (video, audio, USB, UCSI), in address order.</param>
/// <param name="SharedWith">Devices in the same group that are neither the slot's functions nor PCI bridges.</param>
/// <param name="IdenticalElsewhere">Devices outside the slot with one of the slot's vendor:device ids.</param>
/// <param name="Platform">The host's CPU vendor, from its host bridge, for the suggested command.</param>
/// <param name="DrivesHostDisplay">The only display controller, or the one the firmware booted on (boot_vga):
/// binding it at boot would leave the host without its screen.</param>
public sealed record GpuVerdict(
    PciFunction Gpu,
    int Group,
    IReadOnlyList<PciFunction> SlotFunctions,
    IReadOnlyList<PciFunction> SharedWith,
    IReadOnlyList<PciFunction> IdenticalElsewhere,
    Platform Platform = Platform.Auto,
    bool DrivesHostDisplay = false)
{
    public bool Isolated => SharedWith.Count == 0;

    /// <summary>id binding would also capture identical devices that stay with the host.</summary>
    public bool NeedsBindByAddress => IdenticalElsewhere.Count > 0;

    /// <summary>The distinct ids of the slot's functions, in address order.</summary>
    public IReadOnlyList<PciId> Ids => SlotFunctions.Select(f => f.Id).OfType<PciId>().Distinct().ToArray();

    /// <summary>What to run the generator with for this GPU; null for the CPU's integrated graphics and when a slot function's id could not be read.</summary>
    public Suggestion? Suggestion => Gpu.IsIntegratedIntelGraphics || SlotFunctions.Any(f => f.Id is null)
        ? null
        : new Suggestion(Ids, SlotFunctions.Select(f => f.Address).ToArray(), NeedsBindByAddress, Platform, DrivesHostDisplay && !AlreadyBound);

    /// <summary>Why no command is offered for this GPU, as one clause; null when one is.</summary>
    public string? NoCommand =>
        Gpu.IsIntegratedIntelGraphics ? IntegratedGraphics.Why
        : !Isolated ? $"not isolated: its IOMMU group also holds {string.Join(", ", SharedWith.Select(f => f.Address))}; those would have to be passed through too, or the group split with an ACS override patch"
        : Suggestion is null ? UnreadableIds
        : null;

    /// <summary>The slot's ids are the command's --ids: without all of them there is no command.</summary>
    public const string UnreadableIds = "the ids of some functions of the slot could not be read";

    /// <summary>Every function of the slot is on vfio-pci already: the host does not draw on it.</summary>
    public bool AlreadyBound => SlotFunctions.All(function => function.Driver == "vfio-pci");
}
