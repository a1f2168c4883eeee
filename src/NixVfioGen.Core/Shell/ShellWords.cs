namespace NixVfioGen.Shell;

/// <summary>Quoting for values that reach a shell script: every value is one single-quoted word.</summary>
public static class ShellWords
{
    /// <summary>
    /// <c>'…'</c> with each <c>'</c> written as <c>'\''</c>: inside single quotes the shell expands nothing,
    /// so any text (spaces, <c>$</c>, backquotes, globs) arrives as one literal word.
    /// </summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The value as typed in a printed command: bare when it holds only safe characters.</summary>
    public static string QuoteIfNeeded(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or ':' or '+' or '=' or ',')
            ? value
            : Quote(value);
}
