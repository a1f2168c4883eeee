using System.CommandLine;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>The options that shape the libvirt domain, used by the root and <c>domain</c> commands.</summary>
internal sealed class DomainOptionSet(SharedOptionSet shared)
{
    public Option<string?> VmName { get; } = new("--vm-name")
    {
        Description = "libvirt domain name (default win11, or win10 with --windows 10)",
        HelpName = "NAME",
    };

    public Option<string> Windows { get; } = new("--windows")
    {
        Description = "Windows release of the guest; 11 adds TPM 2.0, Secure Boot and SMM",
        DefaultValueFactory = _ => "11",
        HelpName = "10|11",
    };

    public Option<string> Memory { get; } = new("--memory")
    {
        Description = "Guest memory with a unit, e.g. 8GiB, 16G, 12288MiB",
        DefaultValueFactory = _ => MemorySize.Default.ToString(),
        HelpName = "SIZE",
    };

    public Option<string> Vcpus { get; } = new("--vcpus")
    {
        Description = "Guest vCPUs (host-passthrough CPU, two threads per core when even)",
        DefaultValueFactory = _ => "4",
        HelpName = "N",
    };

    public Option<string?> Disk { get; } = new("--disk")
    {
        Description = "qcow2 system disk on virtio (default /var/lib/libvirt/images/NAME.qcow2)",
        HelpName = "PATH",
    };

    public Option<string?> DiskSize { get; } = new("--disk-size")
    {
        Description = "Size of the system disk when it is created (qcow2, grows on demand), e.g. 128G, 256G, 1T (default 128G)",
        HelpName = "SIZE",
    };

    public Option<string?> Iso { get; } = new("--iso")
    {
        Description = "Windows installer ISO, attached as a SATA cdrom that boots first",
        HelpName = "PATH",
    };

    public Option<string?> VirtioIso { get; } = new("--virtio-iso")
    {
        Description = "virtio-win driver ISO, for the installer's \"Load driver\" step",
        HelpName = "PATH",
    };

    public Option<bool> HideKvm { get; } = new("--hide-kvm")
    {
        Description = "Hide the hypervisor from the guest (older NVIDIA drivers' code 43)",
    };

    public Option<string> Video { get; } = new("--video")
    {
        Description = "Emulated display adapter: vga (Looking Glass B6+ recommend keeping it) or none",
        DefaultValueFactory = _ => "vga",
        HelpName = "vga|none",
    };

    public Option<string?> Uuid { get; } = new("--uuid")
    {
        Description = "Fixed domain UUID (default: none, libvirt assigns one)",
        HelpName = "UUID",
    };

    public IEnumerable<Option> All => [VmName, Windows, Memory, Vcpus, Disk, DiskSize, Iso, VirtioIso, HideKvm, Video, Uuid];

    public DomainOptions Read(ParseResult result)
    {
        var windows = OptionValue.Parse(Windows, result.GetValue(Windows)!, text => EnumNames.Parse(text,
            [WindowsVersion.Windows10, WindowsVersion.Windows11], version => ((int)version).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var name = OptionValue.ParseOptional(result, VmName, DomainName.Parse) ?? DomainOptions.DefaultName(windows);
        return new DomainOptions(
            name,
            windows,
            OptionValue.Parse(Memory, result.GetValue(Memory)!, MemorySize.Parse),
            OptionValue.Parse(Vcpus, result.GetValue(Vcpus)!, VcpuCount.Parse),
            OptionValue.ParseOptional(result, Disk, HostPath.Parse) ?? DomainOptions.DefaultDisk(name),
            OptionValue.ParseOptional(result, Iso, HostPath.Parse),
            OptionValue.ParseOptional(result, VirtioIso, HostPath.Parse),
            shared.ReadPci(result),
            result.GetValue(HideKvm),
            OptionValue.Parse(Video, result.GetValue(Video)!, text => EnumNames.Parse(text,
                [VideoModel.Vga, VideoModel.None], model => model == VideoModel.Vga ? "vga" : "none")),
            shared.ReadLookingGlass(result),
            shared.ReadShmemSize(result),
            shared.ReadPlatform(result),
            OptionValue.ParseOptional(result, Uuid, DomainUuid.Parse),
            shared.ReadSecureBootKeys(result),
            OptionValue.ParseOptional(result, DiskSize, Model.DiskSize.Parse));
    }
}
