using System.Text.Json;
using System.Xml.Linq;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Single;

/// <summary>
/// list-iommu on hosts whose only GPU is also the boot GPU (tests/fixtures/make-sysfs: single-nvidia on
/// Intel, single-amd on AMD, each with udev's by-id links and USB devices): the printed command is run
/// as printed and its module and domain go through the real checkers.
/// </summary>
public class SingleGpuSuggestionTests
{
    public const string Keyboard = "/dev/input/by-id/usb-Logitech_USB_Keyboard-event-kbd";
    public const string Mouse = "/dev/input/by-id/usb-Logitech_USB_Optical_Mouse-event-mouse";

    private static CliRun.Result List(string tree, params string[] extra) => Iommu.ListIommuTests.List(tree, extra);

    /// <summary>The arguments of the "Run:" line, as a shell would split them, with "$USER" as alice.</summary>
    public static string[] PrintedCommand(string output)
    {
        var line = output.Split('\n').Single(l => l.TrimStart().StartsWith("Run: nix-vfio-gen ", StringComparison.Ordinal));
        var command = line[(line.IndexOf("nix-vfio-gen ", StringComparison.Ordinal) + "nix-vfio-gen ".Length)..];
        Assert.EndsWith(" > vfio.nix", command);
        return command[..^" > vfio.nix".Length].Split(' ').Select(word => word == "\"$USER\"" ? "alice" : word).ToArray();
    }

    [Theory]
    [InlineData("single-nvidia", "--ids 10de:2484,10de:228b --pci 0000:01:00.0,0000:01:00.1 --platform intel")]
    [InlineData("single-amd", "--ids 1002:73bf,1002:ab28 --pci 0000:0a:00.0,0000:0a:00.1 --platform amd")]
    public void The_only_boot_gpu_gets_a_single_gpu_command_with_the_hosts_keyboard_and_mouse(string tree, string gpu)
    {
        var result = List(tree, "--suggest");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Contains($"Run: nix-vfio-gen {gpu} --bind-at vm-start --single-gpu --looking-glass none --video none --evdev {Keyboard},{Mouse} --user \"$USER\" > vfio.nix\n", result.Stdout);
        // The joystick and the plain mouse node are no keyboard or mouse event node; hubs are not offered.
        Assert.DoesNotContain("joystick", result.Stdout);
        Assert.DoesNotContain("-mouse,", result.Stdout.Replace(Mouse, "", StringComparison.Ordinal));
        Assert.Contains("    046d:c31c  Logitech USB Keyboard\n", result.Stdout);
        Assert.Contains("    046d:c077  Logitech USB Optical Mouse\n", result.Stdout);
        Assert.DoesNotContain("05e3:0610", result.Stdout);
        Assert.DoesNotContain("1d6b:", result.Stdout);
    }

    [Theory]
    [InlineData("single-nvidia")]
    [InlineData("single-amd")]
    public void The_printed_command_run_as_printed_gives_a_module_and_domain_the_checkers_accept(string tree)
    {
        var arguments = PrintedCommand(List(tree, "--suggest").Stdout);
        var run = CliRun.Run(arguments);
        Assert.True(run.ExitCode == 0, run.Stderr);
        // No warning: the suggestion is complete as printed.
        Assert.DoesNotContain("warning", run.Stderr);

        var parsed = NixTool.Parse(run.Stdout);
        Assert.True(parsed.ExitCode == 0, parsed.Stderr);
        Nixfmt.AssertFixedPoint(run.Stdout);
        var module = NixTool.EvaluateModule(run.Stdout);
        // QEMU may open the evdev devices, beside libvirt's defaults.
        var qemuConf = module.At("virtualisation.libvirtd.qemu.verbatimConfig").GetString()!;
        Assert.StartsWith("namespaces = []\ncgroup_device_acl = [\n", qemuConf);
        Assert.Contains($"  \"/dev/kvm\",\n", qemuConf);
        Assert.Contains($"  \"{Keyboard}\",\n  \"{Mouse}\"\n]\n", qemuConf);
        // The hook hands the GPU over at VM start, and passes shellcheck.
        var hook = module.At("virtualisation.libvirtd.hooks.qemu").GetProperty("nix-vfio-gen-win11").GetString()!;
        ExternalTool.Require("shellcheck", "shellcheck");
        var shellcheck = ExternalTool.Run("shellcheck", ["--shell=bash", "--severity=style", "-"], hook.StartsWith("#!", StringComparison.Ordinal) ? hook : "#!/bin/bash\n" + hook);
        Assert.True(shellcheck.ExitCode == 0, "shellcheck: " + shellcheck.Stdout + shellcheck.Stderr);

        var xml = module.At("environment.etc").GetProperty("nix-vfio-gen/win11.xml").GetProperty("text").GetString()!;
        Libvirt.AssertAccepted(xml);
        var devices = XDocument.Parse(xml).Root!.Element("devices")!;
        Assert.Equal("none", (string?)devices.Element("video")!.Element("model")!.Attribute("type"));
        Assert.Empty(devices.Elements("shmem"));
        Assert.Equal([Keyboard, Mouse], devices.Elements("input").Where(i => (string?)i.Attribute("type") == "evdev")
            .Select(i => (string)i.Element("source")!.Attribute("dev")!));
    }

    [Fact]
    public void The_json_report_carries_the_same_single_gpu_command()
    {
        using var json = JsonDocument.Parse(List("single-amd", "--json").Stdout);
        var command = json.RootElement.GetProperty("gpus")[0].GetProperty("command").GetString()!;
        Assert.Contains(" --bind-at vm-start --single-gpu --looking-glass none --video none --evdev ", command);
    }

    [Fact]
    public void A_second_gpu_that_is_not_the_boot_gpu_keeps_the_boot_time_command()
    {
        // The NVIDIA card beside an Intel Arc, neither the boot GPU: nothing single-GPU about either.
        var output = List("nvidia", "--suggest").Stdout;
        Assert.DoesNotContain("--single-gpu", output);
        Assert.DoesNotContain("Keyboard and mouse", output);
    }

    [Fact]
    public void The_boot_gpu_beside_another_is_single_gpu_unless_it_is_the_cpus_integrated_graphics()
    {
        // The boot GPU here is Intel's integrated graphics: no single-GPU command (its passthrough is QEMU's IGD
        // assignment, which the generator does not build), so no keyboard block either; the RX 480 keeps its command.
        var output = List("bound", "--suggest").Stdout;
        var runs = output.Split('\n').Where(l => l.TrimStart().StartsWith("Run:", StringComparison.Ordinal)).ToArray();
        Assert.DoesNotContain(runs, run => run.Contains("--pci 0000:00:02.0 "));
        Assert.Contains(runs, run => run.Contains("--pci 0000:23:00.0,0000:23:00.1 ") && !run.Contains("--single-gpu"));
        Assert.DoesNotContain("Keyboard and mouse", output);
    }

    [Fact]
    public void Without_input_devices_the_block_says_what_to_add()
    {
        // The RX 480 is the only display controller; this tree has no dev/input: nothing is invented.
        var output = List("rx480", "--suggest").Stdout;
        Assert.Contains("--single-gpu", output);
        Assert.Contains("No keyboard or mouse under /dev/input/by-id: add --evdev PATH,... or --usb VENDOR:PRODUCT", output);
    }
}
