namespace NixVfioGen.Iommu;

/// <summary>Groups in numeric order with functions in address order, and a verdict for every GPU.</summary>
public sealed record IommuAnalysis(IReadOnlyList<IommuGroup> Groups, IReadOnlyList<GpuVerdict> Gpus)
{
    public static IommuAnalysis Analyze(IEnumerable<IommuGroup> groups)
    {
        var ordered = groups
            .OrderBy(g => g.Number)
            .Select(g => g with { Functions = g.Functions.OrderBy(f => f.Address).ToArray() })
            .ToArray();
        var all = ordered.SelectMany(g => g.Functions.Select(f => (Group: g.Number, Function: f))).ToArray();
        var platform = IommuOffReport.PlatformOf(all.Select(entry => entry.Function).ToArray());
        var displayControllers = all.Count(entry => entry.Function.IsDisplayController);
        var gpus = all
            .Where(entry => entry.Function.IsDisplayController)
            .Select(entry =>
            {
                var slot = entry.Function.Address.SlotAddress;
                var slotFunctions = all.Select(e => e.Function).Where(f => f.Address.SlotAddress == slot).ToArray();
                var sharedWith = ordered.Single(g => g.Number == entry.Group).Functions
                    .Where(f => f.Address.SlotAddress != slot && !f.IsPciBridge)
                    .ToArray();
                var ids = slotFunctions.Select(f => f.Id).OfType<Model.PciId>().ToHashSet();
                var identical = all.Select(e => e.Function)
                    .Where(f => f.Address.SlotAddress != slot && f.Id is { } id && ids.Contains(id))
                    .ToArray();
                return new GpuVerdict(entry.Function, entry.Group, slotFunctions, sharedWith, identical, platform,
                    DrivesHostDisplay: displayControllers == 1 || entry.Function.BootVga);
            })
            .ToArray();
        return new IommuAnalysis(ordered, gpus);
    }
}
