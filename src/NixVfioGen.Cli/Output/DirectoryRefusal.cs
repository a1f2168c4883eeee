using NixVfioGen.Cli.Posix;

namespace NixVfioGen.Cli.Output;

/// <summary>
/// Why an existing directory refused a new entry (a file for -o, a directory for --out-dir or -o's
/// parents), or null when the error is not the directory's refusal. In a directory that exists, creating
/// fails with ENOENT where the file system makes no negative dentries (procfs: fs/proc/generic.c,
/// proc_lookup_de "return -ENOENT by hand"), with EACCES even for root where the directory has no create
/// operation (sysfs; fs/namei.c, lookup_open), and with EROFS on a read-only mount. None of them is a
/// missing directory or a file removed by someone else.
/// </summary>
internal static class DirectoryRefusal
{
    // EROFS (include/uapi/asm-generic/errno-base.h); .NET's IOException carries the errno as its HResult on Unix.
    private const int ReadOnlyFileSystem = 30;

    /// <param name="error">What creating the entry threw.</param>
    /// <param name="directory">The existing directory the entry was to be created in.</param>
    /// <param name="entries">What was to be created there, in the plural: "files" or "directories".</param>
    public static string? Reason(Exception error, string directory, string entries)
    {
        var shown = CliInputException.Printable(directory);
        return error switch
        {
            DirectoryNotFoundException or FileNotFoundException when Directory.Exists(directory) =>
                $"the directory '{shown}' accepts no new {entries} (creating one there fails: no such file or directory); choose another directory, e.g. /etc/nixos",
            UnauthorizedAccessException when FileStatus.CallerUid == 0 =>
                $"the directory '{shown}' accepts no new {entries}, not even from root (creating one there fails: permission denied); choose another directory, e.g. /etc/nixos",
            IOException { HResult: ReadOnlyFileSystem } =>
                $"the directory '{shown}' accepts no new {entries} (read-only file system); choose another directory, e.g. /etc/nixos",
            _ => null,
        };
    }
}
