using NixVfioGen.Model;
using NixVfioGen.Shell;

namespace NixVfioGen.Host.Features.Hook;

/// <summary>
/// <c>--isolate</c>: while the VM runs, the host's own work (the units of systemd.special(7): init.scope,
/// system.slice, user.slice) may run only on the online CPUs that carry no vCPU. <c>systemctl set-property</c>
/// takes exactly one unit, every later argument must be an assignment (systemd
/// src/systemctl/systemctl-set-property.c; "Not an assignment: system.slice" otherwise), so each unit gets
/// its own call, and each call's status is checked and logged. An empty <c>AllowedCPUs=</c> resets the
/// property (systemd.resource-control(5)): it is written only on release, never as "the host gets nothing".
/// </summary>
public static class HostCpuIsolation
{
    /// <summary>The units holding the host's work, one set-property call each.</summary>
    public static IReadOnlyList<string> HostUnits { get; } = ["init.scope", "system.slice", "user.slice"];

    public static HookPart For(CpuPinning pinning) => new(
        [ShellTool.Systemctl],
        [
            $"pinned=' {string.Join(' ', pinning.Vcpus.Cpus)} '",
            "# The online CPUs (a list such as 0-7,16-23) less the vCPUs': where the host's own work may run.",
            "# Fails when the list cannot be read; prints nothing when the vCPUs take every online CPU.",
            "host_cpus() {",
            "  local online ranges range first last cpu rest=()",
            "  read -r online 2>/dev/null < \"$sys/devices/system/cpu/online\" || return 1",
            "  [[ $online =~ ^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$ ]] || return 1",
            "  IFS=, read -r -a ranges <<< \"$online\"",
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
            "# Sets AllowedCPUs on each unit of the host's work, one unit per call; fails if any call failed.",
            "allow_host_cpus() {",
            "  local unit failed=0",
            $"  for unit in {string.Join(' ', HostUnits)}; do",
            "    if ! \"$systemctl\" set-property --runtime \"$unit\" \"AllowedCPUs=$1\"; then",
            "      log \"systemctl set-property $unit AllowedCPUs=$1 failed\"",
            "      failed=1",
            "    fi",
            "  done",
            "  return \"$failed\"",
            "}",
        ],
        [
            "# Host work leaves the vCPUs' CPUs while the VM runs.",
            "if ! cpus=$(host_cpus); then",
            "  log \"host work not isolated: $sys/devices/system/cpu/online is missing or unreadable\"",
            "elif [ -z \"$cpus\" ]; then",
            "  log 'host work not isolated: the vCPUs are pinned to every online CPU, which would leave the host none'",
            "elif allow_host_cpus \"$cpus\"; then",
            "  log \"host work kept to CPUs $cpus\"",
            "else",
            "  log \"host work not fully kept to CPUs $cpus (see the failed calls above)\"",
            "fi",
        ],
        [
            "# An empty AllowedCPUs= gives the host all its CPUs back.",
            "if allow_host_cpus ''; then",
            "  log 'host work back on all CPUs'",
            "else",
            "  log 'host work not fully given back its CPUs (see the failed calls above)'",
            "fi",
        ]);
}
