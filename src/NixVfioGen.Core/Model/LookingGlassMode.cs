namespace NixVfioGen.Model;

/// <summary>How the Looking Glass frame buffer is shared between guest and host.</summary>
public enum LookingGlassMode
{
    /// <summary>A POSIX shared memory file, /dev/shm/looking-glass.</summary>
    Shm,

    /// <summary>The kvmfr kernel module's /dev/kvmfr0 (DMA-capable, recommended by Looking Glass).</summary>
    Kvmfr,

    /// <summary>No Looking Glass at all.</summary>
    None,
}
