using System.Runtime.InteropServices;

namespace NixVfioGen.Cli.Posix;

/// <summary>A file's owner and group ids, and giving a replacement file the owner of the file it replaces.</summary>
internal static partial class FileOwnership
{
    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Chown(string path, uint owner, uint group);

    /// <summary>
    /// Gives <paramref name="target"/> the owner and group of <paramref name="source"/>, as an in-place
    /// write would have kept them. Only root may give a file away; for anyone else this is a no-op.
    /// </summary>
    public static void Copy(string source, string target)
    {
        if (Of(source) is { } ids && Of(target) != ids)
        {
            _ = Chown(target, ids.Uid, ids.Gid);
        }
    }

    /// <summary>The owner and group ids, or null when the file cannot be examined.</summary>
    public static (uint Uid, uint Gid)? Of(string path) =>
        FileStatus.Of(path) is { } status ? (status.Uid, status.Gid) : null;
}
