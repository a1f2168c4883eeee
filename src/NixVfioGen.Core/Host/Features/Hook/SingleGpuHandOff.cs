using NixVfioGen.Model;
using NixVfioGen.Shell;

namespace NixVfioGen.Host.Features.Hook;

/// <summary>
/// <c>--single-gpu</c>: the host's display lets go of its only GPU before the VM starts and gets it back after.
/// The hook stops the display manager, unbinds the consoles and the EFI framebuffer, ends the graphical
/// sessions on seat0 while any process still holds the GPU's DRM nodes (a Wayland compositor lives in its
/// session's scope, which stopping the display manager may leave running), unloads only the drivers that
/// cannot hand a GPU over while loaded, and lets libvirt's managed hostdevs move the functions to vfio-pci.
/// Any failure gives the display back and fails the start. Every step goes to the journal.
/// </summary>
public static class SingleGpuHandOff
{
    /// <summary>
    /// The drivers unloaded for the hand-off, in dependency order. NVIDIA's proprietary driver does not let
    /// go of a GPU while loaded: the maintained single-GPU scripts unload nvidia_drm, nvidia_modeset,
    /// nvidia_uvm and nvidia (QaidVoid/Complete-Single-GPU-Passthrough README, "Create Start Script"). The same
    /// scripts keep amdgpu loaded (its unload is commented out there, and its reload on release too): amdgpu,
    /// nouveau, i915 and xe release a device when libvirt's managed detach unbinds it, and stay loaded for any
    /// other GPU they drive (an APU or iGPU keeps its display).
    /// </summary>
    public static IReadOnlyList<string> DriversToUnload(PciId gpu) => gpu.VendorCode switch
    {
        0x10DE => ["nvidia_drm", "nvidia_modeset", "nvidia_uvm", "nvidia"],
        _ => [],
    };

