using NixVfioGen.Model;

namespace NixVfioGen.Tuning;

/// <summary>
/// Pinning and memory for the guest from the host's real topology: whole cores with their SMT
/// siblings together, from one last-level cache (one CCD) where there are several, never core 0's,
/// performance cores before efficiency cores; the emulator and I/O threads on core 0; and guest
/// memory that leaves the host a quarter of its RAM, and at least 4 GiB. Only what the generator
/// takes without a warning: no pinning that leaves Windows 11 fewer than 2 vCPUs, no memory below
/// its 4 GiB; <see cref="Why"/> then says why not.
/// </summary>
/// <param name="Pinning">The vCPUs' and the emulator's CPUs, or null when the host has too few.</param>
/// <param name="Memory">The guest's memory, or null when the host's RAM is unknown or too small.</param>
/// <param name="Why">The reasons, for the user.</param>
public sealed record PinningSuggestion(CpuPinning? Pinning, MemorySize? Memory, string Why)
{
    private const long HostReserveMinMiB = 4 * 1024;

    /// <summary>The suggestion for these CPUs and this RAM; null only when no CPU could be read.</summary>
    public static PinningSuggestion? For(IReadOnlyList<HostCpu> cpus, long? memoryMiB)
    {
        if (cpus.Count == 0)
        {
            return null;
        }
        var why = new List<string>();
        var pinning = PinningFor(cpus, why);
        MemorySize? memory = null;
        if (memoryMiB is { } total)
        {
            var guestGiB = (total - Math.Max(HostReserveMinMiB, total / 4)) / 1024;
            if (guestGiB * 1024 >= Windows11Requirements.Memory.MiB)
            {
                memory = MemorySize.Parse($"{Math.Min(guestGiB, MemorySize.Max / 1024)}GiB");
                why.Add($"{memory} of {total / 1024} GiB RAM for the guest, the rest for the host");
            }
            else
            {
                why.Add($"no --memory: {total / 1024} GiB of RAM leaves the guest less than the {Windows11Requirements.Memory} Windows 11 needs once the host keeps its {HostReserveMinMiB / 1024} GiB");
            }
        }
        return new PinningSuggestion(pinning, memory, string.Join("; ", why));
    }

    private static CpuPinning? PinningFor(IReadOnlyList<HostCpu> cpus, List<string> why)
    {
        var start = why.Count;
        var cores = cpus
            .GroupBy(cpu => string.Join(',', cpu.Siblings.Order()))
            .Select(core => core.OrderBy(cpu => cpu.Id).ToArray())
            .OrderBy(core => core[0].Id)
            .ToArray();
        var hostCore = cores.FirstOrDefault(core => core.Any(cpu => cpu.Id == 0));
        var candidates = cores.Where(core => core != hostCore).ToArray();
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
        var free = hostCore is null ? 0 : candidates.Sum(core => core.Length);
        if (hostCore is null || free < Windows11Requirements.Processors)
        {
            why.RemoveRange(start, why.Count - start);
            why.Add($"no pinning: with core 0 left to the host, {free} CPU{(free == 1 ? "" : "s")} would be the guest's, and Windows 11 needs {Windows11Requirements.Processors}; leave the vCPUs unpinned");
            return null;
        }
        why.Add(candidates.Length == 1 ? "1 whole core with its SMT siblings" : $"{candidates.Length} whole cores with their SMT siblings together");
        why.Add($"core 0 ({CpuList.Compact(hostCore.Select(cpu => cpu.Id))}) left to the host, the emulator and the I/O thread");
        var vcpus = CpuList.Parse(string.Join(',', candidates.SelectMany(core => core.Select(cpu => cpu.Id))));
        return new CpuPinning(vcpus, CpuList.Parse(CpuList.Compact(hostCore.Select(cpu => cpu.Id))));
    }

    /// <summary>The options to add, e.g. <c>--vcpu-pin 1,3 --emulator-pin 0,2 --memory 4GiB</c>; empty when there are none.</summary>
    public string Options => string.Join(' ', new[]
    {
        // The vCPU list in the order vCPUs take it, siblings side by side.
        Pinning is { } pinning ? $"--vcpu-pin {string.Join(',', pinning.Vcpus.Cpus)} --emulator-pin {pinning.Emulator}" : null,
        Memory is { } memory ? $"--memory {memory}" : null,
    }.OfType<string>());
}
