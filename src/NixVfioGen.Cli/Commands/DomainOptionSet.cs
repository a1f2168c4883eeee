using System.CommandLine;
using NixVfioGen.Cli.Options;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>The options that shape the libvirt domain, used by the root and <c>domain</c> commands.</summary>
/// <param name="shared">The options the host module shares.</param>
/// <param name="workingDirectory">What a relative --iso or --disk is relative to.</param>
/// <param name="withTheModule">Whether the command also writes the module (the root command); domain alone offers only what works without it.</param>
internal sealed class DomainOptionSet(SharedOptionSet shared, string workingDirectory, bool withTheModule = true)
{
    /// <summary>Why the domain command alone refuses each option whose work the module does, by name.</summary>
    public static IReadOnlyDictionary<string, string> ModuleWork { get; } = new Dictionary<string, string>
    {
        ["--isolate"] = "the module's libvirt hook is what keeps host work off the pinned CPUs",
        ["--guest-setup"] = "the module builds the setup cdrom it attaches",
        ["--guest-language"] = "it shapes the setup cdrom the module builds",
        ["--guest-locale"] = "it shapes the setup cdrom the module builds",
        ["--guest-edition"] = "it shapes the setup cdrom the module builds",
        ["--guest-user"] = "it shapes the setup cdrom the module builds",
    };

    public Option<DomainName?> VmName { get; } = ModelOption.Of<DomainName?>("--vm-name",
        "libvirt domain name (default win11, or win10 with --windows 10)", "NAME", DomainName.Parse);

    public Option<Choice<WindowsVersion>> Windows { get; } = ModelOption.Of("--windows",
        "Windows release of the guest; 11 adds TPM 2.0, Secure Boot and SMM", EnumNames.WindowsVersions, WindowsVersion.Windows11);

    public Option<MemorySize> Memory { get; } = ModelOption.Of("--memory",
        "Guest memory with a unit, e.g. 8GiB, 16G, 12288MiB", "SIZE", MemorySize.Parse, () => MemorySize.Default);

    public Option<VcpuCount> Vcpus { get; } = ModelOption.Of("--vcpus",
        "Guest vCPUs (host-passthrough CPU, two threads per core when even)", "N", VcpuCount.Parse, () => VcpuCount.Default);

    public Option<HostPath?> Disk { get; } = ModelOption.Of<HostPath?>("--disk",
        "System disk on virtio: a qcow2 image, a raw one (.raw, .img) or a block device under /dev (default /var/lib/libvirt/images/NAME.qcow2)", "PATH", text => ParsePath(text, workingDirectory));

    public Option<DiskSize?> DiskSize { get; } = ModelOption.Of<DiskSize?>("--disk-size",
        "Size of the system disk image when it is created (a qcow2 grows on demand; a block device is never created), e.g. 128G, 256G, 1T (default 128G)", "SIZE", Model.DiskSize.Parse);

    public Option<HostPath?> Iso { get; } = ModelOption.Of<HostPath?>("--iso",
        "Windows installer ISO, a SATA cdrom that boots after the (still empty) disk", "PATH", text => ParsePath(text, workingDirectory));

    public Option<HostPath?> VirtioIso { get; } = ModelOption.Of<HostPath?>("--virtio-iso",
        "virtio-win driver ISO, for the installer's \"Load driver\" step", "PATH", text => ParsePath(text, workingDirectory));

    public Option<bool> HideKvm { get; } = new("--hide-kvm")
    {
        Description = "Hide the hypervisor from the guest (older NVIDIA drivers' code 43)",
    };

    public Option<Choice<VideoModel>> Video { get; } = ModelOption.Of("--video",
        "Emulated display adapter: vga (Looking Glass B6+ recommend keeping it) or none", EnumNames.VideoModels, VideoModel.Vga);

    public Option<DomainUuid?> Uuid { get; } = ModelOption.Of<DomainUuid?>("--uuid",
        "Fixed domain UUID (default: derived from the VM name, so redefining updates the VM)", "UUID", DomainUuid.Parse);

    public Option<CpuList?> VcpuPin { get; } = ModelOption.Of<CpuList?>("--vcpu-pin",
        "Host CPUs for the vCPUs, vCPU 0 first, SMT siblings next to each other, e.g. 2,10,3,11 (the vCPU count follows)", "LIST", CpuList.Parse);

    public Option<CpuList?> EmulatorPin { get; } = ModelOption.Of<CpuList?>("--emulator-pin",
        "Host CPUs for QEMU's emulator and I/O threads, apart from the vCPUs', e.g. 0,8", "LIST", CpuList.Parse);

    public Option<Choice<HugePages>> HugePages { get; } = ModelOption.Of("--hugepages",
        "Back the guest's memory with huge pages reserved at boot (that memory is gone from the host): none, 2M or 1G (2MiB, 1GiB)",
        EnumNames.HugePagesSpelling.HelpName, text => new Choice<HugePages>(HugePageSizes.Parse(text), EnumNames.HugePagesSpelling),
        () => new Choice<HugePages>(Model.HugePages.None, EnumNames.HugePagesSpelling));

