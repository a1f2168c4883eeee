using NixVfioGen.Input;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Discovery;

/// <summary>
/// Reads the host's input candidates under a root: udev's keyboard and mouse links in
/// dev/input/by-id, and the USB devices in sys/bus/usb/devices. Never writes; an entry that cannot be
/// read or named is left out.
/// </summary>
internal sealed class InputDeviceReader(string root)
{
    /// <summary>USB class 09: hubs, which carry the other devices and are never handed over.</summary>
    private const string HubClass = "09";

    public InputCandidates Read() => new(ReadEvdev(), ReadUsb());

    private IReadOnlyList<EvdevDevice> ReadEvdev() =>
        SysfsReader.SafeEntries(Path.Combine(root, "dev", "input", "by-id"))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name.EndsWith(EvdevDevice.KeyboardSuffix, StringComparison.Ordinal) || name.EndsWith(EvdevDevice.MouseSuffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => TryParse(() => EvdevDevice.Parse(EvdevDevice.Directory + "by-id/" + name)))
            .OfType<EvdevDevice>()
            .ToArray();

    // Devices are named bus-port (1-2, 3-1.4); interfaces (1-2:1.0) and root hubs (usb1) are not devices to hand over.
    private IReadOnlyList<UsbDevice> ReadUsb() =>
        SysfsReader.SafeEntries(Path.Combine(root, "sys", "bus", "usb", "devices"))
            .Where(path => Path.GetFileName(path) is { } name && !name.Contains(':') && !name.StartsWith("usb", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(ReadUsbDevice)
            .OfType<UsbDevice>()
            .DistinctBy(device => device.Id)
            .ToArray();

    private static UsbDevice? ReadUsbDevice(string directory)
    {
        if (Attribute(directory, "bDeviceClass") == HubClass
            || TryParse(() => UsbId.Parse($"{Attribute(directory, "idVendor")}:{Attribute(directory, "idProduct")}")) is not { } id)
        {
            return null;
        }
        var name = string.Join(' ', new[] { Attribute(directory, "manufacturer"), Attribute(directory, "product") }.OfType<string>());
        return new UsbDevice(id, CliInputException.Printable(name.Length == 0 ? "(no name)" : name, 60));
    }

    private static string? Attribute(string directory, string name)
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, name)).Trim();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

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
