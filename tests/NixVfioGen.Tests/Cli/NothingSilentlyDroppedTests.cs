using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Cli;

/// <summary>
/// The command line never silently does less than asked: options before a subcommand, options that
/// would have no effect, help that lists what a command refuses.
/// </summary>
public class NothingSilentlyDroppedTests
{
    [Fact]
    public void A_value_that_is_a_command_name_stays_a_value()
    {
        var result = CliRun.Run(["--ids", "1002:67df", "--vm-name", "domain"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("nix-vfio-gen/domain.xml", result.Stdout);
    }

    [Fact]
    public void Domain_hugepages_warns_that_nothing_reserves_them_and_says_how()
    {
        var result = CliRun.Run(["domain", "--hugepages", "1G", "--memory", "16G"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("<page size=\"1\" unit=\"G\" />", result.Stdout);
        Assert.Contains("nix-vfio-gen: warning: --hugepages 1G: the domain asks for huge pages, but only the module reserves them and the VM does not start without: "
            + "use the root command (nix-vfio-gen --ids … --hugepages 1G), or reserve them yourself: boot.kernelParams = [ \"default_hugepagesz=1G\" \"hugepagesz=1G\" \"hugepages=16\" ]\n", result.Stderr);
        Assert.Contains("boot.kernel.sysctl.\"vm.nr_hugepages\" = 4096", CliRun.Run(["domain", "--hugepages", "2M"]).Stderr);
        Assert.DoesNotContain("warning", CliRun.Run(["--ids", "1002:67df", "--hugepages", "1G", "--user", "alice"]).Stderr);
    }

    [Fact]
    public void Single_gpu_with_looking_glass_says_to_turn_it_off()
    {
        // The rest of a working single-GPU command (--video none, an input), so only Looking Glass is left to warn about.
        var result = CliRun.Run(["--ids", "1002:67df", "--pci", "0000:23:00.0", "--user", "alice", "--bind-at", "vm-start", "--single-gpu",
            "--video", "none", "--usb", "046d:c31c"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--looking-glass none", Assert.Single(result.Stderr.Split('\n'), line => line.Contains("--single-gpu", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("module")]
    [InlineData("domain")]
    [InlineData(null)]
    public void Help_lists_only_what_the_command_accepts(string? command)
    {
        string[] prefix = command is null ? [] : [command];
        var help = CliRun.Run([.. prefix, "--help"]).Stdout;
        var listed = System.Text.RegularExpressions.Regex.Matches(help, @"(?m)^  (?:-\w, )?(--[a-z-]+)").Select(match => match.Groups[1].Value).ToArray();
        Assert.NotEmpty(listed);
        Assert.Equal(listed.Distinct(), listed);
        foreach (var option in listed.Where(option => option is not ("--help" or "--version")))
        {
            // Listed means accepted: the parser may want a value or --ids, but never refuses the option itself.
            var error = CliRun.Run([.. prefix, option]).Stderr;
            Assert.DoesNotContain($"{option} is not an option", error);
            Assert.DoesNotContain($"argument '{option}'", error);
        }
        if (command == "module")
        {
            Assert.Contains("--bind-at <boot|specialisation>", help);
            Assert.DoesNotContain("--single-gpu", help);
        }
        if (command == "domain")
        {
            Assert.DoesNotContain("--isolate", help);
            Assert.DoesNotContain("--guest-", help);
        }
    }

    [Theory]
    [InlineData(new[] { "--pci", "0000:23:00.0" }, "(FILE: the XML you saved)")]
    [InlineData(new[] { "--pci", "0000:23:00.0", "-o", "-" }, "(FILE: the XML you saved)")]
    public void Domain_to_stdout_does_not_name_a_file_it_did_not_write(string[] args, string ending)
    {
        var result = CliRun.Run(["domain", .. args]);
        Assert.Equal(0, result.ExitCode);
        var next = Assert.Single(result.Stderr.Split('\n'), line => line.StartsWith("nix-vfio-gen: next:", StringComparison.Ordinal));
        Assert.EndsWith("sudo virsh -c qemu:///system define FILE " + ending, next);
        Assert.DoesNotContain("win11.xml", next);
    }

    [Fact]
    public void Domain_to_a_file_names_that_file()
    {
        using var directory = new TempDirectory();
        var file = Path.Combine(directory.Path, "gaming.xml");
        var result = CliRun.Run(["domain", "--pci", "0000:23:00.0", "-o", file]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"sudo virsh -c qemu:///system define {file}\n", result.Stderr);
    }

    public static TheoryData<string[]> EvdevCommands => new(
        ["--ids", "1002:67df", "--pci", "0000:23:00.0", "--user", "alice", "--formatter", "none"],
        ["module", "--ids", "1002:67df", "--user", "alice", "--formatter", "none"],
        ["domain", "--pci", "0000:23:00.0"]);

    /// <summary>
    /// /dev/input/eventN is the kernel's probe-order name (drivers/input/evdev.c), another device after a reboot
    /// or a replug: accepted, but one warning line naming it and the by-id links; the output is what it was.
    /// </summary>
    [Theory]
    [MemberData(nameof(EvdevCommands))]
    public void An_evdev_event_number_is_warned_about_and_the_by_id_link_suggested(string[] command)
    {
        // A mouse's link: like eventN, read as it is (only a -event-kbd name carries the keyboard's grab toggle).
        const string Stable = "/dev/input/by-id/usb-Logitech_USB_Optical_Mouse-event-mouse";
        var numbered = CliRun.Run([.. command, "--evdev", "/dev/input/event3"]);
        var stable = CliRun.Run([.. command, "--evdev", Stable]);

        Assert.Equal(0, numbered.ExitCode);
        Assert.Equal(stable.Stdout.Replace(Stable, "/dev/input/event3", StringComparison.Ordinal), numbered.Stdout);
        var extra = numbered.Stderr.Split('\n').Except(stable.Stderr.Split('\n')).ToArray();
        var line = Assert.Single(extra);
        Assert.StartsWith("nix-vfio-gen: warning: --evdev /dev/input/event3: eventN numbers change across boots and replugs, and a keyboard is grabbed only under its ...-event-kbd name", line);
        Assert.Contains("/dev/input/by-id/", line);
        Assert.Contains("-event-kbd", line);
        Assert.DoesNotContain("warning", stable.Stderr);
    }

    [Fact]
    public void Several_event_numbers_are_one_warning_line_naming_each()
    {
        var result = CliRun.Run(["domain", "--pci", "0000:23:00.0", "--evdev", "/dev/input/event3,/dev/input/by-path/platform-i8042-serio-0-event-kbd,/dev/input/event12"]);
        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n'), l => l.Contains("warning", StringComparison.Ordinal));
        Assert.StartsWith("nix-vfio-gen: warning: --evdev /dev/input/event3,/dev/input/event12: ", line);
    }

    public static TheoryData<string[], bool> UserCommands => new()
    {
        { ["--ids", "1002:67df", "--pci", "0000:23:00.0", "--formatter", "none"], true },
        { ["module", "--ids", "1002:67df", "--formatter", "none"], true },
        { ["module", "--ids", "1002:67df", "--formatter", "none", "--looking-glass", "none"], false },
    };

    /// <summary>
    /// root is in every group already and no desktop user; the Looking Glass client exits at once as root
    /// (client/src/main.c, "Do not run looking glass as root!"). Accepted with one warning; the module is what it was.
    /// </summary>
    [Theory]
    [MemberData(nameof(UserCommands))]
    public void User_root_is_warned_about_and_the_desktop_user_asked_for(string[] command, bool lookingGlass)
    {
        var root = CliRun.Run([.. command, "--user", "root"]);
        var alice = CliRun.Run([.. command, "--user", "alice"]);

        Assert.Equal(0, root.ExitCode);
        Assert.Equal(alice.Stdout.Replace("alice", "root", StringComparison.Ordinal), root.Stdout);
        var line = Assert.Single(root.Stderr.Split('\n').Except(alice.Stderr.Split('\n')));
        Assert.StartsWith("nix-vfio-gen: warning: --user root: root needs no group to run VMs", line);
        Assert.Contains("--user YOURNAME", line);
        Assert.Equal(lookingGlass, line.Contains("the Looking Glass client refuses to run as root", StringComparison.Ordinal));
        Assert.DoesNotContain("warning", alice.Stderr);
        Assert.DoesNotContain("warning", CliRun.Run([.. command, "--user", "rooted"]).Stderr);
    }
}
