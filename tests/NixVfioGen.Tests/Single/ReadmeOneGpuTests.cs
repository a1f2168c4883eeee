using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Single;

/// <summary>
/// The README's "One GPU" section as a user reads it: its commands are run as printed (list-iommu on
/// the fixture host the section describes, "$USER" as alice) and every output and file excerpt it
/// shows is found in what they print.
/// </summary>
public class ReadmeOneGpuTests
{
    private sealed record Block(string Language, string[] Lines);

    private static readonly Lazy<IReadOnlyList<Block>> Blocks = new(() =>
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md"));
        var start = readme.IndexOf("\n## One GPU\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no \"## One GPU\" section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)].Split('\n');
        var blocks = new List<Block>();
        for (var i = 0; i < section.Length; i++)
        {
            var fence = section[i].TrimStart();
            if (!fence.StartsWith("```", StringComparison.Ordinal) || fence.Length == 3)
            {
                continue;
            }
            var indent = section[i].Length - fence.Length;
            var lines = new List<string>();
            for (i++; section[i].Trim() != "```"; i++)
            {
                lines.Add(section[i].Length >= indent ? section[i][indent..] : section[i].TrimStart());
            }
            blocks.Add(new Block(fence[3..], [.. lines]));
        }
        return blocks;
    });

    /// <summary>Every nix-vfio-gen command of the section's shell blocks, continuation lines joined.</summary>
    private static IReadOnlyList<string[]> Commands() => Blocks.Value
        .Where(block => block.Language == "sh")
        .SelectMany(block => string.Join('\n', block.Lines).Replace("\\\n", " ", StringComparison.Ordinal).Split('\n'))
        .Select(line => line.Trim())
        .Where(line => line.StartsWith("nix-vfio-gen ", StringComparison.Ordinal))
        .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..])
        .ToArray();

    private static string Normalized(IEnumerable<string> lines) => string.Join('\n', lines.Select(line => line.Trim()));

    [Fact]
    public void The_suggestion_it_shows_is_what_list_iommu_prints_for_that_host()
    {
        var list = Assert.Single(Commands(), command => command[0] == "list-iommu");
        var result = CliRun.Run([.. list, "--sysfs-root", Repository.PathOf("tests/fixtures/sysfs/single-amd"), "--pci-ids", Repository.PathOf("tests/fixtures/pci.ids")]);
        Assert.Equal(0, result.ExitCode);
        var shown = Blocks.Value.Where(block => block.Language == "text").ToArray();
        Assert.NotEmpty(shown);
        Assert.All(shown, block => Assert.Contains(string.Join('\n', block.Lines) + "\n", result.Stdout));
    }

    [Fact]
    public void The_generation_command_run_as_printed_writes_the_files_it_shows()
    {
        var generate = Assert.Single(Commands(), command => command[0] != "list-iommu");
        Assert.Equal([">", "vfio.nix"], generate[^2..]);
        var result = CliRun.Run(generate[..^2].Select(word => word == "\"$USER\"" ? "alice" : word).ToArray());
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.DoesNotContain("warning", result.Stderr);
        var module = Normalized(result.Stdout.Split('\n'));
        var files = Blocks.Value.Where(block => block.Language is "nix" or "xml").ToArray();
        Assert.Equal(["nix", "xml"], files.Select(block => block.Language));
        // The XML is embedded in the module, indented; lines are compared without their indentation.
        Assert.All(files, block => Assert.Contains(Normalized(block.Lines), module));
        Assert.Contains("nix-vfio-gen/win11.xml", result.Stdout);
    }
}
