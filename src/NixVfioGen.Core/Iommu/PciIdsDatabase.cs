using System.Globalization;

namespace NixVfioGen.Iommu;

/// <summary>
/// The pci.ids database (vendors, devices, subsystems, classes, subclasses, programming interfaces),
/// parsed from its text. Unknown ids simply have no name.
/// </summary>
public sealed class PciIdsDatabase
{
    private readonly Dictionary<int, string> vendors = new();
    private readonly Dictionary<(int Vendor, int Device), string> devices = new();
    private readonly Dictionary<(int Vendor, int Device, int SubVendor, int SubDevice), string> subsystems = new();
    private readonly Dictionary<int, string> classes = new();
    private readonly Dictionary<(int Class, int Subclass), string> subclasses = new();
    private readonly Dictionary<(int Class, int Subclass, int ProgIf), string> programmingInterfaces = new();

    /// <summary>A database that knows no names, for when none is installed.</summary>
    public static PciIdsDatabase Empty { get; } = new();

    public string? Vendor(int vendor) => vendors.GetValueOrDefault(vendor);

    public string? Device(int vendor, int device) => devices.GetValueOrDefault((vendor, device));

    public string? Subsystem(int vendor, int device, int subVendor, int subDevice) =>
        subsystems.GetValueOrDefault((vendor, device, subVendor, subDevice));

    public string? Class(int classCode) => classes.GetValueOrDefault(classCode);

    public string? Subclass(int classCode, int subclass) => subclasses.GetValueOrDefault((classCode, subclass));

    /// <summary>The subclass name of a 24-bit class code (0x030000 → "VGA compatible controller"), else its class name.</summary>
    public string? ClassName(int classCode) =>
        Subclass(classCode >> 16, (classCode >> 8) & 0xff) ?? Class(classCode >> 16);

    public string? Vendor(Model.PciId id) => Vendor(id.VendorCode);

    public string? Device(Model.PciId id) => Device(id.VendorCode, id.DeviceCode);

    public string? Subsystem(Model.PciId id, Model.PciId subsystem) =>
        Subsystem(id.VendorCode, id.DeviceCode, subsystem.VendorCode, subsystem.DeviceCode);

    public string? ProgrammingInterface(int classCode, int subclass, int progIf) =>
        programmingInterfaces.GetValueOrDefault((classCode, subclass, progIf));

    /// <summary>Parses the file format: vendors at column 0, devices after one tab, subsystems after two; classes after "C ".</summary>
    public static PciIdsDatabase Parse(TextReader reader)
    {
        var database = new PciIdsDatabase();
        int? vendor = null, device = null, classCode = null, subclass = null;
        var inClasses = false;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var depth = line.TakeWhile(c => c == '\t').Count();
            var body = line[depth..];
            if (depth == 0)
            {
                inClasses = body.StartsWith("C ", StringComparison.Ordinal);
                if (inClasses && TryHex(body[2..], 2, out var cls, out var className))
                {
                    classCode = cls;
                    database.classes[cls] = className;
                }
                else if (!inClasses && TryHex(body, 4, out var v, out var vendorName))
                {
                    vendor = v;
                    database.vendors[v] = vendorName;
                }
                else
                {
                    // Other top-level sections (device classes by other names, USB languages…) end the one we read.
                    vendor = null;
                    classCode = null;
                    inClasses = false;
                }
                device = subclass = null;
                continue;
            }
            if (inClasses && classCode is { } c)
            {
                if (depth == 1 && TryHex(body, 2, out var sub, out var subName))
                {
                    subclass = sub;
                    database.subclasses[(c, sub)] = subName;
                }
                else if (depth == 2 && subclass is { } s && TryHex(body, 2, out var progIf, out var progIfName))
                {
                    database.programmingInterfaces[(c, s, progIf)] = progIfName;
                }
                continue;
            }
            if (vendor is not { } currentVendor)
            {
                continue;
            }
            if (depth == 1 && TryHex(body, 4, out var d, out var deviceName))
            {
                device = d;
                database.devices[(currentVendor, d)] = deviceName;
            }
            else if (depth == 2 && device is { } currentDevice && body.Length > 10
                && TryHex(body[..4], 4, out var subVendor, out _, requireName: false)
                && TryHex(body[5..], 4, out var subDevice, out var subsystemName))
            {
                database.subsystems[(currentVendor, currentDevice, subVendor, subDevice)] = subsystemName;
            }
        }
        return database;
    }

    // "67df  Ellesmere [...]": `digits` hex digits, then two spaces and the name.
    private static bool TryHex(string text, int digits, out int value, out string name, bool requireName = true)
    {
        value = 0;
        name = "";
        if (text.Length < digits || !int.TryParse(text.AsSpan(0, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }
        name = text[digits..].Trim();
        return !requireName || name.Length > 0;
    }
}
