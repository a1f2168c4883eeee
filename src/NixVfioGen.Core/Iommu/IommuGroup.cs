namespace NixVfioGen.Iommu;

/// <summary>An IOMMU group: the smallest set of functions that can be given to a guest together.</summary>
public sealed record IommuGroup(int Number, IReadOnlyList<PciFunction> Functions);
