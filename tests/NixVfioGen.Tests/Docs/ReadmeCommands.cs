using System.Text;
using System.Text.RegularExpressions;

namespace NixVfioGen.Tests.Docs;

/// <summary>
/// The README read as a script. Its conventions, which the README keeps so that every command in it
/// can be followed literally:
/// <list type="bullet">
/// <item>A <c>```sh</c> block holds commands, one a line (a trailing <c>\</c> continues it).</item>
/// <item>A <c>```text</c> block right after it is what the block's last command prints: its lines
///   appear in that order in the real output (a line <c>…</c> stands for lines left out).</item>
/// <item>A fenced block right after <c>&lt;!-- file: PATH --&gt;</c> is an excerpt of the file PATH
///   that an earlier command wrote, in the same sense.</item>
/// <item>A fenced block right after <c>&lt;!-- same as: PATH --&gt;</c> is an excerpt of that file of
///   the repository (a snapshot the tests hold to the tool's output), in the same sense.</item>
/// <item><c>&lt;!-- fixture: DIR --&gt;</c> before a <c>sh</c> block runs its list-iommu on the
///   fixture host tests/fixtures/DIR (sysfs/rx480, the seed's host, otherwise);
///   <c>&lt;!-- exit: N --&gt;</c> says which exit code its commands end with (0 otherwise).</item>
/// </list>
/// </summary>
internal static partial class ReadmeCommands
{
    /// <param name="Language">The fence's info string.</param>
    /// <param name="Lines">The lines inside the fence.</param>
    /// <param name="LineNumber">The first line's number in the file, for messages.</param>
    /// <param name="Markers">The <c>&lt;!-- key: value --&gt;</c> lines standing right before the fence.</param>
    /// <param name="FollowsBlock">Whether only blank lines stand between this block and the one before.</param>
    public sealed record Block(string Language, IReadOnlyList<string> Lines, int LineNumber, IReadOnlyDictionary<string, string> Markers, bool FollowsBlock);

    /// <summary>The fenced blocks in order, with their markers.</summary>
    public static IReadOnlyList<Block> Blocks(string markdown)
    {
        var lines = markdown.Split('\n');
        var blocks = new List<Block>();
        var markers = new Dictionary<string, string>();
        var sinceBlock = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (Marker().Match(trimmed) is { Success: true } marker)
            {
                markers[marker.Groups[1].Value] = marker.Groups[2].Value;
                sinceBlock = true;
                continue;
            }
            if (!trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                if (trimmed.Length > 0)
                {
                    markers.Clear();
                    sinceBlock = true;
                }
                continue;
            }
            // A fence inside a list item is indented; its lines lose that indentation.
            var indent = lines[i].Length - trimmed.Length;
            var language = trimmed[3..].Trim();
            var start = i + 1;
            var end = start;
            while (end < lines.Length && !lines[end].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }
            var content = lines[start..end].Select(line => line.Length >= indent && line[..indent].Trim().Length == 0 ? line[indent..] : line.TrimStart()).ToArray();
            blocks.Add(new Block(language, content, start + 1, new Dictionary<string, string>(markers), blocks.Count > 0 && !sinceBlock));
            markers.Clear();
            sinceBlock = false;
            i = end;
        }
        return blocks;
    }

    /// <summary>The commands of a <c>sh</c> block, continuation lines joined, comments and blank lines left out.</summary>
    public static IReadOnlyList<string> Commands(Block block)
    {
        var commands = new List<string>();
        var current = new StringBuilder();
        foreach (var line in block.Lines)
        {
            var text = line.Trim();
            if (current.Length == 0 && (text.Length == 0 || text.StartsWith('#')))
            {
                continue;
            }
            if (text.EndsWith('\\'))
            {
                current.Append(text[..^1]).Append(' ');
                continue;
            }
            commands.Add(current.Append(text).ToString());
            current.Clear();
        }
        return commands;
    }

    /// <summary>
    /// The words of a command line as the shell would split them: single and double quotes, and the
    /// variables the README uses (<c>$USER</c>, <c>$HOME</c>) replaced by the fixture host's.
    /// </summary>
    public static IReadOnlyList<string> Words(string command, IReadOnlyDictionary<string, string> variables)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (c == '\'')
            {
                var close = command.IndexOf('\'', i + 1);
                word.Append(command, i + 1, close - i - 1);
                i = close;
                inWord = true;
            }
            else if (c == '"')
            {
                var close = command.IndexOf('"', i + 1);
                word.Append(Expand(command[(i + 1)..close], variables));
                i = close;
                inWord = true;
            }
            else if (c == '$')
            {
                var name = new string(command[(i + 1)..].TakeWhile(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_').ToArray());
                word.Append(variables[name]);
                i += name.Length;
                inWord = true;
            }
            else if (c == '~' && !inWord)
            {
                word.Append(variables["HOME"]);
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return words;
    }

    /// <summary>Whether the expected lines appear in order among the actual ones; a line "…" skips any number.</summary>
    public static string? MissingLine(IEnumerable<string> expected, string actual)
    {
        var lines = actual.Split('\n');
        var at = 0;
        foreach (var line in expected.Where(line => line.Trim() != "…"))
        {
            while (at < lines.Length && lines[at] != line)
            {
                at++;
            }
            if (at == lines.Length)
            {
                return line;
            }
            at++;
        }
        return null;
    }

    private static string Expand(string text, IReadOnlyDictionary<string, string> variables) =>
        Variable().Replace(text, match => variables[match.Groups[1].Value]);

    [GeneratedRegex(@"^<!-- (file|same as|fixture|exit): (\S+) -->$")]
    private static partial Regex Marker();

    [GeneratedRegex(@"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?")]
    private static partial Regex Variable();
}
