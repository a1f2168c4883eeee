using NixVfioGen.Installed;
using NixVfioGen.Model;
using NixVfioGen.Nix;
using static NixVfioGen.Nix.Nix;

namespace NixVfioGen.Host.Features;

/// <summary>Looking Glass' shared memory (a /dev/shm file, or the kvmfr device and all it needs but QEMU's device list, see <see cref="QemuDeviceAclFeature"/>) and its client.</summary>
public static class LookingGlassFeature
{
    public static ModuleContribution For(HostOptions options, ModuleDomain? domain)
    {
        var owner = options.User?.Value ?? "root";
        var client = Bind("environment.systemPackages", List(Ref("pkgs.looking-glass-client")));
        return options.LookingGlass switch
        {
            LookingGlass.SharedMemoryFile file => new[]
            {
                Bind("systemd.tmpfiles.rules", Strings([$"f {InstalledFiles.SharedMemoryFile} 0660 {owner} {InstalledGroups.Qemu} -"]),
                    $"Looking Glass shared memory ({file.Size}), readable by the client user and QEMU."),
                client,
            },
            LookingGlass.KvmfrDevice kvmfr => new[]
            {
                Bind("boot.kernelModules", Strings(["kvmfr"])),
                Bind("boot.extraModprobeConfig", Lines([$"options kvmfr static_size_mb={kvmfr.Size.MiB}"])),
                Bind("boot.extraModulePackages", List(Ref("config.boot.kernelPackages.kvmfr")),
                    $"Looking Glass through the kvmfr module ({kvmfr.Size}), sized above."),
                Bind("services.udev.extraRules", Lines([$"SUBSYSTEM==\"kvmfr\", OWNER=\"{owner}\", GROUP=\"{InstalledGroups.Kvm}\", MODE=\"0660\""]),
                    "/dev/kvmfr0 for the client user and QEMU."),
                client,
            },
            _ => ModuleContribution.None,
        };
    }
}
