namespace NixVfioGen.Model;

/// <summary>The Looking Glass shared memory size in MiB: a power of two, as ivshmem and kvmfr require.</summary>
public sealed record ShmemSize
{
    private ShmemSize(int mebibytes) => MiB = mebibytes;

    public int MiB { get; }

    public const int Min = 2;
    public const int Max = 4096;
    public const string Expected = "a power of two from 2 to 4096 (MiB)";

    /// <summary>
    /// Looking Glass B7 formula: width × height × 4 bytes × 2 frames, plus 10 MiB, rounded up to
    /// the next power of two MiB.
    /// </summary>
    public static ShmemSize ForResolution(Resolution resolution)
    {
        var bytes = (long)resolution.Width * resolution.Height * 4 * 2;
        var mebibytes = (bytes / (1024.0 * 1024.0)) + 10;
        var size = Min;
        while (size < mebibytes)
        {
            size *= 2;
        }
        return new ShmemSize(size);
    }

    public static ShmemSize Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length is 0 or > 4 || !trimmed.All(char.IsAsciiDigit))
        {
            throw new InvalidInputException(text, Expected);
        }
        var value = int.Parse(trimmed, System.Globalization.CultureInfo.InvariantCulture);
        if (value is < Min or > Max || (value & (value - 1)) != 0)
        {
            throw new InvalidInputException(text, Expected);
        }
        return new ShmemSize(value);
    }

    /// <summary>Bytes, as libvirt's &lt;size unit="M"&gt; and QEMU's memory-backend-file take them.</summary>
    public long Bytes => (long)MiB * 1024 * 1024;

    // Concatenated, not interpolated: see PciAddress.ToString.
    public override string ToString() => MiB.ToString(System.Globalization.CultureInfo.InvariantCulture) + " MiB";
}
