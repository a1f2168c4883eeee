using NixVfioGen.Cli.Posix;
using NixVfioGen.Doctor;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Discovery;

/// <summary>Reads what doctor checks from a root (/ on the host; a fixture tree in tests), never writing.</summary>
internal sealed class HostFactsReader(string root)
{
    public string PathOf(string absolute) => Path.Join(root, absolute);

    public HostFacts Read(Expectation expected, LibvirtFacts libvirt)
    {
        var sysfs = new SysfsReader(root);
        var bus = sysfs.ReadBus();
        return new HostFacts
        {
            KernelCommandLine = ReadText("/proc/cmdline"),
            Kvm = File.Exists(PathOf("/dev/kvm")),
            Groups = sysfs.ReadGroups(),
            Bus = bus,
            LoadedModules = (ReadText("/proc/modules") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(' ')[0]).ToHashSet(StringComparer.Ordinal),
            ResetMethods = bus
                .Select(function => (function.Address, Method: ReadText($"/sys/bus/pci/devices/{function.Address}/reset_method")?.Trim()))
                .Where(entry => entry.Method is not null)
                .ToDictionary(entry => entry.Address, entry => entry.Method!),
            SharedMemoryFile = Stat("/dev/shm/looking-glass"),
            KvmfrDevice = Stat("/dev/kvmfr0"),
            UserGroups = expected.User is { } user ? GroupsOf(user) : new HashSet<string>(),
            Paths = new[] { expected.Disk }.Concat(expected.Isos).OfType<string>().Distinct()
                .ToDictionary(path => path, Access, StringComparer.Ordinal),
            VfioGroupNodes = GroupNodes(),
            FirmwareFiles = new[] { Firmware.MicrosoftKeysFirmware.CodePath, Firmware.MicrosoftKeysFirmware.VarsTemplatePath }
                .Where(path => File.Exists(PathOf(path))).ToHashSet(StringComparer.Ordinal),
            Libvirt = libvirt,
        };
    }

    // Owner and group as names, through the root's own /etc/passwd and /etc/group.
    private FileFacts? Stat(string absolute)
    {
        var path = PathOf(absolute);
        if (!File.Exists(path))
        {
            return null;
        }
        var ids = FileOwnership.Of(path);
        return new FileFacts(
            File.GetUnixFileMode(path),
            new FileInfo(path).Length,
            ids is { } owner ? NameOf("/etc/passwd", owner.Uid) : null,
            ids is { } group ? NameOf("/etc/group", group.Gid) : null);
    }

    // passwd and group lines both hold name:password:id:…
    private string? NameOf(string database, uint id) =>
        (ReadText(database) ?? "").Split('\n')
            .Select(line => line.Split(':'))
            .Where(fields => fields.Length >= 3 && fields[2] == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(fields => fields[0])
            .FirstOrDefault();

    private HashSet<int> GroupNodes() =>
        SafeEntries("/dev/vfio")
            .Select(name => int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : -1)
            .Where(number => number >= 0)
            .ToHashSet();

    private IEnumerable<string> SafeEntries(string absolute)
    {
        try
        {
            return Directory.GetFileSystemEntries(PathOf(absolute)).Select(Path.GetFileName).OfType<string>().ToArray();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    // Every directory from / down to the file must let others through (o+x) for qemu-libvirtd to reach it.
    private PathAccess Access(string path)
    {
        try
        {
            if (!File.Exists(PathOf(path)))
            {
                return PathAccess.Missing;
            }
            for (var directory = Path.GetDirectoryName(path); !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
            {
                if ((File.GetUnixFileMode(PathOf(directory)) & UnixFileMode.OtherExecute) == 0)
                {
                    return PathAccess.DirectoryClosed;
                }
            }
            return (File.GetUnixFileMode(PathOf(path)) & UnixFileMode.OtherRead) != 0 ? PathAccess.Open : PathAccess.FileClosed;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return PathAccess.DirectoryClosed;
        }
    }

    // /etc/group lines are name:password:gid:member,member; a user's primary group is not listed there.
    private HashSet<string>? GroupsOf(UserName user) =>
        ReadText("/etc/group") is { } text
            ? text.Split('\n')
                .Select(line => line.Split(':'))
                .Where(fields => fields.Length >= 4 && fields[3].Split(',').Contains(user.Value))
                .Select(fields => fields[0])
                .ToHashSet(StringComparer.Ordinal)
            : null;

    public string? ReadText(string absolute)
    {
        try
        {
            return File.ReadAllText(PathOf(absolute));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
