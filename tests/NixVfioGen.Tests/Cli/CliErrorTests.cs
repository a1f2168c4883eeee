using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Cli;

/// <summary>
/// Bad input: one line on stderr naming the value, exit code 2, nothing on stdout (the rule is
/// <see cref="CliAssert"/>). Every refusal that needs no fixture is a row here, whichever option it is about;
/// refusals that need a tree, a file or a PATH call <see cref="CliAssert"/> in their own class.
/// </summary>
public class CliErrorTests
{
    private static readonly string[] Rx480 = ["--ids", "1002:67df,1002:aaf0", "--pci", "0000:23:00.0,0000:23:00.1"];
    private static readonly string[] GuestSetup = ["--ids", "1002:67df", "--guest-setup"];
    private static readonly string[] SingleGpuDomain = ["domain", "--pci", "0000:0a:00.0,0000:0a:00.1"];
    private const string Keyboard = Single.SingleGpuSuggestionTests.Keyboard;

    /// <summary>Arguments, and a text the one line contains (the option and the bad value, or what is expected).</summary>
    public static TheoryData<string[], string> BadArguments => new()
    {
        { ["module", "--ids", "1002:67dz"], "--ids: '1002:67dz'" },
        { ["module", "--ids", ""], "--ids: ''" },
        { ["module"], "--ids is required" },
        { ["module", "--ids", "1002:67df", "--resolution", "1920x"], "--resolution: '1920x'" },
        { ["module", "--ids", "1002:67df", "--shmem-size", "48"], "--shmem-size: '48'" },
        { ["module", "--ids", "1002:67df", "--user", "a\"; b = \""], "--user: 'a\"; b = \"'" },
        { ["module", "--ids", "1002:67df", "--user", "bad\nname"], "--user: 'bad\\x0aname'" },
        { ["module", "--ids", "1002:67df", "--user", "-alice"], "expected a NixOS user name" },
        { ["module", "--ids", "1002:67df", "--platform", "arm"], "--platform: 'arm'" },
        { ["module", "--ids", "1002:67df", "--looking-glass", "dma"], "--looking-glass: 'dma'" },
        { ["module", "--ids", "1002:67df", "--nixos", "unstable"], "--nixos: 'unstable'" },
        { ["module", "--ids", "1002:67df", "--early-binding", "maybe"], "--early-binding: 'maybe'" },
        { ["module", "--ids", "1002:67df", "--formatter", "alejandra"], "--formatter: 'alejandra'" },
        { ["module", "--ids", "1002:67df", "--unknown"], "--unknown" },
        { ["module", "--ids"], "--ids" },
        { ["module", "--ids", "10de:1b80", "--bind-by", "address"], "--bind-by: 'address' needs --pci" },

        // The domain's options, given to the root command.
        { ["--ids", "1002:67df", "--memory", "8"], "--memory: '8'" },
        { ["--ids", "1002:67df", "--memory", "512MiB"], "from 2GiB to 1TiB" },
        { ["--ids", "1002:67df", "--memory", "99999999999G"], "--memory" },
        { ["--ids", "1002:67df", "--vcpus", "0"], "from 1 to 255" },
        { ["--ids", "1002:67df", "--vcpus", "-4"], "--vcpus" },
        { ["--ids", "1002:67df", "--vm-name", "my vm"], "--vm-name: 'my vm'" },
        { ["--ids", "1002:67df", "--vm-name", "../etc"], "--vm-name" },
        { ["--ids", "1002:67df", "--disk", "~/relative.qcow2"], "absolute path" },
        { ["--ids", "1002:67df", "--iso", "/a/../b.iso"], "--iso" },
        { ["--ids", "1002:67df", "--pci", "23:00"], "--pci: '23:00'" },
        { ["--ids", "1002:67df", "--windows", "7"], "one of 10, 11" },
        { ["--ids", "1002:67df", "--video", "qxl"], "one of vga, none" },
        { ["--ids", "1002:67df", "--uuid", "not-a-uuid"], "--uuid" },

        // An unset shell variable turns into an empty argument; every path option refuses it in one line.
        { ["module", "--ids", "1002:67df", "--output", ""], "--output: '' is not valid" },
        { ["--ids", "1002:67df", "--out-dir", ""], "--out-dir: '' is not valid" },
        { ["domain", "--disk", ""], "--disk: ''" },
        { ["domain", "--iso", ""], "--iso: ''" },
        { ["domain", "--virtio-iso", ""], "--virtio-iso: ''" },
        { ["list-iommu", "--sysfs-root", ""], "--sysfs-root: ''" },
        { ["list-iommu", "--sysfs-root", "/nonexistent-root"], "--sysfs-root: '/nonexistent-root'" },
        { ["list-iommu", "--pci-ids", "", "--sysfs-root", "/"], "--pci-ids: ''" },
        { ["domain", "--iso=~/Win11.iso"], "the shell did not expand '~' here" },

        // Words in the wrong place are told where they go.
        { ["--ids", "1002:67df", "module"], "put the command first: nix-vfio-gen module --ids 1002:67df" },
        { ["module", "--ids", "1002:67df", "--vm-name", "x"], "--vm-name is not an option of module; it is taken by the root command (nix-vfio-gen --ids …), domain" },
        { ["domain", "--ids", "1002:67df"], "--ids is not an option of domain; it is taken by the root command (nix-vfio-gen --ids …), module" },
        { ["domain", "--formatter", "nixfmt"], "--formatter is not an option of domain" },

        // CPU pinning, huge pages and isolation that cannot work.
        { [.. Rx480, "--platform", "amd", "--vcpu-pin", "2-5", "--emulator-pin", "5"], "shares CPU 5 with --vcpu-pin" },
        { [.. Rx480, "--platform", "amd", "--isolate"], "--isolate needs --vcpu-pin" },
        { [.. Rx480, "--platform", "amd", "--vcpu-pin", "2-5", "--vcpus", "3"], "--vcpus: 3 does not match --vcpu-pin, which pins 4 vCPUs" },
        { [.. Rx480, "--platform", "amd", "--vcpu-pin", "2,2"], "each CPU once (2 is repeated)" },
        { [.. Rx480, "--platform", "amd", "--vcpu-pin", "5-2"], "--vcpu-pin: '5-2' is not valid" },
        { [.. Rx480, "--platform", "amd", "--hugepages", "1G", "--memory", "8200M"], "cannot hold --memory 8200MiB exactly" },

        // Hand-off options that cannot work together.
        { ["module", "--ids", "1002:67df", "--bind-at", "vm-start"], "needs the VM: use the root command" },
        { ["--ids", "1002:67df", "--bind-at", "vm-start"], "'vm-start' needs --pci" },
        { ["--ids", "1002:67df", "--single-gpu"], "--single-gpu: only with --bind-at vm-start" },

        // --rom, --evdev and --usb in the domain.
        { [.. SingleGpuDomain, "--rom", "/home/alice/gpu.rom"], "under /etc/ or /var/lib/libvirt/" },
        { [.. SingleGpuDomain, "--rom", "gpu.rom"], "under /etc/ or /var/lib/libvirt/" },
        { [.. SingleGpuDomain, "--rom", "/var/lib/libvirt/"], "under /etc/ or /var/lib/libvirt/" },
        { [.. SingleGpuDomain, "--rom", "0000:0b:00.0=/etc/gpu.rom"], "0000:0b:00.0 is not one of the --pci functions" },
        { [.. SingleGpuDomain, "--rom", "/etc/a.rom,0000:0a:00.0=/etc/b.rom"], "0000:0a:00.0 is given 2 vBIOS files" },
        { [.. SingleGpuDomain, "--evdev", "/dev/input/../sda"], "an input device under /dev/input/" },
        { [.. SingleGpuDomain, "--evdev", "/home/alice/kbd"], "an input device under /dev/input/" },
        { [.. SingleGpuDomain, "--evdev", "/dev/input/by-id/kbd\"]"], "an input device under /dev/input/" },
        { [.. SingleGpuDomain, "--evdev", $"{Keyboard},{Keyboard}"], "each input device once" },
        // mousedev's and joydev's nodes and their links: QEMU's input-linux refuses them at start.
        { [.. SingleGpuDomain, "--evdev", "/dev/input/by-id/usb-Logitech_USB_Optical_Mouse-mouse"], "the legacy mouse or joystick device" },
        { [.. SingleGpuDomain, "--evdev", "/dev/input/by-path/platform-i8042-serio-1-mouse"], "give the ...-event-mouse" },
        { [.. SingleGpuDomain, "--evdev", "/dev/input/by-id/usb-Sony_Controller-joystick"], "the legacy mouse or joystick device" },
        { [.. SingleGpuDomain, "--evdev", "/dev/input/mice"], "the legacy mouse or joystick device" },
        { [.. SingleGpuDomain, "--evdev", "/dev/input/mouse0"], "the legacy mouse or joystick device" },
        { [.. SingleGpuDomain, "--evdev", "/dev/input/js1"], "the legacy mouse or joystick device" },
        { [.. SingleGpuDomain, "--usb", "046d-c31c"], "a USB id vvvv:pppp" },
        { ["domain", "--rom", "/etc/gpu.rom"], "--rom needs --pci" },
        // With the host's display stopped, only an input of the VM's own can answer Setup.
        { ["--ids", "1002:73bf,1002:ab28", "--pci", "0000:0a:00.0,0000:0a:00.1", "--bind-at", "vm-start", "--single-gpu", "--looking-glass", "none", "--video", "none",
            "--user", "alice", "--guest-setup", "--iso", "/var/lib/libvirt/images/Win11.iso"], "--guest-setup with --single-gpu: Setup waits for a key press" },
    };

