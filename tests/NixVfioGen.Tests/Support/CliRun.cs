using NixVfioGen.Cli;
using NixVfioGen.Cli.Formatting;

namespace NixVfioGen.Tests.Support;

/// <summary>Runs the CLI in-process with captured streams and a PATH of the test's choosing.</summary>
internal static class CliRun
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string[] args, string? path = "", IReadOnlyList<string>? pciIdsSearchPaths = null, NixVfioGen.Cli.Discovery.ILibvirtProbe? libvirt = null,
        string? workingDirectory = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var environment = new CliEnvironment(stdout, stderr, new ProcessNixFormatter(path, TimeSpan.FromSeconds(3)), pciIdsSearchPaths ?? [], libvirt);
        var exitCode = CliApp.RunAsync(args, workingDirectory is null ? environment : environment with { WorkingDirectory = workingDirectory }).GetAwaiter().GetResult();
        return new Result(exitCode, stdout.ToString(), stderr.ToString());
    }
}
