using System.CommandLine;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>
/// One stderr line for each option that was given but has no effect, or asks for less than what
/// it serves needs: nothing is silently ignored.
/// </summary>
internal static class OptionWarnings
{
    public static void ForLookingGlass(CliEnvironment environment, ParseResult result, SharedOptionSet shared, LookingGlass lookingGlass)
    {
        // An option with a default has a result even when not given (Implicit): only the user's words count.
        var sizeGiven = result.GetResult(shared.ShmemSize) is { Implicit: false };
        var resolutionGiven = result.GetResult(shared.Resolution) is { Implicit: false };
        switch (lookingGlass)
        {
            case LookingGlass.Off when sizeGiven || resolutionGiven:
                Warn(environment, $"{(sizeGiven ? "--shmem-size" : "--resolution")} sizes Looking Glass' shared memory, which --looking-glass none leaves out; ignored");
                break;
            case LookingGlass.SharedMemoryFile or LookingGlass.KvmfrDevice when sizeGiven:
                var given = result.GetValue(shared.ShmemSize)!;
                var resolution = result.GetValue(shared.Resolution)!;
                var needed = ShmemSize.ForResolution(resolution);
                if (given.MiB < needed.MiB)
                {
                    Warn(environment, $"--shmem-size {given.MiB} is below the {needed} Looking Glass needs for {resolution} (width x height x 4 x 2 bytes + 10 MiB, rounded up to a power of two)");
                }
                break;
        }
    }

    /// <summary>The module command binds --pci only by address; without it, the addresses do nothing there.</summary>
    public static void ForModulePci(CliEnvironment environment, ParseResult result, SharedOptionSet shared, HostOptions host)
    {
        if (host.Binding is GpuBinding.ByIds && result.GetResult(shared.Pci) is not null)
        {
            Warn(environment, "--pci is used by module only with --bind-by address; ignored here (the root command and domain give it to the VM)");
        }
    }

    /// <summary>With one GPU the host has no display while the VM runs, so Looking Glass has nowhere to show.</summary>
    public static void ForSingleGpu(CliEnvironment environment, HostOptions host, DomainOptions domain)
    {
        if (!host.SingleGpu)
        {
            return;
        }
        if (host.LookingGlass is not LookingGlass.Off)
        {
            Warn(environment, "with --single-gpu the host has no display while the VM runs, so the Looking Glass client has nowhere to show: use the GPU's own monitor (--looking-glass none leaves Looking Glass out)");
        }
        if (domain.Video == VideoModel.Vga)
        {
            Warn(environment, "with --single-gpu the emulated VGA adapter is shown nowhere while the VM runs, and the firmware and Windows may draw on it instead of the GPU's monitor: add --video none");
        }
        if (domain.Evdev.Count == 0 && domain.Usb.Count == 0)
        {
            Warn(environment, "with --single-gpu no SPICE console can be opened while the VM runs, so the guest has no keyboard or mouse: add --evdev KEYBOARD,MOUSE or --usb VENDOR:PRODUCT (list-iommu --suggest lists them), unless --pci passes a USB controller");
        }
    }

    /// <summary>eventN names another device after a reboot or a replug; the by-id link keeps naming this one.</summary>
    public static void ForEvdev(CliEnvironment environment, IReadOnlyList<EvdevDevice> devices)
    {
        // A loop, not Where+Select: a generic virtual call NativeAOT resolves at run time (docs/performance.md).
        var numbered = new List<string>();
        foreach (var device in devices)
        {
            if (device.IsNumberedNode)
            {
                numbered.Add(device.Path.Value);
            }
        }
        if (numbered.Count > 0)
        {
            Warn(environment, $"--evdev {CliInputException.Printable(string.Join(',', numbered))}: eventN numbers change across boots and replugs, and a keyboard is grabbed only under its ...-event-kbd name (otherwise its keys reach the host too); give its link under /dev/input/by-id/ (ls -l /dev/input/by-id), or /dev/input/by-path/ for a device without one");
        }
    }

    /// <summary>
    /// root is in every group already, and the Looking Glass client refuses to run as root (client/src/main.c:
    /// "Do not run looking glass as root!"): --user root only names the wrong user.
    /// </summary>
    public static void ForUser(CliEnvironment environment, HostOptions host)
    {
        if (host.User is { IsRoot: true })
        {
            var client = host.LookingGlass is LookingGlass.Off ? "" : ", and the Looking Glass client refuses to run as root";
            Warn(environment, $"--user root: root needs no group to run VMs{client}; give the user you log in to the desktop with (--user YOURNAME), who joins the groups");
        }
    }

