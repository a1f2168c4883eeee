using NixVfioGen.Model;

namespace NixVfioGen.Tuning;

/// <summary>
/// Pinning and memory for the guest from the host's real topology: whole cores with their SMT
/// siblings together, from one last-level cache (one CCD) where there are several, never core 0's,
/// performance cores before efficiency cores; the emulator and I/O threads on core 0; and guest
/// memory that leaves the host a quarter of its RAM, and at least 4 GiB.
/// </summary>
public sealed record PinningSuggestion(CpuList Vcpus, CpuList Emulator, MemorySize? Memory, string Why)
{
    private const long HostReserveMinMiB = 4 * 1024;

    public static PinningSuggestion? For(IReadOnlyList<HostCpu> cpus, long? memoryMiB)
    {
        var cores = cpus
            .GroupBy(cpu => string.Join(',', cpu.Siblings.Order()))
            .Select(core => core.OrderBy(cpu => cpu.Id).ToArray())
            .OrderBy(core => core[0].Id)
            .ToArray();
        var hostCore = cores.FirstOrDefault(core => core.Any(cpu => cpu.Id == 0));
        if (hostCore is null || cores.Length < 2)
        {
            return null;
        }
        var candidates = cores.Where(core => core != hostCore).ToArray();
        var why = new List<string>();
        if (candidates.Any(core => core[0].Kind == CoreKind.Performance))
        {
            candidates = candidates.Where(core => core[0].Kind == CoreKind.Performance).ToArray();
            why.Add("performance cores only");
        }
        // Several last-level caches (CCDs): the one with the most free cores, so the guest shares no cache with the host.
        var caches = candidates.GroupBy(core => string.Join(',', core[0].L3.Order())).ToArray();
        if (caches.Length > 1)
        {
            candidates = caches.OrderByDescending(cache => cache.Count()).ThenBy(cache => cache.First()[0].Id).First().ToArray();
            why.Add("one L3 cache (CCD) of its own");
        }
        why.Add(candidates.Length == 1 ? "1 whole core with its SMT siblings" : $"{candidates.Length} whole cores with their SMT siblings together");
        why.Add($"core 0 ({CpuList.Compact(hostCore.Select(cpu => cpu.Id))}) left to the host, the emulator and the I/O thread");
        var vcpus = CpuList.Parse(string.Join(',', candidates.SelectMany(core => core.Select(cpu => cpu.Id))));
        var emulator = CpuList.Parse(CpuList.Compact(hostCore.Select(cpu => cpu.Id)));
        MemorySize? memory = null;
        if (memoryMiB is { } total)
        {
            var guestGiB = (total - Math.Max(HostReserveMinMiB, total / 4)) / 1024;
            if (guestGiB * 1024 >= MemorySize.Min)
            {
                memory = MemorySize.Parse($"{Math.Min(guestGiB, MemorySize.Max / 1024)}GiB");
                why.Add($"{memory} of {total / 1024} GiB RAM for the guest, the rest for the host");
            }
        }
        return new PinningSuggestion(vcpus, emulator, memory, string.Join("; ", why));
    }

    /// <summary>The vCPU list in the order vCPUs take it, siblings side by side.</summary>
    public string VcpuArgument => string.Join(',', Vcpus.Cpus);
}
