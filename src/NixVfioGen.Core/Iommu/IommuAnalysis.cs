namespace NixVfioGen.Iommu;

/// <summary>Groups in numeric order with functions in address order, and a verdict for every GPU.</summary>
public sealed record IommuAnalysis(IReadOnlyList<IommuGroup> Groups, IReadOnlyList<GpuVerdict> Gpus)
{
    public static IommuAnalysis Analyze(IEnumerable<IommuGroup> groups)
    {
        // Loops where a LINQ Select would follow another operator: that is a generic virtual call, which
        // NativeAOT resolves through its type loader the first time (about 0.1 ms each; docs/performance.md).
        var ordered = groups.OrderBy(g => g.Number).ToArray();
        for (var i = 0; i < ordered.Length; i++)
        {
            ordered[i] = ordered[i] with { Functions = ordered[i].Functions.OrderBy(f => f.Address).ToArray() };
        }
        var all = ordered.SelectMany(g => g.Functions.Select(f => (Group: g.Number, Function: f))).ToArray();
        var platform = IommuOffReport.PlatformOf(all.Select(entry => entry.Function).ToArray());
        var displayControllers = all.Count(entry => entry.Function.IsDisplayController);
        var gpus = new List<GpuVerdict>();
        foreach (var entry in all)
        {
            if (entry.Function.IsDisplayController)
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
                gpus.Add(new GpuVerdict(entry.Function, entry.Group, slotFunctions, sharedWith, identical, platform,
                    DrivesHostDisplay: displayControllers == 1 || entry.Function.BootVga));
            }
        }
        return new IommuAnalysis(ordered, gpus);
    }
}
