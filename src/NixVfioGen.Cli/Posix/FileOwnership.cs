using System.Runtime.InteropServices;

namespace NixVfioGen.Cli.Posix;

/// <summary>
/// A file's owner and group ids. .NET exposes the mode but not the owner, so this asks statx(2), whose
/// struct statx has the same layout on every architecture (unlike struct stat): stx_uid at byte 20,
/// stx_gid at 24 (linux/include/uapi/linux/stat.h). glibc has wrapped it since 2.28.
/// </summary>
internal static partial class FileOwnership
{
    private const int AtFdCwd = -100;
    private const uint StatxUid = 0x8;
    private const uint StatxGid = 0x10;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, Span<byte> buffer);

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
    public static (uint Uid, uint Gid)? Of(string path)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (Statx(AtFdCwd, path, 0, StatxUid | StatxGid, buffer) != 0)
        {
            return null;
        }
        var mask = BitConverter.ToUInt32(buffer[..4]);
        return (mask & (StatxUid | StatxGid)) == (StatxUid | StatxGid)
            ? (BitConverter.ToUInt32(buffer[20..24]), BitConverter.ToUInt32(buffer[24..28]))
            : null;
    }
}
