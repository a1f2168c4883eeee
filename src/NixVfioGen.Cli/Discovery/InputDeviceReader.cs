using NixVfioGen.Input;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Discovery;

/// <summary>
/// Reads the host's input candidates under a root: udev's keyboard and mouse links in
/// /dev/input/by-id (their names only; the links are not followed), and the USB devices in
/// /sys/bus/usb/devices. Never writes; paths stay inside the root and attributes are read with
/// <see cref="HostFile"/>'s bounds; an entry that cannot be read or named is left out.
/// </summary>
internal sealed class InputDeviceReader(HostRoot host)
{
    private const string ById = "/dev/input/by-id";
    private const string UsbDevices = "/sys/bus/usb/devices";

    /// <summary>USB class 09: hubs, which carry the other devices and are never handed over.</summary>
    private const string HubClass = "09";

    public InputDeviceReader(string root)
        : this(new HostRoot(root))
    {
    }

    public InputCandidates Read() => new(ReadEvdev(), ReadUsb());

    private IReadOnlyList<EvdevDevice> ReadEvdev() =>
        (host.Entries(ById) ?? [])
            .Where(name => name.EndsWith(EvdevDevice.KeyboardSuffix, StringComparison.Ordinal) || name.EndsWith(EvdevDevice.MouseSuffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => TryParse(() => EvdevDevice.Parse($"{ById}/{name}")))
            .OfType<EvdevDevice>()
            .ToArray();

    // Devices are named bus-port (1-2, 3-1.4); interfaces (1-2:1.0) and root hubs (usb1) are not devices to hand over.
    private IReadOnlyList<UsbDevice> ReadUsb() =>
        (host.Entries(UsbDevices) ?? [])
            .Where(name => !name.Contains(':') && !name.StartsWith("usb", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => ReadUsbDevice($"{UsbDevices}/{name}"))
            .OfType<UsbDevice>()
            .DistinctBy(device => device.Id)
            .ToArray();

    private UsbDevice? ReadUsbDevice(string directory)
    {
        if (Attribute(directory, "bDeviceClass") == HubClass
            || TryParse(() => UsbId.Parse($"{Attribute(directory, "idVendor")}:{Attribute(directory, "idProduct")}")) is not { } id)
        {
            return null;
        }
        var name = string.Join(' ', new[] { Attribute(directory, "manufacturer"), Attribute(directory, "product") }.OfType<string>());
        return new UsbDevice(id, CliInputException.Printable(name.Length == 0 ? "(no name)" : name, 60));
    }

    private string? Attribute(string directory, string name) => host.Read($"{directory}/{name}").TextOrNull?.Trim();

    private static T? TryParse<T>(Func<T> parse) where T : class
    {
        try
        {
            return parse();
        }
        catch (InvalidInputException)
        {
            return null;
        }
    }
}