    public Option<bool> Isolate { get; } = new("--isolate")
    {
        Description = "While the VM runs, keep host work off the --vcpu-pin CPUs (a libvirt hook sets AllowedCPUs)",
    };

    public Option<bool> GuestSetup { get; } = new("--guest-setup")
    {
        Description = "Attach a setup cdrom (built by the module): Windows installs unattended with the virtio drivers, then the guest tools and the Looking Glass host of the client's version",
    };

    public Option<GuestLanguage> GuestLanguage { get; } = ModelOption.Of("--guest-language",
        "Windows display language for --guest-setup; must be the installer ISO's language (an English ISO: en-US; English International: en-GB)",
        "TAG", Model.GuestLanguage.Parse, () => Model.GuestLanguage.Default);

    public Option<GuestLocale> GuestLocale { get; } = ModelOption.Of("--guest-locale",
        "Keyboard and regional formats for --guest-setup: a tag such as de-DE or de-CH, or an input profile LCID:KLID such as 0407:00000409",
        "TAG", Model.GuestLocale.Parse, () => Model.GuestLocale.Default);

    public Option<GuestEdition?> GuestEdition { get; } = ModelOption.Of<GuestEdition?>("--guest-edition",
        "The image --guest-setup installs, e.g. \"Windows 11 Pro\", with its generic key (installs, does not activate); without it Setup asks for a key and the edition",
        "NAME", Model.GuestEdition.Parse);

    public Option<WindowsAccountName?> GuestUser { get; } = ModelOption.Of<WindowsAccountName?>("--guest-user",
        "The Windows account --guest-setup creates, without a password (default: --user, else user)", "NAME", WindowsAccountName.Parse);

    public Option<IReadOnlyList<UsbId>?> Usb { get; } = ModelOption.List("--usb",
        "Whole USB devices for the guest by vendor:product (lsusb), e.g. 046d:c52b; the VM starts without one that is unplugged", "vvvv:pppp,...", UsbId.ParseList);

    public Option<IReadOnlyList<GpuRom.Request>?> Rom { get; } = ModelOption.List("--rom",
        "vBIOS file QEMU shows the guest instead of the GPU's own ROM, under /etc or /var/lib/libvirt; for the first --pci function, or ADDRESS=FILE", "[ADDRESS=]FILE,...",
        GpuRom.ParseList);

    public IEnumerable<Option> All => new Option[] { VmName, Windows, Memory, Vcpus, Disk, DiskSize, Iso, VirtioIso, HideKvm, Video, Uuid, VcpuPin, EmulatorPin, HugePages, Isolate,
        GuestSetup, GuestLanguage, GuestLocale, GuestEdition, GuestUser, Usb, Rom }.Where(option => withTheModule || !ModuleWork.ContainsKey(option.Name));

    /// <summary>The options that only shape what --guest-setup builds: given without it, they would do nothing.</summary>
    public IEnumerable<Option> GuestSetupDetails => [GuestLanguage, GuestLocale, GuestEdition, GuestUser];

    /// <summary>The host paths the domain names, for the notes on relative and home-directory paths.</summary>
    public IEnumerable<Option<HostPath?>> Paths => [Disk, Iso, VirtioIso];

    // Relative to the working directory, as a shell user means it (the generator reads no file there).
    // '~' is the shell's to expand: left unexpanded (--iso=~/x) it would become a directory named '~'.
    private static HostPath ParsePath(string text, string workingDirectory)
    {
        if (text.Length == 0 || text[0] == '/')
        {
            return HostPath.Parse(text);
        }
        if (text[0] == '~')
        {
            throw new InvalidInputException(text, "an absolute path; the shell did not expand '~' here: write $HOME/… or the full path");
        }
        string absolute;
        try
        {
            absolute = Path.GetFullPath(text, workingDirectory);
        }
        catch (ArgumentException)
        {
            return HostPath.Parse(text);
        }
        return HostPath.Parse(absolute);
    }

