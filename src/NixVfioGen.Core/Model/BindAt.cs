namespace NixVfioGen.Model;

/// <summary>When the GPU goes to vfio-pci.</summary>
public enum BindAt
{
    /// <summary>At every boot, before any graphics driver: the host never uses the GPU.</summary>
    Boot,

    /// <summary>
    /// Only in a second boot entry (<c>specialisation.vfio</c>): the default entry keeps the GPU for the
    /// host, and a failed binding is one reboot away from a working desktop.
    /// </summary>
    Specialisation,

    /// <summary>When this VM starts, through a libvirt hook, and back to the host when it stops.</summary>
    VmStart,
}
