using System.Xml.Linq;
using NixVfioGen.Model;

namespace NixVfioGen.Domain;

/// <summary>
/// Input for a guest whose screen is the passed GPU's monitor, where no host display can feed SPICE:
/// host keyboards and mice read by QEMU through evdev, and whole USB devices.
/// </summary>
public static class InputDevices
{
    /// <summary>Both Ctrl keys together move keyboard and mouse between guest and host (QEMU's input-linux default, named).</summary>
    public const string GrabToggle = "ctrl-ctrl";

    /// <summary>
    /// libvirt's evdev input (formatdomain, "Input devices", since 7.4.0; grabToggle since 7.6.0). QEMU's
    /// input-linux reads grab-toggle and repeat from a keyboard's keys, and grab_all on the device whose
    /// toggle was pressed makes the other devices follow; it skips devices that have grab_all themselves
    /// (ui/input-linux.c, input_linux_toggle_grab), so only the first keyboard gets it. A mouse is read as it is.
    /// </summary>
    public static IEnumerable<XElement> Evdev(IReadOnlyList<EvdevDevice> devices)
    {
        var first = devices.FirstOrDefault(device => device.IsKeyboard);
        return devices.Select(device => new XElement("input", new XAttribute("type", "evdev"),
            new XElement("source",
                new XAttribute("dev", device.Path.Value),
                device == first ? new XAttribute("grab", "all") : null,
                device == first ? new XAttribute("grabToggle", GrabToggle) : null,
                device.IsKeyboard ? new XAttribute("repeat", "on") : null)));
    }

    /// <summary>
    /// Whole USB devices by vendor:product. startupPolicy 'optional' (formatdomain, "USB / PCI / SCSI
    /// devices") lets the VM start without a device that is unplugged, instead of failing.
    /// </summary>
    public static IEnumerable<XElement> UsbHostdevs(IReadOnlyList<UsbId> devices) =>
        devices.Select(id => new XElement("hostdev", new XAttribute("mode", "subsystem"), new XAttribute("type", "usb"),
            new XElement("source", new XAttribute("startupPolicy", "optional"),
                new XElement("vendor", new XAttribute("id", "0x" + id.Vendor)),
                new XElement("product", new XAttribute("id", "0x" + id.Product)))));

    /// <summary>The vBIOS QEMU shows the guest for this function, if one was given (formatdomain, hostdev's rom element).</summary>
    public static XElement? Rom(IReadOnlyList<GpuRom> roms, PciAddress function) =>
        roms.FirstOrDefault(rom => rom.Function == function) is { } rom
            ? new XElement("rom", new XAttribute("file", rom.File.Value))
            : null;
}
