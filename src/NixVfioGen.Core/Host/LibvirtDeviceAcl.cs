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
        // Loops, not Concat+Select (a generic virtual call NativeAOT resolves through its type loader; docs/performance.md).
        var entries = new List<string>();
        foreach (var path in Defaults)
        {
            entries.Add($"  \"{path}\"");
        }
        foreach (var path in extra)
        {
            entries.Add($"  \"{path}\"");
        }
        return
        [
            "cgroup_device_acl = [",
            .. entries.Select((entry, index) => index < entries.Count - 1 ? entry + "," : entry),
            "]",
        ];
    }
}
