using NixVfioGen.Host.Features.Hook;
using NixVfioGen.Installed;
using NixVfioGen.Model;
using NixVfioGen.Nix;
using NixVfioGen.Shell;
using static NixVfioGen.Nix.Nix;

namespace NixVfioGen.Host.Features;

/// <summary>
/// The libvirt QEMU hook of <c>--bind-at vm-start</c> and <c>--isolate</c>, one script for this VM only (NixOS installs it from
/// <c>virtualisation.libvirtd.hooks.qemu</c>; libvirt calls it with the guest's name, the operation
/// and the sub-operation). Its parts: <see cref="ManagedHandOff"/> or <see cref="SingleGpuHandOff"/>, and
/// <see cref="HostCpuIsolation"/>. It never calls virsh: a hook that calls back into libvirtd deadlocks it.
/// Every step goes to the journal, tagged nix-vfio-gen.
/// </summary>
public static class VmHook
{
    public static string Name(DomainName vm) => InstalledUnits.Hook(vm);

    /// <summary>Whether this VM needs a hook at all.</summary>
    public static bool Needed(HostOptions host, DomainOptions domain) => host.BindAt == BindAt.VmStart || (domain.Pinning is not null && domain.Isolate);

    public static ModuleContribution For(HostOptions host, ModuleDomain? carried)
    {
        if (carried?.Options is not { } domain || !Needed(host, domain))
        {
            return ModuleContribution.None;
        }
        var vm = ShellWords.Quote(domain.Name.Value);
        var handOff = host.BindAt == BindAt.VmStart;
        var parts = new List<HookPart>();
        if (handOff)
        {
            parts.Add(host.SingleGpu ? SingleGpuHandOff.For(host, domain) : ManagedHandOff.Part);
        }
        if (domain.Pinning is { } pinning && domain.Isolate)
        {
            parts.Add(HostCpuIsolation.For(pinning));
        }
        var lines = new List<string>
        {
            "# libvirt calls every hook with: guest name, operation, sub-operation.",
            $"[ \"${{1-}}\" = {vm} ] || exit 0",
            $"log() {{ \"$logger\" -t nix-vfio-gen -- {vm}\": $*\"; }}",
        };
        if (parts.Any(part => part.ReadsHost))
        {
            lines.AddRange(
            [
                "# The host's root. Only a test sets NIX_VFIO_GEN_ROOT (a fake /sys, /proc, /dev, /run): libvirt runs hooks",
                "# with a filtered environment (libvirt src/util/virhook.c, virCommandAddEnvPassCommon).",
                "root=${NIX_VFIO_GEN_ROOT-}",
                "sys=$root/sys",
            ]);
        }
        if (handOff)
        {
            lines.Add($"functions=({string.Join(' ', domain.Pci)})");
        }
        foreach (var part in parts)
        {
            lines.AddRange(part.Prelude);
        }
        lines.AddRange(["case \"${2-}/${3-}\" in", "  prepare/begin)"]);
        foreach (var part in parts)
        {
            lines.AddRange(part.Begin.Select(line => "    " + line));
        }
        lines.AddRange(["    ;;", "  release/end)"]);
        foreach (var part in parts)
        {
            lines.AddRange(part.End.Select(line => "    " + line));
        }
        lines.AddRange(["    ;;", "esac"]);
        IReadOnlyList<ShellTool> tools = [ShellTool.Logger, .. parts.SelectMany(part => part.Tools).Distinct()];
        var what = handOff
            ? host.SingleGpu
                ? $"Hands the GPU to {domain.Name} when it starts, taking the host's display down, and back when it stops."
                : $"Hands the GPU to {domain.Name} when it starts and back when it stops."
            : $"While {domain.Name} runs, host work stays off its vCPUs' CPUs.";
        var hookName = Name(domain.Name);
        return new ModuleContribution(
        [
            new NixBinding(["virtualisation", "libvirtd", "hooks", "qemu", hookName], Ref(LibvirtdRestartOnHookChange.HookVariable),
                handOff && parts.Count > 1 ? what + "\nWhile it runs, host work stays off its vCPUs' CPUs." : what),
            LibvirtdRestartOnHookChange.For(domain.Name, hookName),
        ],
        [
            Bind(LibvirtdRestartOnHookChange.HookVariable, Call("pkgs.writeShellScript", $"{hookName}-hook", ShellScript.Build(tools, lines)),
                $"The libvirt QEMU hook of {domain.Name}."),
        ]);
    }
}
