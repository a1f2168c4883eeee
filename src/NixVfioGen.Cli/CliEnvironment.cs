using NixVfioGen.Cli.Formatting;

namespace NixVfioGen.Cli;

/// <summary>The edges the CLI touches: its two streams and the formatter process runner.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="Formatter">Runs external Nix formatters.</param>
/// <param name="PciIdsSearchPaths">Where list-iommu looks for pci.ids, first match wins.</param>
/// <param name="Libvirt">How doctor asks libvirt; null: virsh from the process's PATH.</param>
internal sealed record CliEnvironment(TextWriter Out, TextWriter Error, INixFormatter Formatter, IReadOnlyList<string> PciIdsSearchPaths, Discovery.ILibvirtProbe? Libvirt = null)
{
    /// <summary>What relative paths given as options are relative to.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    public static CliEnvironment FromProcess() => new(
        Console.Out,
        Console.Error,
        new ProcessNixFormatter(Environment.GetEnvironmentVariable("PATH"), TimeSpan.FromSeconds(20)),
        Discovery.PciIdsLocator.SearchPaths(Environment.GetEnvironmentVariable(Discovery.PciIdsLocator.EnvironmentVariable)));
}
