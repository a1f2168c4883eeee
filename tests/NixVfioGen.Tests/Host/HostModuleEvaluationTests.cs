using System.Text.Json;
using NixVfioGen.Host;
using NixVfioGen.Model;
using NixVfioGen.Nix;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Host;

/// <summary>Every module variant through the real Nix parser and evaluator, asserting on the values it defines.</summary>
public class HostModuleEvaluationTests
{
    private static string Text(HostOptions options) => NixRenderer.Render(HostModuleBuilder.Build(options));

    // An RX 480 without vendor-reset's bindings, which VendorResetTests cover, so each test sees only its own.
    private static HostOptions Polaris() => HostOptions.ForIds(PciId.ParseList("1002:67df")) with { ResetQuirk = ResetQuirk.Off };

    private static JsonElement Evaluate(HostOptions options, string kernel = "6.12.10") => NixTool.EvaluateModule(Text(options), kernel);

    [Theory]
    [MemberData(nameof(ModuleCases.Names), MemberType = typeof(ModuleCases))]
    public void Every_case_parses_and_evaluates(string name)
    {
        var options = ModuleCases.Case(name);
        var parsed = NixTool.Parse(Text(options));
        Assert.True(parsed.ExitCode == 0, parsed.Stderr);
        var module = Evaluate(options);
        // The id binding is in the module itself, or in the vfio boot entry.
        var bound = options.BindAt == BindAt.Specialisation ? module.At("specialisation.vfio.configuration") : module;
        Assert.Equal(options.Ids.Select(id => id.ToString()),
            ModprobeOption(bound, "options vfio-pci ids=").Split(','));
        var ovmf = module.Has("virtualisation.libvirtd.qemu.ovmf");
        // Without --nixos the module reads the release of the lib it is evaluated with (nixpkgs' own, 26.11 here).
        Assert.Equal(options.Release?.HasOvmfSubmodule ?? false, ovmf);
        Assert.True(module.At("virtualisation.libvirtd.qemu.swtpm.enable").GetBoolean());
    }

    [Theory]
    [InlineData("24.11", true)]
    [InlineData("25.05", true)]
    [InlineData("25.11", false)]
    [InlineData("26.05", false)]
    public void Without_nixos_the_ovmf_option_follows_the_release_the_module_is_evaluated_with(string release, bool ovmf)
    {
        var module = NixTool.EvaluateModule(Text(Polaris()), release: release);
        Assert.Equal(ovmf, module.Has("virtualisation.libvirtd.qemu.ovmf"));
        if (ovmf)
        {
            Assert.True(module.At("virtualisation.libvirtd.qemu.ovmf.enable").GetBoolean());
        }
        Assert.True(module.At("virtualisation.libvirtd.qemu.swtpm.enable").GetBoolean());
    }

    [Fact]
    public void Intel_turns_the_iommu_on_and_amd_does_not_use_amd_iommu()
    {
        var intel = Evaluate(HostOptions.ForIds(PciId.ParseList("8086:56a0")) with { Platform = Platform.Intel });
        Assert.Equal(["intel_iommu=on", "iommu=pt", "kvm.ignore_msrs=1", "kvm.report_ignored_msrs=0"],
            intel.At("boot.kernelParams").Strings());
        Assert.Equal(["kvm-intel"], intel.At("boot.kernelModules").Strings());

        var amd = Evaluate(Polaris() with { Platform = Platform.Amd });
        Assert.Equal(["iommu=pt", "kvm.ignore_msrs=1", "kvm.report_ignored_msrs=0"], amd.At("boot.kernelParams").Strings());
        Assert.DoesNotContain(amd.At("boot.kernelParams").Strings(), p => p.StartsWith("amd_iommu", StringComparison.Ordinal));
        Assert.Equal(["kvm-amd"], amd.At("boot.kernelModules").Strings());
    }

    [Fact]
    public void Auto_platform_loads_no_kvm_module_and_is_valid_on_both_vendors()
    {
        var auto = Evaluate(Polaris());
        Assert.Equal(["intel_iommu=on", "iommu=pt", "kvm.ignore_msrs=1", "kvm.report_ignored_msrs=0"], auto.At("boot.kernelParams").Strings());
        Assert.False(auto.Has("boot.kernelModules"));
    }

    [Fact]
    public void Msrs_can_be_left_alone()
    {
        var module = Evaluate(Polaris() with { IgnoreMsrs = false, Platform = Platform.Amd });
        Assert.Equal(["iommu=pt"], module.At("boot.kernelParams").Strings());
    }

