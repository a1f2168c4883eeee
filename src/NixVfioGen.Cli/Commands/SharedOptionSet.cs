using System.CommandLine;
using NixVfioGen.Cli.Options;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>Options both the host module and the domain depend on, so one invocation keeps them consistent.</summary>
internal sealed class SharedOptionSet
{
    public Option<Choice<Platform>> Platform { get; } = ModelOption.Of("--platform",
        "Host CPU vendor: auto (parameters valid on both), amd or intel", EnumNames.Platforms, Model.Platform.Auto);

    public Option<Choice<LookingGlassMode>> LookingGlass { get; } = ModelOption.Of("--looking-glass",
        "Looking Glass shared memory: shm (/dev/shm file), kvmfr (kernel module) or none", EnumNames.LookingGlassModes, LookingGlassMode.Shm);

    public Option<Resolution> Resolution { get; } = ModelOption.Of("--resolution",
        "Guest resolution the Looking Glass buffer is sized for", "WxH", Model.Resolution.Parse, () => Model.Resolution.Default);

    public Option<ShmemSize?> ShmemSize { get; } = ModelOption.Of<ShmemSize?>("--shmem-size",
        "Looking Glass buffer in MiB (power of two), instead of deriving it from --resolution", "MiB", Model.ShmemSize.Parse);

    public Option<IReadOnlyList<PciAddress>?> Pci { get; } = ModelOption.List("--pci",
        "GPU functions to pass through, by address, comma-separated, e.g. 0000:23:00.0,0000:23:00.1", "dddd:bb:ss.f,...", PciAddress.ParseList);

    public Option<Choice<SecureBootKeys>> SecureBootKeys { get; } = ModelOption.Of("--secure-boot-keys",
        "Secure Boot key store the guest starts with: none (Secure Boot capable, Windows 11's requirement) or microsoft (OVMFFull's Microsoft-enrolled variables, linked by the module)",
        EnumNames.SecureBootKeysSpelling, Model.SecureBootKeys.None);

    public Option<IReadOnlyList<EvdevDevice>?> Evdev { get; } = ModelOption.List("--evdev",
        "Host keyboards and mice the VM reads directly (both Ctrl keys switch them between guest and host), e.g. /dev/input/by-id/usb-…-event-kbd; the module lets QEMU open them",
        "PATH,...", EvdevDevice.ParseList);

    public IEnumerable<Option> All => [Pci, Platform, LookingGlass, Resolution, ShmemSize, SecureBootKeys, Evdev];

    public IReadOnlyList<PciAddress> ReadPci(ParseResult result) => result.GetValue(Pci) ?? [];

    public IReadOnlyList<EvdevDevice> ReadEvdev(ParseResult result) => result.GetValue(Evdev) ?? [];

    /// <summary>The mode with its size: --shmem-size, or Looking Glass' formula for --resolution.</summary>
    public Model.LookingGlass ReadLookingGlass(ParseResult result) => Model.LookingGlass.For(
        result.GetValue(LookingGlass)!.Value,
        result.GetValue(ShmemSize) ?? Model.ShmemSize.ForResolution(result.GetValue(Resolution)!));
}
