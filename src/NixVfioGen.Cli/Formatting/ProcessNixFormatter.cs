using NixVfioGen.Cli.Processes;

namespace NixVfioGen.Cli.Formatting;

/// <summary>Runs a formatter process (stdin to stdout) with a timeout, reading PATH for the executable.</summary>
internal sealed class ProcessNixFormatter(string? path, TimeSpan timeout) : INixFormatter
{
    private readonly ProcessRunner runner = new(path, timeout);

    public string? Find(string executable) => runner.Find(executable);

    public async Task<FormatterResult> FormatAsync(string executable, string text, CancellationToken cancellation) =>
        await runner.RunAsync(executable, [], cancellation, stdin: text) switch
    {
        ProcessOutcome.Exited { ExitCode: not 0 } failed =>
            new FormatterResult.Failed($"exited with code {failed.ExitCode} {failed.FirstErrorLine ?? ""}".TrimEnd()),
        ProcessOutcome.Exited { Stdout: var output } when string.IsNullOrWhiteSpace(output) => new FormatterResult.Failed("printed nothing"),
        ProcessOutcome.Exited { Stdout: var output } => NixTextCheck.LooksLikeNix(output)
            ? new FormatterResult.Formatted(output)
            : new FormatterResult.Failed("printed something that is not Nix (unbalanced brackets)"),
        ProcessOutcome.TimedOut => new FormatterResult.Failed($"did not finish within {timeout.TotalSeconds:0} s"),
        ProcessOutcome.TooLarge tooLarge => new FormatterResult.Failed($"printed more than {tooLarge.Limit} bytes"),
        ProcessOutcome.NotStarted notStarted => new FormatterResult.Failed("could not be started: " + notStarted.Message),
        _ => throw new InvalidOperationException("unknown process outcome"),
    };
}
