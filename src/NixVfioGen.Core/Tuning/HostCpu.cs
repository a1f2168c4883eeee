namespace NixVfioGen.Tuning;

/// <summary>The kind of core, on hybrid CPUs (Intel's cpu_core and cpu_atom); Unknown elsewhere.</summary>
public enum CoreKind
{
    Unknown,
    Performance,
    Efficiency,
}

/// <summary>One logical CPU as sysfs describes it.</summary>
/// <param name="Id">Its number.</param>
/// <param name="Siblings">The logical CPUs of its physical core (topology/thread_siblings_list), itself included.</param>
/// <param name="L3">The CPUs sharing its last-level cache (cache/index3/shared_cpu_list): one CCD on AMD; empty when unknown.</param>
/// <param name="Kind">Performance or efficiency core on hybrid CPUs.</param>
public sealed record HostCpu(int Id, IReadOnlyList<int> Siblings, IReadOnlyList<int> L3, CoreKind Kind);