    /// <summary>Arguments, and the whole line they get.</summary>
    public static TheoryData<string[], string> BadArgumentsAndTheirLine => new()
    {
        // Options before a subcommand are refused with where they go.
        { ["--pci", "0000:23:00.0", "--memory", "16G", "domain"], "nix-vfio-gen: put the command first: nix-vfio-gen domain --pci 0000:23:00.0 --memory 16G" },
        { ["--vm-name", "gaming", "doctor"], "nix-vfio-gen: put the command first: nix-vfio-gen doctor --vm-name gaming" },
        { ["--hide-kvm", "domain"], "nix-vfio-gen: put the command first: nix-vfio-gen domain --hide-kvm" },
        { ["--ids", "1002:67df", "list-iommu"], "nix-vfio-gen: --ids is not an option of list-iommu; it is taken by the root command (nix-vfio-gen --ids …), module, doctor" },
        { ["domain", "--pci", "0000:23:00.0", "list-iommu"], "nix-vfio-gen: domain and list-iommu are two commands; run one at a time: nix-vfio-gen domain --pci 0000:23:00.0, then nix-vfio-gen list-iommu" },

        // Reports are not files, so --output is refused with where it belongs.
        { ["doctor", "--output", "report.txt"], "nix-vfio-gen: --output is not an option of doctor; it is taken by the root command (nix-vfio-gen --ids …), module, domain" },
        { ["list-iommu", "--output", "report.txt"], "nix-vfio-gen: --output is not an option of list-iommu; it is taken by the root command (nix-vfio-gen --ids …), module, domain" },
        { ["doctor", "--root", "/nonexistent/root"], "nix-vfio-gen: --root: '/nonexistent/root' is not a directory; expected the directory that contains sys/ and etc/, e.g. /" },
    };

