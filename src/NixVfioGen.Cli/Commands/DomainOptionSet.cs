using System.CommandLine;
using NixVfioGen.Cli.Options;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>The options that shape the libvirt domain, used by the root and <c>domain</c> commands.</summary>
internal sealed class DomainOptionSet(SharedOptionSet shared)
{
    public Option<DomainName?> VmName { get; } = ModelOption.Of<DomainName?>("--vm-name",
        "libvirt domain name (default win11, or win10 with --windows 10)", "NAME", DomainName.Parse);

    public Option<Choice<WindowsVersion>> Windows { get; } = ModelOption.Of("--windows",
        "Windows release of the guest; 11 adds TPM 2.0, Secure Boot and SMM", EnumNames.WindowsVersions, WindowsVersion.Windows11);

    public Option<MemorySize> Memory { get; } = ModelOption.Of("--memory",
        "Guest memory with a unit, e.g. 8GiB, 16G, 12288MiB", "SIZE", MemorySize.Parse, () => MemorySize.Default);

    public Option<VcpuCount> Vcpus { get; } = ModelOption.Of("--vcpus",
        "Guest vCPUs (host-passthrough CPU, two threads per core when even)", "N", VcpuCount.Parse, () => VcpuCount.Default);

    public Option<HostPath?> Disk { get; } = ModelOption.Of<HostPath?>("--disk",
        "qcow2 system disk on virtio (default /var/lib/libvirt/images/NAME.qcow2)", "PATH", HostPath.Parse);

    public Option<DiskSize?> DiskSize { get; } = ModelOption.Of<DiskSize?>("--disk-size",
        "Size of the system disk when it is created (qcow2, grows on demand), e.g. 128G, 256G, 1T (default 128G)", "SIZE", Model.DiskSize.Parse);

    public Option<HostPath?> Iso { get; } = ModelOption.Of<HostPath?>("--iso",
        "Windows installer ISO, attached as a SATA cdrom that boots first", "PATH", HostPath.Parse);

    public Option<HostPath?> VirtioIso { get; } = ModelOption.Of<HostPath?>("--virtio-iso",
        "virtio-win driver ISO, for the installer's \"Load driver\" step", "PATH", HostPath.Parse);

    public Option<bool> HideKvm { get; } = new("--hide-kvm")
    {
        Description = "Hide the hypervisor from the guest (older NVIDIA drivers' code 43)",
    };

    public Option<Choice<VideoModel>> Video { get; } = ModelOption.Of("--video",
        "Emulated display adapter: vga (Looking Glass B6+ recommend keeping it) or none", EnumNames.VideoModels, VideoModel.Vga);

    public Option<DomainUuid?> Uuid { get; } = ModelOption.Of<DomainUuid?>("--uuid",
        "Fixed domain UUID (default: derived from the VM name, so redefining updates the VM)", "UUID", DomainUuid.Parse);

    public IEnumerable<Option> All => [VmName, Windows, Memory, Vcpus, Disk, DiskSize, Iso, VirtioIso, HideKvm, Video, Uuid];

    /// <summary>The validated model; the parser has refused every bad value before this runs.</summary>
    public DomainOptions Read(ParseResult result)
    {
        var windows = result.GetValue(Windows)!.Value;
        var name = result.GetValue(VmName) ?? DomainOptions.DefaultName(windows);
        return new DomainOptions
        {
            Name = name,
            Windows = windows,
            Memory = result.GetValue(Memory)!,
            Vcpus = result.GetValue(Vcpus)!,
            Disk = result.GetValue(Disk) ?? DomainOptions.DefaultDisk(name),
            DiskSize = result.GetValue(DiskSize) ?? Model.DiskSize.Default,
            InstallerIso = result.GetValue(Iso),
            VirtioIso = result.GetValue(VirtioIso),
            Pci = shared.ReadPci(result),
            HideKvm = result.GetValue(HideKvm),
            Video = result.GetValue(Video)!.Value,
            LookingGlass = shared.ReadLookingGlass(result),
            Platform = result.GetValue(shared.Platform)!.Value,
            Uuid = result.GetValue(Uuid),
            SecureBootKeys = result.GetValue(shared.SecureBootKeys)!.Value,
        };
    }
}
