using NixVfioGen.Nix;

namespace NixVfioGen.Shell;

/// <summary>
/// A program a generated script runs, by absolute store path: <c>${package}/bin/name</c>. Scripts
/// never rely on PATH, so they run the same from a unit, the initrd or a libvirt hook.
/// </summary>
public sealed record ShellTool(string Placeholder, NixReference Package, string Binary)
{
    public static ShellTool Virsh { get; } = new("virsh", NixReference.Of("config.virtualisation.libvirtd.package"), "virsh");

    public static ShellTool QemuImg { get; } = new("qemu_img", NixReference.Of("config.virtualisation.libvirtd.qemu.package"), "qemu-img");

    public static ShellTool Mkdir { get; } = new("mkdir", NixReference.Of("pkgs.coreutils"), "mkdir");

    public static ShellTool Touch { get; } = new("touch", NixReference.Of("pkgs.coreutils"), "touch");

    public static ShellTool Readlink { get; } = new("readlink", NixReference.Of("pkgs.coreutils"), "readlink");

    public static ShellTool Rm { get; } = new("rm", NixReference.Of("pkgs.coreutils"), "rm");

    public static ShellTool Sleep { get; } = new("sleep", NixReference.Of("pkgs.coreutils"), "sleep");

    public static ShellTool Systemctl { get; } = new("systemctl", NixReference.Of("config.systemd.package"), "systemctl");

    public static ShellTool Loginctl { get; } = new("loginctl", NixReference.Of("config.systemd.package"), "loginctl");

    public static ShellTool Modprobe { get; } = new("modprobe", NixReference.Of("pkgs.kmod"), "modprobe");

    /// <summary>Writes to the journal with a tag, from scripts whose output nobody reads (libvirt hooks).</summary>
    public static ShellTool Logger { get; } = new("logger", NixReference.Of("pkgs.util-linux"), "logger");
}
