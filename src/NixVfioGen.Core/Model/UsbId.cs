namespace NixVfioGen.Model;

/// <summary>A USB vendor:product id such as <c>046d:c52b</c> (lsusb's ID column), normalised to lower case.</summary>
public sealed record UsbId
{
    private UsbId(string vendor, string product)
    {
        Vendor = vendor;
        Product = product;
    }

    /// <summary>Four lower-case hex digits.</summary>
    public string Vendor { get; }

    /// <summary>Four lower-case hex digits.</summary>
    public string Product { get; }

    public const string Expected = "a USB id vvvv:pppp of 4+4 hex digits, e.g. 046d:c52b (lsusb shows it after ID)";

    public static UsbId Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.IndexOf(':') != 4 || !Hex.IsDigits(trimmed.AsSpan(0, 4), 4) || !Hex.IsDigits(trimmed.AsSpan(5), 4))
        {
            throw new InvalidInputException(text, Expected);
        }
        return new UsbId(trimmed[..4].ToLowerInvariant(), trimmed[5..].ToLowerInvariant());
    }

    public static IReadOnlyList<UsbId> ParseList(string text) =>
        CommaList.ParseDistinct(text, Parse, "a comma-separated list of USB ids, e.g. 046d:c52b,1532:0084", "USB id");

    public override string ToString() => $"{Vendor}:{Product}";
}
