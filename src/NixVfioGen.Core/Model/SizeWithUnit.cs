using System.Globalization;

namespace NixVfioGen.Model;

/// <summary>Digits followed by a unit (<c>16G</c>, <c>12288MiB</c>): the shape --memory and --disk-size share.</summary>
internal static class SizeWithUnit
{
    /// <summary>The number times its unit's factor, or null when the text is not digits and a known unit.</summary>
    /// <param name="text">The option's value.</param>
    /// <param name="factors">Lower-case unit spellings and what one of each is worth.</param>
    /// <param name="maxDigits">More digits could only overflow past the option's limit anyway.</param>
    public static long? Parse(string text, IReadOnlyDictionary<string, long> factors, int maxDigits)
    {
        var trimmed = text.Trim();
        var digits = trimmed.TakeWhile(char.IsAsciiDigit).Count();
        if (digits is 0 || digits > maxDigits || !factors.TryGetValue(trimmed[digits..].ToLowerInvariant(), out var factor))
        {
            return null;
        }
        return long.Parse(trimmed[..digits], CultureInfo.InvariantCulture) * factor;
    }
}
