using NixVfioGen.Doctor;
using NixVfioGen.Host.Features;
using NixVfioGen.Model;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Doctor;

/// <summary>
/// A host as doctor sees it, in a temporary root: a sysfs fixture tree (tests/fixtures/make-sysfs) plus
/// proc/, dev/, etc/ and the VM's files. Healthy() is the state after a successful rebuild and reboot;
/// each test then breaks one link.
/// </summary>
internal sealed class HostTree : IDisposable
{
    private readonly TempDirectory directory = new();

    public HostTree(string sysfsFixture = "bound")
    {
        var copy = ExternalTool.Run("cp", ["-a", Repository.PathOf($"tests/fixtures/sysfs/{sysfsFixture}/sys"), Root]);
        Assert.True(copy.ExitCode == 0, copy.Stderr);
    }

    public string Root => directory.Path;

    public static HostOptions Host { get; } = new()
    {
        Ids = PciId.ParseList("1002:67df,1002:aaf0"),
        Platform = Platform.Amd,
        User = UserName.Parse("alice"),
    };

    public static DomainOptions Domain { get; } = DomainOptions.Defaults(PciAddress.ParseList("0000:23:00.0,0000:23:00.1"));

    public HostTree Healthy(HostOptions? host = null, DomainOptions? domain = null)
    {
        var settings = DoctorSettingsFeature.SettingsFor(host ?? Host, domain ?? Domain);
        Write(InstalledFiles.Settings.Path.TrimStart('/'), SettingsJson.Write(settings));
        Write("proc/cmdline", "initrd=\\EFI\\nixos\\initrd.efi init=/nix/store/x-nixos-system/init " + string.Join(' ', settings.KernelParams) + " loglevel=4\n");
        Write("proc/modules", "vendor_reset 102400 0 - Live 0x0000000000000000\nvfio_pci 16384 2 - Live 0x0000000000000000\nkvm_amd 200704 0 - Live 0x0000000000000000\n");
        foreach (var address in new[] { "0000:23:00.0", "0000:23:00.1" })
        {
            Write($"sys/bus/pci/devices/{address}/reset_method", address.EndsWith(".0", StringComparison.Ordinal) ? "device_specific\n" : "flr bus\n");
        }
        Write("dev/kvm", "");
        Write("dev/vfio/vfio", "");
        Write("dev/vfio/23", "");
        SharedMemory(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        Accounts("alice", "qemu-libvirtd");
        Write("var/lib/libvirt/images/win11.qcow2", "");
        return this;
    }

    private static readonly string Uid = ExternalTool.Run("id", ["-u"]).Stdout.Trim();
    private static readonly string Gid = ExternalTool.Run("id", ["-g"]).Stdout.Trim();

    /// <summary>
    /// passwd and group files in which the files this test writes (owned by whoever runs it) belong to
    /// <paramref name="owner"/>:<paramref name="group"/>: owners without chown, so the test runs as any user.
    /// </summary>
    public void Accounts(string owner, string group)
    {
        Write("etc/passwd", $"{owner}:x:{Uid}:{Gid}::/home/{owner}:/bin/sh\nroot:x:0:0::/root:/bin/sh\n");
        var groups = new[] { "kvm", "libvirtd", "qemu-libvirtd" };
        Write("etc/group", $"{group}:x:{Gid}:{(groups.Contains(group) ? "alice" : "")}\n"
            + string.Concat(groups.Where(name => name != group).Select((name, i) => $"{name}:x:{90001 + i}:alice\n"))
            + "root:x:0:\nwheel:x:1:alice\n");
    }

    public void SharedMemory(UnixFileMode mode)
    {
        Write("dev/shm/looking-glass", "");
        File.SetUnixFileMode(PathOf("dev/shm/looking-glass"), mode);
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Write(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllText(PathOf(relative), text);
    }

    public void Delete(string relative) => File.Delete(PathOf(relative));

    public void Dispose() => directory.Dispose();
}
