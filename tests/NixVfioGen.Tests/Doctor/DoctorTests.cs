using System.Text.Json;
using NixVfioGen.Cli.Discovery;
using NixVfioGen.Doctor;
using NixVfioGen.Host.Features;
using NixVfioGen.Model;
using NixVfioGen.Tests.Support;
using Snapshooter.Xunit3;

namespace NixVfioGen.Tests.Doctor;

/// <summary>doctor over fixture hosts: healthy after the reboot, fresh before it, and one broken link at a time.</summary>
public class DoctorTests
{
    private static CliRun.Result Doctor(HostTree tree, FakeVirsh? virsh, params string[] extra)
    {
        using var fallback = virsh is null ? new FakeVirsh() : null;
        return CliRun.Run(["doctor", "--root", tree.Root, .. extra],
            libvirt: new VirshProbe((virsh ?? fallback)!.Path, TimeSpan.FromSeconds(10)));
    }

    private static string Normalised(CliRun.Result result, HostTree tree) => result.Stdout.Replace(tree.Root, "ROOT", StringComparison.Ordinal);

    [Fact]
    public void A_healthy_host_passes_every_check_and_is_told_how_to_start()
    {
        using var tree = new HostTree().Healthy();
        var result = Doctor(tree, null);
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("FAIL", result.Stdout);
        Assert.DoesNotContain("\nwarn ", result.Stdout);
        Assert.Contains("ok    driver 0000:23:00.0: bound to vfio-pci\n", result.Stdout);
        Assert.Contains("ok    reset 0000:23:00.0: reset_method is device_specific (vendor-reset)\n", result.Stdout);
        Assert.Contains("Nothing stands in the way: virsh -c qemu:///system start win11, then looking-glass-client\n", result.Stdout);
        Snapshot.Match(Normalised(result, tree), "doctor_healthy");
    }

