namespace NixVfioGen.Model;

/// <summary>A PCI vendor:device id such as <c>1002:67df</c>, normalised to lower case.</summary>
public sealed record PciId
{
    private PciId(string vendor, string device)
    {
        Vendor = vendor;
        Device = device;
    }

    /// <summary>Four lower-case hex digits.</summary>
    public string Vendor { get; }

    /// <summary>Four lower-case hex digits.</summary>
    public string Device { get; }

    public int VendorCode => Convert.ToInt32(Vendor, 16);

    public int DeviceCode => Convert.ToInt32(Device, 16);

    /// <summary>The id of numeric codes as sysfs holds them.</summary>
    public static PciId FromCodes(ushort vendor, ushort device) => new($"{vendor:x4}", $"{device:x4}");

    public const string Expected = "a PCI id vvvv:dddd of 4+4 hex digits, e.g. 1002:67df (lspci -nn shows it in brackets)";

    public static PciId Parse(string text)
    {
        // lspci -nn prints ids in brackets ("[1002:67df]"): one pair around the id is accepted as pasted.
        var trimmed = text.Trim();
        if (trimmed is ['[', .., ']'])
        {
            trimmed = trimmed[1..^1];
        }
        var colon = trimmed.IndexOf(':');
        if (colon != 4 || !Hex.IsDigits(trimmed.AsSpan(0, 4), 4) || !Hex.IsDigits(trimmed.AsSpan(5), 4))
        {
            throw new InvalidInputException(text, Expected);
        }
        return new PciId(trimmed[..4].ToLowerInvariant(), trimmed[5..].ToLowerInvariant());
    }

    /// <summary>
    /// Parses a comma-separated list; rejects empty entries and an empty list. An id given twice counts
    /// once: vfio-pci's ids= takes every device of an id anyway, and identical cards show the same id
    /// twice in lspci, so a pasted repeat asks for nothing more.
    /// </summary>
    public static IReadOnlyList<PciId> ParseList(string text) =>
        CommaList.Parse(text, Parse, "a comma-separated list of PCI ids, e.g. 1002:67df,1002:aaf0").Distinct().ToArray();

    public override string ToString() => $"{Vendor}:{Device}";
}
