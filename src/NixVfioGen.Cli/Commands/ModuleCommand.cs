using System.CommandLine;
using NixVfioGen.Cli.Output;
using NixVfioGen.Host;
using NixVfioGen.Nix;

namespace NixVfioGen.Cli.Commands;

/// <summary><c>nix-vfio-gen module</c>: the host module alone.</summary>
internal static class ModuleCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var host = new HostOptionSet();
        var output = new OutputOptionSet();
        var command = new Command("module", "Print the NixOS host module only (IOMMU, vfio-pci, libvirtd, Looking Glass)");
        foreach (var option in host.All.Concat(output.All))
        {
            command.Options.Add(option);
        }
        command.SetAction(result =>
        {
            var options = host.Read(result);
            var text = NixRenderer.Render(HostModuleBuilder.Build(options));
            GeneratedOutput.Emit(environment, output, result, [new GeneratedFile("vfio.nix", text, IsNix: true)]);
            if (options.User is null)
            {
                environment.Error.WriteLine(UserNote);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    public const string UserNote =
        "nix-vfio-gen: note: no --user given; add your user to the groups libvirtd, kvm and qemu-libvirtd to run VMs and Looking Glass";
}