    public static HookPart For(HostOptions host, DomainOptions domain)
    {
        var unload = DriversToUnload(host.Ids[0]);
        var nvidia = host.Ids[0].VendorCode == 0x10DE;
        var tools = new List<ShellTool> { ShellTool.Modprobe, ShellTool.Systemctl, ShellTool.Loginctl, ShellTool.Mkdir, ShellTool.Rm, ShellTool.Sleep };
        if (unload.Count > 0)
        {
            tools.Add(ShellTool.Readlink);
        }
        var begin = new List<string>
        {
            "log 'taking the GPU from the host display'",
            "\"$mkdir\" -p \"$state\"",
            "reload=()",
            "# A start that never reached its release (a failed start, a crash) left the modules to reload: keep them.",
            "if [ -s \"$state/modules\" ]; then",
            "  read -r -a reload < \"$state/modules\"",
            "  log \"keeping the modules an earlier start unloaded: ${reload[*]}\"",
            "fi",
            "if \"$systemctl\" stop display-manager.service; then",
            "  log 'display manager stopped'",
            "else",
            "  log 'display manager not stopped (is there one?)'",
            "fi",
        };
        if (nvidia)
        {
            begin.AddRange(
            [
                "# Only a daemon this hook stopped is started again when the GPU comes back.",
                "if \"$systemctl\" stop nvidia-persistenced.service; then",
                "  : > \"$state/nvidia-persistenced\"",
                "  log 'nvidia-persistenced stopped'",
                "fi",
            ]);
        }
        begin.AddRange(
        [
            "for vt in \"$sys\"/class/vtconsole/vtcon*/bind; do",
            "  [ -e \"$vt\" ] && echo 0 > \"$vt\"",
            "done",
            "log 'consoles unbound'",
            "if [ -e \"$sys/bus/platform/drivers/efi-framebuffer/efi-framebuffer.0\" ]; then",
            "  if echo efi-framebuffer.0 > \"$sys/bus/platform/drivers/efi-framebuffer/unbind\"; then",
            "    : > \"$state/efi-framebuffer\"",
            "    log 'EFI framebuffer unbound'",
            "  else",
            "    log 'EFI framebuffer not unbound'",
            "  fi",
            "fi",
            "# A graphical session still holding the GPU (a compositor in its session scope) ends with the seat's sessions.",
            "holders=$(drm_holders)",
            "if [ -n \"$holders\" ]; then",
            "  log \"processes $holders hold the GPU; ending the sessions on seat0\"",
            "  \"$loginctl\" terminate-seat seat0 || log 'loginctl terminate-seat seat0 failed'",
            "  for _ in 1 2 3 4 5 6 7 8 9 10; do",
            "    holders=$(drm_holders)",
            "    [ -z \"$holders\" ] && break",
            "    \"$sleep\" 1",
            "  done",
            "  if [ -n \"$holders\" ]; then",
            "    log \"processes $holders still hold the GPU; giving the display back and refusing to start\"",
            "    give_back",
            "    exit 1",
            "  fi",
            "  log 'graphical sessions on seat0 ended'",
            "fi",
        ]);
        if (unload.Count > 0)
        {
            begin.AddRange(
            [
                "for module in \"${unload[@]}\"; do",
                "  [ -e \"$sys/module/$module\" ] || continue",
                "  if \"$modprobe\" -r \"$module\"; then",
                "    reload=(\"$module\" \"${reload[@]}\")",
                "    echo \"${reload[*]}\" > \"$state/modules\"",
                "    log \"unloaded $module\"",
                "  else",
                "    log \"could not unload $module; giving the display back and refusing to start\"",
                "    give_back",
                "    exit 1",
                "  fi",
                "done",
            ]);
        }
        begin.AddRange(
        [
            "if ! \"$modprobe\" vfio-pci; then",
            "  log 'vfio-pci did not load; giving the display back and refusing to start'",
            "  give_back",
            "  exit 1",
            "fi",
        ]);
        if (unload.Count > 0)
        {
            begin.AddRange(
            [
                "# A driver that had to go but still holds a function: the host did not let go.",
                "# Other drivers (amdgpu, HDMI audio, USB) are libvirt's to detach, as for any managed hostdev.",
                "for function in \"${functions[@]}\"; do",
                "  if [ -e \"$sys/bus/pci/devices/$function/driver\" ]; then",
                "    driver=$(\"$readlink\" \"$sys/bus/pci/devices/$function/driver\")",
                "    driver=${driver##*/}",
                "    case \" ${unload[*]} \" in",
                "      *\" $driver \"*)",
                "        log \"$function is still held by $driver; giving the display back and refusing to start\"",
                "        give_back",
                "        exit 1",
                "        ;;",
                "    esac",
                "  fi",
                "done",
            ]);
        }
        begin.Add("log 'GPU released; libvirt moves it to vfio-pci'");

        List<string> prelude =
        [
            "proc=$root/proc",
            "dev=$root/dev",
            $"state=$root/run/nix-vfio-gen/{ShellWords.Quote(domain.Name.Value)}",
            .. unload.Count > 0
                ? new[]
                {
                    "# The drivers that cannot hand the GPU over while loaded, in the order they unload (dependents first).",
                    $"unload=({string.Join(' ', unload)})",
                }
                : ["# The GPU's driver stays loaded: libvirt's managed detach unbinds it from the GPU's functions."],
            "# The processes holding one of the GPU's DRM nodes (/dev/dri/card*, renderD*) open.",
            "drm_holders() {",
            "  local function node fd pid found=()",
            "  for function in \"${functions[@]}\"; do",
            "    for node in \"$sys/bus/pci/devices/$function\"/drm/card* \"$sys/bus/pci/devices/$function\"/drm/renderD*; do",
            "      [ -e \"$node\" ] || continue",
            "      for fd in \"$proc\"/[0-9]*/fd/*; do",
            "        [ \"$fd\" -ef \"$dev/dri/${node##*/}\" ] || continue",
            "        pid=${fd#\"$proc\"/}",
            "        pid=${pid%%/*}",
            "        case \" ${found[*]} \" in *\" $pid \"*) ;; *) found+=(\"$pid\") ;; esac",
            "      done",
            "    done",
            "  done",
            "  echo \"${found[*]}\"",
            "}",
            "# Gives the GPU back to the host: the unloaded drivers (in reverse order), consoles, framebuffer, display manager.",
            "give_back() {",
            "  local modules=() module vt",
            "  [ -s \"$state/modules\" ] && read -r -a modules < \"$state/modules\"",
            "  for module in \"${modules[@]}\"; do",
            "    if \"$modprobe\" \"$module\"; then",
            "      log \"loaded $module\"",
            "    else",
            "      log \"could not load $module\"",
            "    fi",
            "  done",
            "  \"$rm\" -f \"$state/modules\"",
            "  for vt in \"$sys\"/class/vtconsole/vtcon*/bind; do",
            "    [ -e \"$vt\" ] && echo 1 > \"$vt\"",
            "  done",
            "  if [ -e \"$state/efi-framebuffer\" ]; then",
            "    echo efi-framebuffer.0 > \"$sys/bus/platform/drivers/efi-framebuffer/bind\" || log 'EFI framebuffer not rebound'",
            "    \"$rm\" -f \"$state/efi-framebuffer\"",
            "  fi",
            .. nvidia
                ? new[]
                {
                    "  if [ -e \"$state/nvidia-persistenced\" ]; then",
                    "    \"$systemctl\" start nvidia-persistenced.service || log 'nvidia-persistenced did not start'",
                    "    \"$rm\" -f \"$state/nvidia-persistenced\"",
                    "  fi",
                }
                : [],
            "  if \"$systemctl\" start display-manager.service; then",
            "    log 'display manager started'",
            "  else",
            "    log 'display manager did not start'",
            "  fi",
            "}",
        ];
        return new HookPart(tools, prelude, begin, ["log 'giving the GPU back to the host display'", "give_back"]);
    }
}
