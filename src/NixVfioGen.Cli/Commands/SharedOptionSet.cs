using System.CommandLine;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>Options both the host module and the domain depend on, so one invocation keeps them consistent.</summary>
internal sealed class SharedOptionSet
{
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

    public Option<string[]> Pci { get; } = new("--pci")
    {
        // Repeated, or several words after one flag: all of them, as if comma-separated.
        AllowMultipleArgumentsPerToken = true,
        Description = "GPU functions to pass through, by address, e.g. 0000:23:00.0,0000:23:00.1",
        HelpName = "dddd:bb:ss.f,...",
    };

    public Option<string> SecureBootKeys { get; } = new("--secure-boot-keys")
    {
        Description = "Secure Boot key store the guest starts with: none (Secure Boot capable, Windows 11's requirement) or microsoft (OVMFFull's Microsoft-enrolled variables, linked by the module)",
        DefaultValueFactory = _ => "none",
        HelpName = "none|microsoft",
    };

    public IEnumerable<Option> All => [Pci, Platform, LookingGlass, Resolution, ShmemSize, SecureBootKeys];

    public Model.SecureBootKeys ReadSecureBootKeys(ParseResult result) =>
        OptionValue.Parse(SecureBootKeys, result.GetValue(SecureBootKeys)!, EnumNames.ParseSecureBootKeys);

    public IReadOnlyList<PciAddress> ReadPci(ParseResult result) =>
        OptionValue.ParseList(result, Pci, PciAddress.ParseList) ?? [];

    public Model.Platform ReadPlatform(ParseResult result) =>
        OptionValue.Parse(Platform, result.GetValue(Platform)!, EnumNames.ParsePlatform);

    public LookingGlassMode ReadLookingGlass(ParseResult result) =>
        OptionValue.Parse(LookingGlass, result.GetValue(LookingGlass)!, EnumNames.ParseLookingGlassMode);

    public Model.ShmemSize ReadShmemSize(ParseResult result)
    {
        var resolution = OptionValue.Parse(Resolution, result.GetValue(Resolution)!, Model.Resolution.Parse);
        return OptionValue.ParseOptional(result, ShmemSize, Model.ShmemSize.Parse) ?? Model.ShmemSize.ForResolution(resolution);
    }
}
