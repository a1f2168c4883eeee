using NixVfioGen.Model;

namespace NixVfioGen.Iommu;

/// <summary>
/// What the generator should be run with for one GPU, as data: the command line that says it is the
/// CLI's to spell (Core knows no option names).
/// </summary>
/// <param name="Ids">The vendor:device ids of the slot's functions.</param>
/// <param name="Pci">The slot's functions.</param>
/// <param name="BindByAddress">Identical ids elsewhere: bind by address.</param>
/// <param name="Platform">The host's CPU vendor.</param>
/// <param name="SingleGpu">The GPU drives the host's display (the only one, or the boot GPU): it is handed
/// over when the VM starts, the guest draws on it alone and gets the host's keyboard and mouse.</param>
public sealed record Suggestion(IReadOnlyList<PciId> Ids, IReadOnlyList<PciAddress> Pci, bool BindByAddress, Platform Platform, bool SingleGpu = false);
