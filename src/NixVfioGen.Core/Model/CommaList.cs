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

    /// <summary>Like <see cref="Parse{T}"/>, and each item may appear once.</summary>
    public static IReadOnlyList<T> ParseDistinct<T>(string text, Func<string, T> parseItem, string expectedList, string itemKind)
    {
        var items = Parse(text, parseItem, expectedList);
        var duplicate = items.GroupBy(item => item).FirstOrDefault(group => group.Count() > 1);
        return duplicate is null ? items : throw new InvalidInputException(text, $"each {itemKind} once ({duplicate.Key} is repeated)");
    }
}
