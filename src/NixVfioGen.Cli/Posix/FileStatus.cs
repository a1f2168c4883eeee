using System.Runtime.InteropServices;

namespace NixVfioGen.Cli.Posix;

/// <summary>The kind of file stat reports (the S_IFMT bits of st_mode).</summary>
internal enum FileKind
{
    Regular,
    Directory,
    SymbolicLink,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
}

/// <summary>
/// What statx(2) says about one path: kind, permission bits (sticky included), owner, group and size.
/// .NET exposes neither the owner nor the file kind of devices and FIFOs; struct statx has the same
/// layout on every architecture (unlike struct stat): stx_uid at byte 20, stx_gid at 24, stx_mode at
/// 28, stx_size at 40 (linux/include/uapi/linux/stat.h). glibc has wrapped it since 2.28.
/// </summary>
internal sealed partial record FileStatus(FileKind Kind, UnixFileMode Mode, uint Uid, uint Gid, long Size)
{
    /// <summary>The kind in words, for messages: "a FIFO", "a character device".</summary>
    public string KindInWords => Kind switch
    {
        FileKind.Regular => "a file",
        FileKind.Directory => "a directory",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Fifo => "a FIFO",
        _ => "a socket",
    };

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint Wanted = 0x1 | 0x2 | 0x8 | 0x10 | 0x200; // TYPE | MODE | UID | GID | SIZE

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, Span<byte> buffer);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUid();

    /// <summary>The caller's effective uid (the one the kernel checks file access with).</summary>
    public static uint CallerUid => GetEffectiveUid();

    /// <summary>The file <paramref name="path"/> names (a symbolic link itself unless <paramref name="follow"/>), or null when it cannot be examined.</summary>
    public static FileStatus? Of(string path, bool follow = true) => Query(AtFdCwd, path, follow ? 0 : AtSymlinkNoFollow);

    /// <summary>The file an open descriptor refers to (statx with AT_EMPTY_PATH), or null.</summary>
    public static FileStatus? OfDescriptor(int descriptor) => Query(descriptor, "", AtEmptyPath);

    private static FileStatus? Query(int directory, string path, int flags)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (Statx(directory, path, flags, Wanted, buffer) != 0)
        {
            return null;
        }
        var mode = BitConverter.ToUInt16(buffer[28..30]);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Fifo,
            _ => FileKind.Socket,
        };
        return new FileStatus(kind, (UnixFileMode)(mode & 0xFFF), BitConverter.ToUInt32(buffer[20..24]), BitConverter.ToUInt32(buffer[24..28]), (long)BitConverter.ToUInt64(buffer[40..48]));
    }
}
