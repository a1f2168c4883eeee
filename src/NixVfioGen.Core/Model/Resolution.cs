namespace NixVfioGen.Model;

/// <summary>A guest display resolution, <c>WIDTHxHEIGHT</c>.</summary>
public sealed record Resolution
{
    private Resolution(int width, int height)
    {
        Width = width;
        Height = height;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Looking Glass B7 supports up to 8K; anything larger is a typo, not a monitor.</summary>
    public const int MaxSide = 16384;

    public const string Expected = "WIDTHxHEIGHT with each side 1-16384, e.g. 1920x1080";

    public static Resolution Default { get; } = new(1920, 1080);

    public static Resolution Parse(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split('x');
        if (parts.Length != 2 || !TryParseSide(parts[0], out var width) || !TryParseSide(parts[1], out var height))
        {
            throw new InvalidInputException(text, Expected);
        }
        return new Resolution(width, height);
    }

    private static bool TryParseSide(string text, out int side)
    {
        side = 0;
        if (text.Length is 0 or > 5 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }
        side = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return side is >= 1 and <= MaxSide;
    }

    // Concatenated, not interpolated: see PciAddress.ToString.
    public override string ToString() =>
        Width.ToString(System.Globalization.CultureInfo.InvariantCulture) + "x" + Height.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
