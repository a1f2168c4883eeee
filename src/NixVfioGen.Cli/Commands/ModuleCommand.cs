using System.CommandLine;
using NixVfioGen.Cli.Output;
using NixVfioGen.Generation;
using NixVfioGen.Nix;

namespace NixVfioGen.Cli.Commands;

/// <summary><c>nix-vfio-gen module</c>: the host module alone.</summary>
internal static class ModuleCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var shared = new SharedOptionSet();
        var host = new HostOptionSet(shared, withTheVm: false);
        var output = new OutputOptionSet();
        var command = new Command("module", "Print the NixOS host module only (IOMMU, vfio-pci, libvirtd, Looking Glass)");
        command.AddAll(host.All, shared.All, output.All);
        host.AddValidators(command);
        command.SetAction(async (result, cancellation) =>
        {
            var options = host.Read(result);
            StartupTrace.Mark("model");
            var tree = HostModuleBuilder.Build(options);
            StartupTrace.Mark("nix tree");
            var text = NixRenderer.Render(tree);
            StartupTrace.Mark("render");
            await GeneratedOutput.EmitAsync(environment, output, result, [new GeneratedFile("vfio.nix", text, IsNix: true)], cancellation);
            UserNote.WriteIfMissing(environment, options);
            OptionWarnings.ForLookingGlass(environment, result, shared, options.LookingGlass);
            OptionWarnings.ForModulePci(environment, result, shared, options);
            OptionWarnings.ForEvdev(environment, options.Evdev);
            OptionWarnings.ForUser(environment, options);
            return ExitCodes.Success;
        });
        return command;
    }
}
