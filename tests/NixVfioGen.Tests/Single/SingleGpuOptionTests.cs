using System.Xml.Linq;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Single;

/// <summary>--evdev, --usb and --rom in the domain and the module, and what a single-GPU command refuses or warns about.</summary>
public class SingleGpuOptionTests
{
    private const string Keyboard = SingleGpuSuggestionTests.Keyboard;
    private const string Mouse = SingleGpuSuggestionTests.Mouse;
    private static readonly string[] Gpu = ["--pci", "0000:0a:00.0,0000:0a:00.1"];
    private static readonly string[] SingleGpu = ["--ids", "1002:73bf,1002:ab28", .. Gpu, "--bind-at", "vm-start", "--single-gpu", "--looking-glass", "none", "--video", "none", "--user", "alice"];

    private static XElement Devices(params string[] args)
    {
        var result = CliRun.Run(["domain", .. args]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Libvirt.AssertAccepted(result.Stdout);
        return XDocument.Parse(result.Stdout).Root!.Element("devices")!;
    }

    [Fact]
    public void The_keyboard_carries_grab_toggle_and_repeat_and_the_mouse_only_its_device()
    {
        var inputs = Devices([.. Gpu, "--evdev", $"{Mouse},{Keyboard}"]).Elements("input").Where(i => (string?)i.Attribute("type") == "evdev").ToArray();
        Assert.Equal(2, inputs.Length);
        // Per libvirt's formatdomain: grab/grabToggle/repeat belong to the keyboard, whose keys QEMU reads them from.
        Assert.Equal($"<source dev=\"{Mouse}\" />", inputs[0].Element("source")!.ToString());
        Assert.Equal($"<source dev=\"{Keyboard}\" grab=\"all\" grabToggle=\"ctrl-ctrl\" repeat=\"on\" />", inputs[1].Element("source")!.ToString());
        // libvirt refuses a bus on evdev inputs ("input evdev doesn't support bus element").
        Assert.All(inputs, input => Assert.Null(input.Attribute("bus")));
    }

    [Fact]
    public void Only_the_first_keyboard_grabs_all_since_input_linux_skips_devices_that_grab_all_themselves()
    {
        const string second = "/dev/input/by-id/usb-Razer_Keyboard-if01-event-kbd";
        var sources = Devices([.. Gpu, "--evdev", $"{Keyboard},{second}"]).Elements("input").Select(i => i.Element("source")).OfType<XElement>().ToArray();
        Assert.Equal("all", (string?)sources[0].Attribute("grab"));
        Assert.Null(sources[1].Attribute("grab"));
        Assert.Equal("on", (string?)sources[1].Attribute("repeat"));
    }

    [Fact]
    public void Usb_devices_are_whole_hostdevs_that_never_stop_the_vm_when_unplugged()
    {
        var usb = Devices([.. Gpu, "--usb", "046D:C31C,046d:c077"]).Elements("hostdev").Where(h => (string?)h.Attribute("type") == "usb").ToArray();
        Assert.Equal(2, usb.Length);
        Assert.Equal("<source startupPolicy=\"optional\">\n  <vendor id=\"0x046d\" />\n  <product id=\"0xc31c\" />\n</source>",
            usb[0].Element("source")!.ToString().Replace("\r", "", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rom_goes_on_the_first_passed_function_or_the_named_one()
    {
        var hostdevs = Devices([.. Gpu, "--rom", "/var/lib/libvirt/vbios/rx6800.rom"]).Elements("hostdev").ToArray();
        Assert.Equal("/var/lib/libvirt/vbios/rx6800.rom", (string?)hostdevs[0].Element("rom")!.Attribute("file"));
        Assert.Null(hostdevs[1].Element("rom"));

        var named = Devices([.. Gpu, "--rom", "0000:0a:00.1=/etc/vbios/audio.rom"]).Elements("hostdev").ToArray();
        Assert.Null(named[0].Element("rom"));
        Assert.Equal("/etc/vbios/audio.rom", (string?)named[1].Element("rom")!.Attribute("file"));
    }

    [Fact]
    public void The_module_command_lets_qemu_open_the_evdev_devices_and_keeps_kvmfr_beside_them()
    {
        var result = CliRun.Run(["module", "--ids", "1002:73bf", "--looking-glass", "kvmfr", "--evdev", Keyboard]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var qemuConf = NixTool.EvaluateModule(result.Stdout).At("virtualisation.libvirtd.qemu.verbatimConfig").GetString()!;
        Assert.EndsWith($"  \"/dev/userfaultfd\",\n  \"/dev/kvmfr0\",\n  \"{Keyboard}\"\n]\n", qemuConf);
        Assert.StartsWith("namespaces = []\n", qemuConf);
    }

    // Without an input the VM owns it is refused: a row of Cli/CliErrorTests.
    [Fact]
    public void Guest_setup_on_one_gpu_is_taken_with_an_input_the_vm_owns()
    {
        var withKeyboard = CliRun.Run([.. SingleGpu, "--guest-setup", "--iso", "/var/lib/libvirt/images/Win11.iso", "--evdev", $"{Keyboard},{Mouse}"]);
        Assert.True(withKeyboard.ExitCode == 0, withKeyboard.Stderr);
        var withUsb = CliRun.Run([.. SingleGpu, "--guest-setup", "--iso", "/var/lib/libvirt/images/Win11.iso", "--usb", "046d:c31c"]);
        Assert.True(withUsb.ExitCode == 0, withUsb.Stderr);
    }

    [Fact]
    public void Looking_glass_none_warns_about_resolution_only_when_it_was_given()
    {
        var plain = CliRun.Run(["domain", .. Gpu, "--looking-glass", "none"]);
        Assert.Equal(0, plain.ExitCode);
        Assert.DoesNotContain("--resolution", plain.Stderr);
        var root = CliRun.Run([.. SingleGpu, "--evdev", Keyboard]);
        Assert.Equal(0, root.ExitCode);
        Assert.DoesNotContain("warning", root.Stderr);

        var given = CliRun.Run(["domain", .. Gpu, "--looking-glass", "none", "--resolution", "2560x1440"]);
        Assert.Contains("warning: --resolution sizes Looking Glass' shared memory, which --looking-glass none leaves out; ignored", given.Stderr);
    }

    [Theory]
    [InlineData("vga", "none", true, "add --video none")]
    [InlineData("none", "shm", true, "--looking-glass none leaves Looking Glass out")]
    [InlineData("none", "none", false, "the guest has no keyboard or mouse")]
    public void A_single_gpu_command_missing_a_piece_says_which(string video, string lookingGlass, bool evdev, string warning)
    {
        var result = CliRun.Run(["--ids", "1002:73bf,1002:ab28", .. Gpu, "--bind-at", "vm-start", "--single-gpu", "--looking-glass", lookingGlass,
            "--video", video, "--user", "alice", .. evdev ? new[] { "--evdev", Keyboard } : []]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains(warning, result.Stderr);
        Assert.Single(result.Stderr.Split('\n'), line => line.Contains("warning", StringComparison.Ordinal));
    }
}
