using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace NixVfioGen.Cli.Formatting;

/// <summary>Runs a formatter process through CliWrap, with a timeout, reading PATH for the executable.</summary>
internal sealed class ProcessNixFormatter(string? path, TimeSpan timeout) : INixFormatter
{
    public string? Find(string executable)
    {
        foreach (var directory in (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, executable);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    public FormatterResult Format(string executable, string text)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            var result = CliWrap.Cli.Wrap(executable)
                .WithStandardInputPipe(PipeSource.FromString(text, Encoding.UTF8))
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(Encoding.UTF8, Encoding.UTF8, cancellation.Token)
                .GetAwaiter().GetResult();
            if (result.ExitCode != 0)
            {
                var firstLine = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
                return new FormatterResult.Failed($"exited with code {result.ExitCode} {firstLine}".TrimEnd());
            }
            if (string.IsNullOrWhiteSpace(result.StandardOutput))
            {
                return new FormatterResult.Failed("printed nothing");
            }
            return NixTextCheck.LooksLikeNix(result.StandardOutput)
                ? new FormatterResult.Formatted(result.StandardOutput)
                : new FormatterResult.Failed("printed something that is not Nix (unbalanced brackets)");
        }
        catch (OperationCanceledException)
        {
            return new FormatterResult.Failed($"did not finish within {timeout.TotalSeconds:0} s");
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return new FormatterResult.Failed("could not be started: " + error.Message);
        }
    }
}
