using NixVfioGen.Cli.Posix;
using NixVfioGen.Doctor;

namespace NixVfioGen.Cli.Discovery;

/// <summary>
/// Reads what doctor checks from a root (/ on the host; a fixture tree in tests), never writing and
/// never leaving the root (<see cref="HostRoot"/>); every file is read with a bound (<see cref="HostFile"/>).
/// </summary>
internal sealed class HostFactsReader(string root)
{
    private readonly HostRoot host = new(root);

    /// <summary>Where a host path is inside the root, links resolved there; null for a link loop.</summary>
    public string? PathOf(string absolute) => host.Resolve(absolute);

    public HostFacts Read(Installed.Settings expected, LibvirtFacts libvirt)
    {
        var sysfs = new SysfsReader(host);
        var bus = sysfs.ReadBus();
        var accounts = new AccountDatabase(ReadText("/etc/passwd", HostFile.TableBytes), ReadText("/etc/group", HostFile.TableBytes));
        return new HostFacts
        {
            KernelCommandLine = ReadText("/proc/cmdline", HostFile.AttributeBytes),
            Kvm = host.Exists("/dev/kvm"),
            Groups = sysfs.ReadGroups(),
            Bus = bus,
            LoadedModules = LiveModules(ReadText("/proc/modules", HostFile.TableBytes)),
            ResetMethods = bus
                .Select(function => (function.Address, Method: ReadText($"/sys/bus/pci/devices/{function.Address}/reset_method", HostFile.AttributeBytes)?.Trim()))
                .Where(entry => entry.Method is not null)
                .ToDictionary(entry => entry.Address, entry => entry.Method!),
            SharedMemoryFile = Stat(Installed.InstalledFiles.SharedMemoryFile, accounts),
            KvmfrDevice = Stat(Installed.InstalledFiles.KvmfrDevice, accounts),
            UserGroups = expected.User is { } user ? accounts.GroupsListing(user.Value) : new HashSet<string>(),
            Paths = new[] { expected.Disk }.Concat(expected.Isos).OfType<Model.HostPath>().Select(path => path.Value).Distinct()
                .ToDictionary(path => path, Access, StringComparer.Ordinal),
            VfioGroupNodes = GroupNodes(),
            FirmwareFiles = new[] { Installed.MicrosoftKeysFirmware.CodePath, Installed.MicrosoftKeysFirmware.VarsTemplatePath }
                .Where(host.Exists).ToHashSet(StringComparer.Ordinal),
            Libvirt = libvirt,
        };
    }

    // /proc/modules: "name size refcount deps state address"; only a Live module is loaded (not Loading or
    // Unloading: kernel/module/procfs.c, m_show).
    private static HashSet<string> LiveModules(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 5 && fields[4] == "Live")
            .Select(fields => fields[0])
            .ToHashSet(StringComparer.Ordinal);

    // Owner and group as names, through the root's own /etc/passwd and /etc/group.
    private FileFacts? Stat(string absolute, AccountDatabase accounts) =>
        host.Status(absolute) is { } status
            ? new FileFacts(status.Mode, status.Size, accounts.UserName(status.Uid), accounts.GroupName(status.Gid))
            : null;

    private HashSet<int> GroupNodes() =>
        (host.Entries("/dev/vfio") ?? [])
            .Select(name => int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : -1)
            .Where(number => number >= 0)
            .ToHashSet();

    // Every directory from / down to the file must let others through (o+x) for qemu-libvirtd to reach it;
    // the directories are those of the path with its links resolved, where QEMU will really go.
    private PathAccess Access(string path)
    {
        if (host.Resolve(path) is not { } resolved || FileStatus.Of(resolved) is not { } status)
        {
            return PathAccess.Missing;
        }
        if (status.Kind is not (FileKind.Regular or FileKind.BlockDevice))
        {
            return PathAccess.NotAFile;
        }
        var top = Path.GetFullPath(root);
        for (var directory = Path.GetDirectoryName(resolved); directory is not null && directory.Length >= top.TrimEnd('/').Length; directory = Path.GetDirectoryName(directory))
        {
            if (FileStatus.Of(directory) is not { } above || (above.Mode & UnixFileMode.OtherExecute) == 0)
            {
                return PathAccess.DirectoryClosed;
            }
        }
        return (status.Mode & UnixFileMode.OtherRead) != 0 ? PathAccess.Open : PathAccess.FileClosed;
    }

    private string? ReadText(string absolute, int maxBytes) => host.Read(absolute, maxBytes).TextOrNull;
}
