using NixVfioGen.Installed;
using NixVfioGen.Model;
using static NixVfioGen.Nix.Nix;

namespace NixVfioGen.Host.Features;

/// <summary>
/// The devices QEMU may open beyond libvirt's defaults (qemu.conf's cgroup_device_acl): /dev/kvmfr0 for
/// Looking Glass, and the evdev keyboards and mice. One feature writes the list, as verbatimConfig is
/// one text that replaces NixOS' default (namespaces = [], kept).
/// </summary>
/// <remarks>
/// For an evdev input libvirt also allows the device in the VM's cgroup and hands it to QEMU's user
/// itself (qemu_cgroup.c qemuSetupInputCgroup, security_dac.c virSecurityDACSetInputLabel), so no
/// group or udev rule is needed; listing the device here as well keeps it usable from QEMU's device
/// cgroup on every libvirt, as the single-GPU guides do. A listed path that does not exist (an
/// unplugged keyboard) is skipped by libvirt (qemuCgroupAllowDevicesPaths: "Ignoring non-existent device").
/// </remarks>
public static class QemuDeviceAclFeature
{
    public static ModuleContribution For(HostOptions options, ModuleDomain? domain)
    {
        var extra = (options.LookingGlass is LookingGlass.KvmfrDevice ? [InstalledFiles.KvmfrDevice] : Array.Empty<string>())
            .Concat(options.Evdev.Select(device => device.Path.Value))
            .ToArray();
        return extra.Length == 0
            ? ModuleContribution.None
            : new[]
            {
                Bind("virtualisation.libvirtd.qemu.verbatimConfig", Lines(["namespaces = []", .. LibvirtDeviceAcl.ConfigLines(extra)]),
                    "Replaces the default text: keep namespaces = [], and repeat libvirt's device list before adding "
                    + string.Join(" and ", new[] { extra.Contains(InstalledFiles.KvmfrDevice) ? "kvmfr" : null, options.Evdev.Count > 0 ? "the evdev inputs" : null }.OfType<string>()) + "."),
            };
    }
}
