using System.CommandLine;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>
/// One stderr line for each option that was given but has no effect, or asks for less than what
/// it serves needs: nothing is silently ignored.
/// </summary>
internal static class OptionWarnings
{
    /// <summary>Windows 11 setup refuses a machine with less (Microsoft's Windows 11 system requirements).</summary>
    private static readonly MemorySize Windows11Memory = MemorySize.Parse("4GiB");

    private const int Windows11Cores = 2;

    public static void ForLookingGlass(CliEnvironment environment, ParseResult result, SharedOptionSet shared, LookingGlass lookingGlass)
    {
        var sizeGiven = result.GetResult(shared.ShmemSize) is not null;
        var resolutionGiven = result.GetResult(shared.Resolution) is not null;
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
    public static void ForSingleGpu(CliEnvironment environment, HostOptions host)
    {
        if (host.SingleGpu && host.LookingGlass is not LookingGlass.Off)
        {
            Warn(environment, "with --single-gpu the host has no display while the VM runs, so the Looking Glass client has nowhere to show: use the GPU's own monitor (--looking-glass none leaves Looking Glass out)");
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
        if (domain.Memory.MiB < Windows11Memory.MiB)
        {
            Warn(environment, $"Windows 11 setup refuses less than {Windows11Memory} of memory (--memory {domain.Memory})");
        }
        if (domain.Vcpus.Count < Windows11Cores)
        {
            Warn(environment, $"Windows 11 setup refuses fewer than {Windows11Cores} processors (--vcpus {domain.Vcpus})");
        }
    }

    private static void Warn(CliEnvironment environment, string message) => environment.Error.WriteLine("nix-vfio-gen: warning: " + message);
}
