using NixVfioGen.Model;
using NixVfioGen.Nix;
using NixVfioGen.Shell;
using static NixVfioGen.Nix.Nix;

namespace NixVfioGen.Host.Features.Hook;

/// <summary>
/// Makes a changed hook take effect on <c>nixos-rebuild switch</c>, without a reboot. libvirt looks for hooks only
/// when the daemon starts; NixOS links <c>virtualisation.libvirtd.hooks.qemu</c> into
/// <c>/var/lib/libvirt/hooks/qemu.d</c> only in <c>libvirtd-config.service</c>, which runs before each libvirtd
/// start, and never restarts libvirtd on a switch (<c>restartIfChanged = false</c>; both in nixpkgs
/// nixos/modules/virtualisation/libvirtd.nix). This oneshot unit restarts with the hook (<c>restartTriggers</c>)
/// and, when the link libvirtd was started with is not this hook, runs <c>systemctl try-restart
/// libvirtd.service</c>. Running VMs keep running: the unit's <c>KillMode = "process"</c> (same file, "when
/// stopping, leave the VMs alone") stops only the daemon, which reconnects to its QEMU processes when it starts.
/// At boot, and when the link is already this hook, it does nothing.
/// </summary>
public static class LibvirtdRestartOnHookChange
{
    /// <summary>NixOS's libvirt is built with sysconfdir /var/lib: its hooks live there, not under /etc.</summary>
    public const string HookDirectory = "/var/lib/libvirt/hooks/qemu.d";

    /// <summary>The let-bound hook script, referenced by the hook option and this unit.</summary>
    public const string HookVariable = "vmHook";

    public static string Unit(DomainName vm) => $"nix-vfio-gen-hook-{vm}";

    public static NixBinding For(DomainName vm, string hookName)
    {
        var script = ShellScript.Build([ShellTool.Systemctl, ShellTool.Readlink],
        [
            "# The host's root; only a test sets NIX_VFIO_GEN_ROOT.",
            "root=${NIX_VFIO_GEN_ROOT-}",
            $"link=\"$root\"{ShellWords.Quote(HookDirectory + "/" + hookName)}",
            "if [ \"$(\"$readlink\" \"$link\")\" = \"$hook\" ]; then",
            "  echo \"libvirtd runs with $hook already\"",
            "elif ! \"$systemctl\" is-active --quiet libvirtd.service; then",
            "  echo 'libvirtd is not running; it installs the hook when it starts'",
            "elif \"$systemctl\" try-restart libvirtd.service; then",
            "  echo 'libvirtd restarted to read the changed hook; running VMs keep running (KillMode=process)'",
            "else",
            "  echo 'libvirtd did not restart: run systemctl restart libvirtd.service before starting the VM' >&2",
            "  exit 1",
            "fi",
        ]);
        var withHook = new NixIndentedString(
        [
            new NixText("hook="),
            new NixInterpolation(Ref(HookVariable)),
            new NixText("\n"),
            .. script.Parts,
        ]);
        return new NixBinding(["systemd", "services", Unit(vm)], Set(
            Bind("description", new NixString($"Restart libvirtd when the hook of {vm} changed")),
            Bind("wantedBy", Strings(["multi-user.target"])),
            Bind("after", Strings(["libvirtd.service"])),
            Bind("restartTriggers", new NixList([Ref(HookVariable)])),
            Bind("serviceConfig", Set(Bind("Type", new NixString("oneshot")), Bind("RemainAfterExit", new NixBool(true)))),
            Bind("script", withHook)),
            "libvirt reads hooks only when it starts, and NixOS does not restart it on a switch:\n" +
            "restart it when this hook changed (running VMs keep running).");
    }
}
