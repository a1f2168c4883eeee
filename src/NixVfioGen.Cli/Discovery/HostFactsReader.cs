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
            SharedMemoryFileMode = File.Exists(PathOf("/dev/shm/looking-glass")) ? File.GetUnixFileMode(PathOf("/dev/shm/looking-glass")) : null,
            KvmfrDevice = File.Exists(PathOf("/dev/kvmfr0")),
            UserGroups = expected.User is { } user ? GroupsOf(user) : new HashSet<string>(),
            ExistingPaths = new[] { expected.Disk }.Concat(expected.Isos).OfType<string>()
                .Where(path => File.Exists(PathOf(path))).ToHashSet(StringComparer.Ordinal),
            Libvirt = libvirt,
        };
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
