using System.Runtime.InteropServices;

namespace NixVfioGen.Cli.Discovery;

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