    /// <summary>The rules between the domain's options, checked by the parser like any other error.</summary>
    public void AddValidators(Command command) => command.Validators.Add(result =>
    {
        var vcpuPin = result.ValueFor(VcpuPin);
        var emulatorPin = result.ValueFor(EmulatorPin);
        if (RomError(result.ValueFor(Rom), result.ValueFor(shared.Pci) ?? []) is { } romError)
        {
            result.AddError(romError);
        }
        else if (vcpuPin is null && (emulatorPin is not null || result.GetValue(Isolate)))
        {
            result.AddError($"{(emulatorPin is not null ? "--emulator-pin" : "--isolate")} needs --vcpu-pin, the host CPUs of the vCPUs");
        }
        else if (vcpuPin is not null && emulatorPin is not null && vcpuPin.Cpus.Intersect(emulatorPin.Cpus).Any())
        {
            result.AddError($"--emulator-pin: '{emulatorPin}' shares CPU {vcpuPin.Cpus.Intersect(emulatorPin.Cpus).First()} with --vcpu-pin; expected host CPUs apart from the vCPUs'");
        }
        else if (vcpuPin is not null && result.GetResult(Vcpus) is not null && result.ValueFor(Vcpus) is { } count && count.Count != vcpuPin.Cpus.Count)
        {
            result.AddError($"--vcpus: {count} does not match --vcpu-pin, which pins {vcpuPin.Cpus.Count} vCPUs; give one of them, or both alike");
        }
        else if (vcpuPin is not null && vcpuPin.Cpus.Count > VcpuCount.Max)
        {
            result.AddError($"--vcpu-pin: {vcpuPin.Cpus.Count} CPUs; expected at most {VcpuCount.Max} vCPUs");
        }
        else if (result.ValueFor(GuestEdition) is { NamesRelease: true } edition && result.ValueFor(Windows)?.Value is { } windows && edition.Windows != windows)
        {
            result.AddError($"--guest-edition: '{edition}' is not on Windows {(int)windows} media (--windows {(int)windows}); expected a Windows {(int)windows} edition, or the edition alone, e.g. Pro");
        }
        else if (result.ValueFor(HugePages)?.Value is { } pages and not Model.HugePages.None && result.ValueFor(Memory) is { } memory
            && pages.PagesFor(memory) is null)
        {
            result.AddError($"--hugepages: {EnumNames.HugePagesSpelling.Name(pages)} pages cannot hold --memory {memory} exactly; expected a memory size that is a multiple of {EnumNames.HugePagesSpelling.Name(pages)}");
        }
        else if (withTheModule && !result.GetValue(GuestSetup) && GuestSetupDetails.FirstOrDefault(option => result.GetResult(option) is { Implicit: false }) is { } detail)
        {
            result.AddError($"{detail.Name} shapes the unattended install, which only --guest-setup makes: add --guest-setup, or leave {detail.Name} out");
        }
    });

    /// <summary>The validated model; the parser has refused every bad value before this runs.</summary>
    /// <param name="result">The parsed command line.</param>
    /// <param name="hostUser">The root command's --user, the default Windows account of --guest-setup.</param>
    public DomainOptions Read(ParseResult result, UserName? hostUser = null)
    {
        var windows = result.GetValue(Windows)!.Value;
        var name = result.GetValue(VmName) ?? DomainOptions.DefaultName(windows);
        var vcpuPin = result.GetValue(VcpuPin);
        return new DomainOptions
        {
            Name = name,
            Windows = windows,
            Memory = result.GetValue(Memory)!,
            // Pinned, the count is the pin list's (the validator has checked that --vcpus agrees).
            Vcpus = vcpuPin is null ? result.GetValue(Vcpus)! : VcpuCount.Of(vcpuPin.Cpus.Count),
            Pinning = vcpuPin is null ? null : new CpuPinning(vcpuPin, result.GetValue(EmulatorPin)),
            Isolate = withTheModule && result.GetValue(Isolate),
            HugePages = result.GetValue(HugePages)!.Value,
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
            Evdev = shared.ReadEvdev(result),
            Usb = result.GetValue(Usb) ?? [],
            // The validator has placed every --rom on a --pci function.
            Roms = (result.GetValue(Rom) ?? []).Select(request => request.PlaceOn(shared.ReadPci(result))!).ToArray(),
            GuestSetup = withTheModule && result.GetValue(GuestSetup)
                ? new GuestSetup(result.GetValue(GuestLanguage)!, result.GetValue(GuestLocale)!, result.GetValue(GuestUser) ?? AccountFor(hostUser),
                    result.GetValue(GuestEdition)?.ForRelease(windows))
                : null,
        };
    }

    /// <summary>Each vBIOS on a passed function, one per function.</summary>
    private static string? RomError(IReadOnlyList<GpuRom.Request>? requests, IReadOnlyList<PciAddress> pci)
    {
        if (requests is null)
        {
            return null;
        }
        if (requests.FirstOrDefault(request => request.PlaceOn(pci) is null) is { } unplaced)
        {
            return unplaced.Function is { } function
                ? $"--rom: {function} is not one of the --pci functions; expected the address of a passed function, e.g. {pci.FirstOrDefault()?.ToString() ?? "0000:23:00.0"}={unplaced.File}"
                : "--rom needs --pci: the vBIOS belongs to the first passed function, the GPU's video function";
        }
        var twice = requests.Select(request => request.PlaceOn(pci)!).GroupBy(rom => rom.Function).FirstOrDefault(group => group.Count() > 1);
        return twice is null ? null : $"--rom: {twice.Key} is given {twice.Count()} vBIOS files (a file without an address belongs to the first --pci function); expected one per function";
    }

    // The NixOS user's name when Windows accepts it too (NixOS allows 32 characters, Windows 20).
    private static WindowsAccountName AccountFor(UserName? user)
    {
        try
        {
            return user is null ? WindowsAccountName.Default : WindowsAccountName.Parse(user.Value);
        }
        catch (InvalidInputException)
        {
            return WindowsAccountName.Default;
        }
    }
}
