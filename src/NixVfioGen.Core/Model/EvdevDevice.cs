namespace NixVfioGen.Model;

/// <summary>
/// A host input device QEMU reads through evdev (libvirt's <c>&lt;input type='evdev'&gt;</c>), given by
/// its stable name under /dev/input (udev's by-id links survive replugging; eventN numbers do not).
/// </summary>
public sealed record EvdevDevice
{
    private EvdevDevice(HostPath path) => Path = path;

    public HostPath Path { get; }

    /// <summary>
    /// udev names keyboards' event nodes <c>…-event-kbd</c> (60-persistent-input.rules): they carry the
    /// grab toggle and key repeat; any other node (mouse, joystick) is read as it is.
    /// </summary>
    public bool IsKeyboard => Path.Value.EndsWith(KeyboardSuffix, StringComparison.Ordinal);

    /// <summary>
    /// The kernel's own name, /dev/input/eventN (drivers/input/evdev.c: dev_set_name "event%d", N the
    /// first free minor in probe order): N changes across boots and when devices are plugged, unlike
    /// udev's by-id/ and by-path/ links (60-persistent-input.rules). Accepted, with a warning.
    /// </summary>
    public bool IsNumberedNode =>
        Path.Value.StartsWith(NumberedPrefix, StringComparison.Ordinal)
        && Path.Value.Length > NumberedPrefix.Length
        && Path.Value[NumberedPrefix.Length..].All(char.IsAsciiDigit);

    private const string NumberedPrefix = Directory + "event";

    public const string Directory = "/dev/input/";
    public const string KeyboardSuffix = "-event-kbd";
    public const string MouseSuffix = "-event-mouse";

    public const string Expected =
        "an input device under /dev/input/, e.g. /dev/input/by-id/usb-Logitech_USB_Keyboard-event-kbd (ls /dev/input/by-id), of letters, digits and #+-.:=@_/";

    public static EvdevDevice Parse(string text)
    {
        // udev builds by-id names from these characters only (whitelisted_char_for_devnode in systemd's
        // udev); anything else could not be a device's name, and a '"' would end qemu.conf's string.
        var valid = text.StartsWith(Directory, StringComparison.Ordinal)
            && text.Length > Directory.Length
            && !text.EndsWith('/')
            && text.All(c => char.IsAsciiLetterOrDigit(c) || "#+-.:=@_/".Contains(c));
        if (!valid || !text.Split('/').All(segment => segment is not ("." or "..")))
        {
            throw new InvalidInputException(text, Expected);
        }
        return IsLegacyNode(text)
            ? throw new InvalidInputException(text, LegacyExpected)
            : new EvdevDevice(HostPath.Parse(text));
    }

    public const string LegacyExpected =
        "an evdev node: this is the legacy mouse or joystick device, which QEMU's input-linux refuses (\"is not an evdev device\"); give the ...-event-mouse (or -event-joystick) link beside it (ls /dev/input/by-id)";

    /// <summary>
    /// mousedev's and joydev's nodes (/dev/input/mice, mouseN, jsN) and udev's links to them, which end in
    /// -mouse or -joystick where an event node's end in -event-mouse (60-persistent-input.rules: KERNEL=="mouse*|js*"
    /// gets "$ID_BUS-$ID_SERIAL-$INPUT_CLASS", KERNEL=="event*" "…-event-$INPUT_CLASS"). QEMU opens the device and
    /// asks for EVIOCGVERSION (ui/input-linux.c), which only evdev answers: the VM would not start.
    /// </summary>
    private static bool IsLegacyNode(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var kernelName = path == Directory + name
            && (name == "mice" || Numbered(name, "mouse") || Numbered(name, "js"));
        var link = (path.StartsWith(Directory + "by-id/", StringComparison.Ordinal) || path.StartsWith(Directory + "by-path/", StringComparison.Ordinal))
            && (name.EndsWith("-mouse", StringComparison.Ordinal) || name.EndsWith("-joystick", StringComparison.Ordinal))
            && !name.Contains("-event-", StringComparison.Ordinal);
        return kernelName || link;
    }

    private static bool Numbered(string name, string prefix) =>
        name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && name[prefix.Length..].All(char.IsAsciiDigit);

    public static IReadOnlyList<EvdevDevice> ParseList(string text) =>
        CommaList.ParseDistinct(text, Parse, "a comma-separated list of input devices, e.g. /dev/input/by-id/usb-Kbd-event-kbd,/dev/input/by-id/usb-Mouse-event-mouse", "input device");

    public override string ToString() => Path.Value;
}
