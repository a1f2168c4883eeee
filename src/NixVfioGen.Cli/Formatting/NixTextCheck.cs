namespace NixVfioGen.Cli.Formatting;

/// <summary>
/// A cheap plausibility check of a formatter's output: not empty, and its brackets balance outside
/// strings and comments. It catches a formatter that printed an error message or half a file.
/// </summary>
internal static class NixTextCheck
{
    public static bool LooksLikeNix(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var open = new Stack<char>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '#')
            {
                i = SkipPast(text, i, "\n");
            }
            else if (c == '/' && At(text, i + 1, '*'))
            {
                i = SkipPast(text, i + 2, "*/");
            }
            else if (c == '"')
            {
                i = SkipDoubleQuoted(text, i + 1);
            }
            else if (c == '\'' && At(text, i + 1, '\''))
            {
                i = SkipIndented(text, i + 2);
            }
            else
            {
                if (c is '{' or '[' or '(')
                {
                    open.Push(c);
                }
                else if (c is '}' or ']' or ')')
                {
                    var expected = c switch { '}' => '{', ']' => '[', _ => '(' };
                    if (open.Count == 0 || open.Pop() != expected)
                    {
                        return false;
                    }
                }
                i++;
            }
            if (i < 0)
            {
                return false;
            }
        }
        return open.Count == 0;
    }

    private static bool At(string text, int index, char c) => index < text.Length && text[index] == c;

    private static int SkipPast(string text, int from, string end)
    {
        var found = text.IndexOf(end, from, StringComparison.Ordinal);
        return found < 0 ? (end == "\n" ? text.Length : -1) : found + end.Length;
    }

    // Interpolations are skipped with the string; they cannot unbalance what the check looks at.
    private static int SkipDoubleQuoted(string text, int i)
    {
        while (i < text.Length)
        {
            if (text[i] == '\\')
            {
                i += 2;
                continue;
            }
            if (text[i] == '"')
            {
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    private static int SkipIndented(string text, int i)
    {
        while (i < text.Length)
        {
            if (text[i] == '\'' && At(text, i + 1, '\''))
            {
                // '' followed by ', $ or \ is an escape, not the end.
                if (At(text, i + 2, '\'') || At(text, i + 2, '$') || At(text, i + 2, '\\'))
                {
                    i += 3;
                    continue;
                }
                return i + 2;
            }
            i++;
        }
        return -1;
    }
}
