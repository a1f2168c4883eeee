namespace NixVfioGen.Cli.Help;

/// <summary>
/// The generating commands' --help with the options under the headings of <see cref="OptionGroups"/>
/// instead of one list in declaration order. System.CommandLine 3 keeps its help builder internal, so
/// its text is regrouped: each row is kept as written (aligned, wrapped, defaults shown), only moved.
/// </summary>
internal static class GroupedHelp
{
    private const string OptionsHeading = "Options:";

    public static string Regroup(string help)
    {
        var lines = help.Split('\n');
        var start = Array.IndexOf(lines, OptionsHeading);
        if (start < 0)
        {
            return help;
        }
        // The section runs to the next heading: a line that is not indented and not empty.
        var end = start + 1;
        while (end < lines.Length && (lines[end].Length == 0 || lines[end][0] == ' '))
        {
            end++;
        }
        // A row starts with its option ("  -o, --output <FILE>  …"); deeper-indented lines continue it.
        var rows = new List<(string Name, List<string> Lines)>();
        foreach (var line in lines[(start + 1)..end])
        {
            if (line.StartsWith("  -", StringComparison.Ordinal))
            {
                rows.Add((NameOf(line), [line]));
            }
            else if (line.Length > 0 && rows.Count > 0)
            {
                rows[^1].Lines.Add(line);
            }
        }
        var grouped = OptionGroups.Sort(rows.Select(row => row.Name)).SelectMany((group, index) =>
            (index > 0 ? new[] { "" } : []).Append(group.Heading + ":")
                .Concat(group.Names.SelectMany(name => rows.First(row => row.Name == name).Lines)));
        var trailing = end < lines.Length ? new[] { "" } : [];
        return string.Join('\n', lines[..start].Concat(grouped).Concat(trailing).Concat(lines[end..]));
    }

    // The long name of the row's option: "-o, --output <FILE>" is --output.
    private static string NameOf(string row)
    {
        var names = row.TrimStart().Split(' ')
            .TakeWhile(word => word.StartsWith('-'))
            .Select(word => word.TrimEnd(','))
            .ToArray();
        return names.FirstOrDefault(name => name.StartsWith("--", StringComparison.Ordinal)) ?? names.FirstOrDefault() ?? row.Trim();
    }
}
