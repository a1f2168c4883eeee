using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Scripts;

/// <summary>
/// The test doubles refuse what the real tools refuse. Where the real tool can judge a call here without a
/// running system (kmod's modprobe in dry-run mode over a module directory; virsh on libvirt's test driver),
/// the fake's verdict is compared with the real one's for the same arguments. Debian's systemctl and loginctl
/// need a bus for every verb, so their fakes follow systemd's sources (cited in Scripts/Fakes) and the
/// isolation hook also runs under a real systemd (SystemdContainerTests).
/// </summary>
public class FakeToolGrammarTests
{
    private static ExternalTool.Result Fake(FakeTools tools, string package, string name, params string[] arguments) =>
        ExternalTool.Run(tools.PathOf(package, name), arguments);

    [Theory]
    // One unit per set-property: the --isolate hook's old call (systemd: "Not an assignment: system.slice").
    [InlineData("Not an assignment: system.slice", "set-property", "--runtime", "--", "user.slice", "system.slice", "init.scope", "AllowedCPUs=0")]
    [InlineData("Too few arguments.", "set-property", "user.slice")]
    [InlineData("Unknown assignment: NoSuchThing=1", "set-property", "user.slice", "NoSuchThing=1")]
    [InlineData("Failed to parse AllowedCPUs value zero", "set-property", "user.slice", "AllowedCPUs=zero")]
    [InlineData("Unknown command verb 'sart'.", "sart", "display-manager.service")]
    [InlineData("Too few arguments.", "stop")]
    [InlineData("systemctl: unrecognized option '--runtim'", "set-property", "--runtim", "user.slice", "AllowedCPUs=0")]
    public void Fake_systemctl_refuses_what_systemctl_refuses(string message, params string[] arguments)
    {
        using var tools = new FakeTools();
        var result = Fake(tools, "systemd", "systemctl", arguments);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Stderr);
    }

    [Fact]
    public void Fake_systemctl_takes_options_anywhere_before_the_double_dash_as_getopt_does()
    {
        using var tools = new FakeTools();
        Assert.Equal(0, Fake(tools, "systemd", "systemctl", "set-property", "user.slice", "--runtime", "AllowedCPUs=0,1").ExitCode);
        Assert.Equal(0, Fake(tools, "systemd", "systemctl", "set-property", "--runtime", "--", "user.slice", "AllowedCPUs=").ExitCode);
        Assert.NotEqual(0, Fake(tools, "systemd", "systemctl", "set-property", "--", "user.slice", "--runtime").ExitCode);
    }

    [Theory]
    [InlineData("Too few arguments.", "terminate-seat")]
    [InlineData("Unknown command verb 'terminate'.", "terminate", "seat0")]
    [InlineData("No seat 'seat1' known", "terminate-seat", "seat1")]
    [InlineData("Too many arguments.", "list-seats", "seat0")]
    [InlineData("loginctl: unrecognized option '--force'", "terminate-seat", "--force", "seat0")]
    public void Fake_loginctl_refuses_what_loginctl_refuses(string message, params string[] arguments)
    {
        using var tools = new FakeTools();
        var result = Fake(tools, "systemd", "loginctl", arguments);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Stderr);
    }

    [Theory]
    [InlineData("unrecognized option '--bogus'", "--bogus", "-t", "tag", "--", "message")]
    [InlineData("unknown priority name: loud", "-p", "loud", "message")]
    [InlineData("invalid option -- 'x'", "-t", "tag", "message", "-x")]
    public void Fake_logger_refuses_what_logger_refuses(string message, params string[] arguments)
    {
        using var tools = new FakeTools();
        var result = Fake(tools, "util-linux", "logger", arguments);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.Empty(tools.Journal);
    }

    /// <summary>Argument lists and whether kmod's modprobe accepts them; the fake must agree.</summary>
    public static TheoryData<string> ModprobeCalls => new()
    {
        "vfio-pci", "vfio_pci", "-r amdgpu", "-r amdgpu nvidia_drm", "-r", "", "--bogus vfio-pci", "-x vfio-pci",
        "-a vfio-pci amdgpu", "nosuch", "-- vfio-pci", "vfio-pci ids=1002:67df", "-q -r nvidia_drm", "-rq nvidia_drm",
        "-C", "-r nosuch",
    };

    [Theory]
    [MemberData(nameof(ModprobeCalls))]
    public void Fake_modprobe_accepts_and_refuses_as_debians_modprobe_does(string call)
    {
        ExternalTool.Require("modprobe", "kmod");
        ExternalTool.Require("depmod", "kmod");
        using var modules = new TempDirectory();
        var version = Path.Combine(modules.Path, "lib", "modules", "6.1.0");
        Directory.CreateDirectory(Path.Combine(version, "kernel"));
        var known = new[] { "vfio_pci", "amdgpu", "nvidia_drm" };
        foreach (var module in known)
        {
            File.WriteAllText(Path.Combine(version, "kernel", module + ".ko"), "");
        }
        File.WriteAllText(Path.Combine(version, "modules.dep"), string.Concat(known.Select(module => $"kernel/{module}.ko:\n")));
        // depmod complains about the empty .ko files but writes the indexes modprobe reads.
        ExternalTool.Run("depmod", ["-b", modules.Path, "6.1.0"]);
        var arguments = call.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var real = ExternalTool.Run("modprobe", ["-n", "-d", modules.Path, "-S", "6.1.0", .. arguments]);

        using var tools = new FakeTools();
        tools.SetState("known-modules", string.Join('\n', known));
        var fake = Fake(tools, "kmod", "modprobe", ["-n", .. arguments]);
        Assert.True((real.ExitCode == 0) == (fake.ExitCode == 0),
            $"modprobe {call}: real exit {real.ExitCode} ({real.Stderr.Trim()}), fake exit {fake.ExitCode} ({fake.Stderr.Trim()})");
    }

    [Fact]
    public void Fake_modprobe_refuses_a_second_module_without_a_flag_where_kmod_would_pass_it_to_the_kernel_as_a_parameter()
    {
        using var tools = new FakeTools();
        var result = Fake(tools, "kmod", "modprobe", "vfio-pci", "amdgpu");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no NAME=VALUE parameter", result.Stderr);
    }

    [Fact]
    public void Fake_modprobe_refuses_to_unload_a_module_in_use_as_kmod_does()
    {
        using var tools = new FakeTools();
        tools.Sysfs(("0000:01:00.0", "nvidia"));
        tools.SetState("inuse-nvidia", "");
        var result = Fake(tools, "kmod", "modprobe", "-r", "nvidia");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Module nvidia is in use", result.Stderr);
        Assert.Equal("nvidia", tools.DriverOf("0000:01:00.0"));
    }

    /// <summary>virsh argument lists (after the URI) and whether the real virsh accepts them on the test driver.</summary>
    public static TheoryData<string> VirshCalls => new()
    {
        "net-info default", "net-info", "net-info default extra", "foo", "domuuid", "define", "net-start",
        "net-autostart default", "net-autostart default --bogus", "uri", "uri extra",
    };

    [Theory]
    [MemberData(nameof(VirshCalls))]
    public void Fake_virsh_accepts_and_refuses_as_virsh_does(string call)
    {
        ExternalTool.Require("virsh", "libvirt-clients");
        var arguments = call.Split(' ');
        var real = ExternalTool.Run("virsh", ["-c", "test:///default", .. arguments]);
        using var tools = new FakeTools();
        tools.SetState("network", "");
        tools.SetState("active", "yes");
        tools.SetState("autostart", "no");
        var fake = Fake(tools, "libvirt", "virsh", ["-c", "qemu:///system", .. arguments]);
        Assert.True((real.ExitCode == 0) == (fake.ExitCode == 0),
            $"virsh {call}: real exit {real.ExitCode} ({real.Stderr.Trim()}), fake exit {fake.ExitCode} ({fake.Stderr.Trim()})");
        if (real.ExitCode != 0)
        {
            Assert.Equal(real.Stderr.Trim().Split('\n')[0], fake.Stderr.Trim());
        }
    }
}
