namespace NixVfioGen.Model;

/// <summary>
/// How Looking Glass gets its shared memory, with the size where there is one: a mode without a
/// size, or a size without a mode, cannot be written down. Host and domain take the same value.
/// </summary>
public abstract record LookingGlass
{
    private LookingGlass()
    {
    }

    /// <summary>No Looking Glass: no shared memory, and memory ballooning stays on.</summary>
    public sealed record Off : LookingGlass;

    /// <summary>A <c>/dev/shm/looking-glass</c> file, the fallback the Looking Glass docs describe.</summary>
    public sealed record SharedMemoryFile(ShmemSize Size) : LookingGlass;

    /// <summary>The kvmfr module's <c>/dev/kvmfr0</c>: the recommended path, with DMA from the GPU.</summary>
    public sealed record KvmfrDevice(ShmemSize Size) : LookingGlass;

    public static LookingGlass Default { get; } = new SharedMemoryFile(ShmemSize.ForResolution(Resolution.Default));

    /// <summary>The value for a mode as the command line spells it, sized where that mode needs a size.</summary>
    public static LookingGlass For(LookingGlassMode mode, ShmemSize size) => mode switch
    {
        LookingGlassMode.Shm => new SharedMemoryFile(size),
        LookingGlassMode.Kvmfr => new KvmfrDevice(size),
        _ => new Off(),
    };

    public LookingGlassMode Mode => this switch
    {
        SharedMemoryFile => LookingGlassMode.Shm,
        KvmfrDevice => LookingGlassMode.Kvmfr,
        _ => LookingGlassMode.None,
    };
}
