using System.CommandLine;
using NixVfioGen.Cli.Discovery;
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
            var reader = new SysfsReader(result.GetValue(sysfsRoot)!);
            var groups = reader.ReadGroups();
            if (groups.Count == 0)
            {
                environment.Error.WriteLine(
                    "nix-vfio-gen: no IOMMU groups: the IOMMU is off. Enable VT-d (Intel) or AMD-Vi/IOMMU (AMD) in the firmware setup; " +
                    "the generated module adds the kernel parameters intel_iommu=on iommu=pt.");
                return ExitCodes.IommuDisabled;
            }
            var names = PciIdsLocator.Load(result.GetValue(pciIds), environment.PciIdsSearchPaths);
            if (names is null)
            {
                environment.Error.WriteLine("nix-vfio-gen: note: no pci.ids database found (install hwdata or pass --pci-ids); showing ids only");
            }
            var analysis = IommuAnalysis.Analyze(groups);
            environment.Out.Write(result.GetValue(json)
                ? IommuJson.Serialize(analysis, names ?? PciIdsDatabase.Empty)
                : IommuReport.Text(analysis, names ?? PciIdsDatabase.Empty, result.GetValue(suggest)));
            return ExitCodes.Success;
        });
        return command;
    }
}
