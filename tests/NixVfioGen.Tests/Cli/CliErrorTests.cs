using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Cli;

/// <summary>Bad input: one line on stderr naming the value, exit code 2, nothing on stdout.</summary>
public class CliErrorTests
{
    public static TheoryData<string[], string> BadArguments => new()
    {
        { ["module", "--ids", "1002:67dz"], "--ids: '1002:67dz'" },
        { ["module", "--ids", ""], "--ids: ''" },
        { ["module"], "--ids is required" },
        { ["module", "--ids", "1002:67df", "--resolution", "1920x"], "--resolution: '1920x'" },
        { ["module", "--ids", "1002:67df", "--shmem-size", "48"], "--shmem-size: '48'" },
        { ["module", "--ids", "1002:67df", "--user", "a\"; b = \""], "--user: 'a\"; b = \"'" },
        { ["module", "--ids", "1002:67df", "--user", "bad\nname"], "--user: 'bad\\x0aname'" },
        { ["module", "--ids", "1002:67df", "--platform", "arm"], "--platform: 'arm'" },
        { ["module", "--ids", "1002:67df", "--looking-glass", "dma"], "--looking-glass: 'dma'" },
        { ["module", "--ids", "1002:67df", "--nixos", "unstable"], "--nixos: 'unstable'" },
        { ["module", "--ids", "1002:67df", "--early-binding", "maybe"], "--early-binding: 'maybe'" },
        { ["module", "--ids", "1002:67df", "--formatter", "alejandra"], "--formatter: 'alejandra'" },
        { ["module", "--ids", "1002:67df", "--unknown"], "--unknown" },
        { ["module", "--ids"], "--ids" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_input_exits_2_with_one_line_and_no_output(string[] args, string mentioned)
    {
        var result = CliRun.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var lines = result.Stderr.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("nix-vfio-gen: ", lines[0]);
        Assert.Contains(mentioned, lines[0]);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public void Errors_say_what_is_expected() =>
        Assert.Contains("expected a PCI id vvvv:dddd", CliRun.Run(["module", "--ids", "nope"]).Stderr);

    [Theory]
    [InlineData("/h")]
    [InlineData("/?")]
    public void Paths_that_look_like_windows_help_switches_are_paths(string path)
    {
        var result = CliRun.Run(["domain", "--iso", path]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"<source file=\"{path}\" />", result.Stdout);
    }

    [Fact]
    public void Help_shows_an_example()
    {
        var result = CliRun.Run(["--help"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Example:", result.Stdout);
        Assert.Contains("--ids 1002:67df,1002:aaf0", result.Stdout);
    }

    [Fact]
    public void Help_shows_defaults_as_they_are_typed()
    {
        var help = CliRun.Run(["--help"]).Stdout;
        foreach (var shown in new[] { "[default: auto]", "[default: 11]", "[default: 4]", "[default: 8GiB]", "[default: true]" })
        {
            Assert.Contains(shown, help);
        }
        Assert.DoesNotContain("{ ", help);
    }
}
