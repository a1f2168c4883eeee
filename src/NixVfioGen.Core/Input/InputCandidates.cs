using System.Text;
using NixVfioGen.Model;

namespace NixVfioGen.Input;

/// <summary>A USB device plugged into the host, as sysfs names it.</summary>
public sealed record UsbDevice(UsbId Id, string Name);

/// <summary>
/// The host's keyboards, mice and USB devices a single-GPU guest can be given: evdev nodes named by
/// udev under /dev/input/by-id, and whole USB devices by vendor:product.
/// </summary>
public sealed record InputCandidates(IReadOnlyList<EvdevDevice> Evdev, IReadOnlyList<UsbDevice> Usb)
{
    public static InputCandidates None { get; } = new([], []);

    /// <summary>Keyboards and mice, keyboards first (the first one carries the grab toggle).</summary>
    public IReadOnlyList<EvdevDevice> KeyboardsAndMice =>
        Evdev.Where(device => device.IsKeyboard).Concat(Evdev.Where(device => device.Path.Value.EndsWith(EvdevDevice.MouseSuffix, StringComparison.Ordinal))).ToArray();

    /// <summary>The block after the single-GPU commands: what the VM gets, and the alternatives.</summary>
    public string Text(string evdevOption, string usbOption)
    {
        var builder = new StringBuilder("\nKeyboard and mouse for a single-GPU VM (the host's display is off while it runs, so no SPICE console can feed it):\n");
        if (KeyboardsAndMice.Count == 0)
        {
            builder.Append($"  No keyboard or mouse under /dev/input/by-id: add {evdevOption} PATH,... or {usbOption} VENDOR:PRODUCT to the command.\n");
        }
        else
        {
            builder.Append($"  {evdevOption} (in the command above) gives QEMU these; pressing both Ctrl keys moves them between guest and host:\n");
            foreach (var device in KeyboardsAndMice)
            {
                builder.Append("    ").Append(device.Path.Value).Append('\n');
            }
        }
        if (Usb.Count > 0)
        {
            builder.Append($"  Or whole USB devices ({usbOption} VENDOR:PRODUCT,...; the VM still starts when one is unplugged):\n");
            foreach (var device in Usb)
            {
                builder.Append("    ").Append(device.Id).Append("  ").Append(device.Name).Append('\n');
            }
        }
        return builder.ToString();
    }
}
