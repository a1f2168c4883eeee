using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Robustness;

/// <summary>
/// Values a downstream reader would take for something else, or could not hold at all: refused as
/// input (exit 2, one line naming the option, nothing on stdout) rather than crashing a writer or
/// reaching virsh, systemd-tmpfiles or Windows Setup with another meaning. The refused values are rows of
/// Cli/CliErrorTests (the one bad-input rule); here are the names near the edge that stay accepted.
/// </summary>
public class HostileValueTests
{
    private static readonly string[] GuestSetup = ["--ids", "1002:67df", "--guest-setup"];

    public static TheoryData<string[]> StillAccepted => new()
    {
        { ["--ids", "1002:67df", "--vm-name", "win11"] },
        { ["--ids", "1002:67df", "--vm-name", "2024-gaming"] },
        // 36 characters but not 16 hex pairs: virsh reads it as a name.
        { ["--ids", "1002:67df", "--vm-name", "4dea22b3-1d52-4b5f-9f8e-8f1b5e7b2a1x"] },
        { ["module", "--ids", "1002:67df", "--user", "user1000"] },
        { [.. GuestSetup, "--guest-locale", "sr-Latn-RS"] },
        { [.. GuestSetup, "--guest-user", "Jürgen 𝄞"] },
        { ["--ids", "1002:67df", "--disk", "/srv/" + new string('v', 255)] },
    };

    [Theory]
    [MemberData(nameof(StillAccepted))]
    public void Names_near_the_edge_are_still_accepted(string[] args)
    {
        var result = CliRun.Run(args);
        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    /// <summary>No pattern in the sources ends in '$' (which .NET lets match before a final newline).</summary>
    [Fact]
    public void No_pattern_is_anchored_with_a_dollar()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select(line => (file, line)))
            .Where(entry => entry.line.Contains("Regex", StringComparison.Ordinal) && entry.line.Contains("$\"", StringComparison.Ordinal))
            .Select(entry => $"{Path.GetFileName(entry.file)}: {entry.line.Trim()}")
            .ToArray();
        Assert.Empty(offenders);
    }
}
