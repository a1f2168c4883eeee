namespace NixVfioGen.Model;

/// <summary>Hex digit checks without regular expressions (no per-run regex compilation on the start path).</summary>
internal static class Hex
{
    public static bool IsDigits(ReadOnlySpan<char> text, int length)
    {
        if (text.Length != length)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
