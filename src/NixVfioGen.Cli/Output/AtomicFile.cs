using System.Runtime.InteropServices;
using System.Text;

namespace NixVfioGen.Cli.Output;

/// <summary>
/// Writes files whole or not at all: each to a temp file beside its target, every target checked
/// before anything is renamed, then renamed into place in the order given (a referenced file before
/// the file referring to it). If a rename fails, the targets already replaced get their old files back.
/// </summary>
internal static partial class AtomicFile
{
    private const int WriteAccess = 2;

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Access(string path, int mode);

    /// <summary>
    /// The file a write really replaces: a symbolic link is followed to its target, so the link stays
    /// and its target gets the text, as with the shell's <c>&gt;</c>.
    /// </summary>
    private static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        return File.Exists(full) && new FileInfo(full).LinkTarget is not null
            ? new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full
            : full;
    }

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes every file, or none of them is changed and no temp file is left.</summary>
    public static void WriteAll(IReadOnlyList<(string Path, string Text)> files)
    {
        var targets = files.Select(file => Resolve(file.Path)).ToArray();
        for (var i = 0; i < targets.Length; i++)
        {
            if (Directory.Exists(targets[i]))
            {
                throw new CliInputException($"cannot write '{CliInputException.Printable(files[i].Path)}': it is a directory; expected a file name");
            }
            // A file the shell's > could not write is not replaced either (root may write anything).
            if (File.Exists(targets[i]) && Access(targets[i], WriteAccess) != 0)
            {
                throw new CliInputException($"cannot write '{CliInputException.Printable(files[i].Path)}': permission denied (the file is not writable for you)");
            }
        }

        var staged = new List<(string Temp, string Target, string UserPath)>();
        var replaced = new List<(string Target, string? Backup)>();
        var current = files[0].Path;
        try
        {
            for (var i = 0; i < targets.Length; i++)
            {
                current = files[i].Path;
                var temp = Sibling(targets[i], "tmp");
                staged.Add((temp, targets[i], files[i].Path));
                File.WriteAllText(temp, files[i].Text, Utf8NoBom);
                if (File.Exists(targets[i]))
                {
                    // The replacement keeps the file's permissions and (run as root) its owner, as an in-place write would.
                    Posix.FileOwnership.Copy(targets[i], temp);
                    File.SetUnixFileMode(temp, File.GetUnixFileMode(targets[i]));
                }
            }
            foreach (var (temp, target, userPath) in staged)
            {
                current = userPath;
                string? backup = null;
                if (File.Exists(target))
                {
                    backup = Sibling(target, "old");
                    File.Move(target, backup);
                }
                replaced.Add((target, backup));
                File.Move(temp, target);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            Restore(replaced);
            foreach (var (temp, _, _) in staged)
            {
                TryDelete(temp);
            }
            throw new CliInputException($"cannot write '{CliInputException.Printable(current)}': {Reason(error, staged)}");
        }
        foreach (var (_, backup) in replaced)
        {
            if (backup is not null)
            {
                TryDelete(backup);
            }
        }
    }

    // In the tool's words, naming the user's file: the temp and backup names are ours, not theirs.
    private static string Reason(Exception error, List<(string Temp, string Target, string UserPath)> staged) => error switch
    {
        DirectoryNotFoundException => "its directory does not exist; create it first (mkdir -p)",
        UnauthorizedAccessException => "permission denied; choose a directory you can write, or run with the rights to write there",
        PathTooLongException => "the path is too long",
        _ => staged.Aggregate(error.Message, (message, file) => message.Replace(file.Temp, file.Target, StringComparison.Ordinal)),
    };

    private static string Sibling(string target, string suffix) =>
        Path.Combine(Path.GetDirectoryName(target) ?? ".", $".{Path.GetFileName(target)}.{Environment.ProcessId}.{suffix}");

    // Puts back what was there before, newest first; a target that did not exist is removed again.
    private static void Restore(List<(string Target, string? Backup)> replaced)
    {
        for (var i = replaced.Count - 1; i >= 0; i--)
        {
            var (target, backup) = replaced[i];
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
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the original files are untouched either way.
        }
    }
}
