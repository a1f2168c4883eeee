using System.Text.Json;
using System.Xml.Linq;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Scripts;

/// <summary>CPU pinning, huge pages and isolation: the domain, the module and the isolation hook.</summary>
public class TuningTests
{
    private static readonly string[] Seed = ["--ids", "1002:67df,1002:aaf0", "--pci", "0000:23:00.0,0000:23:00.1", "--platform", "amd"];

    private static JsonElement Module(string[] args, string toolRoot = "/nix/store/stub") =>
        NixTool.EvaluateModule(CliRun.Run([.. Seed, .. args]).Stdout, toolRoot: toolRoot);

    [Fact]
    public void Pinning_gives_each_vcpu_its_cpu_and_the_emulator_and_disk_thread_the_others()
    {
        var xml = CliRun.Run(["domain", "--pci", "0000:23:00.0", "--platform", "amd", "--vcpu-pin", "2,10,3,11", "--emulator-pin", "0,8"]).Stdout;
        Libvirt.AssertAccepted(xml);
        var domain = XDocument.Parse(xml).Root!;
        Assert.Equal("4", domain.Element("vcpu")!.Value);
        Assert.Equal([("0", "2"), ("1", "10"), ("2", "3"), ("3", "11")],
            domain.Element("cputune")!.Elements("vcpupin").Select(p => ((string)p.Attribute("vcpu")!, (string)p.Attribute("cpuset")!)));
        Assert.Equal("0,8", (string?)domain.Element("cputune")!.Element("emulatorpin")!.Attribute("cpuset"));
        Assert.Equal("0,8", (string?)domain.Element("cputune")!.Element("iothreadpin")!.Attribute("cpuset"));
        Assert.Equal("1", domain.Element("iothreads")!.Value);
        Assert.Equal("1", (string?)domain.Descendants("disk").First().Element("driver")!.Attribute("iothread"));
        var topology = domain.Element("cpu")!.Element("topology")!;
        Assert.Equal(("2", "2"), ((string)topology.Attribute("cores")!, (string)topology.Attribute("threads")!));
    }

    [Theory]
    [InlineData("1G", "16GiB", "hugepages=16")]
    [InlineData("2M", "8GiB", null)]
    public void Huge_pages_reserve_exactly_the_guests_memory(string pages, string memory, string? kernelParameter)
    {
        var module = Module(["--hugepages", pages, "--memory", memory]);
        if (kernelParameter is not null)
        {
            Assert.Contains(kernelParameter, module.At("boot.kernelParams").Strings());
            Assert.Contains("hugepagesz=1G", module.At("boot.kernelParams").Strings());
        }
        else
        {
            Assert.Equal(4096, module.At("boot.kernel.sysctl").GetProperty("vm.nr_hugepages").GetInt32());
        }
        var xml = CliRun.Run([.. Seed, "--hugepages", pages, "--memory", memory]).Stdout;
        Assert.Contains("<hugepages>", xml);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_isolation_hook_passes_shellcheck_alone_and_with_the_hand_off(bool withHandOff)
    {
        ExternalTool.Require("shellcheck", "shellcheck");
        var module = Module(["--vcpu-pin", "2,3", "--isolate", .. withHandOff ? new[] { "--bind-at", "vm-start", "--single-gpu" } : []]);
        var hook = module.At("virtualisation.libvirtd.hooks.qemu").GetProperty("nix-vfio-gen-win11").GetString()!;
        var result = ExternalTool.Run("shellcheck", ["--shell=bash", "--severity=style", "-"], "#!/bin/bash\n" + hook);
        Assert.True(result.ExitCode == 0, "shellcheck: " + result.Stdout + result.Stderr);
    }

    private static string IsolationHook(FakeTools tools, string pins) =>
        Module(["--vcpu-pin", pins, "--isolate"], tools.Root).At("virtualisation.libvirtd.hooks.qemu").GetProperty("nix-vfio-gen-win11").GetString()!;

    [Fact]
    public void Isolation_keeps_host_work_off_the_pinned_cpus_one_unit_per_call_while_the_vm_runs()
    {
        using var tools = new FakeTools();
        tools.Sysfs();
        var hook = IsolationHook(tools, "2,3,6");

        Assert.Equal(0, tools.RunHook(hook, "win11", "prepare", "begin").ExitCode);
        Assert.Equal(0, tools.RunHook(hook, "win11", "release", "end").ExitCode);
        Assert.Equal(0, tools.RunHook(hook, "other", "prepare", "begin").ExitCode);
        // systemctl set-property takes one unit (systemctl-set-property.c): the fake refuses a second one, as systemd does.
        Assert.Equal(
        [
            "systemctl set-property --runtime init.scope AllowedCPUs=0,1,4,5,7",
            "systemctl set-property --runtime system.slice AllowedCPUs=0,1,4,5,7",
            "systemctl set-property --runtime user.slice AllowedCPUs=0,1,4,5,7",
            "systemctl set-property --runtime init.scope AllowedCPUs=",
            "systemctl set-property --runtime system.slice AllowedCPUs=",
            "systemctl set-property --runtime user.slice AllowedCPUs=",
        ], tools.Calls.Where(call => call.StartsWith("systemctl", StringComparison.Ordinal)));
        Assert.Equal(["nix-vfio-gen: win11: host work kept to CPUs 0,1,4,5,7", "nix-vfio-gen: win11: host work back on all CPUs"], tools.Journal);
        Assert.Equal(["AllowedCPUs=0,1,4,5,7", "AllowedCPUs="], File.ReadAllLines(Path.Combine(tools.State, "unit-system.slice")));
    }

    [Fact]
    public void A_failed_set_property_is_logged_as_a_failure_never_as_success()
    {
        using var tools = new FakeTools();
        tools.Sysfs();
        tools.SetState("units-missing", "user.slice");
        Assert.Equal(0, tools.RunHook(IsolationHook(tools, "2,3"), "win11", "prepare", "begin").ExitCode);
        Assert.Equal(
        [
            "nix-vfio-gen: win11: systemctl set-property user.slice AllowedCPUs=0,1,4,5,6,7 failed",
            "nix-vfio-gen: win11: host work not fully kept to CPUs 0,1,4,5,6,7 (see the failed calls above)",
        ], tools.Journal);
    }

    [Theory]
    [InlineData("2-3", "the vCPUs are pinned to every online CPU, which would leave the host none")]
    [InlineData(null, "/sys/devices/system/cpu/online is missing or unreadable")]
    [InlineData("garbage", "/sys/devices/system/cpu/online is missing or unreadable")]
    public void Isolation_that_would_leave_the_host_nothing_is_skipped_with_the_reason(string? online, string reason)
    {
        using var tools = new FakeTools();
        tools.Sysfs();
        tools.Online(online);
        Assert.Equal(0, tools.RunHook(IsolationHook(tools, "2,3"), "win11", "prepare", "begin").ExitCode);
        Assert.DoesNotContain(tools.Calls, call => call.StartsWith("systemctl", StringComparison.Ordinal));
        Assert.EndsWith(reason, Assert.Single(tools.Journal));
        Assert.StartsWith("nix-vfio-gen: win11: host work not isolated: ", tools.Journal[0]);
    }
}
