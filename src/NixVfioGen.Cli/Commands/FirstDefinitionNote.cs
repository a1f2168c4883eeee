using NixVfioGen.Host;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>
/// The one stderr line that says how to get from a generated file to a VM that starts, when the
/// module does not create the disk and define the domain itself (no --define).
/// </summary>
internal static class FirstDefinitionNote
{
    public static void Write(CliEnvironment environment, DomainOptions domain, string? xmlFile = null)
    {
        var commands = FirstDefinition.Commands(domain, xmlFile);
        environment.Error.WriteLine(
            "nix-vfio-gen: next: after nixos-rebuild switch and a reboot, " + (commands.Count > 1 ? "create the disk and define the VM once" : "define the VM once") + ": sudo " +
            string.Join(" && sudo ", commands) + (xmlFile is null ? " (or regenerate with --define to have the module do both at boot)" : ""));
    }
}
