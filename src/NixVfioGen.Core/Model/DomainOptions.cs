namespace NixVfioGen.Model;

/// <summary>Everything the libvirt domain depends on, validated.</summary>
public sealed record DomainOptions
{
    public required DomainName Name { get; init; }

    public WindowsVersion Windows { get; init; } = WindowsVersion.Windows11;

    public MemorySize Memory { get; init; } = MemorySize.Default;

    public VcpuCount Vcpus { get; init; } = VcpuCount.Default;

    public required HostPath Disk { get; init; }

    public DiskFormat DiskFormat => DiskFormats.Of(Disk);

    /// <summary>The size given to the system disk when it is created.</summary>
    public DiskSize DiskSize { get; init; } = DiskSize.Default;

    public HostPath? InstallerIso { get; init; }

    public HostPath? VirtioIso { get; init; }

    public IReadOnlyList<PciAddress> Pci { get; init; } = [];

    public bool HideKvm { get; init; }

    public VideoModel Video { get; init; } = VideoModel.Vga;

    public LookingGlass LookingGlass { get; init; } = LookingGlass.Default;

    public Platform Platform { get; init; } = Platform.Auto;

    /// <summary>A fixed UUID; otherwise the one derived from the name.</summary>
    public DomainUuid? Uuid { get; init; }

    public SecureBootKeys SecureBootKeys { get; init; } = SecureBootKeys.None;

    /// <summary>vCPUs, emulator and I/O threads on chosen host CPUs; the vCPU count follows from it.</summary>
    public CpuPinning? Pinning { get; init; }

    /// <summary>While the VM runs, host work stays off the pinned CPUs (needs <see cref="Pinning"/>).</summary>
    public bool Isolate { get; init; }

    public HugePages HugePages { get; init; } = HugePages.None;

    /// <summary>Host keyboards and mice QEMU reads directly, for a guest whose screen is the GPU's own monitor.</summary>
    public IReadOnlyList<EvdevDevice> Evdev { get; init; } = [];

    /// <summary>Whole USB devices handed to the guest; one that is unplugged never stops the VM.</summary>
    public IReadOnlyList<UsbId> Usb { get; init; } = [];

    /// <summary>vBIOS images for passed functions, each on one of <see cref="Pci"/>.</summary>
    public IReadOnlyList<GpuRom> Roms { get; init; } = [];

    /// <summary>The unattended-install cdrom; null: Windows Setup runs by hand.</summary>
    public GuestSetup? GuestSetup { get; init; }

    /// <summary>Secure Boot is on for Windows 11 (required) and whenever Microsoft's keys are asked for.</summary>
    public bool SecureBoot => Windows == WindowsVersion.Windows11 || SecureBootKeys == SecureBootKeys.Microsoft;

    public static DomainName DefaultName(WindowsVersion windows) =>
        DomainName.Parse(windows == WindowsVersion.Windows10 ? "win10" : "win11");

    /// <summary>libvirt's default image directory, one qcow2 per VM.</summary>
    public static HostPath DefaultDisk(DomainName name) => HostPath.Parse($"/var/lib/libvirt/images/{name}.qcow2");

    /// <summary>A named domain with every default, its disk in libvirt's image directory.</summary>
    public static DomainOptions Named(DomainName name) => new() { Name = name, Disk = DefaultDisk(name) };

    public static DomainOptions Defaults(IReadOnlyList<PciAddress> pci) => Named(DefaultName(WindowsVersion.Windows11)) with { Pci = pci };
}
