using NixVfioGen.Cli.Formatting;

namespace NixVfioGen.Cli;

/// <summary>The edges the CLI touches: its two streams and the formatter process runner.</summary>
internal sealed record CliEnvironment(TextWriter Out, TextWriter Error, INixFormatter Formatter)
{
    public static CliEnvironment FromProcess() => new(
        Console.Out,
        Console.Error,
        new ProcessNixFormatter(Environment.GetEnvironmentVariable("PATH"), TimeSpan.FromSeconds(20)));
}
