using System.CommandLine;
using NixVfioGen.Cli.Options;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>The options only the host module depends on, used by the root and <c>module</c> commands.</summary>
/// <param name="shared">The options the domain shares.</param>
/// <param name="withTheVm">Whether the command also writes the VM (the root command); module alone offers only what works without it.</param>
internal sealed class HostOptionSet(SharedOptionSet shared, bool withTheVm = true)
{
    /// <summary>Why the module command alone refuses each option that acts through the VM's libvirt hook, by name.</summary>
    public static IReadOnlyDictionary<string, string> VmWork { get; } = new Dictionary<string, string>
    {
        ["--single-gpu"] = "it changes what the VM's libvirt hook does when the VM starts, and module writes no VM",
    };

    private readonly bool vmKnown = withTheVm;

    // module alone cannot bind at vm-start: the hook that does it belongs to the VM.
    private static readonly Spelling<BindAt> BindAtWithoutTheVm =
        new([.. Enum.GetValues<Model.BindAt>().Where(value => value != Model.BindAt.VmStart).Select(value => (value, EnumNames.BindAtSpelling.Name(value)))]);

    public Option<IReadOnlyList<PciId>?> Ids { get; } = ModelOption.List("--ids",
        "Comma-separated vendor:device ids to bind to vfio-pci, e.g. 1002:67df,1002:aaf0 (required)", "vvvv:dddd,...", PciId.ParseList);

    public Option<NixosRelease?> Nixos { get; } = ModelOption.Of<NixosRelease?>("--nixos",
        "NixOS release of the host (default: read from nixpkgs when the module is evaluated); before 25.11 OVMF is configured through qemu.ovmf",
        "YY.MM", NixosRelease.Parse);

    public Option<Toggle> EarlyBinding { get; } = ModelOption.Switch("--early-binding",
        "Load vfio-pci from the initrd so it claims the GPU before any graphics driver", true);

    public Option<Toggle> IgnoreMsrs { get; } = ModelOption.Switch("--ignore-msrs",
        "Add kvm.ignore_msrs=1 kvm.report_ignored_msrs=0 (Windows guests probe unemulated MSRs)", true);

    public Option<UserName?> User { get; } = ModelOption.Of<UserName?>("--user",
        "User who runs VMs and the Looking Glass client; joins libvirtd, kvm and qemu-libvirtd", "NAME", UserName.Parse);

    public Option<Choice<BindingMode>> BindBy { get; } = ModelOption.Of("--bind-by",
        "ids: options vfio-pci ids=…; address: driver_override on exactly the --pci functions (identical GPUs)", EnumNames.BindingModes, BindingMode.Ids);

    public Option<Choice<ResetQuirk>> ResetQuirk { get; } = ModelOption.Of("--reset-quirk",
        "auto: vendor-reset for the AMD GPUs it lists (they cannot reset after a guest shuts down without it); off: nothing",
        EnumNames.ResetQuirks, Model.ResetQuirk.Auto);

    public Option<Choice<BindAt>> BindAt { get; } = withTheVm
        ? ModelOption.Of("--bind-at",
            "When the GPU goes to vfio-pci: boot (every boot), specialisation (only in a second boot entry) or vm-start (when the VM starts, by a libvirt hook)",
            EnumNames.BindAtSpelling, Model.BindAt.Boot)
        : ModelOption.Of("--bind-at",
            "When the GPU goes to vfio-pci: boot (every boot) or specialisation (only in a second boot entry); vm-start needs the VM, so the root command",
            BindAtWithoutTheVm.HelpName, ParseBindAtWithoutTheVm, () => new Choice<BindAt>(Model.BindAt.Boot, EnumNames.BindAtSpelling));

    public Option<bool> SingleGpu { get; } = new("--single-gpu")
    {
        Description = "With --bind-at vm-start: the GPU also drives the host's display, so the hook stops the desktop and unloads its driver first",
    };

    public IEnumerable<Option> All => new Option[] { Ids, Nixos, EarlyBinding, IgnoreMsrs, User, BindBy, ResetQuirk, BindAt, SingleGpu }
        .Where(option => vmKnown || !VmWork.ContainsKey(option.Name));

    private static Choice<BindAt> ParseBindAtWithoutTheVm(string text) =>
        EnumNames.BindAtSpelling.Parse(text) == Model.BindAt.VmStart
            ? throw new InvalidInputException(text,
                $"{string.Join(" or ", BindAtWithoutTheVm.Names)} here: 'vm-start' hands the GPU over when the VM starts, so it needs the VM: use the root command (nix-vfio-gen --ids … --pci … --bind-at vm-start)")
            : new Choice<BindAt>(BindAtWithoutTheVm.Parse(text), EnumNames.BindAtSpelling);

    /// <summary>The rules between options, checked by the parser like any other error.</summary>
    /// <param name="command">The command to check.</param>
    public void AddValidators(Command command) => command.Validators.Add(result =>
    {
        var bindAt = result.ValueFor(BindAt)?.Value;
        if (bindAt == Model.BindAt.VmStart && result.GetResult(shared.Pci) is null)
        {
            result.AddError("--bind-at: 'vm-start' needs --pci with the GPU's functions, e.g. --pci 0000:23:00.0,0000:23:00.1");
        }
        else if (vmKnown && result.GetValue(SingleGpu) && bindAt != Model.BindAt.VmStart)
        {
            result.AddError("--single-gpu: only with --bind-at vm-start (a GPU bound at boot is never the host's display)");
        }
        else if (result.GetResult(Ids) is null)
        {
            result.AddError("--ids is required: the vendor:device ids of the GPU's functions, comma-separated, e.g. --ids 1002:67df,1002:aaf0 (see lspci -nn)");
        }
        else if (result.ValueFor(BindBy)?.Value == BindingMode.Address && result.GetResult(shared.Pci) is null)
        {
            result.AddError("--bind-by: 'address' needs --pci with the functions to bind, e.g. --pci 0000:23:00.0,0000:23:00.1");
        }
    });

    /// <summary>The validated model; the parser has refused every bad value before this runs.</summary>
    public HostOptions Read(ParseResult result) => new()
    {
        Ids = result.GetValue(Ids)!,
        Platform = result.GetValue(shared.Platform)!.Value,
        LookingGlass = shared.ReadLookingGlass(result),
        Release = result.GetValue(Nixos),
        EarlyBinding = result.GetValue(EarlyBinding)!.On,
        IgnoreMsrs = result.GetValue(IgnoreMsrs)!.On,
        User = result.GetValue(User),
        // The validator has made sure --pci is there when binding by address.
        Binding = result.GetValue(BindBy)!.Value == BindingMode.Address ? new GpuBinding.ByAddress(shared.ReadPci(result)) : new GpuBinding.ByIds(),
        SecureBootKeys = result.GetValue(shared.SecureBootKeys)!.Value,
        ResetQuirk = result.GetValue(ResetQuirk)!.Value,
        BindAt = result.GetValue(BindAt)!.Value,
        SingleGpu = vmKnown && result.GetValue(SingleGpu),
        Evdev = shared.ReadEvdev(result),
    };
}
