using System.Text.Json;
using NixVfioGen.Tests.Support;
using Snapshooter.Xunit3;

namespace NixVfioGen.Tests.Scripts;

/// <summary>
/// --bind-at: where the binding ends up in the evaluated module, and the vm-start hook (taken from the
/// evaluated module) checked by shellcheck and run against a fake /sys with fake systemctl, modprobe
/// and logger that record their calls and edit the tree as the real ones would.
/// </summary>
public class HandOffTests
{
    private static readonly string[] Rx480 = ["--ids", "1002:67df,1002:aaf0", "--pci", "0000:23:00.0,0000:23:00.1"];

    private static JsonElement Module(string[] args, string toolRoot = "/nix/store/stub") =>
        NixTool.EvaluateModule(CliRun.Run([.. Rx480, .. args]).Stdout, toolRoot: toolRoot);

    private static string Hook(JsonElement module) =>
        module.At("virtualisation.libvirtd.hooks.qemu").GetProperty("nix-vfio-gen-win11").GetString()!;

    [Fact]
    public void Specialisation_puts_the_binding_only_in_the_vfio_boot_entry()
    {
        var module = Module(["--bind-at", "specialisation"]);
        Assert.False(module.Has("boot.initrd.kernelModules"));
        Assert.False(module.Has("boot.extraModprobeConfig"));
        var entry = module.At("specialisation.vfio.configuration");
        Assert.Equal(["vfio"], entry.At("system.nixos.tags").Strings());
        Assert.Equal(["vfio_pci", "vfio", "vfio_iommu_type1"], entry.At("boot.initrd.kernelModules").Strings());
        Assert.Contains("options vfio-pci ids=1002:67df,1002:aaf0\n", entry.At("boot.extraModprobeConfig").GetString());
        // The IOMMU and libvirt are in both entries.
        Assert.Contains("iommu=pt", module.At("boot.kernelParams").Strings());
        Assert.True(module.At("virtualisation.libvirtd.enable").GetBoolean());
    }

