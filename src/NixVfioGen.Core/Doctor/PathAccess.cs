namespace NixVfioGen.Doctor;

/// <summary>
/// Whether QEMU, running as qemu-libvirtd rather than as the user, can reach a file: libvirt hands the
/// file itself to that user when the VM starts (dynamic ownership), but never the directories above it.
/// </summary>
public enum PathAccess
{
    Missing,

    /// <summary>There, but neither a file nor a block device (a FIFO, a directory, a character device): no disk or ISO.</summary>
    NotAFile,

    /// <summary>A directory above the file lacks o+x, e.g. a 0700 home directory.</summary>
    DirectoryClosed,

    /// <summary>The directories are open; the file itself lacks o+r.</summary>
    FileClosed,

    Open,
}
