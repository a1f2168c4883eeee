using System.CommandLine;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>The options only the host module depends on, used by the root and <c>module</c> commands.</summary>
internal sealed class HostOptionSet(SharedOptionSet shared)
{
    public Option<string[]> Ids { get; } = new("--ids")
    {
        // Repeated, or several words after one flag: all of them, as if comma-separated.
        AllowMultipleArgumentsPerToken = true,
        Description = "Comma-separated vendor:device ids to bind to vfio-pci, e.g. 1002:67df,1002:aaf0 (required)",
        HelpName = "vvvv:dddd,...",
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

    public Option<string> BindBy { get; } = new("--bind-by")
    {
        Description = "ids: options vfio-pci ids=…; address: driver_override on exactly the --pci functions (identical GPUs)",
        DefaultValueFactory = _ => "ids",
        HelpName = "ids|address",
    };

    public IEnumerable<Option> All => [Ids, Nixos, EarlyBinding, IgnoreMsrs, User, BindBy];

    /// <summary>Validates every value into the model; the first bad one becomes a <see cref="CliInputException"/>.</summary>
    public HostOptions Read(ParseResult result)
    {
        var ids = OptionValue.ParseList(result, Ids, PciId.ParseList)
            ?? throw new CliInputException("--ids is required: the vendor:device ids of the GPU's functions, comma-separated, e.g. --ids 1002:67df,1002:aaf0 (see lspci -nn)");
        return new HostOptions(
            ids,
            shared.ReadPlatform(result),
            shared.ReadLookingGlass(result),
            shared.ReadShmemSize(result),
            OptionValue.Parse(Nixos, result.GetValue(Nixos)!, NixosRelease.Parse),
            OptionValue.Parse(EarlyBinding, result.GetValue(EarlyBinding)!, OptionValue.ParseBoolean),
            OptionValue.Parse(IgnoreMsrs, result.GetValue(IgnoreMsrs)!, OptionValue.ParseBoolean),
            OptionValue.ParseOptional(result, User, UserName.Parse),
            ReadBindBy(result, out var addresses),
            addresses,
            shared.ReadSecureBootKeys(result));
    }

    private BindingMode ReadBindBy(ParseResult result, out IReadOnlyList<PciAddress> addresses)
    {
        var mode = OptionValue.Parse(BindBy, result.GetValue(BindBy)!, EnumNames.ParseBindingMode);
        addresses = shared.ReadPci(result);
        if (mode == BindingMode.Address && addresses.Count == 0)
        {
            throw new CliInputException("--bind-by: 'address' needs --pci with the functions to bind, e.g. --pci 0000:23:00.0,0000:23:00.1");
        }
        return mode;
    }
}
