using NixVfioGen.Host.Features;
using NixVfioGen.Model;
using NixVfioGen.Nix;
using NixVfioGen.Shell;
using static NixVfioGen.Nix.Nix;

namespace NixVfioGen.Generation;

/// <summary>
/// The libvirt QEMU hook of <c>--bind-at vm-start</c>, for this VM only (NixOS installs it from
/// <c>virtualisation.libvirtd.hooks.qemu</c>; libvirt calls it with the guest's name, the operation
/// and the sub-operation). The GPU's hostdevs are managed, so libvirt itself moves the functions to
/// vfio-pci and back; with <c>--single-gpu</c> the hook first takes the display from the host: it stops
/// the display manager, unbinds the consoles and the EFI framebuffer and unloads the GPU's driver, and
/// gives it all back when the VM has stopped. It never calls virsh: a hook that calls back into
/// libvirtd deadlocks it. Every step goes to the journal, tagged nix-vfio-gen.
/// </summary>
public static class HandOffHook
{
    /// <summary>The drivers to unload, in dependency order, by the GPU's vendor.</summary>
    public static IReadOnlyList<string> DriversOf(PciId gpu) => gpu.VendorCode switch
    {
        0x10DE => ["nvidia_drm", "nvidia_modeset", "nvidia_uvm", "nvidia", "nouveau"],
        0x1002 => ["amdgpu", "radeon"],
        0x8086 => ["xe", "i915"],
        _ => [],
    };

    public static string Name(DomainName vm) => $"nix-vfio-gen-{vm}";

    public static ModuleContribution For(HostOptions host, DomainOptions domain)
    {
        var vm = ShellWords.Quote(domain.Name.Value);
        var functions = string.Join(' ', domain.Pci);
        var lines = new List<string>
        {
            "# libvirt calls every hook with: guest name, operation, sub-operation.",
            $"[ \"${{1-}}\" = {vm} ] || exit 0",
            $"functions=({functions})",
            $"log() {{ \"$logger\" -t nix-vfio-gen -- {vm}\": $*\"; }}",
        };
        if (host.SingleGpu)
        {
            var drivers = string.Join(' ', DriversOf(host.Ids[0]));
            lines.AddRange(
            [
                "sys=${NIX_VFIO_GEN_SYSFS:-/sys}",
                "# The GPU's drivers, in the order they unload (dependents first).",
                $"gpu_drivers=({drivers})",
                $"state=${{NIX_VFIO_GEN_STATE:-/run/nix-vfio-gen}}/{domain.Name}",
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
                "case \"${2-}/${3-}\" in",
                "  prepare/begin)",
                "    log 'taking the GPU from the host display'",
                "    \"$mkdir\" -p \"$state\"",
                "    \"$systemctl\" stop display-manager.service",
                "    \"$systemctl\" stop nvidia-persistenced.service 2>/dev/null || true",
                "    for vt in \"$sys\"/class/vtconsole/vtcon*/bind; do",
                "      [ -e \"$vt\" ] && echo 0 > \"$vt\"",
                "    done",
                "    echo efi-framebuffer.0 > \"$sys/bus/platform/drivers/efi-framebuffer/unbind\" 2>/dev/null || true",
                "    reload=''",
                "    for module in \"${gpu_drivers[@]}\"; do",
                "      if [ -e \"$sys/module/$module\" ] && \"$modprobe\" -r \"$module\"; then",
                "        reload=\"$module $reload\"",
                "        log \"unloaded $module\"",
                "      fi",
                "    done",
                "    echo \"$reload\" > \"$state/modules\"",
                "    \"$modprobe\" vfio-pci",
                "    # A GPU driver still on a function means the host did not let go: start nothing, restore the display.",
                "    # Other drivers (HDMI audio, USB) are libvirt's to detach, as for any managed hostdev.",
                "    for function in \"${functions[@]}\"; do",
                "      if [ -e \"$sys/bus/pci/devices/$function/driver\" ]; then",
                "        driver=$(\"$readlink\" \"$sys/bus/pci/devices/$function/driver\")",
                "        driver=${driver##*/}",
                "        case \" ${gpu_drivers[*]} \" in",
                "          *\" $driver \"*)",
                "            log \"$function is still held by $driver; giving the display back and refusing to start\"",
                "            give_back",
                "            exit 1",
                "            ;;",
                "        esac",
                "      fi",
                "    done",
                "    log 'GPU released; libvirt hands it to vfio-pci'",
                "    ;;",
                "  release/end)",
                "    log 'giving the GPU back to the host display'",
                "    give_back",
                "    ;;",
                "esac",
            ]);
        }
        else
        {
            lines.AddRange(
            [
                "case \"${2-}/${3-}\" in",
                "  prepare/begin)",
                "    # libvirt's managed hostdevs move the functions from their host driver to vfio-pci and back.",
                "    \"$modprobe\" vfio-pci",
                "    log \"handing ${functions[*]} to the guest\"",
                "    ;;",
                "  release/end)",
                "    log \"${functions[*]} back with the host\"",
                "    ;;",
                "esac",
            ]);
        }
        var tools = host.SingleGpu
            ? new[] { ShellTool.Logger, ShellTool.Modprobe, ShellTool.Systemctl, ShellTool.Mkdir, ShellTool.Readlink }
            : new[] { ShellTool.Logger, ShellTool.Modprobe };
        var script = ShellScript.Build(tools, lines);
        return new ModuleContribution(
        [
            new NixBinding(["virtualisation", "libvirtd", "hooks", "qemu", Name(domain.Name)],
                Call("pkgs.writeShellScript", $"{Name(domain.Name)}-hook", script),
                host.SingleGpu
                    ? $"Hands the GPU to {domain.Name} when it starts, taking the host's display down, and back when it stops."
                    : $"Hands the GPU to {domain.Name} when it starts and back when it stops."),
        ], []);
    }
}
