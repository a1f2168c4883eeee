namespace NixVfioGen.Doctor;

/// <summary>What the installer ISO's sources/lang.ini says about its display language, as doctor read it.</summary>
public abstract record InstallerLanguage
{
    private InstallerLanguage()
    {
    }

    /// <summary>The tags under [Available UI Languages], e.g. en-US.</summary>
    public sealed record Read(IReadOnlyList<string> Languages) : InstallerLanguage;

    /// <summary>No 7-Zip on PATH: Windows ISOs are UDF, which 7-Zip reads and xorriso, bsdtar and isoinfo do not.</summary>
    public sealed record NoReader : InstallerLanguage;

    public sealed record Unreadable(string Reason) : InstallerLanguage;

    /// <summary>
    /// The languages of a lang.ini: the keys of its [Available UI Languages] section ("en-US = 3"). Windows
    /// writes it as plain or UTF-16 text with CRLF line ends; names compare without regard to case.
    /// </summary>
    public static IReadOnlyList<string> Parse(string text)
    {
        var languages = new List<string>();
        var inSection = false;
        // UTF-16 read as UTF-8 leaves a NUL after each ASCII character: drop them, and any undecodable byte.
        foreach (var raw in text.Replace("\0", "", StringComparison.Ordinal).Replace("\uFFFD", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim().Trim('\uFEFF');
            if (line.StartsWith('['))
            {
                inSection = string.Equals(line, "[Available UI Languages]", StringComparison.OrdinalIgnoreCase);
            }
            else if (inSection && line.Split('=')[0].Trim() is { Length: > 0 } key && !key.StartsWith(';'))
            {
                languages.Add(key);
            }
        }
        return languages;
    }
}
