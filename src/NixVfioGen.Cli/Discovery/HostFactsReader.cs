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
            Paths = DiskAndIsos(expected).ToDictionary(path => path, Access, StringComparer.Ordinal),
            VfioGroupNodes = GroupNodes(),
            FirmwareFiles = new[] { Installed.MicrosoftKeysFirmware.CodePath, Installed.MicrosoftKeysFirmware.VarsTemplatePath }
                .Where(host.Exists).ToHashSet(StringComparer.Ordinal),
            Libvirt = libvirt,
            Hook = expected.BindAt == Model.BindAt.VmStart && expected.VmName is { } vm ? ReadHook(Installed.InstalledUnits.Hook(vm)) : null,
        };
    }

    // NixOS's libvirt keeps its hooks under /var/lib (sysconfdir); the link's own mtime is when libvirtd-config made it.
    // libvirtd's start: /proc/PID/stat field 22 (starttime, in clock ticks after boot; USER_HZ is 100) plus
    // /proc/stat's btime (proc(5)); the system daemon's pid is in /run/libvirtd.pid.
    private HookFacts ReadHook(string name)
    {
        var link = host.Resolve("/var/lib/libvirt/hooks/qemu.d/" + name, followLast: false) is { } path && FileStatus.Of(path, follow: false) is { } status
            ? status.Modified
            : (DateTimeOffset?)null;
        DateTimeOffset? started = null;
        if (int.TryParse(ReadText("/run/libvirtd.pid", HostFile.AttributeBytes)?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
            && ReadText($"/proc/{pid}/stat", HostFile.AttributeBytes) is { } stat && stat.LastIndexOf(')') is var end and > 0
            && stat[(end + 2)..].Split(' ') is { Length: > 19 } fields
            && long.TryParse(fields[19], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            && (ReadText("/proc/stat", HostFile.TableBytes) ?? "").Split('\n').FirstOrDefault(line => line.StartsWith("btime ", StringComparison.Ordinal)) is { } btime
            && long.TryParse(btime[6..].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var boot))
        {
            started = DateTimeOffset.FromUnixTimeSeconds(boot).AddSeconds(ticks / 100.0);
        }
        return new HookFacts(link, started);
    }

    // /proc/modules: "name size refcount deps state address"; only a Live module is loaded (not Loading or
    // Unloading: kernel/module/procfs.c, m_show).
    private static HashSet<string> LiveModules(string? text)
    {
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && fields[4] == "Live")
            {
                live.Add(fields[0]);
            }
        }
        return live;
    }

    // The disk and the ISOs the settings name, each path once. Loops rather than chained LINQ: see IommuAnalysis.
    private static HashSet<string> DiskAndIsos(Installed.Settings expected)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        if (expected.Disk is { } disk)
        {
            paths.Add(disk.Value);
        }
        foreach (var iso in expected.Isos)
        {
            paths.Add(iso.Value);
        }
        return paths;
    }

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
