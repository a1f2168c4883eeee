namespace NixVfioGen.Guest;

/// <summary>Text into PowerShell: single-quoted strings take everything literally except ' itself, which doubles.</summary>
public static class PowerShellWords
{
    public static string Quote(string value) =>
        "'" + value.Replace("'", "''", StringComparison.Ordinal)
            // PowerShell also ends a single-quoted string at the typographic quotes.
            .Replace("\u2018", "\u2018\u2018", StringComparison.Ordinal).Replace("\u2019", "\u2019\u2019", StringComparison.Ordinal)
            .Replace("\u201A", "\u201A\u201A", StringComparison.Ordinal).Replace("\u201B", "\u201B\u201B", StringComparison.Ordinal) + "'";
}
