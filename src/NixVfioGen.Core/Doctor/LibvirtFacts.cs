namespace NixVfioGen.Doctor;

/// <summary>What libvirt said about the system connection: unreachable, or the default network and the VM.</summary>
public abstract record LibvirtFacts
{
    private LibvirtFacts()
    {
    }

    /// <summary>virsh is missing or the daemon did not answer.</summary>
    public sealed record Unreachable(string Reason) : LibvirtFacts;

    /// <summary>The daemon answered.</summary>
    /// <param name="Network">The default network, or null when it is not defined.</param>
    /// <param name="DomainState">The VM's state as virsh domstate prints it ("shut off", "running"), or null when it is not defined.</param>
    public sealed record Reachable(NetworkFacts? Network, string? DomainState) : LibvirtFacts;
}

/// <summary>virsh net-info's two lines that matter.</summary>
public sealed record NetworkFacts(bool Active, bool Autostart);