    [Fact]
    public void A_host_before_the_reboot_fails_with_a_fix_on_every_broken_link()
    {
        using var tree = new HostTree("iommu-off").Healthy(domain: DomainOptions.Defaults(PciAddress.ParseList("0000:01:00.0,0000:01:00.1")));
        tree.Write("proc/cmdline", "init=/nix/store/x-nixos-system/init loglevel=4\n");
        tree.Write("proc/modules", "amdgpu 9000000 3 - Live 0x0000000000000000\n");
        var result = Doctor(tree, new FakeVirsh(network: (false, false), domainState: null));
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("FAIL  kernel parameters: missing from /proc/cmdline: iommu=pt kvm.ignore_msrs=1 kvm.report_ignored_msrs=0\n", result.Stdout);
        Assert.Contains("FAIL  iommu: off", result.Stdout);
        Assert.Contains("FAIL  driver 0000:01:00.0: on amdgpu, not vfio-pci", result.Stdout);
        var lines = result.Stdout.Split('\n');
        // Every FAIL and warn line is followed by its fix.
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("FAIL", StringComparison.Ordinal) || lines[i].StartsWith("warn", StringComparison.Ordinal))
            {
                Assert.StartsWith("      fix: ", lines[i + 1]);
            }
        }
        Snapshot.Match(Normalised(result, tree), "doctor_before-reboot");
    }

    public static TheoryData<string, string, string> Breakages => new()
    {
        { "no-kvm", "FAIL  kvm: /dev/kvm is missing", "enable SVM (AMD) or VT-x (Intel)" },
        { "no-vendor-reset", "FAIL  vendor-reset: module not loaded", "nixos-rebuild switch" },
        { "reset-method", "FAIL  reset 0000:23:00.0: reset_method is flr bus, not device_specific", "udev rule sets reset_method" },
        { "shm-missing", "FAIL  looking glass: /dev/shm/looking-glass is missing", "sudo systemd-tmpfiles --create" },
        { "shm-mode", "FAIL  looking glass: /dev/shm/looking-glass is not group read-write", "sudo rm /dev/shm/looking-glass && sudo systemd-tmpfiles --create" },
        { "user", "FAIL  user: alice is not in libvirtd, qemu-libvirtd", "log out and in again" },
        { "disk", "FAIL  disk: /var/lib/libvirt/images/win11.qcow2 does not exist", "sudo qemu-img create -f qcow2 /var/lib/libvirt/images/win11.qcow2 128G" },
        { "network-inactive", "FAIL  network: the default network is not active", "virsh -c qemu:///system net-start default" },
        { "network-missing", "FAIL  network: the default network is not defined", "nix-vfio-gen-default-network" },
        { "vm-undefined", "FAIL  vm win11: not defined", "virsh -c qemu:///system define /etc/nix-vfio-gen/win11.xml" },
        { "no-secure-firmware", "FAIL  uefi: libvirt finds no Secure Boot-capable UEFI firmware", "pkgs.qemu_kvm" },
        { "libvirt-down", "FAIL  libvirt: libvirt did not answer at qemu:///system: error: failed to connect to the hypervisor", "sudo systemctl start libvirtd" },
        { "driver", "FAIL  driver 0000:23:00.0: on vfio-pci", "" },
        { "vfio-node", "FAIL  iommu group 23: /dev/vfio/23 is missing although vfio-pci holds the group", "vfio_iommu_type1" },
        { "shm-small", "FAIL  looking glass: /dev/shm/looking-glass is 16 MiB, smaller than the 32 MiB configured", "shut the VM down, then: sudo rm /dev/shm/looking-glass && sudo systemd-tmpfiles --create" },
        { "shm-owner", "FAIL  looking glass: /dev/shm/looking-glass belongs to bob:qemu-libvirtd, not alice:qemu-libvirtd", "sudo rm /dev/shm/looking-glass" },
        { "iso-home", "FAIL  iso: /home/alice/Downloads/Win11.iso is below a directory qemu-libvirtd, the user QEMU runs as, cannot enter", "move it to /var/lib/libvirt/images/" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Each_broken_link_fails_with_its_fix(string breakage, string line, string fix)
    {
        using var tree = new HostTree().Healthy(domain: breakage == "iso-home"
            ? HostTree.Domain with { InstallerIso = HostPath.Parse("/home/alice/Downloads/Win11.iso") }
            : null);
        using var virsh = breakage switch
        {
            "network-inactive" => new FakeVirsh(network: (false, true)),
            "network-missing" => new FakeVirsh(defaultNetwork: false),
            "vm-undefined" => new FakeVirsh(domainState: null),
            "libvirt-down" => new FakeVirsh(reachable: false),
            "no-secure-firmware" => new FakeVirsh(secureFirmware: false),
            _ => new FakeVirsh(),
        };
        switch (breakage)
        {
            case "no-kvm": tree.Delete("dev/kvm"); break;
            case "no-vendor-reset": tree.Write("proc/modules", "vfio_pci 16384 2 - Live 0x0000000000000000\n"); break;
            case "reset-method": tree.Write("sys/bus/pci/devices/0000:23:00.0/reset_method", "flr bus\n"); break;
            case "shm-missing": tree.Delete("dev/shm/looking-glass"); break;
            case "shm-mode": tree.SharedMemory(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead); break;
            case "user": tree.Write("etc/group", "kvm:x:302:bob,alice\nlibvirtd:x:67:bob\nqemu-libvirtd:x:301:\n"); break;
            case "disk": tree.Delete("var/lib/libvirt/images/win11.qcow2"); break;
            case "vfio-node": tree.Delete("dev/vfio/23"); break;
            case "shm-owner":
                tree.Accounts("bob", "qemu-libvirtd");
                break;
            case "shm-small":
                tree.SharedMemory(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
                File.WriteAllBytes(tree.PathOf("dev/shm/looking-glass"), new byte[16 * 1024 * 1024]);
                break;
            case "iso-home":
                tree.Write("home/alice/Downloads/Win11.iso", "");
                File.SetUnixFileMode(tree.PathOf("home/alice"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                break;
            case "driver":
                // amdgpu won the race: the driver link points at it instead of vfio-pci.
                var link = tree.PathOf("sys/devices/pci0000:00/0000:23:00.0/driver");
                File.Delete(link);
                Directory.CreateDirectory(tree.PathOf("sys/bus/pci/drivers/amdgpu"));
                File.CreateSymbolicLink(link, "../../../bus/pci/drivers/amdgpu");
                line = "FAIL  driver 0000:23:00.0: on amdgpu, not vfio-pci: amdgpu claimed it first";
                fix = "add softdep amdgpu pre: vfio-pci";
                break;
        }
        var result = Doctor(tree, virsh);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(line, result.Stdout);
        var fixLine = result.Stdout.Split('\n').SkipWhile(l => !l.StartsWith(line, StringComparison.Ordinal)).Skip(1).First();
        Assert.StartsWith("      fix: ", fixLine);
        Assert.Contains(fix, fixLine);
        // One broken link, one FAIL: the other checks still pass.
        Assert.Single(result.Stdout.Split('\n'), l => l.StartsWith("FAIL", StringComparison.Ordinal));
    }

    // The generator's own command for the disk: qemu-img with the format the path means, none for a block device.
    [Theory]
    [InlineData("/var/lib/libvirt/images/win11.qcow2", "FAIL  disk: /var/lib/libvirt/images/win11.qcow2 does not exist",
        "      fix: sudo qemu-img create -f qcow2 /var/lib/libvirt/images/win11.qcow2 128G")]
    [InlineData("/var/lib/libvirt/images/win11.raw", "FAIL  disk: /var/lib/libvirt/images/win11.raw does not exist",
        "      fix: sudo qemu-img create -f raw /var/lib/libvirt/images/win11.raw 128G")]
    [InlineData("/var/lib/libvirt/images/win11.img", "FAIL  disk: /var/lib/libvirt/images/win11.img does not exist",
        "      fix: sudo qemu-img create -f raw /var/lib/libvirt/images/win11.img 128G")]
    [InlineData("/dev/disk/by-id/nvme-Samsung_980_S64", "FAIL  disk: block device /dev/disk/by-id/nvme-Samsung_980_S64 does not exist",
        "      fix: attach the disk (ls -l /dev/disk/by-id/ lists stable names), or generate again with --disk naming the one the VM should use")]
    public void A_missing_disk_is_fixed_with_the_command_for_its_format(string disk, string line, string fix)
    {
        using var tree = new HostTree().Healthy(domain: HostTree.Domain with { Disk = HostPath.Parse(disk) });
        tree.Delete("var/lib/libvirt/images/win11.qcow2");
        using var virsh = new FakeVirsh(diskSource: disk);
        var result = Doctor(tree, virsh);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(line + "\n" + fix + "\n", result.Stdout);
    }

    [Fact]
    public void A_block_device_that_exists_passes_and_is_never_created()
    {
        using var tree = new HostTree().Healthy(domain: HostTree.Domain with { Disk = HostPath.Parse("/dev/disk/by-id/nvme-Samsung_980_S64") });
        tree.Write("dev/disk/by-id/nvme-Samsung_980_S64", "");
        using var virsh = new FakeVirsh(diskSource: "/dev/disk/by-id/nvme-Samsung_980_S64");
        var result = Doctor(tree, virsh);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ok    disk: /dev/disk/by-id/nvme-Samsung_980_S64 exists\n", result.Stdout);
        Assert.DoesNotContain("qemu-img", result.Stdout);
    }

    // The module writes softdeps for graphics drivers only; for the GPU's audio function it is the id list and early binding.
    [Theory]
    [InlineData("1002:67df,1002:aaf0", "fix: bind in the initrd (the default, --early-binding on) so vfio-pci loads before snd_hda_intel, rebuild, then reboot")]
    [InlineData("1002:67df", "fix: its id 1002:aaf0 is not in the module's vfio-pci ids: generate again with --ids 1002:67df,1002:aaf0, rebuild, then reboot")]
    public void An_audio_function_held_by_snd_hda_intel_gets_a_fix_the_module_can_make(string ids, string fix)
    {
        using var tree = new HostTree().Healthy(HostTree.Host with { Ids = PciId.ParseList(ids) });
        var link = tree.PathOf("sys/devices/pci0000:00/0000:23:00.1/driver");
        File.Delete(link);
        Directory.CreateDirectory(tree.PathOf("sys/bus/pci/drivers/snd_hda_intel"));
        File.CreateSymbolicLink(link, "../../../bus/pci/drivers/snd_hda_intel");
        var result = Doctor(tree, null);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL  driver 0000:23:00.1: on snd_hda_intel, not vfio-pci: snd_hda_intel claimed it first\n      " + fix + "\n", result.Stdout);
        Assert.DoesNotContain("softdep", result.Stdout);
    }

    [Fact]
    public void A_vm_whose_state_virsh_leaves_empty_is_just_defined()
    {
        using var tree = new HostTree().Healthy();
        using var virsh = new FakeVirsh(domainState: "");
        var result = Doctor(tree, virsh);
        Assert.Contains("ok    vm win11: defined\n", result.Stdout);
        Assert.DoesNotContain(", ,", result.Stdout);
    }

    [Theory]
    [InlineData("ok", "ok    looking glass: kvmfr loaded, /dev/kvmfr0 exists, group read-write")]
    [InlineData("not-loaded", "FAIL  looking glass: the kvmfr module is not loaded")]
    [InlineData("wrong-group", "FAIL  looking glass: /dev/kvmfr0 belongs to alice:qemu-libvirtd, not alice:kvm")]
    public void The_kvmfr_device_is_checked_for_its_module_owner_and_group(string state, string line)
    {
        using var tree = new HostTree().Healthy(HostTree.Host with { LookingGlass = LookingGlass.For(LookingGlassMode.Kvmfr, ShmemSize.ForResolution(Resolution.Default)) });
        tree.Write("dev/kvmfr0", "");
        File.SetUnixFileMode(tree.PathOf("dev/kvmfr0"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        if (state != "wrong-group")
        {
            tree.Accounts("alice", "kvm");
        }
        if (state != "not-loaded")
        {
            tree.Write("proc/modules", File.ReadAllText(tree.PathOf("proc/modules")) + "kvmfr 20480 0 - Live 0x0000000000000000\n");
        }
        var result = Doctor(tree, null);
        Assert.Contains(line + "\n", result.Stdout);
        Assert.Equal(state == "ok" ? 0 : 1, result.ExitCode);
    }

    [Fact]
    public void With_microsofts_keys_the_firmware_links_are_checked()
    {
        using var tree = new HostTree().Healthy(HostTree.Host with { SecureBootKeys = SecureBootKeys.Microsoft });
        Assert.Contains("FAIL  firmware: /etc/nix-vfio-gen/firmware/OVMF_CODE.ms.fd and /etc/nix-vfio-gen/firmware/OVMF_VARS.ms.fd are missing", Doctor(tree, null).Stdout);
        tree.Write("etc/nix-vfio-gen/firmware/OVMF_CODE.ms.fd", "");
        tree.Write("etc/nix-vfio-gen/firmware/OVMF_VARS.ms.fd", "");
        var result = Doctor(tree, null);
        Assert.Contains("ok    firmware: Secure Boot firmware with Microsoft's keys at /etc/nix-vfio-gen/firmware\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
        using var plain = new HostTree().Healthy();
        Assert.DoesNotContain("firmware: ", Doctor(plain, null).Stdout);
    }

    [Fact]
    public void A_network_that_does_not_autostart_is_a_warning_not_a_failure()
    {
        using var tree = new HostTree().Healthy();
        using var virsh = new FakeVirsh(network: (true, false));
        var result = Doctor(tree, virsh);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warn  network: the default network is active but does not start at boot\n      fix: virsh -c qemu:///system net-autostart default\n", result.Stdout);
    }

    [Fact]
    public void Binding_at_vm_start_accepts_the_gpu_on_its_own_driver()
    {
        using var tree = new HostTree("rx480").Healthy(HostTree.Host with { BindAt = BindAt.VmStart });
        var result = Doctor(tree, null);
        Assert.Contains("ok    driver 0000:23:00.0: on amdgpu; the VM's hook hands it to vfio-pci when the VM starts\n", result.Stdout);
        Assert.DoesNotContain("FAIL  driver", result.Stdout);
    }

    [Fact]
    public void A_group_shared_with_a_disk_controller_is_named()
    {
        using var tree = new HostTree("shared").Healthy(
            HostTree.Host with { Ids = PciId.ParseList("1002:73bf,1002:ab28") },
            DomainOptions.Defaults(PciAddress.ParseList("0000:0a:00.0,0000:0a:00.1")));
        var result = Doctor(tree, null);
        Assert.Contains("FAIL  iommu group 14: also holds 0000:0b:00.0 (ahci)\n      fix: pass those functions too (--pci), or move the card to a slot with its own group\n", result.Stdout);
    }

    [Fact]
    public void Without_the_settings_file_doctor_checks_what_needs_none_and_says_what_it_skipped()
    {
        using var tree = new HostTree().Healthy();
        tree.Delete("etc/nix-vfio-gen/settings.json");
        var result = Doctor(tree, null);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("warn  settings: /etc/nix-vfio-gen/settings.json is missing, so only what needs no settings (or what the options name) is checked\n"
            + "      fix: import the generated module in configuration.nix, run sudo nixos-rebuild switch, then reboot\n", result.Stdout);
        Assert.Contains("ok    iommu: on, 3 groups\n", result.Stdout);
        Assert.Contains("warn  gpu: which GPU is passed through is not known", result.Stdout);
        Assert.Contains("ok    network: default is active and starts at boot\n", result.Stdout);
        Assert.DoesNotContain("driver", result.Stdout);
    }

    [Fact]
    public void Options_name_what_to_check_without_settings_and_override_them()
    {
        using var tree = new HostTree().Healthy();
        tree.Delete("etc/nix-vfio-gen/settings.json");
        // The same list forms as the generator: lspci's brackets, repeated options.
        var result = Doctor(tree, null, "--ids", "[1002:67df]", "--ids", "1002:aaf0", "--user", "alice", "--vm-name", "win11");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ok    driver 0000:23:00.0: bound to vfio-pci\n", result.Stdout);
        Assert.Contains("ok    user: alice is in libvirtd, kvm, qemu-libvirtd\n", result.Stdout);
        Assert.Contains("ok    vm win11: defined, shut off\n", result.Stdout);

        using var healthy = new HostTree().Healthy();
        var other = Doctor(healthy, null, "--user", "bob");
        Assert.Contains("FAIL  user: bob is not in libvirtd, kvm, qemu-libvirtd\n", other.Stdout);
        CliAssert.RefusedWithLineStarting(Doctor(healthy, null, "--ids", "1002:67dfx"), "nix-vfio-gen: --ids: '1002:67dfx' is not valid; expected ");
    }

    [Fact]
    public void With_the_iommu_off_the_exit_code_is_3_as_for_list_iommu()
    {
        using var tree = new HostTree("iommu-off").Healthy(domain: DomainOptions.Defaults(PciAddress.ParseList("0000:01:00.0,0000:01:00.1")));
        Assert.Equal(3, Doctor(tree, null).ExitCode);
    }

    [Fact]
    public void Without_virsh_the_libvirt_checks_are_a_warning_not_a_crash()
    {
        using var tree = new HostTree().Healthy();
        var result = CliRun.Run(["doctor", "--root", tree.Root], libvirt: new VirshProbe("", TimeSpan.FromSeconds(5)));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warn  libvirt: virsh is not on PATH, so the network and the VM were not checked\n", result.Stdout);
        Assert.DoesNotContain("vm win11", result.Stdout);
    }

    [Fact]
    public void A_vm_defined_from_an_older_generation_is_a_warning_with_the_redefine_command()
    {
        using var tree = new HostTree().Healthy();
        using var virsh = new FakeVirsh(diskSource: "/var/lib/libvirt/images/old.qcow2");
        var result = Doctor(tree, virsh);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warn  vm win11: defined, shut off, but its disk is /var/lib/libvirt/images/old.qcow2, not /var/lib/libvirt/images/win11.qcow2: an older definition\n"
            + "      fix: virsh -c qemu:///system define /etc/nix-vfio-gen/win11.xml (it keeps the VM's UUID and NVRAM), or generate with --redefine\n", result.Stdout);
    }

    [Fact]
    public void Passing_the_gpu_the_firmware_boots_on_is_a_warning_unless_single_gpu()
    {
        using var tree = new HostTree().Healthy();
        tree.Write("sys/devices/pci0000:00/0000:23:00.0/boot_vga", "1\n");
        Assert.Contains("warn  display 0000:23:00.0: the firmware shows its boot screen on this GPU", Doctor(tree, null).Stdout);
        using var single = new HostTree().Healthy(HostTree.Host with { SingleGpu = true });
        single.Write("sys/devices/pci0000:00/0000:23:00.0/boot_vga", "1\n");
        Assert.DoesNotContain("warn  display", Doctor(single, null).Stdout);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"ids":["1002:zzzz"],"bindAt":"boot","bindBy":"ids","lookingGlass":"shm"}""")]
    [InlineData("""{"ids":["1002:67df"],"bindAt":"sometimes","bindBy":"ids","lookingGlass":"shm"}""")]
    public void A_damaged_settings_file_is_one_line_and_exit_2(string text)
    {
        using var tree = new HostTree();
        tree.Write("etc/nix-vfio-gen/settings.json", text);
        CliAssert.RefusedWithLineStarting(Doctor(tree, null), "nix-vfio-gen: settings: '");
    }

    [Fact]
    public void A_settings_path_that_is_a_directory_is_named_as_one()
    {
        using var tree = new HostTree();
        CliAssert.RefusedWithLine(CliRun.Run(["doctor", "--root", tree.Root, "--settings", tree.Root]),
            $"nix-vfio-gen: --settings: '{tree.Root}' is a directory; expected the settings.json the module installs");
    }

    [Fact]
    public void Json_lists_every_finding_with_its_verdict_and_fix()
    {
        using var tree = new HostTree().Healthy();
        tree.Delete("dev/kvm");
        var output = Doctor(tree, null, "--json").Stdout;
        Snapshot.Match(output, "doctor_json_no-kvm");
        using var document = JsonDocument.Parse(output);
        var findings = document.RootElement.GetProperty("findings").EnumerateArray().ToArray();
        Assert.Equal(1, document.RootElement.GetProperty("failed").GetInt32());
        var kvm = findings.Single(finding => finding.GetProperty("check").GetString() == "kvm");
        Assert.Equal("fail", kvm.GetProperty("verdict").GetString());
        Assert.StartsWith("enable SVM", kvm.GetProperty("fix").GetString());
        Assert.All(findings.Where(f => f.GetProperty("verdict").GetString() == "ok"), f => Assert.Equal(JsonValueKind.Null, f.GetProperty("fix").ValueKind));
    }

    [Fact]
    public void Doctor_changes_nothing_in_the_tree_it_reads()
    {
        using var tree = new HostTree().Healthy();
        string Listing() => string.Join('\n', Directory.EnumerateFileSystemEntries(tree.Root, "*", SearchOption.AllDirectories).Order()
            .Select(path => path + " " + (File.Exists(path) ? File.GetLastWriteTimeUtc(path).Ticks + " " + new FileInfo(path).Length : "")));
        var before = Listing();
        Doctor(tree, null);
        Assert.Equal(before, Listing());
    }

    [Fact]
    public void The_module_installs_exactly_the_settings_doctor_reads()
    {
        var module = CliRun.Run(["--ids", "1002:67df,1002:aaf0", "--pci", "0000:23:00.0,0000:23:00.1", "--platform", "amd", "--user", "alice",
            "--iso", "/srv/iso/Win11 ${x}'s.iso"]);
        Assert.Equal(0, module.ExitCode);
        var evaluated = NixTool.EvaluateModule(module.Stdout);
        var text = evaluated.GetProperty("environment").GetProperty("etc").GetProperty(InstalledFiles.Settings.Key).GetProperty("text").GetString();
        var expected = SettingsJson.Write(DoctorSettingsFeature.SettingsFor(HostTree.Host, HostTree.Domain with { InstallerIso = HostPath.Parse("/srv/iso/Win11 ${x}'s.iso") }));
        Assert.Equal(expected, text);
        Assert.Equal(["/srv/iso/Win11 ${x}'s.iso"], SettingsJson.Read(text!)!.Isos.Select(iso => iso.Value));
    }
}