    [Fact]
    public void Vm_start_binds_nothing_at_boot_and_installs_a_hook_for_this_vm()
    {
        var module = Module(["--bind-at", "vm-start", "--single-gpu"]);
        Assert.False(module.Has("boot.initrd.kernelModules"));
        Assert.DoesNotContain("options vfio-pci", module.Has("boot.extraModprobeConfig") ? module.At("boot.extraModprobeConfig").GetString() : "");
        Assert.Contains("vfio_pci", module.At("boot.kernelModules").Strings());
        Assert.Equal(["nix-vfio-gen-win11"], module.At("virtualisation.libvirtd.hooks.qemu").EnumerateObject().Select(p => p.Name));
        Assert.Contains("/nix/store/stub/vendor-reset", module.At("boot.extraModulePackages").Strings());
        Assert.DoesNotContain("virsh", Hook(module));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_hook_passes_shellcheck(bool singleGpu)
    {
        ExternalTool.Require("shellcheck", "shellcheck");
        var hook = Hook(Module(["--bind-at", "vm-start", .. singleGpu ? new[] { "--single-gpu" } : []]));
        var result = ExternalTool.Run("shellcheck", ["--shell=bash", "--severity=style", "-"], "#!/bin/bash\n" + hook);
        Assert.True(result.ExitCode == 0, "shellcheck: " + result.Stdout + result.Stderr);
    }

    [Fact]
    public void Another_vm_is_left_alone()
    {
        using var tools = new FakeTools();
        var sys = tools.Sysfs(("0000:23:00.0", "amdgpu"), ("0000:23:00.1", "snd_hda_intel"));
        var result = tools.RunHook(Hook(Module(["--bind-at", "vm-start", "--single-gpu"], tools.Root)), sys, "other-vm", "prepare", "begin");
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(tools.Calls);
        Assert.Equal("amdgpu", tools.DriverOf(sys, "0000:23:00.0"));
    }

    [Fact]
    public void Single_gpu_takes_the_display_down_in_order()
    {
        using var tools = new FakeTools();
        // HDMI audio stays on its driver: libvirt's managed hostdev detaches it, the hook does not need to.
        var sys = tools.Sysfs(("0000:23:00.0", "amdgpu"), ("0000:23:00.1", "snd_hda_intel"));
        var hook = Hook(Module(["--bind-at", "vm-start", "--single-gpu"], tools.Root));
        var begin = tools.RunHook(hook, sys, "win11", "prepare", "begin");
        Assert.True(begin.ExitCode == 0, begin.Stderr);
        Assert.Equal(
        [
            "logger -t nix-vfio-gen -- win11: taking the GPU from the host display",
            $"mkdir -p {tools.Root}/run/win11",
            "systemctl stop display-manager.service",
            "systemctl stop nvidia-persistenced.service",
            "modprobe -r amdgpu",
            "logger -t nix-vfio-gen -- win11: unloaded amdgpu",
            "modprobe vfio-pci",
            $"readlink {sys}/bus/pci/devices/0000:23:00.1/driver",
            "logger -t nix-vfio-gen -- win11: GPU released; libvirt hands it to vfio-pci",
        ], tools.Calls);
        Assert.Null(tools.DriverOf(sys, "0000:23:00.0"));
    }

    [Fact]
    public void The_gpu_function_off_its_driver_lets_the_vm_start_and_end_gives_everything_back()
    {
        using var tools = new FakeTools();
        var sys = tools.Sysfs(("0000:23:00.0", "amdgpu"), ("0000:23:00.1", "snd_hda_intel"));
        var hook = Hook(Module(["--bind-at", "vm-start", "--single-gpu"], tools.Root));

        var begin = tools.RunHook(hook, sys, "win11", "prepare", "begin");
        Assert.True(begin.ExitCode == 0, begin.Stderr);
        Assert.Null(tools.DriverOf(sys, "0000:23:00.0"));
        Assert.Equal("0", File.ReadAllText(Path.Combine(sys, "class", "vtconsole", "vtcon0", "bind")).Trim());
        Assert.Equal("efi-framebuffer.0", File.ReadAllText(Path.Combine(sys, "bus", "platform", "drivers", "efi-framebuffer", "unbind")).Trim());
        Assert.Contains("logger -t nix-vfio-gen -- win11: GPU released; libvirt hands it to vfio-pci", tools.Calls);

        var end = tools.RunHook(hook, sys, "win11", "release", "end");
        Assert.True(end.ExitCode == 0, end.Stderr);
        var afterBegin = tools.Calls.SkipWhile(call => !call.Contains("giving the GPU back", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["modprobe amdgpu", "systemctl start display-manager.service"], afterBegin.Where(call => call.StartsWith("modprobe", StringComparison.Ordinal) || call.StartsWith("systemctl", StringComparison.Ordinal)));
        Assert.Equal("amdgpu", tools.DriverOf(sys, "0000:23:00.0"));
        Assert.Equal("1", File.ReadAllText(Path.Combine(sys, "class", "vtconsole", "vtcon1", "bind")).Trim());
    }

    [Fact]
    public void A_driver_that_keeps_the_gpu_restores_the_display_and_fails_the_start()
    {
        using var tools = new FakeTools();
        var sys = tools.Sysfs(("0000:23:00.0", "amdgpu"));
        var hook = Hook(Module(["--bind-at", "vm-start", "--single-gpu"], tools.Root));
        var begin = tools.RunHook(hook, sys, "win11", "prepare", "begin", keepDriver: true);
        Assert.Equal(1, begin.ExitCode);
        Assert.Contains("logger -t nix-vfio-gen -- win11: 0000:23:00.0 is still held by amdgpu; giving the display back and refusing to start", tools.Calls);
        Assert.Equal("systemctl start display-manager.service", tools.Calls.Last(call => call.StartsWith("systemctl", StringComparison.Ordinal)));
        Assert.Equal("1", File.ReadAllText(Path.Combine(sys, "class", "vtconsole", "vtcon0", "bind")).Trim());
    }

    [Theory]
    [InlineData(new[] { "module", "--ids", "1002:67df", "--bind-at", "vm-start" }, "needs the VM: use the root command")]
    [InlineData(new[] { "--ids", "1002:67df", "--bind-at", "vm-start" }, "'vm-start' needs --pci")]
    [InlineData(new[] { "--ids", "1002:67df", "--single-gpu" }, "--single-gpu: only with --bind-at vm-start")]
    public void Hand_off_options_that_cannot_work_together_are_refused(string[] args, string message)
    {
        var result = CliRun.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
    }

    [Fact]
    public void The_single_gpu_module_matches_its_reviewed_snapshot() =>
        Snapshot.Match(CliRun.Run([.. Rx480, "--platform", "amd", "--user", "alice", "--bind-at", "vm-start", "--single-gpu", "--formatter", "none"]).Stdout,
            "module_vm-start_single-gpu");
}