    public static void ForDomain(CliEnvironment environment, DomainOptions domain)
    {
        if (domain.GuestSetup is not null && domain.InstallerIso is null)
        {
            Warn(environment, "--guest-setup answers Windows Setup's questions but does not bring Windows: add --iso PATH, the Windows installer ISO");
        }
        if (domain.InstallerIso is not null && domain.GuestSetup is null && domain.VirtioIso is null)
        {
            // The disk is virtio-blk: Windows has no driver for it in its installer, so Setup lists no disk.
            Warn(environment, "--iso without --virtio-iso or --guest-setup: Windows Setup will not see the virtio disk; add --guest-setup (unattended, drivers included) or --virtio-iso PATH (\"Load driver\" by hand)");
        }
        if (domain.GuestSetup is not null && domain.VirtioIso is not null)
        {
            Warn(environment, "--virtio-iso is not needed with --guest-setup, whose cdrom carries pkgs.virtio-win");
        }
        if (domain.Windows != WindowsVersion.Windows11)
        {
            return;
        }
        if (domain.Memory.MiB < Windows11Requirements.Memory.MiB)
        {
            Warn(environment, $"Windows 11 setup refuses less than {Windows11Requirements.Memory} of memory (--memory {domain.Memory})");
        }
        if (domain.Vcpus.Count < Windows11Requirements.Processors)
        {
            Warn(environment, $"Windows 11 setup refuses fewer than {Windows11Requirements.Processors} processors (--vcpus {domain.Vcpus})");
        }
    }

    /// <summary>The domain command writes no module, so nothing reserves the huge pages its XML asks for: the VM would not start.</summary>
    public static void ForDomainAlone(CliEnvironment environment, DomainOptions domain)
    {
        if (domain.HugePages.PagesFor(domain.Memory) is not { } pages)
        {
            return;
        }
        var size = EnumNames.HugePagesSpelling.Name(domain.HugePages);
        // The same settings the module's HugePagesFeature writes.
        var reserve = domain.HugePages == HugePages.OneGiB
            ? $"boot.kernelParams = [ \"default_hugepagesz=1G\" \"hugepagesz=1G\" \"hugepages={pages}\" ]"
            : $"boot.kernel.sysctl.\"vm.nr_hugepages\" = {pages}";
        Warn(environment, $"--hugepages {size}: the domain asks for huge pages, but only the module reserves them and the VM does not start without: use the root command (nix-vfio-gen --ids … --hugepages {size}), or reserve them yourself: {reserve}");
    }

    /// <summary>
    /// A relative path is said as the absolute one the domain holds; a path in a home directory gets a
    /// warning: QEMU running as qemu-libvirtd (virtualisation.libvirtd.qemu.runAsRoot = false) cannot
    /// enter a home of mode 0700, the default of NixOS' users.users.NAME.homeMode.
    /// </summary>
    public static void ForPaths(CliEnvironment environment, ParseResult result, DomainOptionSet domain)
    {
        foreach (var option in domain.Paths)
        {
            if (result.GetResult(option) is not { Implicit: false } given || result.GetValue(option) is not { } path)
            {
                continue;
            }
            var typed = string.Concat(given.Tokens.Select(token => token.Value));
            if (typed != path.Value)
            {
                environment.Error.WriteLine($"nix-vfio-gen: note: {option.Name} {CliInputException.Printable(typed)} is {CliInputException.Printable(path.Value)} (relative to the working directory)");
            }
            if (path.Value.StartsWith("/root/", StringComparison.Ordinal) || path.Value.StartsWith("/home/", StringComparison.Ordinal))
            {
                Warn(environment, $"{option.Name} {CliInputException.Printable(path.Value)} is in a home directory, which QEMU cannot enter when it runs as qemu-libvirtd (qemu.runAsRoot = false; NixOS homes are mode 0700): move it to /var/lib/libvirt/images");
            }
        }
    }

    private static void Warn(CliEnvironment environment, string message) => environment.Error.WriteLine("nix-vfio-gen: warning: " + message);
}
