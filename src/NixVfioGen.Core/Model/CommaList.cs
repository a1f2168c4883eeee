namespace NixVfioGen.Model;

/// <summary>Splits the comma-separated lists that --ids and --pci take.</summary>
internal static class CommaList
{
    public static IReadOnlyList<T> Parse<T>(string text, Func<string, T> parseItem, string expectedList)
    {
        var parts = text.Split(',');
        if (string.IsNullOrWhiteSpace(text) || parts.Any(string.IsNullOrWhiteSpace))
        {
            throw new InvalidInputException(text, expectedList);
        }
        return parts.Select(parseItem).ToArray();
    }
}
