using System.Runtime.InteropServices;
using System.Text;
using NixVfioGen.Cli.Posix;

namespace NixVfioGen.Cli.Output;

/// <summary>
/// Writes files whole or not at all. A regular file (or a new one) is written to an unpredictably
/// named temp file beside it, created with O_CREAT|O_EXCL (which never follows a link), and renamed
/// over the old one: rename(2) replaces it in one step, so a reader or a crash sees the old file or the
/// new one, never none. A character device, FIFO or /dev/stdout-like path is written into directly,
/// as the shell's &gt; does. With several files (--out-dir), every target is checked before anything
/// is renamed, and each replaced file keeps a hard-linked backup until all are in place, so a failed
/// rename puts the earlier files back, again by one rename each.
/// </summary>
internal static partial class AtomicFile
{
    private const int WriteAccess = 2;

    /// <summary>
    /// Tests only: kill this process (SIGKILL) before the rename with this index (0-based; the count
    /// of renames means after the last one), to show that every crash leaves each file old or new.
    /// </summary>
    public const string KillAtRenameVariable = "NIX_VFIO_GEN_TEST_KILL_AT_RENAME";

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Access(string path, int mode);

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string created);

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private sealed record Target(string UserPath, string? Path, string Text)
    {
        /// <summary>Written into directly (a device, FIFO or /dev/stdout), not replaced.</summary>
        public bool Direct => Path is null;
    }

    /// <summary>Writes every file, or none of them is changed and no temp file is left.</summary>
    public static void WriteAll(IReadOnlyList<(string Path, string Text)> files)
    {
        var targets = files.Select(file => Classify(file.Path, file.Text)).ToArray();
        foreach (var directory in targets.Where(t => !t.Direct).Select(t => System.IO.Path.GetDirectoryName(t.Path!)!).Distinct())
        {
            TempFiles.RemoveStale(directory);
        }
        var staged = new List<(string Temp, Target Target)>();
        var current = files[0].Path;
        try
        {
            foreach (var target in targets.Where(t => !t.Direct))
            {
                current = target.UserPath;
                staged.Add((Stage(target), target));
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            staged.ForEach(entry => TryDelete(entry.Temp));
            throw new CliInputException($"cannot write '{CliInputException.Printable(current)}': {CreateReason(error, current, staged)}");
        }
        Replace(staged);
        foreach (var target in targets.Where(t => t.Direct))
        {
            WriteDirectly(target);
        }
    }

    private static Target Classify(string userPath, string text)
    {
        var shown = CliInputException.Printable(userPath);
        // /dev/stdout, /dev/fd/N, /proc/self/fd/N: the kernel's own links to an open file; write into it.
        // A name there that does not exist is a new file like any other (and /proc refuses it when staged).
        if ((userPath.StartsWith("/dev/", StringComparison.Ordinal) || userPath.StartsWith("/proc/", StringComparison.Ordinal))
            && FileStatus.Of(userPath) is not null)
        {
            return new Target(userPath, null, text);
        }
        var resolved = LinkResolver.Resolve(userPath, userPath);
        var status = resolved is null ? null : FileStatus.Of(resolved);
        if (resolved is null || status is { Kind: not (FileKind.Regular or FileKind.Directory) })
        {
            return new Target(userPath, null, text);
        }
        if (status is { Kind: FileKind.Directory })
        {
            throw new CliInputException($"cannot write '{shown}': it is a directory; expected a file name");
        }
        // A file the shell's > could not write is not replaced either (root may write anything).
        if (status is not null && Access(resolved, WriteAccess) != 0)
        {
            throw new CliInputException($"cannot write '{shown}': permission denied (the file is not writable for you)");
        }
        return new Target(userPath, resolved, text);
    }

    // The new text in a temp file of our own (O_CREAT|O_EXCL), with the old file's mode and owner.
    private static string Stage(Target target)
    {
        var temp = TempFiles.For(target.Path!, "tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(Utf8NoBom.GetBytes(target.Text));
                stream.Flush(flushToDisk: true);
            }
            if (FileStatus.Of(target.Path!) is { Kind: FileKind.Regular } old)
            {
                // The replacement keeps the file's permissions and (run as root) its owner, as an in-place write would.
                FileOwnership.Copy(target.Path!, temp);
                File.SetUnixFileMode(temp, old.Mode);
            }
            return temp;
        }
        catch (IOException error) when (error.GetType() == typeof(IOException))
        {
            // The system's words (HResult is the errno), naming the user's file rather than our temp name.
            TryDelete(temp);
            throw new IOException(error.Message.Replace(temp, target.UserPath, StringComparison.Ordinal), error.HResult);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    // One rename each; earlier files keep a hard-linked backup until the last rename is done.
    private static void Replace(List<(string Temp, Target Target)> staged)
    {
        var killAt = int.TryParse(Environment.GetEnvironmentVariable(KillAtRenameVariable), out var index) ? index : -1;
        var backups = new List<(string Target, string? Backup)>();
        var renamed = 0;
        var current = staged.Count > 0 ? staged[0].Target.UserPath : "";
        try
        {
            for (var i = 0; i < staged.Count; i++)
            {
                var (temp, target) = staged[i];
                current = target.UserPath;
                var backup = staged.Count > 1 ? Backup(target.Path!) : null;
                backups.Add((target.Path!, backup));
                if (i == killAt)
                {
                    System.Diagnostics.Process.GetCurrentProcess().Kill();
                }
                File.Move(temp, target.Path!, overwrite: true);
                renamed++;
            }
            if (killAt == staged.Count)
            {
                System.Diagnostics.Process.GetCurrentProcess().Kill();
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The rename that failed left its target as it was; put back those already replaced, newest first.
            for (var i = renamed - 1; i >= 0; i--)
            {
                Restore(backups[i].Target, backups[i].Backup);
            }
            staged.ForEach(entry => TryDelete(entry.Temp));
            backups.ForEach(entry => TryDelete(entry.Backup));
            throw new CliInputException($"cannot write '{CliInputException.Printable(current)}': {Reason(error, staged)}");
        }
        backups.ForEach(entry => TryDelete(entry.Backup));
    }

    // A second name for the old file (no copy, no window); a copy where the file system has no hard links.
    private static string? Backup(string target)
    {
        if (!File.Exists(target))
        {
            return null;
        }
        var backup = TempFiles.For(target, "old");
        if (Link(target, backup) != 0)
        {
            File.Copy(target, backup);
        }
        return backup;
    }

    private static void Restore(string target, string? backup)
    {
        try
        {
            if (backup is null)
            {
                File.Delete(target);
            }
            else
            {
                File.Move(backup, target, overwrite: true);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the backup stays beside the target for the user.
        }
    }

    private static void WriteDirectly(Target target)
    {
        try
        {
            using var stream = new FileStream(target.UserPath, FileMode.Open, FileAccess.Write);
            stream.Write(Utf8NoBom.GetBytes(target.Text));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A kernel file that refuses the text (/proc/version: EIO) is not replaced like a regular file would be.
            var reason = error is IOException { HResult: > 0 } && error is not (FileNotFoundException or DirectoryNotFoundException)
                ? $"{OsMessage(error, target.UserPath)}; it is a device or kernel file, written into as it is, and it refused the text; choose a regular file, e.g. /etc/nixos/vfio.nix"
                : Reason(error, []);
            throw new CliInputException($"cannot write '{CliInputException.Printable(target.UserPath)}': {reason}");
        }
    }

    // .NET's Unix message is "STRERROR : 'PATH'"; the path is in the line already.
    private static string OsMessage(Exception error, string path)
    {
        var suffix = $" : '{path}'";
        var message = error.Message.EndsWith(suffix, StringComparison.Ordinal) ? error.Message[..^suffix.Length] : error.Message;
        return CliInputException.Printable(message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..] : message, int.MaxValue);
    }

    // Why a new file could not be made beside userPath: its directory's refusal, or the general reasons.
    private static string CreateReason(Exception error, string userPath, List<(string Temp, Target Target)> staged) =>
        DirectoryRefusal.Reason(error, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(userPath)) ?? "/", "files")
        ?? Reason(error, staged);

    // In the tool's words, naming the user's file: the temp and backup names are ours, not theirs.
    private static string Reason(Exception error, List<(string Temp, Target Target)> staged) => error switch
    {
        DirectoryNotFoundException => "its directory does not exist; create it first (mkdir -p)",
        FileNotFoundException => "another program removed a file while nix-vfio-gen was replacing it; run it again",
        UnauthorizedAccessException => "permission denied; choose a directory you can write, or run with the rights to write there",
        PathTooLongException => "the path is too long",
        _ => CliInputException.Printable(staged.Aggregate(error.Message, (message, file) => message.Replace(file.Temp, file.Target.UserPath, StringComparison.Ordinal)), int.MaxValue),
    };

    private static void TryDelete(string? path)
    {
        if (path is null)
        {
            return;
        }
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; a later run removes it (TempFiles.RemoveStale).
        }
    }
}
