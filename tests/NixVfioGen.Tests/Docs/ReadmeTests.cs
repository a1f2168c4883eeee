using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Docs;

/// <summary>
/// The README followed literally on a fixture host: every nix-vfio-gen command in it runs as printed
/// (list-iommu on a fixture sysfs tree, files written under a scratch root), and every output and file
/// it shows is what those commands print and write. See <see cref="ReadmeCommands"/> for its conventions.
/// </summary>
public class ReadmeTests
{
    // The fixture host's user, as the shell would expand the README's "$USER".
    private static readonly Dictionary<string, string> Variables = new() { ["USER"] = "alice", ["HOME"] = "/home/alice" };

    private static readonly string Readme = File.ReadAllText(Repository.PathOf("README.md"));

    [Fact]
    public void Every_command_runs_as_printed_and_prints_and_writes_what_the_readme_shows()
    {
        using var host = new TempDirectory();
        var blocks = ReadmeCommands.Blocks(Readme);
        var failures = new List<string>();
        var ran = 0;
        var shown = 0;
        CliRun.Result? last = null;
        foreach (var block in blocks)
        {
            if (block.Markers.TryGetValue("same as", out var source))
            {
                shown++;
                if (ReadmeCommands.MissingLine(block.Lines, File.ReadAllText(Repository.PathOf(source))) is { } missing)
                {
                    failures.Add($"README.md:{block.LineNumber}: {source} has no line '{missing}' (in that order)");
                }
                continue;
            }
            if (block.Markers.TryGetValue("file", out var file))
            {
                shown++;
                var written = Rooted(host.Path, file);
                if (!File.Exists(written))
                {
                    failures.Add($"README.md:{block.LineNumber}: shows {file}, which no command before it writes");
                }
                else if (ReadmeCommands.MissingLine(block.Lines, File.ReadAllText(written)) is { } missing)
                {
                    failures.Add($"README.md:{block.LineNumber}: {file} has no line '{missing}' (in that order)");
                }
                continue;
            }
            if (block.Language == "text" && block.FollowsBlock && last is not null)
            {
                shown++;
                if (ReadmeCommands.MissingLine(block.Lines, last.Stdout) is { } missing)
                {
                    failures.Add($"README.md:{block.LineNumber}: the command before prints no line '{missing}' (in that order)");
                }
                continue;
            }
            last = null;
            if (block.Language != "sh")
            {
                continue;
            }
            foreach (var command in ReadmeCommands.Commands(block))
            {
                var words = ReadmeCommands.Words(command, Variables).SkipWhile(word => word == "sudo").ToArray();
                // Only the generator runs here; git, virsh and nixos-rebuild are the host's steps, doctor reads the host.
                if (words[0] != "nix-vfio-gen" || words is [_, "doctor", ..])
                {
                    continue;
                }
                var (args, redirect) = OnFixtureHost(words[1..], host.Path, block.Markers.GetValueOrDefault("fixture", "sysfs/rx480"));
                last = CliRun.Run(args);
                ran++;
                var expectedExit = int.Parse(block.Markers.GetValueOrDefault("exit", "0"), System.Globalization.CultureInfo.InvariantCulture);
                if (last.ExitCode != expectedExit)
                {
                    failures.Add($"README.md:{block.LineNumber}: `{command}` exits {last.ExitCode}: {last.Stderr.Trim()}");
                }
                if (redirect is not null)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(redirect)!);
                    File.WriteAllText(redirect, last.Stdout);
                }
            }
        }
        Assert.True(ran >= 8, $"only {ran} commands found in the README's sh blocks");
        Assert.True(shown >= 3, $"only {shown} outputs or files shown");
        Assert.Empty(failures);
    }

    [Fact]
    public void The_quick_start_comes_first_and_has_at_most_six_steps()
    {
        var sections = Readme.Split("\n## ");
        Assert.StartsWith("Quick start", sections[1]);
        var steps = sections[1].Split('\n').Count(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\d+\. "));
        Assert.InRange(steps, 3, 6);
        Assert.Contains("list-iommu --suggest", sections[1]);
        Assert.Contains("doctor", sections[1]);
        Assert.Contains("git add", sections[1]);
        Assert.Contains("/etc/nixos", sections[1]);
    }

    [Fact]
    public void Contributor_material_lives_outside_the_readme()
    {
        foreach (var heading in new[] { "## Test", "## Layout", "## Reliability", "## Performance" })
        {
            Assert.DoesNotContain("\n" + heading + "\n", Readme);
        }
        Assert.True(File.Exists(Repository.PathOf("CONTRIBUTING.md")));
    }

    // The words as the fixture host runs them: list-iommu reads the fixture tree, and every path
    // written to (-o, --out-dir, > FILE) lands under the scratch root.
    private static (string[] Args, string? Redirect) OnFixtureHost(string[] words, string root, string fixture)
    {
        var args = new List<string>();
        string? redirect = null;
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i] == ">")
            {
                redirect = Rooted(root, words[++i]);
            }
            else if (words[i] is "-o" or "--output" or "--out-dir" && i + 1 < words.Length && words[i + 1] != "-")
            {
                args.Add(words[i]);
                args.Add(Rooted(root, words[++i]));
            }
            else
            {
                args.Add(words[i]);
            }
        }
        if (args is ["list-iommu", ..] && !args.Contains("--sysfs-root"))
        {
            args.AddRange(["--sysfs-root", Repository.PathOf($"tests/fixtures/{fixture}"), "--pci-ids", Repository.PathOf("tests/fixtures/pci.ids")]);
        }
        return ([.. args], redirect);
    }

    // A path on the fixture host: absolute ones under the scratch root, relative ones in the user's home there.
    private static string Rooted(string root, string path) =>
        Path.Join(root, path.StartsWith('/') ? path : Path.Join(Variables["HOME"], path));
}
