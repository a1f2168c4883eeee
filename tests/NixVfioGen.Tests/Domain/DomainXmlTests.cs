using NixVfioGen.Tests.Support;
using System.Xml.Linq;
using NixVfioGen.Domain;
using NixVfioGen.Model;

namespace NixVfioGen.Tests.Domain;

/// <summary>What the domain must hold, asserted on the parsed XML.</summary>
public class DomainXmlTests
{
    private static XElement Build(DomainOptions options) =>
        XDocument.Parse(DomainXmlBuilder.Render(DomainXmlBuilder.Build(options))).Root!;

    private static DomainOptions Default => DomainOptions.Defaults(DomainCases.Rx480);

    [Fact]
    public void Functions_of_one_slot_share_one_guest_slot_as_functions_0_and_1()
    {
        var guest = Build(Default).Descendants("hostdev").Select(h => h.Element("address")!).ToArray();
        Assert.Equal(2, guest.Length);
        Assert.Single(guest.Select(a => (string)a.Attribute("bus")! + (string)a.Attribute("slot")!).Distinct());
        Assert.Equal(["0x0", "0x1"], guest.Select(a => (string)a.Attribute("function")!));
        Assert.Equal("on", (string?)guest[0].Attribute("multifunction"));
        Assert.Null(guest[1].Attribute("multifunction"));
    }

    [Fact]
    public void Host_addresses_are_taken_as_given()
    {
        var sources = Build(Default).Descendants("hostdev").Select(h => h.Element("source")!.Element("address")!).ToArray();
        Assert.Equal(["0x23", "0x23"], sources.Select(a => (string)a.Attribute("bus")!));
        Assert.Equal(["0x0", "0x1"], sources.Select(a => (string)a.Attribute("function")!));
        Assert.All(Build(Default).Descendants("hostdev"), h => Assert.Equal("yes", (string?)h.Attribute("managed")));
    }

    [Fact]
    public void Separate_slots_get_separate_root_ports_in_address_order()
    {
        var placements = HostdevPlacement.Place(PciAddress.ParseList("0000:0b:00.1,0000:0a:00.0,0000:0b:00.0"));
        Assert.Equal(
        [
            new HostdevPlacement(PciAddress.Parse("0000:0a:00.0"), 1, 0, false),
            new HostdevPlacement(PciAddress.Parse("0000:0b:00.0"), 2, 0, true),
            new HostdevPlacement(PciAddress.Parse("0000:0b:00.1"), 2, 1, false),
        ], placements);
    }

    [Fact]
    public void Windows_11_gets_secure_boot_capable_firmware_smm_and_tpm_2()
    {
        var domain = Build(Default);
        Assert.Equal("efi", (string?)domain.Element("os")!.Attribute("firmware"));
        // Secure Boot on, no enrolled keys: QEMU's own descriptors (all NixOS 25.11+ shows libvirt) offer exactly that.
        var features = domain.Element("os")!.Element("firmware")!.Elements("feature").ToDictionary(f => (string)f.Attribute("name")!, f => (string)f.Attribute("enabled")!);
        Assert.Equal(new Dictionary<string, string> { ["enrolled-keys"] = "no", ["secure-boot"] = "yes" }, features);
        Assert.Equal("on", (string?)domain.Element("features")!.Element("smm")!.Attribute("state"));
        var tpm = domain.Descendants("tpm").Single();
        Assert.Equal("tpm-crb", (string?)tpm.Attribute("model"));
        Assert.Equal("2.0", (string?)tpm.Element("backend")!.Attribute("version"));
    }

    [Fact]
    public void Windows_10_gets_plain_uefi_without_tpm()
    {
        var domain = Build(Default with { Windows = WindowsVersion.Windows10 });
        Assert.Empty(domain.Descendants("tpm"));
        Assert.Null(domain.Element("features")!.Element("smm"));
        Assert.Equal("efi", (string?)domain.Element("os")!.Attribute("firmware"));
    }

    [Fact]
    public void No_tablet_virtio_input_and_spice_for_looking_glass()
    {
        var domain = Build(Default);
        Assert.DoesNotContain(domain.Descendants("input"), i => (string?)i.Attribute("type") == "tablet");
        Assert.Equal(["keyboard", "mouse"], domain.Descendants("input").Select(i => (string)i.Attribute("type")!));
        Assert.All(domain.Descendants("input"), i => Assert.Equal("virtio", (string?)i.Attribute("bus")));
        Assert.Equal("spice", (string?)domain.Descendants("graphics").Single().Attribute("type"));
        Assert.Equal(["com.redhat.spice.0", "org.qemu.guest_agent.0"],
            domain.Descendants("channel").Select(c => (string)c.Element("target")!.Attribute("name")!));
    }

