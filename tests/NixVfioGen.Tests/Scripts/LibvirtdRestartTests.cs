using System.Text.Json;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Scripts;

/// <summary>
/// The unit that makes a changed hook take effect on a switch: it restarts libvirtd (try-restart) only when the
/// hook libvirtd was started with is not the current one, and only when libvirtd runs.
/// </summary>
public class LibvirtdRestartTests
{
    private const string CurrentHook = "/nix/store/00000000000000000000000000000000-nix-vfio-gen-win11-hook";

    private static (JsonElement Unit, string Script) Unit(FakeTools tools, params string[] args)
    {
        var module = NixTool.EvaluateModule(CliRun.Run(["--ids", "1002:67df", "--pci", "0000:23:00.0", .. args]).Stdout, toolRoot: tools.Root);
        var hook = module.At("virtualisation.libvirtd.hooks.qemu").GetProperty("nix-vfio-gen-win11").GetString()!;
        var unit = module.At("systemd.services").GetProperty("nix-vfio-gen-hook-win11");
        // The stub's writeShellScript returns the script's text; on NixOS it is a store path.
        var script = unit.At("script").GetString()!.Replace("hook=" + hook, "hook=" + CurrentHook, StringComparison.Ordinal);
        Assert.StartsWith("hook=" + CurrentHook + "\n", script);
        return (unit, script);
    }

    private static void LinkedHook(FakeTools tools, string target)
    {
        var directory = Path.Combine(tools.HostRoot, "var", "lib", "libvirt", "hooks", "qemu.d");
        Directory.CreateDirectory(directory);
        File.CreateSymbolicLink(Path.Combine(directory, "nix-vfio-gen-win11"), target);
    }

    private static ExternalTool.Result Run(FakeTools tools, string script) =>
        ExternalTool.Run("env", ["-i", $"NIX_VFIO_GEN_ROOT={tools.HostRoot}", "/bin/bash", "-e", "-c", script]);

    [Theory]
    [InlineData("--bind-at", "vm-start")]
    [InlineData("--vcpu-pin", "1", "--isolate")]
    public void A_changed_hook_restarts_a_running_libvirtd(params string[] args)
    {
        using var tools = new FakeTools();
        var (unit, script) = Unit(tools, args);
        LinkedHook(tools, "/nix/store/11111111111111111111111111111111-nix-vfio-gen-win11-hook");
        var result = Run(tools, script);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(["systemctl is-active --quiet libvirtd.service", "systemctl try-restart libvirtd.service"],
            tools.Calls.Where(call => call.StartsWith("systemctl", StringComparison.Ordinal)));
        // Restarted by a switch whenever the hook changes; after libvirtd at boot, where it finds the link current.
        Assert.Equal(["multi-user.target"], unit.At("wantedBy").Strings());
        Assert.Equal(["libvirtd.service"], unit.At("after").Strings());
        Assert.Single(unit.At("restartTriggers").EnumerateArray());
        Assert.True(unit.At("serviceConfig.RemainAfterExit").GetBoolean());
    }

    [Fact]
    public void The_current_hook_restarts_nothing()
    {
        using var tools = new FakeTools();
        var (_, script) = Unit(tools, "--bind-at", "vm-start");
        LinkedHook(tools, CurrentHook);
        Assert.Equal(0, Run(tools, script).ExitCode);
        Assert.DoesNotContain(tools.Calls, call => call.StartsWith("systemctl", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stopped_libvirtd_is_left_to_install_the_hook_when_it_starts()
    {
        using var tools = new FakeTools();
        var (_, script) = Unit(tools, "--bind-at", "vm-start");
        tools.SetState("state-libvirtd.service", "inactive");
        Assert.Equal(0, Run(tools, script).ExitCode);
        Assert.Equal(["systemctl is-active --quiet libvirtd.service"], tools.Calls.Where(call => call.StartsWith("systemctl", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_unit_script_passes_shellcheck()
    {
        ExternalTool.Require("shellcheck", "shellcheck");
        using var tools = new FakeTools();
        var (_, script) = Unit(tools, "--bind-at", "vm-start");
        var result = ExternalTool.Run("shellcheck", ["--shell=bash", "--severity=style", "-"], "#!/bin/bash\nset -e\n" + script);
        Assert.True(result.ExitCode == 0, "shellcheck: " + result.Stdout + result.Stderr);
    }
}
