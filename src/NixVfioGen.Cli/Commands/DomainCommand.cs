using System.CommandLine;
using NixVfioGen.Cli.Output;
using NixVfioGen.Domain;

namespace NixVfioGen.Cli.Commands;

/// <summary><c>nix-vfio-gen domain</c>: the libvirt domain XML alone, ready for <c>virsh -c qemu:///system define</c>.</summary>
internal static class DomainCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var shared = new SharedOptionSet();
        var domain = new DomainOptionSet(shared, environment.WorkingDirectory, withTheModule: false);
        var output = new OutputOptionSet();
        var command = new Command("domain", "Print the libvirt domain XML for the Windows guest (ready for virsh -c qemu:///system define)");
        // XML passes through no Nix formatter, so the domain command takes no --formatter.
        command.AddAll(domain.All, shared.All, [output.Output]);
        domain.AddValidators(command);
        command.SetAction(async (result, cancellation) =>
        {
            var options = domain.Read(result);
            StartupTrace.Mark("model");
            var xml = DomainXmlBuilder.Render(DomainXmlBuilder.Build(options));
            StartupTrace.Mark("xml");
            await GeneratedOutput.EmitAsync(environment, output, result, [new GeneratedFile($"{options.Name}.xml", xml, IsNix: false)], cancellation);
            // Only a file the tool wrote has a name it knows; stdout went wherever the user sent it.
            FirstDefinitionNote.Write(environment, options, result.GetValue(output.Output) is { } file and not "-" ? file : FirstDefinitionNote.SavedXml);
            OptionWarnings.ForLookingGlass(environment, result, shared, options.LookingGlass);
            OptionWarnings.ForDomain(environment, options);
            OptionWarnings.ForDomainAlone(environment, options);
            OptionWarnings.ForPaths(environment, result, domain);
            OptionWarnings.ForEvdev(environment, options.Evdev);
            return ExitCodes.Success;
        });
        return command;
    }
}
