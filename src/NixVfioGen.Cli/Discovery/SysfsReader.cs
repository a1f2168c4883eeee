using System.Globalization;
using NixVfioGen.Iommu;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Discovery;

/// <summary>
/// Reads IOMMU groups and PCI functions from a sysfs tree, never writing. Anything odd about one
/// device (missing or unreadable attributes, broken links, non-hex values) is recorded on that device;
/// the rest is still read.
/// </summary>
internal sealed class SysfsReader(string root)
{
    public string GroupsDirectory => Path.Combine(root, "sys", "kernel", "iommu_groups");

    public string DevicesDirectory => Path.Combine(root, "sys", "bus", "pci", "devices");

    /// <summary>Whether the root holds a PCI bus at all: a wrong --sysfs-root, not an IOMMU that is off.</summary>
    public bool HasPciBus => Directory.Exists(DevicesDirectory);

    /// <summary>Every function on the bus, in address order, whatever the IOMMU's state.</summary>
    public IReadOnlyList<PciFunction> ReadBus() =>
        SafeEntries(DevicesDirectory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Select(ReadFunction)
            .OfType<PciFunction>()
            .OrderBy(function => function.Address)
            .ToArray();

    /// <summary>The groups, or none when the IOMMU is off (the directory is missing or empty).</summary>
    public IReadOnlyList<IommuGroup> ReadGroups()
    {
        if (!Directory.Exists(GroupsDirectory))
        {
            return [];
        }
        var groups = new List<IommuGroup>();
        foreach (var groupDirectory in Directory.EnumerateDirectories(GroupsDirectory))
        {
            if (!int.TryParse(Path.GetFileName(groupDirectory), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                continue;
            }
            var devicesDirectory = Path.Combine(groupDirectory, "devices");
            var functions = SafeEntries(devicesDirectory)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Select(ReadFunction)
                .OfType<PciFunction>()
                .ToArray();
            groups.Add(new IommuGroup(number, functions));
        }
        return groups;
    }

    private PciFunction? ReadFunction(string name)
    {
        PciAddress address;
        try
        {
            address = PciAddress.Parse(name);
        }
        catch (InvalidInputException)
        {
            return null;
        }
        var problems = new List<string>();
        var device = Path.Combine(root, "sys", "bus", "pci", "devices", name);
        if (!Directory.Exists(device))
        {
            problems.Add("in an IOMMU group but not under /sys/bus/pci/devices");
            return new PciFunction(address, null, null, null, null, null, problems);
        }
        var vendor = ReadHex(device, "vendor", 4, problems);
        var product = ReadHex(device, "device", 4, problems);
        var classCode = ReadHex(device, "class", 6, problems);
        var revision = ReadHex(device, "revision", 2, problems);
        var subVendor = ReadHex(device, "subsystem_vendor", 4, problems);
        var subDevice = ReadHex(device, "subsystem_device", 4, problems);
        return new PciFunction(
            address,
            Id(vendor, product),
            classCode,
            revision,
            Id(subVendor, subDevice),
            ReadDriver(device, problems),
            problems,
            ReadBootVga(device));
    }

    private static PciId? Id(int? vendor, int? device) =>
        vendor is { } v && device is { } d ? PciId.FromCodes((ushort)v, (ushort)d) : null;

    // Attribute files hold "0x1002\n"; anything else is reported, not guessed at.
    private static int? ReadHex(string device, string attribute, int maxDigits, List<string> problems)
    {
        var path = Path.Combine(device, attribute);
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{attribute}: {(File.Exists(path) || Directory.Exists(path) ? "cannot be read" : "missing")}");
            return null;
        }
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (digits.Length is 0 || digits.Length > maxDigits
            || !int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            problems.Add($"{attribute}: '{CliInputException.Printable(text)}' is not a hex value");
            return null;
        }
        return value;
    }

    // boot_vga exists only on VGA devices; "1" marks the one the firmware showed its screen on.
    private static bool ReadBootVga(string device)
    {
        try
        {
            return File.ReadAllText(Path.Combine(device, "boot_vga")).Trim() == "1";
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string? ReadDriver(string device, List<string> problems)
    {
        var link = new FileInfo(Path.Combine(device, "driver"));
        if (link.LinkTarget is not { } target)
        {
            return null;
        }
        var name = Path.GetFileName(target.TrimEnd('/'));
        if (!Directory.Exists(Path.Combine(device, "driver")))
        {
            problems.Add($"driver: link to '{CliInputException.Printable(name)}' is broken");
        }
        return name;
    }

    /// <summary>The entries of a directory, or none when it is missing or unreadable.</summary>
    internal static IEnumerable<string> SafeEntries(string directory)
    {
        try
        {
            return Directory.GetFileSystemEntries(directory);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
