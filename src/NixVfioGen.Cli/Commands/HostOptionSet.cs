using System.CommandLine;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>The options that shape the host module, shared by the root and <c>module</c> commands.</summary>
internal sealed class HostOptionSet
{
    public Option<string> Ids { get; } = new("--ids")
    {
        Description = "Comma-separated vendor:device ids to bind to vfio-pci, e.g. 1002:67df,1002:aaf0 (required)",
        HelpName = "vvvv:dddd,...",
    };

    public Option<string> Platform { get; } = new("--platform")
    {
        Description = "Host CPU vendor: auto (parameters valid on both), amd or intel",
        DefaultValueFactory = _ => "auto",
        HelpName = "auto|amd|intel",
    };

    public Option<string> LookingGlass { get; } = new("--looking-glass")
    {
        Description = "Looking Glass shared memory: shm (/dev/shm file), kvmfr (kernel module) or none",
        DefaultValueFactory = _ => "shm",
        HelpName = "shm|kvmfr|none",
    };

    public Option<string> Resolution { get; } = new("--resolution")
    {
        Description = "Guest resolution the Looking Glass buffer is sized for",
        DefaultValueFactory = _ => "1920x1080",
        HelpName = "WxH",
    };

    public Option<string?> ShmemSize { get; } = new("--shmem-size")
    {
        Description = "Looking Glass buffer in MiB (power of two), instead of deriving it from --resolution",
        HelpName = "MiB",
    };

    public Option<string> Nixos { get; } = new("--nixos")
    {
        Description = "NixOS release of the host; before 25.11 OVMF is configured through qemu.ovmf",
        DefaultValueFactory = _ => NixosRelease.Default.ToString(),
        HelpName = "YY.MM",
    };

    public Option<string> EarlyBinding { get; } = new("--early-binding")
    {
        Description = "Load vfio-pci from the initrd so it claims the GPU before any graphics driver",
        DefaultValueFactory = _ => "true",
        HelpName = "true|false",
    };

    public Option<string> IgnoreMsrs { get; } = new("--ignore-msrs")
    {
        Description = "Add kvm.ignore_msrs=1 kvm.report_ignored_msrs=0 (Windows guests probe unemulated MSRs)",
        DefaultValueFactory = _ => "true",
        HelpName = "true|false",
    };

    public Option<string?> User { get; } = new("--user")
    {
        Description = "User who runs VMs and the Looking Glass client; joins libvirtd, kvm and qemu-libvirtd",
        HelpName = "NAME",
    };

    public IEnumerable<Option> All => [Ids, Platform, LookingGlass, Resolution, ShmemSize, Nixos, EarlyBinding, IgnoreMsrs, User];

    /// <summary>Validates every value into the model; the first bad one becomes a <see cref="CliInputException"/>.</summary>
    public HostOptions Read(ParseResult result)
    {
        var idsText = result.GetValue(Ids)
            ?? throw new CliInputException("--ids is required: the vendor:device ids of the GPU's functions, e.g. --ids 1002:67df,1002:aaf0 (see lspci -nn)");
        var ids = OptionValue.Parse(Ids, idsText, PciId.ParseList);
        var lookingGlass = OptionValue.Parse(LookingGlass, result.GetValue(LookingGlass)!, EnumNames.ParseLookingGlassMode);
        var resolution = OptionValue.Parse(Resolution, result.GetValue(Resolution)!, Model.Resolution.Parse);
        var shmem = result.GetValue(ShmemSize) is { } size
            ? OptionValue.Parse(ShmemSize, size, Model.ShmemSize.Parse)
            : Model.ShmemSize.ForResolution(resolution);
        return new HostOptions(
            ids,
            OptionValue.Parse(Platform, result.GetValue(Platform)!, EnumNames.ParsePlatform),
            lookingGlass,
            shmem,
            OptionValue.Parse(Nixos, result.GetValue(Nixos)!, NixosRelease.Parse),
            OptionValue.Parse(EarlyBinding, result.GetValue(EarlyBinding)!, OptionValue.ParseBoolean),
            OptionValue.Parse(IgnoreMsrs, result.GetValue(IgnoreMsrs)!, OptionValue.ParseBoolean),
            result.GetValue(User) is { } user ? OptionValue.Parse(User, user, UserName.Parse) : null);
    }
}
