using System.Text;

namespace NixVfioGen.Nix;

/// <summary>Escapes literal text for Nix strings so that the parser gives back exactly that text, whitespace included.</summary>
public static class NixStringEscaper
{
    /// <summary>Escapes for a double-quoted string: <c>\</c>, <c>"</c>, <c>${</c> and control characters.</summary>
    /// <exception cref="ArgumentException">The text holds a NUL, which no Nix string can carry.</exception>
    public static string DoubleQuoted(string text)
    {
        RejectNul(text);
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\n': builder.Append(@"\n"); break;
                case '\r': builder.Append(@"\r"); break;
                case '\t': builder.Append(@"\t"); break;
                case '$' when i + 1 < text.Length && text[i + 1] == '{': builder.Append(@"\$"); break;
                default: builder.Append(c); break;
            }
        }
        return builder.ToString();
    }

    // The characters IndentedLine may have to escape besides "${" (a shell's own $var needs nothing).
    private static readonly System.Buffers.SearchValues<char> Escaped = System.Buffers.SearchValues.Create("'\t\r");

    /// <summary>
    /// Escapes one line of an indented string: <c>''</c> becomes <c>'''</c>, <c>${</c> becomes <c>''${</c>,
    /// and a lone quote that would fuse with a following escape or the closing <c>''</c> becomes <c>''\'</c>;
    /// tabs and carriage returns are escaped.
    /// </summary>
    /// <param name="text">The line, without its newline.</param>
    /// <param name="endsString">True when the closing <c>''</c> follows this line directly.</param>
    public static string IndentedLine(string text, bool endsString)
    {
        RejectNul(text);
        if (text.AsSpan().IndexOfAny(Escaped) < 0 && !text.Contains("${", StringComparison.Ordinal))
        {
            // Nothing to escape: most lines of a script or of the domain XML.
            return text;
        }
        var builder = new StringBuilder(text.Length + 8);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\'')
            {
                var run = 1;
                while (i + run < text.Length && text[i + run] == '\'')
                {
                    run++;
                }
                i += run;
                for (var pair = 0; pair < run / 2; pair++)
                {
                    builder.Append("'''");
                }
                if (run % 2 == 1)
                {
                    var fusesWithNext = i == text.Length ? endsString : StartsEscape(text, i);
                    builder.Append(fusesWithNext ? "''\\'" : "'");
                }
                continue;
            }
            if (IsInterpolationStart(text, i))
            {
                builder.Append("''${");
                i += 2;
                continue;
            }
            if (c == '\t' || c == '\r')
            {
                // Kept out of the literal text so no editor or formatter can alter them.
                builder.Append(c == '\t' ? "''\\t" : "''\\r");
                i++;
                continue;
            }
            builder.Append(c);
            i++;
        }
        return builder.ToString();
    }

    /// <summary>
    /// An indented string's parts as its lines, ready to escape line by line. Nix strips the
    /// indentation common to all non-blank lines and empties lines of only whitespace; where the text
    /// itself would lose whitespace that way, that whitespace becomes an interpolated string, which Nix
    /// neither strips nor counts as indentation.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<NixStringPart>> IndentedLines(IReadOnlyList<NixStringPart> parts)
    {
        var lines = SplitLines(parts);
        var first = -1;
        var allIndented = true;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Count > 0 && IsBlank(lines[i]))
            {
                // A blank line's parts are all text (IsBlank).
                var whitespace = new StringBuilder();
                foreach (var part in lines[i])
                {
                    whitespace.Append(((NixText)part).Text);
                }
                lines[i] = [new NixInterpolation(new NixString(whitespace.ToString()))];
            }
            if (lines[i].Count > 0)
            {
                first = first < 0 ? i : first;
                allIndented &= StartsWithWhitespace(lines[i]);
            }
        }
        if (first >= 0 && allIndented)
        {
            lines[first] = InterpolateLeadingWhitespace(lines[first]);
        }
        return lines;
    }

    /// <summary>How many lines an indented string of these parts spans.</summary>
    public static int LineCount(IReadOnlyList<NixStringPart> parts)
    {
        // SplitLines' count without building the lines: the renderer asks this of every indented string.
        var count = 1;
        foreach (var part in parts)
        {
            if (part is NixText text)
            {
                count += text.Text.AsSpan().Count('\n');
            }
        }
        return count;
    }

    private static bool IsBlank(List<NixStringPart> line)
    {
        foreach (var part in line)
        {
            if (part is not NixText text || text.Text.AsSpan().IndexOfAnyExcept(' ', '\t') >= 0)
            {
                return false;
            }
        }
        return true;
    }

    private static bool StartsWithWhitespace(List<NixStringPart> line) =>
        line.Count > 0 && line[0] is NixText { Text: [' ' or '\t', ..] };

    private static List<NixStringPart> InterpolateLeadingWhitespace(List<NixStringPart> line)
    {
        var text = ((NixText)line[0]).Text;
        var whitespace = text.Length - text.TrimStart(' ', '\t').Length;
        var rest = text[whitespace..];
        return
        [
            new NixInterpolation(new NixString(text[..whitespace])),
            .. rest.Length > 0 ? [new NixText(rest)] : Array.Empty<NixStringPart>(),
            .. line.Skip(1),
        ];
    }

    // Splits string parts at newlines inside text parts; interpolations never span lines here.
    private static List<List<NixStringPart>> SplitLines(IReadOnlyList<NixStringPart> parts)
    {
        var lines = new List<List<NixStringPart>> { new() };
        foreach (var part in parts)
        {
            if (part is NixText text)
            {
                var pieces = text.Text.Split('\n');
                for (var i = 0; i < pieces.Length; i++)
                {
                    if (i > 0)
                    {
                        lines.Add([]);
                    }
                    if (pieces[i].Length > 0)
                    {
                        lines[^1].Add(new NixText(pieces[i]));
                    }
                }
            }
            else
            {
                lines[^1].Add(part);
            }
        }
        return lines;
    }

    // Whatever this escaper writes with a leading '' : an interpolation opener, a tab or a carriage return.
    private static bool StartsEscape(string text, int index) =>
        IsInterpolationStart(text, index) || text[index] is '\t' or '\r';

    private static bool IsInterpolationStart(string text, int index) =>
        index + 1 < text.Length && text[index] == '$' && text[index + 1] == '{';

    private static void RejectNul(string text)
    {
        if (text.Contains('\0'))
        {
            throw new ArgumentException("Nix strings cannot contain NUL characters", nameof(text));
        }
    }
}
