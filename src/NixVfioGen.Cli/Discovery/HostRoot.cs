using NixVfioGen.Cli.Posix;

namespace NixVfioGen.Cli.Discovery;

/// <summary>
/// A host tree read as if chrooted into it (/ on the host; a fixture or a mounted system in tests and
/// rescues): every path is resolved one component at a time inside the root, an absolute link starting
/// again at the root and '..' stopping there, as the kernel does under chroot and openat2's
/// RESOLVE_IN_ROOT. So neither a '..' in a path nor a link pointing out reads a file outside the root.
/// </summary>
internal sealed class HostRoot
{
    // MAXSYMLINKS (include/linux/namei.h).
    private const int MaxLinks = 40;

    private readonly string root;

    public HostRoot(string root)
    {
        // An empty root (an unset variable) is the current directory, as a relative path would be.
        var full = Path.GetFullPath(root.Length == 0 ? "." : root);
        this.root = full.Length > 1 ? full.TrimEnd('/') : full;
    }

    private bool IsSystemRoot => root == "/";

    /// <summary>
    /// Where <paramref name="absolute"/> (a path as the host sees it) is, every link resolved inside the
    /// root (the last one only when <paramref name="followLast"/>); null for a link loop.
    /// </summary>
    public string? Resolve(string absolute, bool followLast = true)
    {
        if (IsSystemRoot)
        {
            // The host itself: the kernel's own walk is the same, and one component at a time would cost start-up.
            return "/" + absolute.TrimStart('/');
        }
        var remaining = new Stack<string>(Components(absolute).Reverse());
        var inside = new List<string>();
        var links = 0;
        while (remaining.TryPop(out var name))
        {
            if (name == "..")
            {
                if (inside.Count > 0)
                {
                    inside.RemoveAt(inside.Count - 1);
                }
                continue;
            }
            var candidate = Join(inside.Append(name));
            if ((remaining.Count > 0 || followLast) && FileStatus.Of(candidate, follow: false) is { Kind: FileKind.SymbolicLink })
            {
                if (++links > MaxLinks || new FileInfo(candidate).LinkTarget is not { } target)
                {
                    return null;
                }
                if (target.StartsWith('/'))
                {
                    inside.Clear();
                }
                foreach (var part in Components(target).Reverse())
                {
                    remaining.Push(part);
                }
                continue;
            }
            inside.Add(name);
        }
        return Join(inside);
    }

    /// <summary>The text of a file, read with <see cref="HostFile"/>'s bounds.</summary>
    public HostText Read(string absolute, int maxBytes = HostFile.AttributeBytes) =>
        Resolve(absolute) is { } path ? HostFile.Read(path, maxBytes) : new HostText.Refused("has too many levels of symbolic links");

    public FileStatus? Status(string absolute) => Resolve(absolute) is { } path ? FileStatus.Of(path) : null;

    public bool Exists(string absolute) => Status(absolute) is not null;

    public bool IsDirectory(string absolute) => Status(absolute) is { Kind: FileKind.Directory };

    /// <summary>Where a link points, as written in it (sysfs driver links: "../../../bus/pci/drivers/vfio-pci"); null when not a link.</summary>
    public string? LinkTarget(string absolute) =>
        Resolve(absolute, followLast: false) is { } path && FileStatus.Of(path, follow: false) is { Kind: FileKind.SymbolicLink }
            ? new FileInfo(path).LinkTarget
            : null;

    /// <summary>The names in a directory; null when it cannot be read (permission, not a directory), none when it is missing.</summary>
    public IReadOnlyList<string>? Entries(string absolute)
    {
        if (Resolve(absolute) is not { } path)
        {
            return null;
        }
        try
        {
            return Directory.GetFileSystemEntries(path).Select(entry => Path.GetFileName(entry)).ToArray();
        }
        catch (DirectoryNotFoundException)
        {
            return FileStatus.Of(path) is null ? [] : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Components(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(part => part != ".");

    private string Join(IEnumerable<string> inside)
    {
        var relative = string.Join('/', inside);
        return IsSystemRoot ? "/" + relative : relative.Length == 0 ? root : root + "/" + relative;
    }
}
