using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using NixVfioGen.Cli.Posix;

namespace NixVfioGen.Cli.Discovery;

/// <summary>What reading one file of a host tree gave: its text, nothing there, or a reason it was not read.</summary>
internal abstract record HostText
{
    private HostText()
    {
    }

    public sealed record Read(string Text) : HostText;

    public sealed record Missing : HostText;

    /// <summary>There but not read: "is a FIFO", "is larger than 4096 bytes", "permission denied".</summary>
    public sealed record Refused(string Reason) : HostText;

    public string? TextOrNull => this is Read read ? read.Text : null;
}

/// <summary>
/// Reads files of a host tree that anyone may have put there: opened with O_NONBLOCK (a FIFO never
/// blocks the open), only a regular file is read (sysfs and procfs attributes are regular files), and
/// never more than a bound, so /dev/zero, a FIFO or a sparse 3 GiB file cannot hang or exhaust memory.
/// </summary>
internal static partial class HostFile
{
    /// <summary>A sysfs or procfs attribute: the kernel's show() fills at most one page (PAGE_SIZE).</summary>
    public const int AttributeBytes = 4096;

    /// <summary>/proc/modules, /etc/passwd, /etc/group and the like: far beyond any real host's.</summary>
    public const int TableBytes = 4 * 1024 * 1024;

    private const int ReadOnly = 0;
    private const int NonBlocking = 0x800;
    private const int NoControllingTerminal = 0x100;
    private const int CloseOnExec = 0x80000;
    private const int NoSuchFile = 2;
    private const int NotADirectory = 20;
    private const int AccessDenied = 13;
    private const int NotPermitted = 1;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    public static HostText Read(string path, int maxBytes)
    {
        var descriptor = Open(path, ReadOnly | NonBlocking | NoControllingTerminal | CloseOnExec);
        if (descriptor < 0)
        {
            return Marshal.GetLastPInvokeError() switch
            {
                NoSuchFile or NotADirectory => new HostText.Missing(),
                AccessDenied or NotPermitted => new HostText.Refused("permission denied"),
                var errno => new HostText.Refused(Marshal.GetPInvokeErrorMessage(errno)),
            };
        }
        using var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        if (FileStatus.OfDescriptor(descriptor) is not { Kind: FileKind.Regular } status)
        {
            return new HostText.Refused("is " + (FileStatus.OfDescriptor(descriptor)?.KindInWords ?? "not a file") + ", not a regular file");
        }
        if (status.Size > maxBytes)
        {
            return new HostText.Refused($"is larger than {maxBytes} bytes");
        }
        // Size is 0 or 4096 for sysfs and procfs files whatever they hold: read up to one byte past the bound.
        var buffer = new byte[Math.Min(maxBytes + 1, Math.Max(status.Size + 1, AttributeBytes + 1))];
        var total = 0;
        try
        {
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length > maxBytes)
                    {
                        return new HostText.Refused($"is larger than {maxBytes} bytes");
                    }
                    Array.Resize(ref buffer, Math.Min(maxBytes + 1, buffer.Length * 2));
                }
                var read = RandomAccess.Read(handle, buffer.AsSpan(total), total);
                if (read == 0)
                {
                    break;
                }
                total += read;
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return new HostText.Refused(error.Message);
        }
        return total > maxBytes
            ? new HostText.Refused($"is larger than {maxBytes} bytes")
            : new HostText.Read(Encoding.UTF8.GetString(buffer, 0, total));
    }
}
