using NixVfioGen.Cli.Posix;

namespace NixVfioGen.Cli.Output;

/// <summary>
/// Follows a path's symbolic links one component at a time, as the kernel's path walk does, and
/// refuses a link the kernel would refuse with fs.protected_symlinks=1 (fs/namei.c, may_follow_link):
/// a link in a sticky world-writable directory is followed only when its owner is the caller or the
/// directory's owner. Root is not exempt. Checked whatever the sysctl says, as the safe default.
/// </summary>
internal static class LinkResolver
{
    // MAXSYMLINKS in the kernel (include/linux/namei.h): more links than this is ELOOP.
    private const int MaxLinks = 40;

    /// <summary>
    /// The physical path <paramref name="path"/> names, links followed (a missing tail kept as
    /// written), or null when a link points at no path (a /proc magic link such as "pipe:[…]").
    /// </summary>
    public static string? Resolve(string path, string shown)
    {
        var remaining = new Stack<string>(Path.GetFullPath(path).Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = "/";
        var links = 0;
        while (remaining.TryPop(out var name))
        {
            if (name is ".")
            {
                continue;
            }
            if (name is "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }
            var candidate = Path.Join(current, name);
            if (FileStatus.Of(candidate, follow: false) is not { Kind: FileKind.SymbolicLink } link)
            {
                current = candidate;
                continue;
            }
            if (++links > MaxLinks)
            {
                throw new CliInputException($"cannot write '{CliInputException.Printable(shown)}': too many levels of symbolic links");
            }
            CheckFollowable(candidate, current, link, shown);
            var target = new FileInfo(candidate).LinkTarget;
            if (target is null || (!target.StartsWith('/') && target.Contains(":[", StringComparison.Ordinal)))
            {
                return null;
            }
            foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                remaining.Push(part);
            }
            if (target.StartsWith('/'))
            {
                current = "/";
            }
        }
        return current;
    }

    private static void CheckFollowable(string link, string directory, FileStatus linkStatus, string shown)
    {
        if (FileStatus.Of(directory, follow: false) is not { } parent)
        {
            return;
        }
        var stickyWorldWritable = (parent.Mode & UnixFileMode.StickyBit) != 0 && (parent.Mode & UnixFileMode.OtherWrite) != 0;
        if (stickyWorldWritable && linkStatus.Uid != FileStatus.CallerUid && linkStatus.Uid != parent.Uid)
        {
            throw new CliInputException(
                $"cannot write '{CliInputException.Printable(shown)}': '{CliInputException.Printable(link)}' is a symbolic link another user owns in the shared directory '{CliInputException.Printable(directory)}'; "
                + "the kernel refuses to follow it (fs.protected_symlinks), and so does nix-vfio-gen: write to the real path instead");
        }
    }
}
