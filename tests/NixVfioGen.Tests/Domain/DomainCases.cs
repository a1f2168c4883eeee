using NixVfioGen.Model;

namespace NixVfioGen.Tests.Domain;

/// <summary>The domain matrix: Windows 10/11 × Looking Glass × with/without --pci × --hide-kvm × video.</summary>
public static class DomainCases
{
    public static IReadOnlyList<PciAddress> Rx480 { get; } = PciAddress.ParseList("0000:23:00.0,0000:23:00.1");

    public static IReadOnlyDictionary<string, DomainOptions> All { get; } = Build();

    public static TheoryData<string> Names => new(All.Keys);

    private static Dictionary<string, DomainOptions> Build()
    {
        var cases = new Dictionary<string, DomainOptions>();
        var index = 0;
        foreach (var windows in new[] { WindowsVersion.Windows11, WindowsVersion.Windows10 })
        {
            foreach (var mode in new[] { LookingGlassMode.Shm, LookingGlassMode.Kvmfr, LookingGlassMode.None })
            {
                foreach (var withPci in new[] { true, false })
                {
                    var name = DomainOptions.DefaultName(windows);
                    Add(cases, DomainOptions.Defaults(withPci ? Rx480 : []) with
                    {
                        Name = name,
                        Windows = windows,
                        Disk = DomainOptions.DefaultDisk(name),
                        LookingGlass = LookingGlass.For(mode, ShmemSize.ForResolution(Resolution.Default)),
                        HideKvm = index % 3 == 1,
                        Video = index % 4 == 3 ? VideoModel.None : VideoModel.Vga,
                        Platform = index % 2 == 0 ? Platform.Amd : Platform.Intel,
                    });
                    index++;
                }
            }
        }
        Add(cases, DomainOptions.Defaults(PciAddress.ParseList("0000:01:00.0,0000:01:00.1,0000:01:00.2,0000:01:00.3")) with
        {
            Name = DomainName.Parse("gaming"),
            Memory = MemorySize.Parse("16GiB"),
            Vcpus = VcpuCount.Parse("12"),
            InstallerIso = HostPath.Parse("/var/lib/libvirt/iso/Win11_24H2_English_x64.iso"),
            VirtioIso = HostPath.Parse("/var/lib/libvirt/iso/virtio-win.iso"),
            LookingGlass = new LookingGlass.SharedMemoryFile(ShmemSize.ForResolution(Resolution.Parse("3840x2160"))),
            HideKvm = true,
            Uuid = DomainUuid.Parse("4dea22b3-1d52-4b5f-9f8e-8f1b5e7b2a10"),
            Platform = Platform.Amd,
        });
        Add(cases, DomainOptions.Defaults(Rx480) with
        {
            Name = DomainName.Parse("unattended"),
            InstallerIso = HostPath.Parse("/var/lib/libvirt/images/Win11.iso"),
            GuestSetup = new GuestSetup(GuestLanguage.Default, GuestLocale.Parse("de-DE"), WindowsAccountName.Parse("alice")),
            Platform = Platform.Amd,
        });
        Add(cases, DomainOptions.Defaults(PciAddress.ParseList("0000:0b:00.1,0000:0a:00.0,0000:0b:00.0")) with
        {
            Name = DomainName.Parse("two-slots"),
            Vcpus = VcpuCount.Parse("3"),
            Disk = HostPath.Parse("/srv/vm/odd \"name\" & <more>.qcow2"),
        });
        return cases;
    }

    private static void Add(Dictionary<string, DomainOptions> cases, DomainOptions options)
    {
        var name = string.Join('_',
            options.Name.Value,
            options.LookingGlass.Mode.Name(),
            options.Pci.Count == 0 ? "nogpu" : options.Pci.Count + "fn",
            options.HideKvm ? "hidden" : "visible",
            options.Video == VideoModel.Vga ? "vga" : "novideo",
            options.Platform.Name());
        cases.Add(name, options);
    }
}
