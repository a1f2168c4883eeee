namespace NixVfioGen.Model;

/// <summary>A PCI function address <c>dddd:bb:ss.f</c> (domain, bus, slot, function), lower case.</summary>
public sealed record PciAddress(int Domain, int Bus, int Slot, int Function) : IComparable<PciAddress>
{
    public const string Expected = "a PCI address dddd:bb:ss.f in hex, e.g. 0000:23:00.0";

    /// <summary>Accepts the full form and the short <c>bb:ss.f</c> form lspci prints (domain 0000).</summary>
    public static PciAddress Parse(string text)
    {
        var trimmed = text.Trim();
        var full = trimmed.Length == 7 ? "0000:" + trimmed : trimmed;
        if (full.Length != 12 || full[4] != ':' || full[7] != ':' || full[10] != '.'
            || !Hex.IsDigits(full.AsSpan(0, 4), 4) || !Hex.IsDigits(full.AsSpan(5, 2), 2)
            || !Hex.IsDigits(full.AsSpan(8, 2), 2) || !Hex.IsDigits(full.AsSpan(11, 1), 1))
        {
            throw new InvalidInputException(text, Expected);
        }
        var slot = Convert.ToInt32(full.Substring(8, 2), 16);
        var function = Convert.ToInt32(full.Substring(11, 1), 16);
        // A slot is 5 bits and a function 3 bits in the PCI address format.
        if (slot > 0x1f || function > 7)
        {
            throw new InvalidInputException(text, Expected + " (slot 00-1f, function 0-7)");
        }
        return new PciAddress(Convert.ToInt32(full[..4], 16), Convert.ToInt32(full.Substring(5, 2), 16), slot, function);
    }

    /// <summary>Parses a comma-separated list; rejects empty entries and duplicates.</summary>
    public static IReadOnlyList<PciAddress> ParseList(string text) =>
        CommaList.ParseDistinct(text, Parse, "a comma-separated list of PCI addresses, e.g. 0000:23:00.0,0000:23:00.1", "PCI address");

    /// <summary>The physical slot this function belongs to (function 0 of the same device).</summary>
    public PciAddress SlotAddress => this with { Function = 0 };

    public int CompareTo(PciAddress? other) =>
        other is null ? 1 : (Domain, Bus, Slot, Function).CompareTo((other.Domain, other.Bus, other.Slot, other.Function));

    // Concatenated, not interpolated: these values stand inside other interpolated strings, and a nested
    // one returns a second pooled buffer, which makes .NET calibrate its processor-id cache (about 0.1 ms
    // of every run's start, bench/run).
    public override string ToString() =>
        string.Concat(HexDigits(Domain, "x4"), ":", HexDigits(Bus, "x2"), ":") + string.Concat(HexDigits(Slot, "x2"), ".", HexDigits(Function, "x"));

    private static string HexDigits(int value, string format) => value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
