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
            var shown = CliInputException.Printable(explicitPath);
            if (Directory.Exists(explicitPath))
            {
                throw new CliInputException($"--pci-ids: '{shown}' is a directory; expected a pci.ids file (e.g. /usr/share/hwdata/pci.ids)");
            }
            if (!File.Exists(explicitPath))
            {
                throw new CliInputException($"--pci-ids: '{shown}' does not exist; expected a pci.ids file (e.g. /usr/share/hwdata/pci.ids)");
            }
            try
            {
                return Read(explicitPath);
            }
            catch (UnauthorizedAccessException)
            {
                throw new CliInputException($"--pci-ids: '{shown}' cannot be read (permission denied)");
            }
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
