using System.Globalization;

namespace NixVfioGen.Model;

/// <summary>
/// Host CPUs as Linux writes them (<c>0-3,8,10-11</c>, cpuset(7) "list format"), in the order given:
/// for vCPU pinning the order is vCPU 0, 1, …, so SMT siblings given next to each other stay together.
/// </summary>
public sealed record CpuList
{
    private CpuList(IReadOnlyList<int> cpus) => Cpus = cpus;

    public IReadOnlyList<int> Cpus { get; }

    /// <summary>Linux's own limit on CPU numbers in practice (NR_CPUS is at most 8192).</summary>
    public const int MaxCpu = 8191;

    public const string Expected = "a CPU list such as 2-7,10-15 (numbers and ranges of host CPUs, each CPU once)";

    public static CpuList Parse(string text)
    {
        var cpus = new List<int>();
        foreach (var part in text.Split(','))
        {
            var bounds = part.Trim().Split('-');
            if (bounds.Length is 0 or > 2 || !bounds.All(IsNumber))
            {
                throw new InvalidInputException(text, Expected);
            }
            var first = int.Parse(bounds[0], CultureInfo.InvariantCulture);
            var last = int.Parse(bounds[^1], CultureInfo.InvariantCulture);
            if (last < first || last > MaxCpu)
            {
                throw new InvalidInputException(text, Expected);
            }
            cpus.AddRange(Enumerable.Range(first, last - first + 1));
        }
        var repeated = cpus.GroupBy(cpu => cpu).FirstOrDefault(group => group.Count() > 1);
        return repeated is null ? new CpuList(cpus) : throw new InvalidInputException(text, $"each CPU once ({repeated.Key} is repeated)");
    }

    private static bool IsNumber(string text) => text.Length is > 0 and <= 4 && text.All(char.IsAsciiDigit);

    /// <summary>The list in Linux's compact form, ranges joined, in ascending order: what cpuset attributes take.</summary>
    public override string ToString() => Compact(Cpus);

    public static string Compact(IEnumerable<int> cpus)
    {
        var sorted = cpus.Distinct().Order().ToArray();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Length;)
        {
            var j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }
            parts.Add(i == j ? sorted[i].ToString(CultureInfo.InvariantCulture) : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }
        return string.Join(',', parts);
    }
}
