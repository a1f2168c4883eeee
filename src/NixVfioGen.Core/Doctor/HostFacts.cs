using NixVfioGen.Iommu;
using NixVfioGen.Model;

namespace NixVfioGen.Doctor;

/// <summary>
/// Everything doctor reads from the machine, gathered at the edge so that the checks are pure.
/// Null means "could not be read", which the checks report rather than guess at.
/// </summary>
public sealed record HostFacts
{
    /// <summary>/proc/cmdline.</summary>
    public string? KernelCommandLine { get; init; }

    /// <summary>Whether /dev/kvm exists.</summary>
    public bool Kvm { get; init; }

    /// <summary>The IOMMU groups; empty when the IOMMU is off.</summary>
    public IReadOnlyList<IommuGroup> Groups { get; init; } = [];

    /// <summary>Every PCI function on the bus.</summary>
    public IReadOnlyList<PciFunction> Bus { get; init; } = [];

    /// <summary>Module names from /proc/modules (underscores, as the kernel prints them).</summary>
    public IReadOnlySet<string> LoadedModules { get; init; } = new HashSet<string>();

    /// <summary>Each function's reset_method (kernel 5.15+), when it could be read.</summary>
    public IReadOnlyDictionary<PciAddress, string> ResetMethods { get; init; } = new Dictionary<PciAddress, string>();

    /// <summary>/dev/shm/looking-glass, or null when it does not exist.</summary>
    public FileFacts? SharedMemoryFile { get; init; }

    /// <summary>/dev/kvmfr0, or null when it does not exist.</summary>
    public FileFacts? KvmfrDevice { get; init; }

    /// <summary>The groups in /etc/group that list the settings' user; null when /etc/group cannot be read.</summary>
    public IReadOnlySet<string>? UserGroups { get; init; }

    /// <summary>How far QEMU can reach each path from the settings (disk, ISOs).</summary>
    public IReadOnlyDictionary<string, PathAccess> Paths { get; init; } = new Dictionary<string, PathAccess>();

    /// <summary>Which of the module's Microsoft-keys firmware links exist (under /etc/nix-vfio-gen/firmware).</summary>
    public IReadOnlySet<string> FirmwareFiles { get; init; } = new HashSet<string>();

    /// <summary>The IOMMU groups that have a /dev/vfio/N node (vfio-pci holds one of their devices).</summary>
    public IReadOnlySet<int> VfioGroupNodes { get; init; } = new HashSet<int>();

    /// <summary>The installer ISO's language (sources/lang.ini); null when there is no ISO to read or no language to compare.</summary>
    public InstallerLanguage? InstallerLanguage { get; init; }

    public LibvirtFacts Libvirt { get; init; } = new LibvirtFacts.Unreachable("not asked");

    /// <summary>The VM's libvirt hook, when the settings name a VM handed the GPU at start.</summary>
    public HookFacts? Hook { get; init; }
}
