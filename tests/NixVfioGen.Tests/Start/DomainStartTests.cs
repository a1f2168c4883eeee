using System.Xml.Linq;
using NixVfioGen.Domain;
using NixVfioGen.Model;
using NixVfioGen.Tests.Domain;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Start;

/// <summary>One libvirt session daemon for the whole class; each test defines, starts and removes its own domain.</summary>
public sealed class DomainStartTests(LibvirtSession session) : IClassFixture<LibvirtSession>
{
    /// <summary>Windows 10/11 × Looking Glass shm/kvmfr/none × video vga/none × --hide-kvm, and Microsoft keys.</summary>
    public static TheoryData<string> Variants
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var windows in new[] { "10", "11" })
            {
                foreach (var lookingGlass in new[] { "shm", "kvmfr", "none" })
                {
                    foreach (var video in new[] { "vga", "none" })
                    {
                        foreach (var hideKvm in new[] { false, true })
                        {
                            data.Add($"{windows}/{lookingGlass}/{video}/{(hideKvm ? "hide-kvm" : "plain")}/none");
                        }
                    }
                }
                data.Add($"{windows}/shm/vga/plain/microsoft");
                data.Add($"{windows}/shm/vga/plain/none/raw");
                data.Add($"{windows}/shm/vga/plain/none/pinned");
                data.Add($"{windows}/shm/vga/plain/none/setup");
            }
            return data;
        }
    }

    private static DomainOptions Options(string variant)
    {
        var parts = variant.Split('/');
        var windows = parts[0] == "10" ? WindowsVersion.Windows10 : WindowsVersion.Windows11;
        var name = DomainName.Parse("start-" + string.Join('-', parts));
        return DomainOptions.Defaults(DomainCases.Rx480) with
        {
            Name = name,
            Windows = windows,
            Disk = parts is [.., "raw"] ? HostPath.Parse($"/var/lib/libvirt/images/{name}.img") : DomainOptions.DefaultDisk(name),
            // This machine has two CPUs: the vCPU on one, the emulator and I/O thread on the other.
            Pinning = parts is [.., "pinned"] ? new CpuPinning(CpuList.Parse("1"), CpuList.Parse("0")) : null,
            Vcpus = parts is [.., "pinned"] ? VcpuCount.Of(1) : VcpuCount.Default,
            // The setup cdrom (an empty placeholder here, as for the other ISOs) beside the installer's.
            GuestSetup = parts is [.., "setup"] ? GuestSetup.Defaults(WindowsAccountName.Default) : null,
            InstallerIso = HostPath.Parse("/var/lib/libvirt/images/Win.iso"),
            VirtioIso = HostPath.Parse("/var/lib/libvirt/images/virtio-win.iso"),
            LookingGlass = LookingGlass.For(EnumNames.ParseLookingGlassMode(parts[1]), ShmemSize.ForResolution(Resolution.Default)),
            Video = parts[2] == "vga" ? VideoModel.Vga : VideoModel.None,
            HideKvm = parts[3] == "hide-kvm",
            SecureBootKeys = EnumNames.ParseSecureBootKeys(parts[4]),
            Platform = Platform.Amd,
        };
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_generated_domain_starts(string variant)
    {
        Assert.True(session.Missing is null, session.Missing);
        var options = Options(variant);
        var xml = TcgAdaptation.Adapt(DomainXmlBuilder.Render(DomainXmlBuilder.Build(options)), session);
        var file = session.UserFile(options.Name + ".xml", xml);
        var name = options.Name.Value;

        var define = session.Virsh("define", file);
        Assert.True(define.ExitCode == 0, "define failed: " + define.Stderr);
        try
        {
            var start = session.Virsh("start", name);
            Assert.True(start.ExitCode == 0, $"start failed for {variant}: {start.Stderr}");
            Assert.Equal("running", session.Virsh("domstate", name).Stdout.Trim());

            var live = XDocument.Parse(session.Virsh("dumpxml", name).Stdout).Root!;
            var loader = live.Element("os")!.Element("loader")!;
            Assert.Equal(options.SecureBoot ? "yes" : "no", (string?)loader.Attribute("secure") ?? "no");
            Assert.Equal(options.Windows == WindowsVersion.Windows11, live.Descendants("tpm").Any());
        }
        finally
        {
            session.Virsh("destroy", name);
            var undefine = session.Virsh("undefine", name, "--nvram");
            Assert.True(undefine.ExitCode == 0, "undefine failed: " + undefine.Stderr);
        }
    }

    [Fact]
    public void The_defined_example_has_no_more_root_ports_than_its_devices_need()
    {
        Assert.True(session.Missing is null, session.Missing);
        var options = Options("11/shm/vga/plain/none") with { Name = DomainName.Parse("root-ports") };
        // Defining checks no host device, so the GPU's hostdevs stay; only the virt type changes (no /dev/kvm).
        var document = DomainXmlBuilder.Build(options);
        document.Root!.SetAttributeValue("type", "qemu");
        var define = session.Virsh("define", session.UserFile("root-ports.xml", DomainXmlBuilder.Render(document)));
        Assert.True(define.ExitCode == 0, "define failed: " + define.Stderr);
        try
        {
            var defined = XDocument.Parse(session.Virsh("dumpxml", "root-ports").Stdout).Root!;
            var rootPorts = defined.Descendants("controller")
                .Where(c => (string?)c.Attribute("model") == "pcie-root-port")
                .Select(c => int.Parse((string)c.Attribute("index")!, System.Globalization.CultureInfo.InvariantCulture))
                .ToArray();
            var busesInUse = defined.Descendants("address")
                .Where(a => (string?)a.Attribute("type") == "pci")
                .Select(a => Convert.ToInt32((string)a.Attribute("bus")!, 16))
                .ToHashSet();
            // Each root port carries a device or a bridge: none is an empty filler below a high index.
            Assert.All(rootPorts, index => Assert.Contains(index, busesInUse));
            Assert.Contains(HostdevPlacement.FirstGuestBus, rootPorts);
        }
        finally
        {
            session.Virsh("undefine", "root-ports", "--nvram");
        }
    }

    [Fact]
    public void A_regenerated_domain_defines_again_and_updates_the_vm_in_place()
    {
        Assert.True(session.Missing is null, session.Missing);
        var options = Options("11/shm/vga/plain/none") with { Name = DomainName.Parse("updated") };
        string Define(DomainOptions generated)
        {
            var document = DomainXmlBuilder.Build(generated);
            document.Root!.SetAttributeValue("type", "qemu");
            var define = session.Virsh("define", session.UserFile("updated.xml", DomainXmlBuilder.Render(document)));
            Assert.True(define.ExitCode == 0, "define failed: " + define.Stderr);
            return session.Virsh("domuuid", "updated").Stdout.Trim();
        }
        try
        {
            var first = Define(options);
            var second = Define(options with { Memory = MemorySize.Parse("12GiB") });
            Assert.Equal(first, second);
            Assert.Equal(DomainUuid.FromName(options.Name).ToString(), second);
            var memory = XDocument.Parse(session.Virsh("dumpxml", "updated").Stdout).Root!.Element("memory")!;
            Assert.Equal(12 * 1024 * 1024, long.Parse(memory.Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            session.Virsh("undefine", "updated", "--nvram");
        }
    }

    [Fact]
    public void Looking_glass_shared_memory_is_private_to_the_test_run_and_removed()
    {
        // A /dev/shm/looking-glass created here would belong to the daemon's user (nobody when run as root) and
        // stop any other user's Looking Glass domain from starting on this machine (issue 21, item 9).
        Assert.True(session.Missing is null, session.Missing);
        var shared = new FileInfo("/dev/shm/looking-glass");
        var before = shared.Exists ? (true, shared.Length, shared.LastWriteTimeUtc) : (false, 0L, default(DateTime));
        var options = Options("11/shm/vga/plain/none") with { Name = DomainName.Parse("shmem-private") };
        var xml = TcgAdaptation.Adapt(DomainXmlBuilder.Render(DomainXmlBuilder.Build(options)), session);
        Assert.True(session.Virsh("define", session.UserFile("shmem-private.xml", xml)).ExitCode == 0);
        try
        {
            var start = session.Virsh("start", "shmem-private");
            Assert.True(start.ExitCode == 0, start.Stderr);
            Assert.Equal(session.ShmemName, (string?)XDocument.Parse(session.Virsh("dumpxml", "shmem-private").Stdout).Root!.Descendants("shmem").Single().Attribute("name"));
            Assert.True(File.Exists(session.ShmemPath), "QEMU did not create " + session.ShmemPath);
        }
        finally
        {
            session.Virsh("destroy", "shmem-private");
            session.Virsh("undefine", "shmem-private", "--nvram");
        }
        session.RemoveShmem();
        Assert.False(File.Exists(session.ShmemPath));
        shared.Refresh();
        Assert.Equal(before, shared.Exists ? (true, shared.Length, shared.LastWriteTimeUtc) : (false, 0L, default(DateTime)));
    }

    [Fact]
    public void An_intel_domain_with_evmcs_and_a_non_migratable_cpu_is_accepted_by_the_daemon()
    {
        // Starting needs KVM on an Intel host (QEMU under TCG refuses Hyper-V enlightenments); defining is the check here.
        Assert.True(session.Missing is null, session.Missing);
        var options = Options("11/shm/vga/plain/none") with { Name = DomainName.Parse("intel-evmcs"), Platform = Platform.Intel };
        var document = DomainXmlBuilder.Build(options);
        document.Root!.SetAttributeValue("type", "qemu");
        var define = session.Virsh("define", session.UserFile("intel-evmcs.xml", DomainXmlBuilder.Render(document)));
        Assert.True(define.ExitCode == 0, "define failed: " + define.Stderr);
        try
        {
            var defined = XDocument.Parse(session.Virsh("dumpxml", "intel-evmcs").Stdout).Root!;
            Assert.Equal("on", (string?)defined.Element("features")!.Element("hyperv")!.Element("evmcs")!.Attribute("state"));
            Assert.Equal("off", (string?)defined.Element("cpu")!.Attribute("migratable"));
        }
        finally
        {
            session.Virsh("undefine", "intel-evmcs", "--nvram");
        }
    }

    [Theory]
    [InlineData("2M")]
    [InlineData("1G")]
    public void A_hugepage_backed_domain_is_accepted_by_libvirts_define(string pages)
    {
        // Starting it needs a hugetlbfs with that many pages, which this machine cannot give: defining is the check here.
        Assert.True(session.Missing is null, session.Missing);
        var options = Options("11/shm/vga/plain/none") with { Name = DomainName.Parse("huge-" + pages), HugePages = EnumNames.HugePagesSpelling.Parse(pages) };
        var document = DomainXmlBuilder.Build(options);
        document.Root!.SetAttributeValue("type", "qemu");
        var define = session.Virsh("define", session.UserFile($"huge-{pages}.xml", DomainXmlBuilder.Render(document)));
        Assert.True(define.ExitCode == 0, "define failed: " + define.Stderr);
        var defined = XDocument.Parse(session.Virsh("dumpxml", "huge-" + pages).Stdout).Root!;
        Assert.NotNull(defined.Element("memoryBacking")!.Element("hugepages"));
        session.Virsh("undefine", "huge-" + pages, "--nvram");
    }

    [Fact]
    public void Doctor_asks_the_real_daemon_about_the_vm_it_defined()
    {
        Assert.True(session.Missing is null, session.Missing);
        var options = Options("11/shm/vga/plain/none") with { Name = DomainName.Parse("doctor-vm"), Disk = HostPath.Parse("/var/lib/libvirt/images/doctor-vm.qcow2") };
        using var tree = new Doctor.HostTree().Healthy(domain: options);
        tree.Write("var/lib/libvirt/images/doctor-vm.qcow2", "");
        var probe = new NixVfioGen.Cli.Discovery.VirshProbe(session.VirshOnPath() + ":/usr/bin:/bin", TimeSpan.FromSeconds(20));
        string Doctor() => CliRun.Run(["doctor", "--root", tree.Root, "--connect", LibvirtSession.Uri], libvirt: probe).Stdout;

        Assert.Contains("FAIL  vm doctor-vm: not defined\n", Doctor());
        var document = DomainXmlBuilder.Build(options);
        document.Root!.SetAttributeValue("type", "qemu");
        var define = session.Virsh("define", session.UserFile("doctor-vm.xml", DomainXmlBuilder.Render(document)));
        Assert.True(define.ExitCode == 0, "define failed: " + define.Stderr);
        try
        {
            // The disk libvirt reports (domblklist) is the one the settings name: no "older definition".
            var report = Doctor();
            Assert.Contains("ok    vm doctor-vm: defined, shut off\n", report);
            // Debian's OVMF descriptors, as QEMU's own on NixOS: libvirt offers a Secure Boot loader.
            Assert.Contains("ok    uefi: libvirt offers Secure Boot-capable UEFI firmware for q35\n", report);
        }
        finally
        {
            session.Virsh("undefine", "doctor-vm", "--nvram");
        }
    }
}
