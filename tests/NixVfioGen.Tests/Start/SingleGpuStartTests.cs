using System.Xml.Linq;
using NixVfioGen.Domain;
using NixVfioGen.Model;
using NixVfioGen.Tests.Domain;
using NixVfioGen.Tests.Single;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Start;

/// <summary>A libvirt session daemon that sees a USB bus (an empty one where this machine has none).</summary>
public sealed class UsbBusLibvirtSession : IDisposable
{
    public LibvirtSession Session { get; } = new(usbBus: true);

    public void Dispose() => Session.Dispose();
}

/// <summary>A single-GPU domain's inputs before the real libvirt daemon: evdev keyboard and mouse, optional USB devices.</summary>
public sealed class SingleGpuStartTests(UsbBusLibvirtSession fixture) : IClassFixture<UsbBusLibvirtSession>
{
    private readonly LibvirtSession session = fixture.Session;

    private static DomainOptions Single(string name) => DomainOptions.Defaults(DomainCases.Rx480) with
    {
        Name = DomainName.Parse(name),
        Disk = DomainOptions.DefaultDisk(DomainName.Parse(name)),
        LookingGlass = LookingGlass.For(LookingGlassMode.None, ShmemSize.ForResolution(Resolution.Default)),
        Video = VideoModel.None,
        Platform = Platform.Amd,
    };

    private static readonly EvdevDevice[] KeyboardAndMouse =
        [EvdevDevice.Parse(SingleGpuSuggestionTests.Keyboard), EvdevDevice.Parse(SingleGpuSuggestionTests.Mouse)];

    // A USB id no device on a test machine has (vendor ffff is reserved): the device is always "unplugged".
    private static readonly UsbId Unplugged = UsbId.Parse("ffff:0001");

    private string Define(DomainOptions options)
    {
        Assert.True(session.Missing is null, session.Missing);
        var xml = TcgAdaptation.Adapt(DomainXmlBuilder.Render(DomainXmlBuilder.Build(options)), session);
        var define = session.Virsh("define", session.UserFile(options.Name + ".xml", xml));
        Assert.True(define.ExitCode == 0, "define failed: " + define.Stderr);
        return options.Name.Value;
    }

    [Fact]
    public void The_evdev_domain_is_defined_by_the_real_daemon_with_every_input_attribute_kept()
    {
        var name = Define(Single("single-evdev") with { Evdev = KeyboardAndMouse, Usb = [Unplugged] });
        try
        {
            var defined = XDocument.Parse(session.Virsh("dumpxml", "--inactive", name).Stdout).Root!.Element("devices")!;
            var sources = defined.Elements("input").Where(i => (string?)i.Attribute("type") == "evdev").Select(i => i.Element("source")!).ToArray();
            Assert.Equal(2, sources.Length);
            var keyboard = sources.Single(s => (string?)s.Attribute("dev") == SingleGpuSuggestionTests.Keyboard);
            Assert.Equal(("all", "ctrl-ctrl", "on"), ((string?)keyboard.Attribute("grab"), (string?)keyboard.Attribute("grabToggle"), (string?)keyboard.Attribute("repeat")));
            var usb = defined.Elements("hostdev").Single(h => (string?)h.Attribute("type") == "usb").Element("source")!;
            Assert.Equal("optional", (string?)usb.Attribute("startupPolicy"));
        }
        finally
        {
            session.Virsh("undefine", name, "--nvram");
        }
    }

    [Fact]
    public void The_evdev_domain_starts_where_the_machine_has_a_keyboard()
    {
        var keyboards = Directory.Exists("/dev/input/by-id")
            ? Directory.GetFiles("/dev/input/by-id", "*" + EvdevDevice.KeyboardSuffix)
            : [];
        Assert.SkipWhen(keyboards.Length == 0,
            "no /dev/input and no uinput on this machine: the evdev domain is validated and defined (test above), not started");
        var name = Define(Single("single-evdev-start") with { Evdev = [EvdevDevice.Parse(keyboards[0])] });
        try
        {
            var start = session.Virsh("start", name);
            Assert.True(start.ExitCode == 0, "start failed: " + start.Stderr);
        }
        finally
        {
            session.Virsh("destroy", name);
            session.Virsh("undefine", name, "--nvram");
        }
    }

    [Fact]
    public void A_domain_whose_only_usb_device_is_unplugged_still_starts()
    {
        var name = Define(Single("single-usb") with { Usb = [Unplugged] });
        try
        {
            var start = session.Virsh("start", name);
            Assert.True(start.ExitCode == 0, "start failed: " + start.Stderr);
            Assert.Equal("running", session.Virsh("domstate", name).Stdout.Trim());
        }
        finally
        {
            session.Virsh("destroy", name);
            var undefine = session.Virsh("undefine", name, "--nvram");
            Assert.True(undefine.ExitCode == 0, "undefine failed: " + undefine.Stderr);
        }
    }

    [Fact]
    public void Without_startup_policy_optional_the_unplugged_device_stops_the_start()
    {
        // The control: the same domain with libvirt's default policy fails, so the test above proves the attribute.
        Assert.True(session.Missing is null, session.Missing);
        var options = Single("single-usb-mandatory") with { Usb = [Unplugged] };
        var document = XDocument.Parse(TcgAdaptation.Adapt(DomainXmlBuilder.Render(DomainXmlBuilder.Build(options)), session));
        document.Descendants("hostdev").Single(h => (string?)h.Attribute("type") == "usb").Element("source")!.Attribute("startupPolicy")!.Remove();
        var define = session.Virsh("define", session.UserFile("single-usb-mandatory.xml", document.ToString()));
        Assert.True(define.ExitCode == 0, "define failed: " + define.Stderr);
        try
        {
            var start = session.Virsh("start", "single-usb-mandatory");
            Assert.NotEqual(0, start.ExitCode);
        }
        finally
        {
            session.Virsh("destroy", "single-usb-mandatory");
            session.Virsh("undefine", "single-usb-mandatory", "--nvram");
        }
    }
}
