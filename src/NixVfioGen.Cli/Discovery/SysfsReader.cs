using System.Globalization;
using NixVfioGen.Iommu;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Discovery;

/// <summary>
/// Reads IOMMU groups and PCI functions from a sysfs tree, never writing. Anything odd about one
/// device (missing, unreadable or oversized attributes, FIFOs, broken links, non-hex values) is
/// recorded on that device; the rest is still read. Every path stays inside the root (<see cref="HostRoot"/>)
/// and every attribute is read with a bound (<see cref="HostFile"/>).
/// </summary>
internal sealed class SysfsReader(HostRoot host)
{
    private const string Groups = "/sys/kernel/iommu_groups";
    private const string Devices = "/sys/bus/pci/devices";

    public SysfsReader(string root)
        : this(new HostRoot(root))
    {
    }

    /// <summary>Whether the root holds a PCI bus at all: a wrong --sysfs-root, not an IOMMU that is off.</summary>
    public bool HasPciBus => host.IsDirectory(Devices);

    /// <summary>Every function on the bus, in address order, whatever the IOMMU's state.</summary>
    public IReadOnlyList<PciFunction> ReadBus() =>
        (host.Entries(Devices) ?? [])
            .Select(ReadFunction)
            .OfType<PciFunction>()
            .OrderBy(function => function.Address)
            .ToArray();

    /// <summary>The groups, or none when the IOMMU is off (the directory is missing or empty).</summary>
    public IReadOnlyList<IommuGroup> ReadGroups()
    {
        var entries = host.Entries(Groups)
            ?? throw new CliInputException($"cannot read {Groups} (permission denied or not a directory); run as a user who can read sysfs");
        var groups = new List<IommuGroup>();
        foreach (var name in entries.Order(StringComparer.Ordinal))
        {
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || !host.IsDirectory($"{Groups}/{name}"))
            {
                continue;
            }
            var functions = (host.Entries($"{Groups}/{name}/devices") ?? [])
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
        var device = $"{Devices}/{name}";
        if (!host.IsDirectory(device))
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
            host.Read($"{device}/boot_vga").TextOrNull?.Trim() == "1");
    }

    private static PciId? Id(int? vendor, int? device) =>
        vendor is { } v && device is { } d ? PciId.FromCodes((ushort)v, (ushort)d) : null;

    // Attribute files hold "0x1002\n"; anything else is reported, not guessed at.
    private int? ReadHex(string device, string attribute, int maxDigits, List<string> problems)
    {
        string text;
        switch (host.Read($"{device}/{attribute}"))
        {
            case HostText.Read read:
                text = read.Text.Trim();
                break;
            case HostText.Refused refused:
                problems.Add($"{attribute}: cannot be read ({refused.Reason})");
                return null;
            default:
                problems.Add($"{attribute}: missing");
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

    // A driver link whose driver is gone (a deleted or unloaded driver's directory) binds nothing.
    private string? ReadDriver(string device, List<string> problems)
    {
        if (host.LinkTarget($"{device}/driver") is not { } target)
        {
            return null;
        }
        var name = Path.GetFileName(target.TrimEnd('/'));
        if (!host.IsDirectory($"{device}/driver"))
        {
            problems.Add($"driver: link to '{CliInputException.Printable(name)}' is broken");
            return null;
        }
        return name;
    }
}
