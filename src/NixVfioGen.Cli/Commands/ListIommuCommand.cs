using System.CommandLine;
using NixVfioGen.Cli.Discovery;
using NixVfioGen.Input;
using NixVfioGen.Iommu;

namespace NixVfioGen.Cli.Commands;

/// <summary><c>nix-vfio-gen list-iommu</c>: the one impure command; reads sysfs, never writes.</summary>
internal static class ListIommuCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var sysfsRoot = new Option<string>("--sysfs-root")
        {
            Description = "Root of the tree holding sys/kernel/iommu_groups and sys/bus/pci (for tests and chroots)",
            DefaultValueFactory = _ => "/",
            HelpName = "DIR",
        };
        var pciIds = new Option<string?>("--pci-ids")
        {
            Description = "pci.ids database for names (default: the usual places, e.g. /usr/share/hwdata/pci.ids)",
            HelpName = "FILE",
        };
        var json = new Option<bool>("--json") { Description = "Print the groups and verdicts as JSON" };
        var suggest = new Option<bool>("--suggest") { Description = "Print the nix-vfio-gen command for each GPU that can be passed through" };
        var command = new Command("list-iommu", "List IOMMU groups, say whether each GPU can be passed through, and suggest the command");
        command.AddAll([sysfsRoot, pciIds, json, suggest]);
        command.SetAction(result =>
        {
            var root = result.GetValue(sysfsRoot)!;
            var reader = new SysfsReader(root);
            if (!reader.HasPciBus)
            {
                throw new CliInputException($"--sysfs-root: '{CliInputException.Printable(root)}' holds no sys/bus/pci/devices; expected the directory that contains sys/, e.g. /");
            }
            var names = PciIdsLocator.Load(result.GetValue(pciIds), environment.PciIdsSearchPaths);
            if (names is null)
            {
                environment.Error.WriteLine("nix-vfio-gen: note: no pci.ids database found (install hwdata or pass --pci-ids); showing ids only");
            }
            // Read only when a single-GPU command needs them.
            var inputs = new Lazy<InputCandidates>(() => new InputDeviceReader(root).Read());
            var groups = reader.ReadGroups();
            if (groups.Count == 0)
            {
                // Still useful: the GPUs and their functions, so the module that turns the IOMMU on can be generated.
                var bus = reader.ReadBus();
                environment.Out.Write(IommuOffReport.Text(bus, names ?? PciIdsDatabase.Empty, result.GetValue(suggest) ? suggestion => SuggestedCommand.Format(suggestion, inputs.Value) : null));
                if (result.GetValue(suggest))
                {
                    environment.Out.Write(InputsFor(IommuOffReport.DisplayControllers(bus).Any(gpu => IommuOffReport.DrivesHostDisplay(bus, gpu)), inputs.Value));
                    environment.Out.Write(Tuning(root));
                }
                environment.Error.WriteLine("nix-vfio-gen: " + IommuOffReport.Reason(IommuOffReport.PlatformOf(bus)));
                return ExitCodes.IommuDisabled;
            }
            var analysis = IommuAnalysis.Analyze(groups);
            var singleGpu = analysis.Gpus.Any(gpu => gpu.Isolated && gpu.Suggestion is { SingleGpu: true });
            environment.Out.Write(result.GetValue(json)
                ? IommuJson.Serialize(analysis, names ?? PciIdsDatabase.Empty, suggestion => SuggestedCommand.Command(suggestion, inputs.Value))
                : IommuReport.Text(analysis, names ?? PciIdsDatabase.Empty, result.GetValue(suggest) ? suggestion => SuggestedCommand.Format(suggestion, inputs.Value) : null)
                    + (result.GetValue(suggest) ? InputsFor(singleGpu, inputs.Value) + Tuning(root) : ""));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string InputsFor(bool singleGpu, InputCandidates inputs) => singleGpu ? SuggestedCommand.Inputs(inputs) : "";

    // Pinning from the real topology; nothing when the CPUs cannot be read.
    private static string Tuning(string root)
    {
        var reader = new CpuTopologyReader(root);
        var cpus = reader.ReadCpus();
        return NixVfioGen.Tuning.PinningSuggestion.For(cpus, reader.ReadMemoryMiB()) is { } suggestion
            ? SuggestedCommand.Tuning(suggestion, cpus.Count)
            : "";
    }
}
