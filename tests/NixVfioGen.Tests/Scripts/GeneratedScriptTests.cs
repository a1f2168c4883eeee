using NixVfioGen.Host.Features;
using System.Text.Json;
using NixVfioGen.Host;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Scripts;

/// <summary>
/// The unit scripts the module generates, taken from the evaluated module: shellcheck passes on
/// each, and each is run against fake virsh, qemu-img and coreutils with no PATH at all (so every
/// tool must be named by its store path).
/// </summary>
public class GeneratedScriptTests
{
    private static readonly string[] WithDefine = ["--ids", "1002:67df,1002:aaf0", "--pci", "0000:23:00.0,0000:23:00.1", "--define"];

    private static JsonElement Module(string[] args, string toolRoot) =>
        NixTool.EvaluateModule(CliRun.Run(args).Stdout, toolRoot: toolRoot);

    private static string Service(JsonElement module, string unit) =>
        module.At("systemd.services").GetProperty(unit).At("script").GetString()!;

    public static TheoryData<string> Scripts => new() { InstalledUnits.DefaultNetwork, "nix-vfio-gen-define-win11", AddressBinding.SystemdUnit };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Every_script_passes_shellcheck(string unit)
    {
        ExternalTool.Require("shellcheck", "shellcheck");
        var module = Module([.. WithDefine, "--bind-by", "address"], "/nix/store/stub");
        var script = unit == AddressBinding.SystemdUnit
            ? module.At("boot.initrd.systemd.services").GetProperty(unit).At("content.script").GetString()!
            : Service(module, unit);
        var result = ExternalTool.Run("shellcheck", ["--shell=bash", "--severity=style", "-"], "#!/bin/bash\nset -e\n" + script);
        Assert.True(result.ExitCode == 0, "shellcheck: " + result.Stdout + result.Stderr);
    }

    [Theory]
    [InlineData("no", "no", new[] { "net-autostart default", "net-start default" })]
    [InlineData("yes", "no", new[] { "net-autostart default" })]
    [InlineData("yes", "yes", new string[0])]
    public void The_default_network_is_autostarted_and_started_once_only_where_needed(string active, string autostart, string[] changes)
    {
        using var tools = new FakeTools();
        tools.SetState("network", "");
        tools.SetState("active", active);
        tools.SetState("autostart", autostart);
        var result = tools.RunScript(Service(Module(WithDefine, tools.Root), InstalledUnits.DefaultNetwork));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(
        [
            "virsh -c qemu:///system net-info default",
            .. changes.Select(change => "virsh -c qemu:///system " + change),
            "touch " + InstalledFiles.DefaultNetworkMarker,
        ], tools.Calls);
    }

    [Fact]
    public void A_missing_default_network_is_not_created()
    {
        using var tools = new FakeTools();
        var result = tools.RunScript(Service(Module(WithDefine, tools.Root), InstalledUnits.DefaultNetwork));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(["virsh -c qemu:///system net-info default"], tools.Calls);
        Assert.Contains("no network named default", result.Stdout);
    }

    [Fact]
    public void The_unit_runs_only_until_it_has_run_once()
    {
        using var tools = new FakeTools();
        var unit = Module(WithDefine, tools.Root).At("systemd.services").GetProperty(InstalledUnits.DefaultNetwork);
        Assert.Equal("!" + InstalledFiles.DefaultNetworkMarker, unit.At("unitConfig.ConditionPathExists").GetString());
        Assert.Equal(["libvirtd.service"], unit.At("after").Strings());
    }

    [Fact]
    public void A_missing_disk_is_created_and_the_domain_defined()
    {
        using var tools = new FakeTools();
        var disk = Path.Combine(tools.Root, "images", "my vm's disk.qcow2");
        var result = tools.RunScript(Service(Module([.. WithDefine, "--disk", disk, "--disk-size", "256G"], tools.Root), "nix-vfio-gen-define-win11"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(
        [
            $"mkdir -p {Path.GetDirectoryName(disk)}",
            $"qemu-img create -f qcow2 {disk} 256G",
            "virsh -c qemu:///system domuuid win11",
            "virsh -c qemu:///system define /etc/nix-vfio-gen/win11.xml",
        ], tools.Calls);
        Assert.True(File.Exists(disk));
    }

    [Fact]
    public void An_existing_disk_and_domain_are_never_touched()
    {
        using var tools = new FakeTools();
        var disk = Path.Combine(tools.Root, "win11.qcow2");
        File.WriteAllText(disk, "the user's Windows");
        tools.SetState("domain-win11", "");
        var result = tools.RunScript(Service(Module([.. WithDefine, "--disk", disk], tools.Root), "nix-vfio-gen-define-win11"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(["virsh -c qemu:///system domuuid win11"], tools.Calls);
        Assert.Equal("the user's Windows", File.ReadAllText(disk));
    }

    [Fact]
    public void A_missing_block_device_is_reported_never_created()
    {
        using var tools = new FakeTools();
        var device = Path.Combine(tools.Root, "dev-not-there");
        var script = Service(Module([.. WithDefine, "--disk", "/dev/nvme9n9"], tools.Root), "nix-vfio-gen-define-win11");
        Assert.DoesNotContain("qemu_img\" create", script);
        var result = tools.RunScript(script);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("block device /dev/nvme9n9 is missing", result.Stdout);
        Assert.DoesNotContain(tools.Calls, call => call.StartsWith("qemu-img", StringComparison.Ordinal) || call.StartsWith("mkdir", StringComparison.Ordinal));
        Assert.False(File.Exists(device));
    }

    [Fact]
    public void A_raw_image_is_created_raw()
    {
        using var tools = new FakeTools();
        var disk = Path.Combine(tools.Root, "win11.img");
        var result = tools.RunScript(Service(Module([.. WithDefine, "--disk", disk], tools.Root), "nix-vfio-gen-define-win11"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"qemu-img create -f raw {disk} 128G", tools.Calls);
    }

    [Fact]
    public void Redefine_defines_the_existing_domain_again_and_reruns_when_the_xml_changes()
    {
        using var tools = new FakeTools();
        tools.SetState("domain-win11", "");
        var disk = Path.Combine(tools.Root, "win11.qcow2");
        File.WriteAllText(disk, "the user's Windows");
        // --redefine in place of --define (the two together are refused).
        string[] withRedefine = [.. WithDefine[..^1], "--redefine"];
        var module = Module([.. withRedefine, "--disk", disk], tools.Root);
        var result = tools.RunScript(Service(module, "nix-vfio-gen-define-win11"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(["virsh -c qemu:///system define /etc/nix-vfio-gen/win11.xml"], tools.Calls);
        Assert.Equal("the user's Windows", File.ReadAllText(disk));
        var trigger = module.At("systemd.services").GetProperty("nix-vfio-gen-define-win11").At("restartTriggers").Strings().Single();
        var changed = Module([.. withRedefine, "--disk", disk, "--memory", "12G"], tools.Root)
            .At("systemd.services").GetProperty("nix-vfio-gen-define-win11").At("restartTriggers").Strings().Single();
        Assert.NotEqual(trigger, changed);
        Assert.False(Module(WithDefine, tools.Root).At("systemd.services").GetProperty("nix-vfio-gen-define-win11").TryGetProperty("restartTriggers", out _));
    }
}
