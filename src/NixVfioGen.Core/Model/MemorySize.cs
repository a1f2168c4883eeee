namespace NixVfioGen.Model;

/// <summary>Guest memory in MiB, given with a unit: <c>8GiB</c>, <c>8G</c>, <c>16384MiB</c>, <c>16384M</c>.</summary>
public sealed record MemorySize
{
    private MemorySize(long mebibytes) => MiB = mebibytes;

    public long MiB { get; }

    public const long Min = 2048;
    public const long Max = 1024 * 1024;
    public const string Expected = "a size with a binary unit (M/MiB, G/GiB, T/TiB; not GB or MB) from 2GiB to 1TiB, e.g. 8GiB, 16G or 12288MiB";

    public static MemorySize Default { get; } = new(8192);

    private static readonly Dictionary<string, long> Units = new()
    {
        ["m"] = 1, ["mib"] = 1, ["g"] = 1024, ["gib"] = 1024, ["t"] = 1024 * 1024, ["tib"] = 1024 * 1024,
    };

    // Up to 7 digits: more could only overflow past the 1 TiB limit anyway.
    public static MemorySize Parse(string text) =>
        SizeWithUnit.Parse(text, Units, maxDigits: 7) is { } mebibytes and >= Min and <= Max
            ? new MemorySize(mebibytes)
            : throw new InvalidInputException(text, Expected);

    public override string ToString() => MiB % 1024 == 0 ? $"{MiB / 1024}GiB" : $"{MiB}MiB";
}
