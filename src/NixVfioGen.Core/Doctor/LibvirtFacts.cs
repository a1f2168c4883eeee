namespace NixVfioGen.Doctor;

/// <summary>What libvirt said about the system connection: no virsh, no answer, or the network and the VM.</summary>
public abstract record LibvirtFacts
{
    private LibvirtFacts()
    {
    }

    /// <summary>virsh is not on PATH: doctor cannot ask, which is not itself a broken link.</summary>
    public sealed record NoVirsh : LibvirtFacts;

    /// <summary>virsh ran but the daemon did not answer.</summary>
    public sealed record Unreachable(string Reason) : LibvirtFacts;

    /// <summary>The daemon answered.</summary>
    /// <param name="Network">The default network, or null when it is not defined.</param>
    /// <param name="Domain">The VM, or null when it is not defined (or no VM was asked about).</param>
    /// <param name="Firmware">What domcapabilities offers for q35, or null when it could not be read.</param>
    public sealed record Reachable(NetworkFacts? Network, DomainFacts? Domain, FirmwareFacts? Firmware = null) : LibvirtFacts;
}

/// <summary>virsh net-info's two lines that matter.</summary>
public sealed record NetworkFacts(bool Active, bool Autostart);

/// <summary>virsh domstate, and the sources of the VM's disk devices from domblklist --details.</summary>
public sealed record DomainFacts(string State, IReadOnlyList<string> DiskSources);

/// <summary>
/// virsh domcapabilities for x86_64 q35: whether firmware auto-selection offers UEFI, and whether
/// some firmware descriptor it found has Secure Boot (loader enum secure holds yes). This is what
/// libvirt will choose from when the domain asks for efi with secure-boot.
/// </summary>
public sealed record FirmwareFacts(bool Efi, bool SecureBoot);
