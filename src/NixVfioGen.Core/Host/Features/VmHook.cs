using NixVfioGen.Installed;
using NixVfioGen.Model;
using NixVfioGen.Nix;
using NixVfioGen.Shell;
using static NixVfioGen.Nix.Nix;

namespace NixVfioGen.Host.Features;

/// <summary>
/// The libvirt QEMU hook of <c>--bind-at vm-start</c> and <c>--isolate</c>, one script for this VM only (NixOS installs it from
/// <c>virtualisation.libvirtd.hooks.qemu</c>; libvirt calls it with the guest's name, the operation
/// and the sub-operation). The GPU's hostdevs are managed, so libvirt itself moves the functions to
/// vfio-pci and back; with <c>--single-gpu</c> the hook first takes the display from the host: it stops
/// the display manager, unbinds the consoles and the EFI framebuffer and unloads the GPU's driver, and
/// gives it all back when the VM has stopped. It never calls virsh: a hook that calls back into
/// libvirtd deadlocks it. Every step goes to the journal, tagged nix-vfio-gen.
/// </summary>
public static class VmHook
{
    /// <summary>The drivers to unload, in dependency order, by the GPU's vendor.</summary>
    public static IReadOnlyList<string> DriversOf(PciId gpu) => gpu.VendorCode switch
    {
        0x10DE => ["nvidia_drm", "nvidia_modeset", "nvidia_uvm", "nvidia", "nouveau"],
        0x1002 => ["amdgpu", "radeon"],
        0x8086 => ["xe", "i915"],
        _ => [],
    };

    public static string Name(DomainName vm) => InstalledUnits.Hook(vm);

    public static ModuleContribution For(HostOptions host, ModuleDomain? carried)
    {
        if (carried?.Options is not { } domain || !Needed(host, domain))
        {
            return ModuleContribution.None;
        }
        var vm = ShellWords.Quote(domain.Name.Value);
        var handOff = host.BindAt == BindAt.VmStart;
        var isolation = domain.Pinning is { } pinning && domain.Isolate ? pinning : null;
        var prelude = new List<string>
        {
            "# libvirt calls every hook with: guest name, operation, sub-operation.",
            $"[ \"${{1-}}\" = {vm} ] || exit 0",
            $"log() {{ \"$logger\" -t nix-vfio-gen -- {vm}\": $*\"; }}",
        };
        var begin = new List<string>();
        var end = new List<string>();
        var tools = new List<ShellTool> { ShellTool.Logger };
        if (handOff)
        {
            prelude.Add($"functions=({string.Join(' ', domain.Pci)})");
            tools.Add(ShellTool.Modprobe);
            if (host.SingleGpu)
            {
                tools.AddRange([ShellTool.Systemctl, ShellTool.Mkdir, ShellTool.Readlink]);
                prelude.AddRange(SingleGpuPrelude(host, domain));
                begin.AddRange(SingleGpuBegin);
                end.AddRange(["log 'giving the GPU back to the host display'", "give_back"]);
            }
            else
            {
                begin.AddRange(
                [
                    "# libvirt's managed hostdevs move the functions from their host driver to vfio-pci and back.",
                    "\"$modprobe\" vfio-pci",
                    "log \"handing ${functions[*]} to the guest\"",
                ]);
                end.Add("log \"${functions[*]} back with the host\"");
            }
        }
        if (isolation is not null)
        {
            if (!tools.Contains(ShellTool.Systemctl))
            {
                tools.Add(ShellTool.Systemctl);
            }
            prelude.AddRange(IsolationPrelude(isolation));
            begin.AddRange(
            [
                "# Host work leaves the vCPUs' CPUs while the VM runs.",
                "\"$systemctl\" set-property --runtime -- user.slice system.slice init.scope AllowedCPUs=\"$(host_cpus)\"",
                "log \"host work kept to CPUs $(host_cpus)\"",
            ]);
            end.AddRange(
            [
                "# An empty AllowedCPUs gives the host all its CPUs back.",
                "\"$systemctl\" set-property --runtime -- user.slice system.slice init.scope AllowedCPUs=",
                "log 'host work back on all CPUs'",
            ]);
        }
        var lines = new List<string>(prelude) { "case \"${2-}/${3-}\" in", "  prepare/begin)" };
        lines.AddRange(begin.Select(line => "    " + line));
        lines.AddRange(["    ;;", "  release/end)"]);
        lines.AddRange(end.Select(line => "    " + line));
        lines.AddRange(["    ;;", "esac"]);
        var what = handOff
            ? host.SingleGpu
                ? $"Hands the GPU to {domain.Name} when it starts, taking the host's display down, and back when it stops."
                : $"Hands the GPU to {domain.Name} when it starts and back when it stops."
            : $"While {domain.Name} runs, host work stays off its vCPUs' CPUs.";
        return new ModuleContribution(
        [
            new NixBinding(["virtualisation", "libvirtd", "hooks", "qemu", Name(domain.Name)],
                Call("pkgs.writeShellScript", $"{Name(domain.Name)}-hook", ShellScript.Build(tools, lines)),
                handOff && isolation is not null ? what + "\nWhile it runs, host work stays off its vCPUs' CPUs." : what),
        ], []);
    }

