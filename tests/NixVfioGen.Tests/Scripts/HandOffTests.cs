using System.Text.Json;
using NixVfioGen.Tests.Support;
using Snapshooter.Xunit3;

namespace NixVfioGen.Tests.Scripts;

/// <summary>
/// --bind-at: where the binding ends up in the evaluated module, and the vm-start hook (taken from the
/// evaluated module) checked by shellcheck and run against a fake host (/sys, /proc, /dev) with fake systemctl,
/// loginctl, modprobe and logger that enforce the real tools' grammar and edit the tree as the real ones would,
/// for an AMD and an NVIDIA single-GPU host.
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
    [InlineData(true, "1002:67df,1002:aaf0")]
    [InlineData(true, "10de:2484,10de:228b")]
    [InlineData(false, "1002:67df,1002:aaf0")]
    public void The_hook_passes_shellcheck(bool singleGpu, string ids)
    {
        ExternalTool.Require("shellcheck", "shellcheck");
        var hook = NixTool.EvaluateModule(CliRun.Run(["--ids", ids, "--pci", "0000:23:00.0,0000:23:00.1", "--bind-at", "vm-start", .. singleGpu ? new[] { "--single-gpu" } : []]).Stdout)
            .At("virtualisation.libvirtd.hooks.qemu").GetProperty("nix-vfio-gen-win11").GetString()!;
        var result = ExternalTool.Run("shellcheck", ["--shell=bash", "--severity=style", "-"], "#!/bin/bash\n" + hook);
        Assert.True(result.ExitCode == 0, "shellcheck: " + result.Stdout + result.Stderr);
    }

    [Fact]
    public void Another_vm_is_left_alone()
    {
        using var tools = new FakeTools();
        tools.Sysfs(("0000:23:00.0", "amdgpu"), ("0000:23:00.1", "snd_hda_intel"));
        var result = tools.RunHook(Hook(Module(["--bind-at", "vm-start", "--single-gpu"], tools.Root)), "other-vm", "prepare", "begin");
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(tools.Calls);
        Assert.Equal("amdgpu", tools.DriverOf("0000:23:00.0"));
    }

    [Fact]
    public void Amd_single_gpu_keeps_amdgpu_loaded_ends_the_session_holding_the_gpu_and_leaves_the_detach_to_libvirt()
    {
        using var tools = new FakeTools();
        // HDMI audio and the GPU stay on their drivers: libvirt's managed hostdevs detach them.
        tools.Sysfs(("0000:23:00.0", "amdgpu"), ("0000:23:00.1", "snd_hda_intel"));
        tools.DrmNodeHeldBySession("0000:23:00.0", pid: 4242);
        var hook = Hook(Module(["--bind-at", "vm-start", "--single-gpu"], tools.Root));
        var begin = tools.RunHook(hook, "win11", "prepare", "begin");
        Assert.True(begin.ExitCode == 0, begin.Stderr);
        Assert.Equal(
        [
            "systemctl stop display-manager.service",
            "loginctl terminate-seat seat0",
            "modprobe vfio-pci",
        ], tools.Calls.Where(call => !call.StartsWith("logger", StringComparison.Ordinal) && !call.StartsWith("mkdir", StringComparison.Ordinal)));
        Assert.False(tools.ProcessRuns(4242));
        Assert.Equal("amdgpu", tools.DriverOf("0000:23:00.0"));
        Assert.Equal(
        [
            "nix-vfio-gen: win11: taking the GPU from the host display",
            "nix-vfio-gen: win11: display manager stopped",
            "nix-vfio-gen: win11: consoles unbound",
            "nix-vfio-gen: win11: EFI framebuffer unbound",
            "nix-vfio-gen: win11: processes 4242 hold the GPU; ending the sessions on seat0",
            "nix-vfio-gen: win11: graphical sessions on seat0 ended",
            "nix-vfio-gen: win11: GPU released; libvirt moves it to vfio-pci",
        ], tools.Journal);
        Assert.Equal("0", tools.ReadSys("class/vtconsole/vtcon0/bind"));
        Assert.Equal("efi-framebuffer.0", tools.ReadSys("bus/platform/drivers/efi-framebuffer/unbind"));

        var end = tools.RunHook(hook, "win11", "release", "end");
        Assert.True(end.ExitCode == 0, end.Stderr);
        Assert.DoesNotContain(tools.Calls, call => call.StartsWith("modprobe amdgpu", StringComparison.Ordinal));
        Assert.Equal("systemctl start display-manager.service", tools.Calls.Last(call => call.StartsWith("systemctl", StringComparison.Ordinal)));
        Assert.Equal("1", tools.ReadSys("class/vtconsole/vtcon1/bind"));
        Assert.Equal("efi-framebuffer.0", tools.ReadSys("bus/platform/drivers/efi-framebuffer/bind"));
    }

    private static readonly string[] Rtx = ["--ids", "10de:2484,10de:228b", "--pci", "0000:01:00.0,0000:01:00.1", "--bind-at", "vm-start", "--single-gpu"];

    private static string NvidiaHook(FakeTools tools) => Hook(NixTool.EvaluateModule(CliRun.Run(Rtx).Stdout, toolRoot: tools.Root));

    private static void NvidiaHost(FakeTools tools)
    {
        tools.Sysfs(("0000:01:00.0", "nvidia"), ("0000:01:00.1", "snd_hda_intel"));
        foreach (var module in new[] { "nvidia_drm", "nvidia_modeset", "nvidia_uvm" })
        {
            Directory.CreateDirectory(Path.Combine(tools.Sys, "module", module));
        }
    }

    [Fact]
    public void Nvidia_single_gpu_ends_the_session_unloads_the_driver_stack_and_reloads_it_after()
    {
        using var tools = new FakeTools();
        NvidiaHost(tools);
        tools.DrmNodeHeldBySession("0000:01:00.0", pid: 1717);
        var hook = NvidiaHook(tools);
        var begin = tools.RunHook(hook, "win11", "prepare", "begin");
        Assert.True(begin.ExitCode == 0, begin.Stderr);
        Assert.Equal(
        [
            "systemctl stop display-manager.service",
            "systemctl stop nvidia-persistenced.service",
            "loginctl terminate-seat seat0",
            "modprobe -r nvidia_drm",
            "modprobe -r nvidia_modeset",
            "modprobe -r nvidia_uvm",
            "modprobe -r nvidia",
            "modprobe vfio-pci",
        ], tools.Calls.Where(call => call.StartsWith("systemctl", StringComparison.Ordinal) || call.StartsWith("modprobe", StringComparison.Ordinal) || call.StartsWith("loginctl", StringComparison.Ordinal)));
        Assert.Null(tools.DriverOf("0000:01:00.0"));
        Assert.Contains("nix-vfio-gen: win11: unloaded nvidia", tools.Journal);

        var end = tools.RunHook(hook, "win11", "release", "end");
        Assert.True(end.ExitCode == 0, end.Stderr);
        Assert.Equal(["modprobe nvidia", "modprobe nvidia_uvm", "modprobe nvidia_modeset", "modprobe nvidia_drm"],
            tools.Calls.Where(call => call.StartsWith("modprobe nvidia", StringComparison.Ordinal)));
        Assert.Equal("nvidia", tools.DriverOf("0000:01:00.0"));
        // The daemon the start stopped comes back with the driver stack, before the display manager.
        Assert.Equal(["systemctl start nvidia-persistenced.service", "systemctl start display-manager.service"],
            tools.Calls.Where(call => call.StartsWith("systemctl start", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_second_start_without_release_keeps_the_modules_the_first_unloaded()
    {
        using var tools = new FakeTools();
        NvidiaHost(tools);
        var hook = NvidiaHook(tools);
        Assert.Equal(0, tools.RunHook(hook, "win11", "prepare", "begin").ExitCode);
        // The first start failed after its prepare (no release), the user starts again: nothing is loaded now.
        Assert.Equal(0, tools.RunHook(hook, "win11", "prepare", "begin").ExitCode);
        Assert.Contains("nix-vfio-gen: win11: keeping the modules an earlier start unloaded: nvidia nvidia_uvm nvidia_modeset nvidia_drm", tools.Journal);
        Assert.Equal(0, tools.RunHook(hook, "win11", "release", "end").ExitCode);
        Assert.Equal(["modprobe nvidia", "modprobe nvidia_uvm", "modprobe nvidia_modeset", "modprobe nvidia_drm"],
            tools.Calls.Where(call => call.StartsWith("modprobe nvidia", StringComparison.Ordinal)));
        Assert.Equal("nvidia", tools.DriverOf("0000:01:00.0"));
    }

    [Fact]
    public void A_driver_module_in_use_restores_the_display_and_fails_the_start()
    {
        using var tools = new FakeTools();
        NvidiaHost(tools);
        tools.SetState("inuse-nvidia_uvm", "");
        var hook = NvidiaHook(tools);
        var begin = tools.RunHook(hook, "win11", "prepare", "begin");
        Assert.Equal(1, begin.ExitCode);
        Assert.Contains("nix-vfio-gen: win11: could not unload nvidia_uvm; giving the display back and refusing to start", tools.Journal);
        // What had been unloaded comes back, then the display manager.
        Assert.Equal(["modprobe nvidia_modeset", "modprobe nvidia_drm"], tools.Calls.Where(call => call.StartsWith("modprobe nvidia", StringComparison.Ordinal)));
        Assert.Equal("systemctl start display-manager.service", tools.Calls.Last(call => !call.StartsWith("logger", StringComparison.Ordinal)));
        Assert.Equal("1", tools.ReadSys("class/vtconsole/vtcon0/bind"));
    }

    [Fact]
    public void A_gpu_held_by_a_process_outside_any_session_restores_the_display_and_fails_the_start()
    {
        using var tools = new FakeTools();
        tools.Sysfs(("0000:23:00.0", "amdgpu"));
        tools.DrmNodeHeldBySession("0000:23:00.0", pid: 999, onSeat: false);
        var begin = tools.RunHook(Hook(Module(["--bind-at", "vm-start", "--single-gpu"], tools.Root)), "win11", "prepare", "begin");
        Assert.Equal(1, begin.ExitCode);
        Assert.Contains("nix-vfio-gen: win11: processes 999 still hold the GPU; giving the display back and refusing to start", tools.Journal);
        Assert.Equal("systemctl start display-manager.service", tools.Calls.Last(call => !call.StartsWith("logger", StringComparison.Ordinal)));
        Assert.Equal("1", tools.ReadSys("class/vtconsole/vtcon0/bind"));
    }

    [Fact]
    public void A_driver_that_keeps_the_gpu_restores_the_display_and_fails_the_start()
    {
        using var tools = new FakeTools();
        NvidiaHost(tools);
        tools.SetState("keep-driver", "");
        var hook = NvidiaHook(tools);
        var begin = tools.RunHook(hook, "win11", "prepare", "begin");
        Assert.Equal(1, begin.ExitCode);
        Assert.Contains("nix-vfio-gen: win11: 0000:01:00.0 is still held by nvidia; giving the display back and refusing to start", tools.Journal);
        Assert.Equal("systemctl start display-manager.service", tools.Calls.Last(call => !call.StartsWith("logger", StringComparison.Ordinal)));
        Assert.Equal("1", tools.ReadSys("class/vtconsole/vtcon0/bind"));
    }

    [Fact]
    public void The_single_gpu_module_matches_its_reviewed_snapshot() =>
        Snapshot.Match(CliRun.Run([.. Rx480, "--platform", "amd", "--user", "alice", "--bind-at", "vm-start", "--single-gpu", "--formatter", "none"]).Stdout,
            "module_vm-start_single-gpu");
}
