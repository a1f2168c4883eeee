using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Scripts;

/// <summary>
/// A tool root for the module stub (<c>toolRoot</c>): <c>libvirt/bin/virsh</c>, <c>qemu/bin/qemu-img</c>
/// and <c>coreutils/bin/{mkdir,touch}</c> as fakes that append each call to <c>calls.log</c> and keep
/// libvirt's state as files under <c>state/</c> (network active/autostart, defined domains).
/// </summary>
internal sealed class FakeTools : IDisposable
{
    private readonly TempDirectory directory = new();

    public FakeTools()
    {
        Directory.CreateDirectory(State);
        Tool("libvirt", "virsh", """
            [ "$1" = -c ] && [ "$2" = qemu:///system ] || { echo "virsh: not the system URI: $*" >&2; exit 2; }
            shift 2
            case "$1" in
              net-info)
                [ -e "$STATE/network" ] || { echo "error: failed to get network '$2'" >&2; exit 1; }
                printf 'Name:           default\nActive:         %s\nAutostart:      %s\n' "$(cat "$STATE/active")" "$(cat "$STATE/autostart")" ;;
              net-start) echo yes > "$STATE/active" ;;
              net-autostart) echo yes > "$STATE/autostart" ;;
              domuuid) [ -e "$STATE/domain-$2" ] || exit 1; echo 00000000-0000-0000-0000-000000000000 ;;
              define) : > "$STATE/domain-defined" ;;
              *) echo "virsh: unexpected $*" >&2; exit 2 ;;
            esac
            """);
        Tool("qemu", "qemu-img", """[ "$1" = create ] && : > "$4" """);
        Tool("coreutils", "mkdir", """exec /bin/mkdir "$@" """);
        Tool("coreutils", "touch", "");
        Tool("coreutils", "readlink", """exec /bin/readlink "$@" """);
        Tool("util-linux", "logger", "");
        Tool("systemd", "systemctl", "");
        // modprobe -r takes the module's devices off their driver, as unloading it does (unless KEEP_DRIVER is set:
        // a driver that keeps its device); modprobe puts them back.
        Tool("kmod", "modprobe", """
            if [ "$1" = -r ]; then
              [ -n "${KEEP_DRIVER-}" ] && exit 0
              rm -rf "$SYS/module/$2"
              for device in "$SYS"/bus/pci/devices/*; do
                if [ "$(readlink "$device/driver" 2>/dev/null)" = "$SYS/bus/pci/drivers/$2" ]; then
                  echo "$2" > "$STATE/unbound-${device##*/}"
                  rm "$device/driver"
                fi
              done
            else
              mkdir -p "$SYS/module/$1"
              for record in "$STATE"/unbound-*; do
                [ -e "$record" ] || continue
                if [ "$(cat "$record")" = "$1" ]; then
                  ln -s "$SYS/bus/pci/drivers/$1" "$SYS/bus/pci/devices/${record##*/unbound-}/driver"
                  rm "$record"
                fi
              done
            fi
            """);
    }

    public string Root => directory.Path;

    public string State => Path.Combine(Root, "state");

    public string[] Calls => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    private string Log => Path.Combine(Root, "calls.log");

    public void SetState(string name, string value) => File.WriteAllText(Path.Combine(State, name), value + "\n");

    /// <summary>Runs a generated unit script the way NixOS does: bash with -e.</summary>
    public ExternalTool.Result RunScript(string script)
    {
        var file = directory.File("script.sh", "#!/bin/bash\nset -e\n" + script);
        return ExternalTool.Run("env", [$"STATE={State}", "PATH=/nonexistent", "/bin/bash", file]);
    }

    /// <summary>A fake /sys: the given functions on their drivers, loaded modules, two consoles and the EFI framebuffer.</summary>
    public string Sysfs(params (string Function, string Driver)[] functions)
    {
        var sys = Path.Combine(Root, "sys");
        foreach (var (function, driver) in functions)
        {
            Directory.CreateDirectory(Path.Combine(sys, "bus", "pci", "drivers", driver));
            Directory.CreateDirectory(Path.Combine(sys, "module", driver));
            var device = Path.Combine(sys, "bus", "pci", "devices", function);
            Directory.CreateDirectory(device);
            File.CreateSymbolicLink(Path.Combine(device, "driver"), Path.Combine(sys, "bus", "pci", "drivers", driver));
        }
        foreach (var console in new[] { "vtcon0", "vtcon1" })
        {
            Directory.CreateDirectory(Path.Combine(sys, "class", "vtconsole", console));
            File.WriteAllText(Path.Combine(sys, "class", "vtconsole", console, "bind"), "1\n");
        }
        var framebuffer = Path.Combine(sys, "bus", "platform", "drivers", "efi-framebuffer");
        Directory.CreateDirectory(framebuffer);
        File.WriteAllText(Path.Combine(framebuffer, "bind"), "");
        File.WriteAllText(Path.Combine(framebuffer, "unbind"), "");
        return sys;
    }

    /// <summary>Runs a libvirt hook as libvirt does: guest name, operation, sub-operation; /sys and /run redirected.</summary>
    public ExternalTool.Result RunHook(string script, string sys, string vm, string operation, string subOperation, bool keepDriver = false)
    {
        var file = directory.File("hook.sh", "#!/bin/bash\n" + script);
        return ExternalTool.Run("env",
        [
            $"STATE={State}", $"SYS={sys}", $"NIX_VFIO_GEN_SYSFS={sys}", $"NIX_VFIO_GEN_STATE={Path.Combine(Root, "run")}",
            .. keepDriver ? new[] { "KEEP_DRIVER=1" } : [], "PATH=/nonexistent", "/bin/bash", file, vm, operation, subOperation, "-",
        ]);
    }

    public string? DriverOf(string sys, string function)
    {
        var link = new FileInfo(Path.Combine(sys, "bus", "pci", "devices", function, "driver"));
        return link.LinkTarget is { } target ? Path.GetFileName(target) : null;
    }

    private void Tool(string package, string name, string body)
    {
        var bin = Path.Combine(Root, package, "bin");
        Directory.CreateDirectory(bin);
        var path = Path.Combine(bin, name);
        File.WriteAllText(path, $"#!/bin/bash\nPATH=/usr/bin:/bin\nprintf '%s\\n' \"{name} $*\" >> {Log}\n{body}\n");
        ExternalTool.Run("chmod", ["0755", path]);
    }

    public void Dispose() => directory.Dispose();
}
