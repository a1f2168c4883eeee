using System.Globalization;

namespace NixVfioGen.Model;

/// <summary>The guest's vCPU count and the topology that presents it (two threads per core when even).</summary>
public sealed record VcpuCount
{
    private VcpuCount(int count) => Count = count;

    public int Count { get; }

    public const int Max = 255;
    public const string Expected = "a whole number of vCPUs from 1 to 255";

    public static VcpuCount Default { get; } = new(4);

    /// <summary>The count that a pinning list implies; the list's parser has bounded it already.</summary>
    public static VcpuCount Of(int count) =>
        count is >= 1 and <= Max ? new VcpuCount(count) : throw new InvalidInputException(count.ToString(CultureInfo.InvariantCulture), Expected);

    public static VcpuCount Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length is 0 or > 3 || !trimmed.All(char.IsAsciiDigit))
        {
            throw new InvalidInputException(text, Expected);
        }
        var count = int.Parse(trimmed, CultureInfo.InvariantCulture);
        return count is >= 1 and <= Max ? new VcpuCount(count) : throw new InvalidInputException(text, Expected);
    }

    /// <summary>SMT pairs like the host's, so Windows schedules as on real hardware.</summary>
    public int Threads => Count % 2 == 0 ? 2 : 1;

    public int Cores => Count / Threads;

    public override string ToString() => Count.ToString(CultureInfo.InvariantCulture);
}
