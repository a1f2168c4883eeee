using System.Diagnostics;

namespace NixVfioGen.Cli;

/// <summary>
/// Where a run's time goes, for bench/run: with NIX_VFIO_GEN_TRACE=1 in the environment each phase
/// writes "trace: PHASE MILLISECONDS" to stderr when it ends (the time since the previous mark), then
/// "alloc: PHASE BYTES", what it allocated (every fresh page of heap is a page fault at start-up).
/// Without it, one environment read per run and nothing else.
/// </summary>
internal static class StartupTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("NIX_VFIO_GEN_TRACE") == "1";

    private static long last;

    private static long lastAllocated;

    /// <summary>Where the first phase starts: the top of the CLI's run, once the runtime has started.</summary>
    public static void Start() => last = Stopwatch.GetTimestamp();

    public static void Mark(string phase)
    {
        if (!Enabled)
        {
            return;
        }
        var now = Stopwatch.GetTimestamp();
        var allocated = GC.GetTotalAllocatedBytes();
        Console.Error.WriteLine(FormattableString.Invariant($"trace: {phase} {Stopwatch.GetElapsedTime(last, now).TotalMilliseconds:F3}"));
        Console.Error.WriteLine(FormattableString.Invariant($"alloc: {phase} {allocated - lastAllocated}"));
        lastAllocated = GC.GetTotalAllocatedBytes();
        last = Stopwatch.GetTimestamp();
    }
}
