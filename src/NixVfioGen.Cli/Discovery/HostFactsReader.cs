using NixVfioGen.Cli.Posix;
using NixVfioGen.Doctor;

namespace NixVfioGen.Cli.Discovery;

/// <summary>Reads what doctor checks from a root (/ on the host; a fixture tree in tests), never writing.</summary>
internal sealed class HostFactsReader(string root)
{
    public string PathOf(string absolute) => Path.Join(root, absolute);

    public HostFacts Read(Installed.Settings expected, LibvirtFacts libvirt)
    {
        var sysfs = new SysfsReader(root);
        var bus = sysfs.ReadBus();
        var accounts = new AccountDatabase(ReadText("/etc/passwd"), ReadText("/etc/group"));
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
            SharedMemoryFile = Stat(Installed.InstalledFiles.SharedMemoryFile, accounts),
            KvmfrDevice = Stat(Installed.InstalledFiles.KvmfrDevice, accounts),
            UserGroups = expected.User is { } user ? accounts.GroupsListing(user.Value) : new HashSet<string>(),
            Paths = new[] { expected.Disk }.Concat(expected.Isos).OfType<Model.HostPath>().Select(path => path.Value).Distinct()
                .ToDictionary(path => path, Access, StringComparer.Ordinal),
            VfioGroupNodes = GroupNodes(),
            FirmwareFiles = new[] { Installed.MicrosoftKeysFirmware.CodePath, Installed.MicrosoftKeysFirmware.VarsTemplatePath }
                .Where(path => File.Exists(PathOf(path))).ToHashSet(StringComparer.Ordinal),
            Libvirt = libvirt,
        };
    }

    // Owner and group as names, through the root's own /etc/passwd and /etc/group.
    private FileFacts? Stat(string absolute, AccountDatabase accounts)
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
            ids is { } owner ? accounts.UserName(owner.Uid) : null,
            ids is { } group ? accounts.GroupName(group.Gid) : null);
    }

    private HashSet<int> GroupNodes() =>
        SysfsReader.SafeEntries(PathOf("/dev/vfio"))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Select(name => int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : -1)
            .Where(number => number >= 0)
            .ToHashSet();

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

    private string? ReadText(string absolute)
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
