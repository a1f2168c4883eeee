namespace NixVfioGen.Model;

/// <summary>What the system disk is, told by its path: a block device, a raw image, or a qcow2 image.</summary>
public enum DiskFormat
{
    /// <summary>A qcow2 file: grows on demand, snapshots.</summary>
    Qcow2,

    /// <summary>A raw image file (<c>.raw</c>, <c>.img</c>).</summary>
    Raw,

    /// <summary>A whole disk, partition or volume under <c>/dev</c>, given to the guest as it is.</summary>
    BlockDevice,
}

public static class DiskFormats
{
    public static DiskFormat Of(HostPath path) =>
        path.Value.StartsWith("/dev/", StringComparison.Ordinal) ? DiskFormat.BlockDevice
        : path.Value.EndsWith(".raw", StringComparison.OrdinalIgnoreCase) || path.Value.EndsWith(".img", StringComparison.OrdinalIgnoreCase) ? DiskFormat.Raw
        : DiskFormat.Qcow2;

    /// <summary>The format name as qemu-img and libvirt's driver element spell it.</summary>
    public static string QemuName(this DiskFormat format) => format == DiskFormat.Qcow2 ? "qcow2" : "raw";
}
