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
            return HostFile.Read(explicitPath, MaxBytes) switch
            {
                HostText.Read read => Parse(read.Text),
                HostText.Refused refused => throw new CliInputException($"--pci-ids: '{shown}' cannot be read ({refused.Reason}); expected a pci.ids file (e.g. /usr/share/hwdata/pci.ids)"),
                _ => throw new CliInputException($"--pci-ids: '{shown}' does not exist; expected a pci.ids file (e.g. /usr/share/hwdata/pci.ids)"),
            };
        }
        // A usual path that cannot be read (a FIFO, far too large) counts as none there.
        return searchPaths.Where(File.Exists).Select(path => HostFile.Read(path, MaxBytes).TextOrNull).OfType<string>().Select(Parse).FirstOrDefault();
    }

    /// <summary>pci.ids is about 1.4 MB (hwdata 2025); 16 MiB leaves room for decades of growth, not for /dev/zero.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    private static PciIdsDatabase Parse(string text)
    {
        using var reader = new StringReader(text);
        return PciIdsDatabase.Parse(reader);
    }
}
