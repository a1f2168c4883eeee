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
            StartupTrace.Mark("sysfs check");
            var names = PciIdsLocator.Load(result.GetValue(pciIds), environment.PciIdsSearchPaths);
            StartupTrace.Mark("pci.ids");
            // Read before the note: an error is then the one line on stderr.
            var groups = reader.ReadGroups();
            StartupTrace.Mark("sysfs");
            if (names is null)
            {
                environment.Error.WriteLine("nix-vfio-gen: note: no pci.ids database found (install hwdata or pass --pci-ids); showing ids only");
            }
            var tuning = result.GetValue(suggest) ? Tuning(root) : null;
            // The host's keyboards, mice and USB devices, read only when a single-GPU command needs them.
            var inputs = new Lazy<InputCandidates>(() => new InputDeviceReader(root).Read());
            string Format(Suggestion suggestion) => SuggestedCommand.Format(suggestion, inputs.Value);
            string Command(Suggestion suggestion) => SuggestedCommand.Command(suggestion, inputs.Value);
            string Inputs(bool singleGpu) => result.GetValue(suggest) && singleGpu ? SuggestedCommand.Inputs(inputs.Value) : "";
            if (groups.Count == 0)
            {
                // Still useful: the GPUs and their functions, so the module that turns the IOMMU on can be generated.
                var bus = reader.ReadBus();
                var problem = IommuOffReport.Reason(IommuOffReport.PlatformOf(bus));
                environment.Out.Write(result.GetValue(json)
                    ? IommuJson.SerializeBus(bus, names ?? PciIdsDatabase.Empty, Command, problem, tuning?.Json)
                    : TerminalText.Escape(IommuOffReport.Text(bus, names ?? PciIdsDatabase.Empty, result.GetValue(suggest) ? Format : null)
                        + Inputs(IommuOffReport.Gpus(bus).Any(gpu => gpu.Suggestion is { SingleGpu: true })) + tuning?.Text));
                environment.Error.WriteLine("nix-vfio-gen: " + problem);
                return ExitCodes.IommuDisabled;
            }
            var analysis = IommuAnalysis.Analyze(groups);
            environment.Out.Write(result.GetValue(json)
                ? IommuJson.Serialize(analysis, names ?? PciIdsDatabase.Empty, Command, tuning?.Json)
                : TerminalText.Escape(IommuReport.Text(analysis, names ?? PciIdsDatabase.Empty, result.GetValue(suggest) ? Format : null)
                    + Inputs(analysis.Gpus.Any(gpu => gpu.Isolated && gpu.Suggestion is { SingleGpu: true })) + tuning?.Text));
            return ExitCodes.Success;
        });
        return command;
    }

    // Pinning and memory from the real topology, as text and as JSON; nothing when the CPUs cannot be read.
    private static (string Text, IommuJson.Tuning Json)? Tuning(string root)
    {
        var reader = new CpuTopologyReader(root);
        var cpus = reader.ReadCpus();
        return NixVfioGen.Tuning.PinningSuggestion.For(cpus, reader.ReadMemoryMiB()) is { } suggestion
            ? (SuggestedCommand.Tuning(suggestion, cpus.Count), new IommuJson.Tuning(cpus.Count, suggestion.Options, suggestion.Why))
            : null;
    }
}
