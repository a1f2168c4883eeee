using NixVfioGen.Host;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>
/// The one stderr line that says how to get from a generated file to a VM that starts, when the
/// module does not create the disk and define the domain itself (no --define).
/// </summary>
internal static class FirstDefinitionNote
{
    /// <summary>Stands for the file the domain command's stdout went to, which only the user knows.</summary>
    public const string SavedXml = "FILE";

    /// <param name="environment">Where the line goes.</param>
    /// <param name="domain">The VM.</param>
    /// <param name="xmlFile">The XML the tool wrote, <see cref="SavedXml"/>, or null for the module's /etc copy.</param>
    public static void Write(CliEnvironment environment, DomainOptions domain, string? xmlFile = null)
    {
        var commands = FirstDefinition.Commands(domain, xmlFile);
        environment.Error.WriteLine(
            "nix-vfio-gen: next: after nixos-rebuild switch and a reboot, " + (commands.Count > 1 ? "create the disk and define the VM once" : "define the VM once") + ": sudo " +
            string.Join(" && sudo ", commands)
            + xmlFile switch
            {
                null => " (or regenerate with --define to have the module do both at boot)",
                SavedXml => $" ({SavedXml}: the XML you saved)",
                _ => "",
            });
    }
}
