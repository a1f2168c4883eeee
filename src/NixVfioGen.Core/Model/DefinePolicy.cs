namespace NixVfioGen.Model;

/// <summary>Whether the module defines the VM itself, and when.</summary>
public enum DefinePolicy
{
    /// <summary>The user defines it (the tool prints how).</summary>
    ByHand,

    /// <summary>At boot, only when libvirt has no domain of that name: later edits in virt-manager are kept.</summary>
    Once,

    /// <summary>
    /// At boot and whenever the generated XML changes: the domain follows the file (same UUID, so its
    /// NVRAM and TPM state stay), and edits made elsewhere are replaced. Never undefines.
    /// </summary>
    Always,
}
