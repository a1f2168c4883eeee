using System.Diagnostics;
using System.Text;
using CliWrap;

namespace NixVfioGen.Cli.Processes;

/// <summary>
/// Finds programs on a given PATH and runs them through CliWrap: arguments as a list, never through
/// a shell; output read as UTF-8 up to a cap. A run ends at its deadline or when the caller cancels
/// (Ctrl-C): then the program and every process it started are killed, so nothing is left running.
/// The formatter and doctor's virsh share it.
/// </summary>
internal sealed class ProcessRunner(string? path, TimeSpan timeout)
{
    /// <summary>Far beyond any formatted module or virsh answer; more is a program gone wrong.</summary>
    public const int MaxOutputBytes = 8 * 1024 * 1024;

    /// <summary>The full path of <paramref name="executable"/> on PATH, or null.</summary>
    public string? Find(string executable) =>
        (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, executable))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// Runs <paramref name="executable"/> with <paramref name="arguments"/> (and <paramref name="stdin"/>)
    /// until it exits, <paramref name="deadline"/> passes (the runner's timeout from now when null) or
    /// <paramref name="cancellation"/> is cancelled, which throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<ProcessOutcome> RunAsync(string executable, IEnumerable<string> arguments, CancellationToken cancellation,
        string? stdin = null, DateTime? deadline = null)
    {
        var remaining = (deadline ?? DateTime.UtcNow + timeout) - DateTime.UtcNow;
        if (remaining <= TimeSpan.Zero)
        {
            return new ProcessOutcome.TimedOut();
        }
        using var expiry = new CancellationTokenSource(remaining);
        using var overflow = new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation, expiry.Token, overflow.Token);
        var stdout = new CappedBuffer(overflow);
        var stderr = new CappedBuffer(overflow);
        try
        {
            var command = CliWrap.Cli.Wrap(executable).WithArguments(arguments).WithValidation(CommandResultValidation.None)
                .WithStandardOutputPipe(PipeTarget.ToStream(stdout))
                .WithStandardErrorPipe(PipeTarget.ToStream(stderr));
            if (stdin is not null)
            {
                command = command.WithStandardInputPipe(PipeSource.FromString(stdin, Encoding.UTF8));
            }
            var task = command.ExecuteAsync(stop.Token);
            // Registered after CliWrap's own handler, so it runs first (callbacks run newest first): the
            // whole tree is killed while the program is still its root, before CliWrap kills the program.
            using var killTree = stop.Token.Register(() => KillTree(task.ProcessId));
            var result = await task;
            return new ProcessOutcome.Exited(result.ExitCode, stdout.Text, stderr.Text);
        }
        catch (OperationCanceledException)
        {
            return overflow.IsCancellationRequested ? new ProcessOutcome.TooLarge(MaxOutputBytes)
                : cancellation.IsCancellationRequested ? throw new OperationCanceledException(cancellation)
                : new ProcessOutcome.TimedOut();
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return new ProcessOutcome.NotStarted(error.Message);
        }
    }

    private static void KillTree(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    // Keeps the first MaxOutputBytes; one byte more cancels the run.
    private sealed class CappedBuffer(CancellationTokenSource overflow) : Stream
    {
        private readonly MemoryStream buffer = new();

        public string Text => Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);

        public override void Write(byte[] data, int offset, int count) => Write(data.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> data)
        {
            var room = MaxOutputBytes - (int)buffer.Length;
            buffer.Write(data[..Math.Min(room, data.Length)]);
            if (data.Length > room)
            {
                overflow.Cancel();
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        {
            Write(data.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] data, int offset, int count, CancellationToken cancellationToken)
        {
            Write(data.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => buffer.Length;

        public override long Position { get => buffer.Length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] data, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

/// <summary>How a run ended: with an exit code and its output, past its deadline, with too much output, or not at all.</summary>
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

    /// <summary>It printed more than <paramref name="Limit"/> bytes and was stopped.</summary>
    public sealed record TooLarge(int Limit) : ProcessOutcome;

    public sealed record NotStarted(string Message) : ProcessOutcome;
}
