using NixVfioGen.Model;

namespace NixVfioGen.Tests.Model;

/// <summary>Evdev nodes are accepted; mousedev's and joydev's nodes, which QEMU's input-linux refuses, are not.</summary>
public class EvdevDeviceTests
{
    [Theory]
    [InlineData("/dev/input/by-id/usb-Logitech_USB_Optical_Mouse-event-mouse")]
    [InlineData("/dev/input/by-id/usb-Logitech_USB_Receiver-if01-event-mouse")]
    [InlineData("/dev/input/by-id/usb-Sony_Controller-event-joystick")]
    [InlineData("/dev/input/by-path/platform-i8042-serio-1-event-mouse")]
    [InlineData("/dev/input/by-id/usb-Cherry_Keyboard-event-kbd")]
    [InlineData("/dev/input/event3")]
    [InlineData("/dev/input/mouse-wheel-custom")]
    [InlineData("/dev/input/js-evdev0")]
    public void Evdev_nodes_and_links_are_accepted(string path) => Assert.Equal(path, EvdevDevice.Parse(path).Path.Value);

    [Theory]
    [InlineData("/dev/input/by-id/usb-Logitech_USB_Optical_Mouse-mouse")]
    [InlineData("/dev/input/by-id/usb-Logitech_USB_Receiver-if01-mouse")]
    [InlineData("/dev/input/by-path/platform-i8042-serio-1-mouse")]
    [InlineData("/dev/input/by-id/usb-Sony_Controller-joystick")]
    [InlineData("/dev/input/mice")]
    [InlineData("/dev/input/mouse0")]
    [InlineData("/dev/input/js12")]
    public void Legacy_mouse_and_joystick_nodes_are_refused_with_the_reason(string path)
    {
        var error = Assert.Throws<InvalidInputException>(() => EvdevDevice.Parse(path));
        Assert.Equal(path, error.Value);
        Assert.Equal(EvdevDevice.LegacyExpected, error.Expected);
    }
}