    /// <summary>Arguments, and how the line they get begins.</summary>
    public static TheoryData<string[], string> BadArgumentsAndHowTheirLineStarts => new()
    {
        // An option that would do nothing is an error naming what to do.
        { ["domain", "--isolate", "--vcpu-pin", "2,3"], "nix-vfio-gen: --isolate is not an option of domain (the module's libvirt hook is what keeps host work off the pinned CPUs); it is taken by the root command" },
        { ["domain", "--guest-setup"], "nix-vfio-gen: --guest-setup is not an option of domain (the module builds the setup cdrom it attaches); it is taken by the root command" },
        { ["domain", "--guest-user", "bob"], "nix-vfio-gen: --guest-user is not an option of domain" },
        { ["--ids", "1002:67df", "--guest-user", "bob"], "nix-vfio-gen: --guest-user shapes the unattended install, which only --guest-setup makes: add --guest-setup, or leave --guest-user out" },
        { ["--ids", "1002:67df", "--guest-locale", "de-DE"], "nix-vfio-gen: --guest-locale shapes the unattended install, which only --guest-setup makes" },
        { ["--ids", "1002:67df", "--define", "--redefine"], "nix-vfio-gen: --define and --redefine: give one" },
        { ["module", "--ids", "1002:67df", "--single-gpu"], "nix-vfio-gen: --single-gpu is not an option of module (it changes what the VM's libvirt hook does when the VM starts, and module writes no VM); it is taken by the root command" },
        { ["module", "--ids", "1002:67df", "--bind-at", "vm-start"], "nix-vfio-gen: --bind-at: 'vm-start' is not valid; expected boot or specialisation here: 'vm-start' hands the GPU over when the VM starts, so it needs the VM: use the root command" },

        // A typo gets the nearest option of that command.
        { ["--plaform", "amd", "--ids", "1002:67df"], "nix-vfio-gen: --plaform is not an option of the root command; did you mean --platform?" },
        { ["module", "--ids", "1002:67df", "--biind-by", "ids"], "nix-vfio-gen: --biind-by is not an option of module; did you mean --bind-by?" },
        { ["domain", "--memroy", "16G"], "nix-vfio-gen: --memroy is not an option of domain; did you mean --memory?" },
        { ["moduel", "--ids", "1002:67df"], "nix-vfio-gen: moduel is not a command of the root command; did you mean module?" },
        { ["list-iommu", "--sugest"], "nix-vfio-gen: --sugest is not an option of list-iommu; did you mean --suggest?" },

        // Values a downstream reader would take for something else, or could not hold at all (Robustness/HostileValueTests
        // keeps the names near the edge that are still accepted).
        // XML 1.0 and the PowerShell script cannot carry U+FFFE/U+FFFF or a lone surrogate.
        { [.. GuestSetup, "--guest-user", "a\uFFFFb"], "nix-vfio-gen: --guest-user: " },
        { [.. GuestSetup, "--guest-user", "a\uFFFEb"], "nix-vfio-gen: --guest-user: " },
        { [.. GuestSetup, "--guest-user", "a\uD800b"], "nix-vfio-gen: --guest-user: " },
        { ["--ids", "1002:67df", "--disk", "/a\uFFFF.qcow2"], "nix-vfio-gen: --disk: " },
        { ["--ids", "1002:67df", "--iso", "/a\uDC00.iso"], "nix-vfio-gen: --iso: " },
        // virsh reads these as a domain id or UUID, not a name.
        { ["--ids", "1002:67df", "--vm-name", "1"], "nix-vfio-gen: --vm-name: " },
        { ["--ids", "1002:67df", "--vm-name", "007"], "nix-vfio-gen: --vm-name: " },
        { ["--ids", "1002:67df", "--vm-name", "4dea22b3-1d52-4b5f-9f8e-8f1b5e7b2a10"], "nix-vfio-gen: --vm-name: " },
        { ["--ids", "1002:67df", "--vm-name", "4dea-22b3-1d52-4b5f9f8e-8f1b5e7b2a10"], "nix-vfio-gen: --vm-name: " },
        { ["doctor", "--root", "/nonexistent", "--vm-name", "42"], "nix-vfio-gen: --vm-name: " },
        // systemd-tmpfiles reads an all-digit user as a UID.
        { ["module", "--ids", "1002:67df", "--user", "1000"], "nix-vfio-gen: --user: " },
        { ["doctor", "--root", "/nonexistent", "--user", "0"], "nix-vfio-gen: --user: " },
        // A pattern's '$' matches before a final newline; the value must end where the text ends.
        { [.. GuestSetup, "--guest-locale", "en-US\n"], "nix-vfio-gen: --guest-locale: " },
        { [.. GuestSetup, "--guest-locale", "sr-Latn-RS\n"], "nix-vfio-gen: --guest-locale: " },
        // No file has these names: a directory, or a name over NAME_MAX bytes.
        { ["--ids", "1002:67df", "--disk", "/var/lib/libvirt/images/"], "nix-vfio-gen: --disk: " },
        { ["--ids", "1002:67df", "--iso", "/srv/isos/"], "nix-vfio-gen: --iso: " },
        { ["--ids", "1002:67df", "--virtio-iso", "/srv/" + new string('v', 256) + ".iso"], "nix-vfio-gen: --virtio-iso: " },
        // 128 two-byte characters are 256 bytes: the limit is in bytes, not characters.
        { ["--ids", "1002:67df", "--disk", "/srv/" + new string('é', 128)], "nix-vfio-gen: --disk: " },

        // Guest setup values, each with what is expected.
        { [.. Rx480, "--user", "alice", "--guest-setup", "--iso", "/var/lib/libvirt/images/Win11.iso", "--windows", "10", "--guest-edition", "Windows 11 Pro"],
            "nix-vfio-gen: --guest-edition: 'Windows 11 Pro' is not on Windows 10 media (--windows 10)" },
        { [.. GuestSetup, "--guest-locale", "english"], "nix-vfio-gen: --guest-locale: 'english' is not valid; expected a Windows language/region tag such as en-US" },
        // A tag of the right shape that Windows does not know: the old regex let it through.
        { [.. GuestSetup, "--guest-locale", "xx-XX"], "nix-vfio-gen: --guest-locale: 'xx-XX' is not valid; expected a Windows language/region tag such as en-US" },
        { [.. GuestSetup, "--guest-locale", "0407:12345678"], "nix-vfio-gen: --guest-locale: '0407:12345678' is not valid; expected a Windows language/region tag such as en-US" },
        { [.. GuestSetup, "--guest-locale", "0c00:00000409"], "nix-vfio-gen: --guest-locale: '0c00:00000409' is not valid; expected a Windows language/region tag such as en-US" },
        // Region-only tags are keyboards and formats, never display languages.
        { [.. GuestSetup, "--guest-language", "de-AT"], "nix-vfio-gen: --guest-language: 'de-AT' is not valid; expected one of Windows' display languages, the installer ISO's language" },
        { [.. GuestSetup, "--guest-language", "0409:00000409"], "nix-vfio-gen: --guest-language: '0409:00000409' is not valid; expected one of Windows' display languages" },
        { [.. GuestSetup, "--guest-edition", "Windows 11 Ultimate"], "nix-vfio-gen: --guest-edition: 'Windows 11 Ultimate' is not valid; expected an edition on Microsoft's Windows media" },
        { [.. GuestSetup, "--guest-user", "a/b"], "nix-vfio-gen: --guest-user: 'a/b' is not valid; expected a Windows account name of 1 to 20 characters without" },
        { [.. GuestSetup, "--guest-user", "averyveryverylongname1"], "nix-vfio-gen: --guest-user: 'averyveryverylongname1' is not valid; expected a Windows account name of 1 to 20 characters" },
        { [.. GuestSetup, "--guest-user", "Administrator"], "nix-vfio-gen: --guest-user: 'Administrator' is not valid; expected a name other than Administrator, which Windows reserves for a built-in account" },
        { [.. GuestSetup, "--guest-user", "guest"], "nix-vfio-gen: --guest-user: 'guest' is not valid; expected a name other than Guest, which Windows reserves" },
        { [.. GuestSetup, "--guest-user", "DefaultAccount"], "nix-vfio-gen: --guest-user: 'DefaultAccount' is not valid; expected a name other than DefaultAccount" },
        { [.. GuestSetup, "--guest-user", "WDAGUtilityAccount"], "nix-vfio-gen: --guest-user: 'WDAGUtilityAccount' is not valid; expected a name other than WDAGUtilityAccount" },
        { [.. GuestSetup, "--guest-user", "SYSTEM"], "nix-vfio-gen: --guest-user: 'SYSTEM' is not valid; expected a name other than System" },
        { [.. GuestSetup, "--guest-user", "None"], "nix-vfio-gen: --guest-user: 'None' is not valid; expected a name other than None" },
        { [.. GuestSetup, "--guest-user", "50%off"], "nix-vfio-gen: --guest-user: '50%off' is not valid; expected a Windows account name of 1 to 20 characters without \" / \\ [ ] : ; | = , + * ? < > @ %" },
        { [.. GuestSetup, "--guest-user", "say\"hi"], "nix-vfio-gen: --guest-user: 'say\"hi' is not valid; expected a Windows account name of 1 to 20 characters without" },
        { [.. GuestSetup, "--guest-user", "alice."], "nix-vfio-gen: --guest-user: 'alice.' is not valid; expected a Windows account name of 1 to 20 characters that does not end with '.'" },
        { [.. GuestSetup, "--guest-user", " alice"], "nix-vfio-gen: --guest-user: ' alice' is not valid; expected a Windows account name of 1 to 20 characters without leading or trailing spaces" },
        { [.. GuestSetup, "--guest-user", "alice "], "nix-vfio-gen: --guest-user: 'alice ' is not valid; expected a Windows account name of 1 to 20 characters without leading or trailing spaces" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_input_exits_2_with_one_line_and_no_output(string[] args, string mentioned) =>
        CliAssert.RefusedWithOneLine(CliRun.Run(args), mentioned);

    [Theory]
    [MemberData(nameof(BadArgumentsAndTheirLine))]
    public void Bad_input_exits_2_with_exactly_its_line_and_no_output(string[] args, string line) =>
        CliAssert.RefusedWithLine(CliRun.Run(args), line);

    [Theory]
    [MemberData(nameof(BadArgumentsAndHowTheirLineStarts))]
    public void Bad_input_exits_2_with_a_line_that_starts_as_given_and_no_output(string[] args, string start) =>
        CliAssert.RefusedWithLineStarting(CliRun.Run(args), start);

    [Fact]
    public void Errors_say_what_is_expected() =>
        Assert.Contains("expected a PCI id vvvv:dddd", CliRun.Run(["module", "--ids", "nope"]).Stderr);

    [Theory]
    [InlineData("/h")]
    [InlineData("/?")]
    public void Paths_that_look_like_windows_help_switches_are_paths(string path)
    {
        var result = CliRun.Run(["domain", "--iso", path]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"<source file=\"{path}\" />", result.Stdout);
    }

    [Fact]
    public void Help_shows_an_example()
    {
        var result = CliRun.Run(["--help"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Example:", result.Stdout);
        Assert.Contains("--ids 1002:67df,1002:aaf0", result.Stdout);
    }

    [Fact]
    public void Help_shows_defaults_as_they_are_typed()
    {
        var help = CliRun.Run(["--help"]).Stdout;
        foreach (var shown in new[] { "[default: auto]", "[default: 11]", "[default: 4]", "[default: 8GiB]", "[default: true]" })
        {
            Assert.Contains(shown, help);
        }
        Assert.DoesNotContain("{ ", help);
    }
}