    [Fact]
    public void Microsoft_keys_name_the_modules_stable_firmware_paths_and_no_store_path()
    {
        var domain = Build(Default with { SecureBootKeys = SecureBootKeys.Microsoft, Windows = WindowsVersion.Windows10 });
        var os = domain.Element("os")!;
        Assert.Null(os.Attribute("firmware"));
        Assert.Equal("/etc/nix-vfio-gen/firmware/OVMF_CODE.ms.fd", os.Element("loader")!.Value);
        Assert.Equal("yes", (string?)os.Element("loader")!.Attribute("secure"));
        Assert.Equal("/etc/nix-vfio-gen/firmware/OVMF_VARS.ms.fd", (string?)os.Element("nvram")!.Attribute("template"));
        Assert.NotNull(domain.Element("features")!.Element("smm"));
        Assert.DoesNotContain("/nix/store", domain.ToString());
    }

    [Theory]
    [InlineData(Platform.Auto, false)]
    [InlineData(Platform.Amd, false)]
    [InlineData(Platform.Intel, true)]
    public void Hyper_v_follows_qemus_recommendations_with_evmcs_on_intel_only(Platform platform, bool evmcs)
    {
        var hyperv = Build(Default with { Platform = platform }).Element("features")!.Element("hyperv")!;
        Assert.Equal(["relaxed", "vapic", "spinlocks", "vpindex", "runtime", "synic", "stimer", "frequencies", "reenlightenment", "tlbflush", "ipi",
            .. evmcs ? new[] { "evmcs" } : []], hyperv.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("on", (string?)hyperv.Element("stimer")!.Element("direct")!.Attribute("state"));
        Assert.All(hyperv.Elements(), element => Assert.Equal("on", (string?)element.Attribute("state")));
    }

    [Fact]
    public void The_cpu_is_host_passthrough_not_migratable_so_invtsc_reaches_windows()
    {
        var cpu = Build(Default).Element("cpu")!;
        Assert.Equal(("host-passthrough", "off"), ((string?)cpu.Attribute("mode"), (string?)cpu.Attribute("migratable")));
    }

    [Fact]
    public void Shm_mode_has_a_looking_glass_shmem_of_the_formula_size()
    {
        var shmem = Build(Default).Descendants("shmem").Single();
        Assert.Equal("looking-glass", (string?)shmem.Attribute("name"));
        Assert.Equal("ivshmem-plain", (string?)shmem.Element("model")!.Attribute("type"));
        Assert.Equal("32", shmem.Element("size")!.Value);
        Assert.Equal("none", (string?)Build(Default).Descendants("memballoon").Single().Attribute("model"));
    }

    [Fact]
    public void Kvmfr_mode_passes_the_device_through_the_qemu_command_line()
    {
        var domain = Build(Default with { LookingGlass = new LookingGlass.KvmfrDevice(ShmemSize.Parse("64")) });
        Assert.Empty(domain.Descendants("shmem"));
        XNamespace qemu = "http://libvirt.org/schemas/domain/qemu/1.0";
        var args = domain.Element(qemu + "commandline")!.Elements(qemu + "arg").Select(a => (string)a.Attribute("value")!).ToArray();
        Assert.Equal("-device", args[0]);
        Assert.Contains("'mem-path':'/dev/kvmfr0'", args[3]);
        Assert.Contains("'size':67108864", args[3]);
    }

    [Fact]
    public void None_mode_has_neither_shmem_nor_kvmfr()
    {
        var text = DomainXmlBuilder.Render(DomainXmlBuilder.Build(Default with { LookingGlass = new LookingGlass.Off() }));
        Assert.DoesNotContain("shmem", text);
        Assert.DoesNotContain("kvmfr", text);
    }

    [Fact]
    public void Hide_kvm_hides_the_hypervisor_and_sets_a_vendor_id()
    {
        var features = Build(Default with { HideKvm = true }).Element("features")!;
        Assert.Equal("on", (string?)features.Element("kvm")!.Element("hidden")!.Attribute("state"));
        Assert.Equal(DomainXmlBuilder.HypervVendorId, (string?)features.Element("hyperv")!.Element("vendor_id")!.Attribute("value"));
        Assert.True(DomainXmlBuilder.HypervVendorId.Length <= 12);
        Assert.Null(Build(Default).Element("features")!.Element("kvm"));
    }

    [Fact]
    public void Amd_hosts_get_topoext_and_an_smt_topology()
    {
        var cpu = Build(Default with { Platform = Platform.Amd, Vcpus = VcpuCount.Parse("8") }).Element("cpu")!;
        Assert.Equal("host-passthrough", (string?)cpu.Attribute("mode"));
        Assert.Equal(("4", "2"), ((string)cpu.Element("topology")!.Attribute("cores")!, (string)cpu.Element("topology")!.Attribute("threads")!));
        Assert.Equal("topoext", (string?)cpu.Element("feature")!.Attribute("name"));
        Assert.Null(Build(Default with { Platform = Platform.Intel }).Element("cpu")!.Element("feature"));
    }

    [Fact]
    public void The_disk_boots_first_the_installer_second_and_both_isos_are_sata_cdroms()
    {
        var domain = Build(Default with
        {
            InstallerIso = HostPath.Parse("/iso/win.iso"),
            VirtioIso = HostPath.Parse("/iso/virtio-win.iso"),
        });
        var disks = domain.Descendants("disk").ToArray();
        var cdroms = disks.Where(d => (string?)d.Attribute("device") == "cdrom").ToArray();
        Assert.Equal(["/iso/win.iso", "/iso/virtio-win.iso"], cdroms.Select(c => (string)c.Element("source")!.Attribute("file")!));
        Assert.All(cdroms, c => Assert.Equal("sata", (string?)c.Element("target")!.Attribute("bus")));
        // An empty disk falls through to the installer; once Windows is installed, it boots without the CD prompt.
        Assert.Equal("2", (string?)cdroms[0].Element("boot")!.Attribute("order"));
        Assert.Null(cdroms[1].Element("boot"));
        var system = disks.Single(d => (string?)d.Attribute("device") == "disk");
        Assert.Equal("1", (string?)system.Element("boot")!.Attribute("order"));
        Assert.Equal("virtio", (string?)system.Element("target")!.Attribute("bus"));
        Assert.Equal("none", (string?)system.Element("driver")!.Attribute("cache"));
        Assert.Equal("unmap", (string?)system.Element("driver")!.Attribute("discard"));
    }

    [Fact]
    public void Paths_and_names_read_back_exactly_through_an_xml_parser()
    {
        var path = "/srv/vm/odd \"name\" & <more> ]]> 'q'.qcow2";
        var domain = Build(Default with { Disk = HostPath.Parse(path) });
        Assert.Equal(path, (string?)domain.Descendants("disk").Single().Element("source")!.Attribute("file"));
    }

    [Fact]
    public void Without_pci_one_comment_says_how_to_attach_a_gpu()
    {
        var domain = Build(Default with { Pci = [] });
        Assert.Empty(domain.Descendants("hostdev"));
        var comment = Assert.Single(domain.DescendantNodes().OfType<XComment>());
        Assert.Contains("list-iommu", comment.Value);
    }

    [Fact]
    public void No_nix_store_paths_and_a_uuid_from_the_name_unless_given()
    {
        var text = DomainXmlBuilder.Render(DomainXmlBuilder.Build(Default));
        Assert.DoesNotContain("/nix/store", text);
        Assert.Contains($"<uuid>{DomainUuid.FromName(Default.Name)}</uuid>", text);
        Assert.Contains("<uuid>4dea22b3-1d52-4b5f-9f8e-8f1b5e7b2a10</uuid>",
            DomainXmlBuilder.Render(DomainXmlBuilder.Build(Default with { Uuid = DomainUuid.Parse("4DEA22B3-1D52-4B5F-9F8E-8F1B5E7B2A10") })));
    }

    [Fact]
    public void The_network_is_virtio_on_libvirts_default_network()
    {
        var network = Build(Default).Descendants("interface").Single();
        Assert.Equal("default", (string?)network.Element("source")!.Attribute("network"));
        Assert.Equal("virtio", (string?)network.Element("model")!.Attribute("type"));
    }

    [Theory]
    [InlineData("/dev/nvme1n1", "block", "raw", "dev")]
    [InlineData("/dev/disk/by-id/nvme-Samsung_990", "block", "raw", "dev")]
    [InlineData("/var/lib/libvirt/images/win11.img", "file", "raw", "file")]
    [InlineData("/srv/win11.RAW", "file", "raw", "file")]
    [InlineData("/srv/win11.qcow2", "file", "qcow2", "file")]
    public void The_disk_is_given_as_its_path_says_it_is(string path, string type, string format, string sourceAttribute)
    {
        var options = Default with { Disk = HostPath.Parse(path) };
        var disk = Build(options).Descendants("disk").First(d => (string?)d.Attribute("device") == "disk");
        Assert.Equal(type, (string?)disk.Attribute("type"));
        Assert.Equal(format, (string?)disk.Element("driver")!.Attribute("type"));
        Assert.Equal(path, (string?)disk.Element("source")!.Attribute(sourceAttribute));
        Libvirt.AssertAccepted(DomainXmlBuilder.Render(DomainXmlBuilder.Build(options)));
    }
}
