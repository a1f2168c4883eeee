namespace NixVfioGen.Host;

/// <summary>
/// libvirt's qemu.conf <c>cgroup_device_acl</c>: setting it replaces libvirt's default list, so the
/// defaults from libvirt's shipped qemu.conf are repeated and the extra devices (kvmfr, evdev inputs) added.
/// </summary>
public static class LibvirtDeviceAcl
{
    public static IReadOnlyList<string> Defaults { get; } =
    [
        "/dev/null", "/dev/full", "/dev/zero", "/dev/random", "/dev/urandom", "/dev/ptmx", "/dev/kvm", "/dev/userfaultfd",
    ];

    /// <summary>The qemu.conf lines for the list with <paramref name="extra"/> appended.</summary>
    public static IReadOnlyList<string> ConfigLines(IEnumerable<string> extra)
    {
        var entries = Defaults.Concat(extra).Select(path => $"  \"{path}\"").ToArray();
        return
        [
            "cgroup_device_acl = [",
            .. entries.Select((entry, index) => index < entries.Length - 1 ? entry + "," : entry),
            "]",
        ];
    }
}
