using System.Diagnostics;

namespace NixVfioGen.Tests.Support;

/// <summary>
/// Runs the built CLI as its own process (the apphost beside the tests): for what an in-process run
/// cannot show, such as a kill -9 part-way, parallel writers, /dev/stdout or a shell's &gt;(cmd).
/// </summary>
internal static class CliProcess
{
    public static string Executable { get; } = Path.Combine(AppContext.BaseDirectory, "nix-vfio-gen");

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        Start(Executable, arguments, environment);

    /// <summary>Runs bash with the CLI's path as $0, for process substitution and redirections.</summary>
    public static Result Bash(string script, params string[] arguments) =>
        Start("bash", ["-c", script, Executable, .. arguments], null);

    private static Result Start(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
