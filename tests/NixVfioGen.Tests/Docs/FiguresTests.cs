using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Docs;

/// <summary>
/// Figures and rules in docs/ cannot drift from the tool: what a script measures sits between the
/// markers that script writes, and the reliability table's rules are the tool's own error texts.
/// </summary>
public class FiguresTests
{
    [Theory]
    [InlineData("docs/performance.md", "bench/run")]
    [InlineData("docs/reliability.md", "bench/robustness")]
    public void Measured_figures_stand_where_their_script_writes_them(string document, string script)
    {
        var text = File.ReadAllText(Repository.PathOf(document));
        var begin = text.IndexOf($"<!-- {script} -->\n", StringComparison.Ordinal);
        var end = text.IndexOf($"<!-- end {script} -->", StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"{document} has no {script} markers");
        Assert.Contains("--write", File.ReadAllText(Repository.PathOf(script)));
        // No table of figures outside the script's region.
        var outside = text[..begin] + text[end..];
        Assert.DoesNotContain("| median ms", outside);
        Assert.DoesNotContain("| tried |", outside);
    }

    // A bad value for each option the table names, and the command that takes it.
    public static TheoryData<string, string[]> Rules => new()
    {
        { "`--ids`", ["module", "--ids", "%%"] },
        { "`--pci`", ["domain", "--pci", "%%"] },
        { "`--user`", ["module", "--ids", "1002:67df", "--user", "%%"] },
        { "`--vm-name`", ["domain", "--vm-name", "%%"] },
        { "`--disk`, `--iso`, `--virtio-iso`", ["domain", "--iso", "/a/../b.iso"] },
        { "`--guest-user`", ["--ids", "1002:67df", "--guest-setup", "--guest-user", "a/b"] },
        { "`--guest-locale`", ["--ids", "1002:67df", "--guest-setup", "--guest-locale", "english"] },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_reliability_table_states_each_rule_in_the_tools_own_words(string option, string[] bad)
    {
        var row = File.ReadAllLines(Repository.PathOf("docs/reliability.md")).Single(line => line.StartsWith($"| {option} |", StringComparison.Ordinal));
        // A '|' inside a cell is written '\|' in Markdown.
        var accepted = row.Split(" | ")[1].Replace("\\|", "|", StringComparison.Ordinal);
        var error = CliRun.Run(bad).Stderr;
        var expected = error[(error.IndexOf("expected ", StringComparison.Ordinal) + "expected ".Length)..].Replace(" (see --help)", "", StringComparison.Ordinal).TrimEnd('\n');
        Assert.StartsWith(expected, accepted);
    }
}
