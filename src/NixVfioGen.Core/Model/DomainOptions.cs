namespace NixVfioGen.Model;

/// <summary>Everything the libvirt domain depends on, validated.</summary>
public sealed record DomainOptions(
    DomainName Name,
    WindowsVersion Windows,
    MemorySize Memory,
    VcpuCount Vcpus,
    HostPath Disk,
    HostPath? InstallerIso,
    HostPath? VirtioIso,
    IReadOnlyList<PciAddress> Pci,
    bool HideKvm,
    VideoModel Video,
    LookingGlassMode LookingGlass,
    ShmemSize ShmemSize,
    Platform Platform,
    DomainUuid? Uuid,
    SecureBootKeys SecureBootKeys = SecureBootKeys.None,
    DiskSize? DiskSize = null)
{
    /// <summary>The size given to the system disk when it is created; 128 GiB unless --disk-size says otherwise.</summary>
    public DiskSize NewDiskSize => DiskSize ?? Model.DiskSize.Default;

    /// <summary>Secure Boot is on for Windows 11 (required) and whenever Microsoft's keys are asked for.</summary>
    public bool SecureBoot => Windows == WindowsVersion.Windows11 || SecureBootKeys == SecureBootKeys.Microsoft;

    public static DomainName DefaultName(WindowsVersion windows) =>
        DomainName.Parse(windows == WindowsVersion.Windows10 ? "win10" : "win11");

    /// <summary>libvirt's default image directory, one qcow2 per VM.</summary>
    public static HostPath DefaultDisk(DomainName name) => HostPath.Parse($"/var/lib/libvirt/images/{name}.qcow2");

    public static DomainOptions Defaults(IReadOnlyList<PciAddress> pci)
    {
        var name = DefaultName(WindowsVersion.Windows11);
        return new DomainOptions(name, WindowsVersion.Windows11, MemorySize.Default, VcpuCount.Default, DefaultDisk(name),
            null, null, pci, HideKvm: false, VideoModel.Vga, LookingGlassMode.Shm, ShmemSize.ForResolution(Resolution.Default),
            Platform.Auto, null);
    }
}