    [Theory]
    [InlineData("6.1.100", true)]
    [InlineData("5.15.0", true)]
    [InlineData("6.2", false)]
    [InlineData("6.12.10", false)]
    [InlineData("6.18.1", false)]
    public void Vfio_virqfd_is_loaded_only_on_kernels_before_6_2(string kernel, bool expected)
    {
        var early = Evaluate(Polaris(), kernel);
        Assert.Equal(["vfio_pci", "vfio", "vfio_iommu_type1", .. expected ? new[] { "vfio_virqfd" } : []],
            early.At("boot.initrd.kernelModules").Strings());

        var late = Evaluate(Polaris() with { EarlyBinding = false, Platform = Platform.Amd }, kernel);
        Assert.Equal(["kvm-amd", "vfio_pci", "vfio", "vfio_iommu_type1", .. expected ? new[] { "vfio_virqfd" } : []],
            late.At("boot.kernelModules").Strings());
        Assert.False(late.Has("boot.initrd.kernelModules"));
    }

    [Fact]
    public void Only_the_passed_gpus_graphics_drivers_are_ordered_after_vfio_pci()
    {
        var config = Evaluate(Polaris()).At("boot.extraModprobeConfig").GetString()!;
        Assert.Equal(["softdep amdgpu pre: vfio-pci", "softdep radeon pre: vfio-pci"],
            config.Split('\n').Where(line => line.StartsWith("softdep", StringComparison.Ordinal)));
    }

    [Fact]
    public void Shm_mode_creates_the_shared_memory_file_for_the_user()
    {
        var module = Evaluate(Polaris() with { User = UserName.Parse("alice") });
        Assert.Equal(["f /dev/shm/looking-glass 0660 alice qemu-libvirtd -"], module.At("systemd.tmpfiles.rules").Strings());
        Assert.Equal(["/nix/store/stub/looking-glass-client"], module.At("environment.systemPackages").Strings());
        Assert.Equal(["libvirtd", "kvm", "qemu-libvirtd"], module.At("users.users.alice.extraGroups").Strings());
        Assert.DoesNotContain("disk", module.At("users.users.alice.extraGroups").Strings());
    }

    [Fact]
    public void Kvmfr_mode_loads_the_module_sized_and_extends_the_device_acl()
    {
        var module = Evaluate(Polaris() with
        {
            LookingGlass = new LookingGlass.KvmfrDevice(ShmemSize.Parse("128")),
            Platform = Platform.Amd,
        });
        Assert.Equal(["/nix/store/stub/kvmfr"], module.At("boot.extraModulePackages").Strings());
        Assert.Contains("kvmfr", module.At("boot.kernelModules").Strings());
        Assert.Contains("options kvmfr static_size_mb=128\n", module.At("boot.extraModprobeConfig").GetString());
        Assert.Contains("SUBSYSTEM==\"kvmfr\"", module.At("services.udev.extraRules").GetString());
        var verbatim = module.At("virtualisation.libvirtd.qemu.verbatimConfig").GetString()!;
        Assert.StartsWith("namespaces = []\n", verbatim);
        foreach (var device in LibvirtDeviceAcl.Defaults.Append("/dev/kvmfr0"))
        {
            Assert.Contains($"\"{device}\"", verbatim);
        }
        Assert.False(module.Has("systemd.tmpfiles.rules"));
    }

    [Fact]
    public void None_mode_has_no_looking_glass_at_all()
    {
        var module = Evaluate(Polaris() with { LookingGlass = new LookingGlass.Off() });
        Assert.False(module.Has("systemd.tmpfiles.rules"));
        Assert.False(module.Has("services.udev.extraRules"));
        Assert.False(module.Has("environment.systemPackages"));
        // Setting verbatimConfig only to restate its default would just confuse: it is left alone.
        Assert.False(module.Has("virtualisation.libvirtd.qemu.verbatimConfig"));
    }

    [Fact]
    public void Libvirtd_is_set_up_for_windows_guests()
    {
        var libvirtd = Evaluate(Polaris() with { Release = NixosRelease.Parse("25.05") })
            .At("virtualisation.libvirtd");
        Assert.True(libvirtd.At("enable").GetBoolean());
        Assert.Equal("ignore", libvirtd.At("onBoot").GetString());
        Assert.Equal("shutdown", libvirtd.At("onShutdown").GetString());
        Assert.Equal("/nix/store/stub/qemu", libvirtd.At("qemu.package").GetString());
        Assert.True(libvirtd.At("qemu.ovmf.enable").GetBoolean());
        Assert.Equal(["/nix/store/stub/OVMFFull-fd"], libvirtd.At("qemu.ovmf.packages").Strings());
        Assert.False(libvirtd.Has("qemu.user"));
    }

    [Fact]
    public void Without_a_user_no_user_is_configured()
    {
        var module = Evaluate(Polaris());
        Assert.False(module.Has("users"));
        Assert.Equal(["f /dev/shm/looking-glass 0660 root qemu-libvirtd -"], module.At("systemd.tmpfiles.rules").Strings());
    }

    private static string ModprobeOption(JsonElement module, string prefix) =>
        module.At("boot.extraModprobeConfig").GetString()!.Split('\n').Single(line => line.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];
}