    /// <summary>Whether this VM needs a hook at all.</summary>
    public static bool Needed(HostOptions host, DomainOptions domain) => host.BindAt == BindAt.VmStart || (domain.Pinning is not null && domain.Isolate);

    private static IEnumerable<string> IsolationPrelude(CpuPinning pinning) =>
    [
        "sys=${NIX_VFIO_GEN_SYSFS:-/sys}",
        $"pinned=' {string.Join(' ', pinning.Vcpus.Cpus)} '",
        "# The online CPUs (a list such as 0-15) less the vCPUs': where the host's own work may run.",
        "host_cpus() {",
        "  local ranges range first last cpu rest=()",
        "  IFS=, read -r -a ranges < \"$sys/devices/system/cpu/online\"",
        "  for range in \"${ranges[@]}\"; do",
        "    first=${range%-*}",
        "    last=${range#*-}",
        "    for ((cpu = first; cpu <= last; cpu++)); do",
        "      case \"$pinned\" in *\" $cpu \"*) ;; *) rest+=(\"$cpu\") ;; esac",
        "    done",
        "  done",
        "  local IFS=,",
        "  echo \"${rest[*]}\"",
        "}",
    ];

    private static IEnumerable<string> SingleGpuPrelude(HostOptions host, DomainOptions domain) =>
    [
        "sys=${NIX_VFIO_GEN_SYSFS:-/sys}",
        $"state=${{NIX_VFIO_GEN_STATE:-/run/nix-vfio-gen}}/{domain.Name}",
        "# The GPU's drivers, in the order they unload (dependents first).",
        $"gpu_drivers=({string.Join(' ', DriversOf(host.Ids[0]))})",
        "# Gives the GPU back to the host: its drivers, in reverse order, then consoles, framebuffer and desktop.",
        "give_back() {",
        "  local modules=()",
        "  [ -f \"$state/modules\" ] && read -r -a modules < \"$state/modules\"",
        "  for module in \"${modules[@]}\"; do",
        "    \"$modprobe\" \"$module\" || log \"could not load $module\"",
        "  done",
        "  for vt in \"$sys\"/class/vtconsole/vtcon*/bind; do",
        "    [ -e \"$vt\" ] && echo 1 > \"$vt\"",
        "  done",
        "  if [ -e \"$sys/bus/platform/drivers/efi-framebuffer\" ]; then",
        "    echo efi-framebuffer.0 > \"$sys/bus/platform/drivers/efi-framebuffer/bind\" || log 'EFI framebuffer not rebound'",
        "  fi",
        "  \"$systemctl\" start display-manager.service || log 'display manager did not start'",
        "}",
    ];

    private static readonly string[] SingleGpuBegin =
    [
        "log 'taking the GPU from the host display'",
        "\"$mkdir\" -p \"$state\"",
        "\"$systemctl\" stop display-manager.service",
        "\"$systemctl\" stop nvidia-persistenced.service 2>/dev/null || true",
        "for vt in \"$sys\"/class/vtconsole/vtcon*/bind; do",
        "  [ -e \"$vt\" ] && echo 0 > \"$vt\"",
        "done",
        "echo efi-framebuffer.0 > \"$sys/bus/platform/drivers/efi-framebuffer/unbind\" 2>/dev/null || true",
        "reload=''",
        "for module in \"${gpu_drivers[@]}\"; do",
        "  if [ -e \"$sys/module/$module\" ] && \"$modprobe\" -r \"$module\"; then",
        "    reload=\"$module $reload\"",
        "    log \"unloaded $module\"",
        "  fi",
        "done",
        "echo \"$reload\" > \"$state/modules\"",
        "\"$modprobe\" vfio-pci",
        "# A GPU driver still on a function means the host did not let go: start nothing, restore the display.",
        "# Other drivers (HDMI audio, USB) are libvirt's to detach, as for any managed hostdev.",
        "for function in \"${functions[@]}\"; do",
        "  if [ -e \"$sys/bus/pci/devices/$function/driver\" ]; then",
        "    driver=$(\"$readlink\" \"$sys/bus/pci/devices/$function/driver\")",
        "    driver=${driver##*/}",
        "    case \" ${gpu_drivers[*]} \" in",
        "      *\" $driver \"*)",
        "        log \"$function is still held by $driver; giving the display back and refusing to start\"",
        "        give_back",
        "        exit 1",
        "        ;;",
        "    esac",
        "  fi",
        "done",
        "log 'GPU released; libvirt hands it to vfio-pci'",
    ];
}
