namespace NixVfioGen.Tests.Support;

/// <summary>
/// The bad-input rule, written once (brief: "one line on stderr naming the bad value and what is
/// expected, exit code 2, nothing on stdout; never a stack trace"). Fixture-free cases are rows of
/// <c>Cli.CliErrorTests</c>; tests that need a tree, a file or a PATH call these directly.
/// </summary>
internal static class CliAssert
{
    /// <summary>Refused (exit 2, nothing on stdout, one line); returns that line. For inputs with no one value to name.</summary>
    public static string RefusedWithOneLine(CliRun.Result result) =>
        Refused(result.ExitCode, result.Stdout, result.Stderr);

    /// <summary>Refused, and the one line contains <paramref name="mentioned"/>; returns that line.</summary>
    public static string RefusedWithOneLine(CliRun.Result result, string mentioned) =>
        Mentioning(Refused(result.ExitCode, result.Stdout, result.Stderr), mentioned);

    /// <inheritdoc cref="RefusedWithOneLine(CliRun.Result, string)"/>
    public static string RefusedWithOneLine(ExternalTool.Result result, string mentioned) =>
        Mentioning(Refused(result.ExitCode, result.Stdout, result.Stderr), mentioned);

    /// <summary>Refused with exactly <paramref name="line"/> (stderr is that line and its newline).</summary>
    public static void RefusedWithLine(CliRun.Result result, string line) =>
        Assert.Equal(line, Refused(result.ExitCode, result.Stdout, result.Stderr));

    /// <inheritdoc cref="RefusedWithLine(CliRun.Result, string)"/>
    public static void RefusedWithLine(ExternalTool.Result result, string line) =>
        Assert.Equal(line, Refused(result.ExitCode, result.Stdout, result.Stderr));

    /// <summary>Refused with one line that begins with <paramref name="start"/>; returns that line.</summary>
    public static string RefusedWithLineStarting(CliRun.Result result, string start)
    {
        var line = Refused(result.ExitCode, result.Stdout, result.Stderr);
        Assert.StartsWith(start, line);
        return line;
    }

    private static string Mentioning(string line, string mentioned)
    {
        Assert.Contains(mentioned, line);
        return line;
    }

    private static string Refused(int exitCode, string stdout, string stderr)
    {
        Assert.True(exitCode == 2, $"exit code {exitCode}, expected 2 (bad input); stderr: {stderr}");
        Assert.Equal("", stdout);
        Assert.DoesNotContain("   at ", stderr);
        // One line: the text and its newline, nothing before or after.
        Assert.True(stderr.Length > 0 && stderr.IndexOf('\n') == stderr.Length - 1, $"expected exactly one line on stderr, got: {stderr}");
        Assert.StartsWith("nix-vfio-gen: ", stderr);
        return stderr[..^1];
    }
}
