using NixVfioGen.Iommu;

namespace NixVfioGen.Cli.Discovery;

/// <summary>Finds and loads pci.ids: --pci-ids, the Nix wrapper's variable, then the usual distribution paths.</summary>
internal static class PciIdsLocator
{
    public const string EnvironmentVariable = "NIX_VFIO_GEN_PCI_IDS";

    /// <summary>The Nix wrapper's variable first, then the usual distribution paths.</summary>
    public static IReadOnlyList<string> SearchPaths(string? environmentPath) =>
        [.. new[] { environmentPath }.OfType<string>(), .. UsualPaths];

    private static IReadOnlyList<string> UsualPaths { get; } =
    [
        "/run/current-system/sw/share/hwdata/pci.ids",
        "/usr/share/hwdata/pci.ids",
        "/usr/share/misc/pci.ids",
        "/usr/share/pci.ids",
    ];

    /// <summary>The database, or null when none could be found (list-iommu then prints ids only).</summary>
    public static PciIdsDatabase? Load(string? explicitPath, IReadOnlyList<string> searchPaths)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath)
                ? Read(explicitPath)
                : throw new CliInputException($"--pci-ids: '{CliInputException.Printable(explicitPath)}' does not exist; expected a pci.ids file");
        }
        var found = searchPaths.FirstOrDefault(File.Exists);
        return found is null ? null : Read(found);
    }

    private static PciIdsDatabase Read(string path)
    {
        using var reader = new StreamReader(path);
        return PciIdsDatabase.Parse(reader);
    }
}
