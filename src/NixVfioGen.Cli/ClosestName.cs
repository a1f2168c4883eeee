namespace NixVfioGen.Cli;

/// <summary>
/// The known name a typo most likely meant, by optimal string alignment distance (Levenshtein with
/// adjacent transpositions: "--plaform" and "--pltaform" are both one edit from "--platform").
/// </summary>
internal static class ClosestName
{
    /// <summary>The nearest name within a third of the typed word's letters (1 to 3 edits), or null; none for words under 3 letters.</summary>
    public static string? Among(string typed, IEnumerable<string> names)
    {
        var letters = typed.TrimStart('-').Length;
        if (letters < 3)
        {
            return null;
        }
        var allowed = Math.Clamp(letters / 3, 1, 3);
        return names
            .Select(name => (Name: name, Distance: Distance(typed.ToLowerInvariant(), name)))
            .Where(candidate => candidate.Distance <= allowed)
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .Select(candidate => candidate.Name)
            .FirstOrDefault();
    }

    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
