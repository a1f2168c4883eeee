using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace NixVfioGen.Cli.Processes;

/// <summary>
/// Finds programs on a given PATH and runs them through CliWrap with a timeout: arguments as a list,
/// never through a shell; output buffered as UTF-8. The formatter and doctor's virsh share it.
/// </summary>
internal sealed class ProcessRunner(string? path, TimeSpan timeout)
{
    /// <summary>The full path of <paramref name="executable"/> on PATH, or null.</summary>
    public string? Find(string executable) =>
        (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, executable))
            .FirstOrDefault(File.Exists);

    public ProcessOutcome Run(string executable, IEnumerable<string> arguments, string? stdin = null)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            var command = CliWrap.Cli.Wrap(executable).WithArguments(arguments).WithValidation(CommandResultValidation.None);
            if (stdin is not null)
            {
                command = command.WithStandardInputPipe(PipeSource.FromString(stdin, Encoding.UTF8));
            }
            var result = command.ExecuteBufferedAsync(Encoding.UTF8, Encoding.UTF8, cancellation.Token).GetAwaiter().GetResult();
            return new ProcessOutcome.Exited(result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (OperationCanceledException)
        {
            return new ProcessOutcome.TimedOut();
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return new ProcessOutcome.NotStarted(error.Message);
        }
    }
}

/// <summary>How a run ended: with an exit code and its output, past the timeout, or not at all.</summary>
internal abstract record ProcessOutcome
{
    private ProcessOutcome()
    {
    }

    public sealed record Exited(int ExitCode, string Stdout, string Stderr) : ProcessOutcome
    {
        /// <summary>stderr's first non-empty line, for one-line messages.</summary>
        public string? FirstErrorLine => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
    }

    public sealed record TimedOut : ProcessOutcome;

    public sealed record NotStarted(string Message) : ProcessOutcome;
}
