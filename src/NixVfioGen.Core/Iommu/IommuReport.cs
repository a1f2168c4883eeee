using System.Text;

namespace NixVfioGen.Iommu;

/// <summary>The text report of list-iommu: device lines, driver lines, then one verdict per GPU.</summary>
public static class IommuReport
{
    public static string Text(IommuAnalysis analysis, PciIdsDatabase names, Func<Suggestion, string>? command)
    {
        var builder = new StringBuilder();
        foreach (var group in analysis.Groups)
        {
            foreach (var function in group.Functions)
            {
                builder.Append(LspciFormat.Line(group.Number, function, names)).Append('\n');
                if (function.Driver is { } driver)
                {
                    builder.Append("\tKernel driver in use: ").Append(driver).Append('\n');
                }
                foreach (var problem in function.Problems)
                {
                    builder.Append("\tProblem: ").Append(problem).Append('\n');
                }
            }
        }
        if (analysis.Gpus.Count == 0)
        {
            builder.Append("\nNo display controller (PCI class 03xx) found.\n");
            return builder.ToString();
        }
        foreach (var gpu in analysis.Gpus)
        {
            builder.Append('\n').Append(Verdict(gpu, names));
            if (gpu.Gpu.IsIntegratedIntelGraphics)
            {
                // The verdict says why there is no command; nothing binds it, so no note about binding it.
                builder.Append(gpu.Gpu.BootVga ? IntegratedBootGpuNote : "");
                continue;
            }
            builder.Append(HostDisplayNotes(gpu, analysis.Gpus.Count));
            if (command is not null && gpu.Isolated)
            {
                builder.Append(gpu.Suggestion is { } suggestion
                    ? SingleGpuNote(suggestion) + "  Run: " + command(suggestion) + "\n"
                    : $"  No command: {GpuVerdict.UnreadableIds} (see the problems above).\n");
            }
        }
        return builder.ToString();
    }

    /// <summary>Before a single-GPU command: what running it means for the host's screen.</summary>
    public static string SingleGpuNote(Suggestion suggestion) => suggestion.SingleGpu
        ? "  Single GPU: the command below hands it to the VM only while the VM runs; the desktop stops, and the guest shows on this GPU's monitor.\n"
        : "";

    public const string BootGpuNote = "  This is the boot GPU (boot_vga = 1): binding it at boot leaves the host without this display.\n";

    /// <summary>For integrated graphics, which get no command: nothing would bind it, so only what it is.</summary>
    public const string IntegratedBootGpuNote = "  This is the boot GPU (boot_vga = 1): the host's display.\n";

    /// <summary>What binding this GPU at boot means for the host's own display, and whether it is done already.</summary>
    public static string HostDisplayNotes(GpuVerdict gpu, int displayControllers)
    {
        var builder = new StringBuilder();
        if (gpu.AlreadyBound)
        {
            builder.Append("  Already bound to vfio-pci.\n");
        }
        else if (displayControllers == 1)
        {
            builder.Append("  It is the only display controller: binding it at boot leaves the host without a display (use another GPU or the CPU's graphics for the host).\n");
        }
        else if (gpu.Gpu.BootVga)
        {
            builder.Append(BootGpuNote);
        }
        return builder.ToString();
    }

    private static string Verdict(GpuVerdict gpu, PciIdsDatabase names)
    {
        var builder = new StringBuilder();
        var name = $"GPU {gpu.Gpu.Address} ({LspciFormat.DeviceName(gpu.Gpu, names)}), IOMMU group {gpu.Group}";
        if (gpu.Gpu.IsIntegratedIntelGraphics)
        {
            // Its group and identical ids do not matter: nothing is offered for it.
            return $"Verdict: {name}: not offered for passthrough: {IntegratedGraphics.Why}.\n";
        }
        if (gpu.Isolated)
        {
            var functions = string.Join(", ", gpu.SlotFunctions.Select(f => f.Address));
            builder.Append($"Verdict: {name}: can be passed through; pass all functions of its slot: {functions}.\n");
        }
        else
        {
            builder.Append($"Verdict: {name}: not isolated; its group also holds:\n");
            foreach (var other in gpu.SharedWith)
            {
                builder.Append("  ").Append(LspciFormat.ShortAddress(other)).Append(' ').Append(LspciFormat.Describe(other, names)).Append('\n');
            }
            builder.Append("  These would have to be passed through too, or the group split with an ACS override patch.\n");
        }
        if (gpu.NeedsBindByAddress)
        {
            var others = string.Join(", ", gpu.IdenticalElsewhere.Select(f => $"{f.Address} [{f.Id}]"));
            builder.Append($"  Identical ids elsewhere ({others}): binding by id would capture those too: bind by address.\n");
        }
        return builder.ToString();
    }
}
