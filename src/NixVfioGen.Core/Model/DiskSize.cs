using System.Globalization;

namespace NixVfioGen.Model;

/// <summary>
/// The size of a newly created system disk, in GiB: <c>128G</c>, <c>128GiB</c>, <c>1T</c>. qcow2 grows
/// on demand, so this is the size Windows sees, not space taken at once.
/// </summary>
public sealed record DiskSize
{
    private DiskSize(long gibibytes) => GiB = gibibytes;

    public long GiB { get; }

    /// <summary>Windows 11 setup refuses a disk under 64 GB; 64 GiB is the floor for both releases.</summary>
    public const long Min = 64;
    public const long Max = 64 * 1024;
    public const string Expected = "a size with a unit from 64GiB to 64TiB, e.g. 128G, 256GiB or 1T";

    public static DiskSize Default { get; } = new(128);

    private static readonly Dictionary<string, long> Units = new() { ["g"] = 1, ["gib"] = 1, ["t"] = 1024, ["tib"] = 1024 };

    // Up to 6 digits: more could only overflow past the 64 TiB limit anyway.
    public static DiskSize Parse(string text) =>
        SizeWithUnit.Parse(text, Units, maxDigits: 6) is { } gibibytes and >= Min and <= Max
            ? new DiskSize(gibibytes)
            : throw new InvalidInputException(text, Expected);

    /// <summary>The size as qemu-img reads it (binary G suffix).</summary>
    public string QemuImgSize => GiB.ToString(CultureInfo.InvariantCulture) + "G";

    // Concatenated, not interpolated: see PciAddress.ToString.
    public override string ToString() => GiB.ToString(System.Globalization.CultureInfo.InvariantCulture) + "GiB";
}
