using System.Globalization;
using NixVfioGen.Model;
using NixVfioGen.Tuning;

namespace NixVfioGen.Cli.Discovery;

/// <summary>
/// Reads the host's CPUs (sys/devices/system/cpu: online, each CPU's thread siblings and L3 cache,
/// and the hybrid cpu_core/cpu_atom lists) and its memory (proc/meminfo), never writing. Anything
/// missing or unreadable means no suggestion, not an error.
/// </summary>
internal sealed class CpuTopologyReader(string root)
{
    private readonly HostRoot host = new(root);

    public IReadOnlyList<HostCpu> ReadCpus()
    {
        const string cpuDirectory = "/sys/devices/system/cpu";
        if (ReadList(cpuDirectory + "/online") is not { } online)
        {
            return [];
        }
        var performance = ReadList("/sys/devices/cpu_core/cpus")?.Cpus.ToHashSet();
        var efficiency = ReadList("/sys/devices/cpu_atom/cpus")?.Cpus.ToHashSet();
        var cpus = new List<HostCpu>();
        foreach (var id in online.Cpus)
        {
            var directory = cpuDirectory + "/cpu" + id.ToString(CultureInfo.InvariantCulture);
            var siblings = ReadList(directory + "/topology/thread_siblings_list")?.Cpus ?? [id];
            var l3 = ReadList(directory + "/cache/index3/shared_cpu_list")?.Cpus ?? [];
            var kind = performance?.Contains(id) == true ? CoreKind.Performance
                : efficiency?.Contains(id) == true ? CoreKind.Efficiency
                : CoreKind.Unknown;
            cpus.Add(new HostCpu(id, siblings, l3, kind));
        }
        return cpus;
    }

    /// <summary>MemTotal in MiB, or null.</summary>
    public long? ReadMemoryMiB()
    {
        var line = (host.Read("/proc/meminfo", HostFile.TableBytes).TextOrNull ?? "").Split('\n')
            .FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var digits = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
        return digits is not null && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib / 1024 : null;
    }

    private CpuList? ReadList(string absolute)
    {
        try
        {
            return host.Read(absolute).TextOrNull is { } text ? CpuList.Parse(text.Trim()) : null;
        }
        catch (InvalidInputException)
        {
            return null;
        }
    }
}
