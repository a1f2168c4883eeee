using NixVfioGen.Model;

namespace NixVfioGen.Iommu;

/// <summary>
/// What the generator should be run with for one GPU, as data: the command line that says it is the
/// CLI's to spell (Core knows no option names).
/// </summary>
public sealed record Suggestion(IReadOnlyList<PciId> Ids, IReadOnlyList<PciAddress> Pci, bool BindByAddress, Platform Platform);
