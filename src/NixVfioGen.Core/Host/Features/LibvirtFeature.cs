using NixVfioGen.Model;
using NixVfioGen.Nix;
using static NixVfioGen.Nix.Nix;

namespace NixVfioGen.Host.Features;

/// <summary>libvirtd with QEMU/KVM, TPM emulation and UEFI firmware, and virt-manager.</summary>
public static class LibvirtFeature
{
    private const string OvmfWhy = "Before NixOS 25.11: OVMFFull, Secure Boot capable, for UEFI guests.\n" +
        "libvirt reads this nvram list only where no firmware descriptors exist; the option is gone from 25.11 on.";

    public static ModuleContribution For(HostOptions options, ModuleDomain? domain)
    {
        var ovmf = Set(Bind("enable", true), Bind("packages", List(Ref("pkgs.OVMFFull.fd"))));
        var qemu = Set(
            Bind("package", Ref("pkgs.qemu_kvm")),
            Bind("swtpm.enable", true, "TPM 2.0 emulation, required by Windows 11."),
            options.Release is { HasOvmfSubmodule: true } ? Bind("ovmf", ovmf, OvmfWhy) : null);
        // Without --nixos the release is read where the module is evaluated, not guessed here: the
        // ovmf option is then defined only on releases that still have it (nixpkgs PR #421549).
        var qemuBinding = options.Release is null
            ? Bind("qemu", new NixUpdate([qemu, Call("lib.optionalAttrs", Call("lib.versionOlder", Ref("lib.trivial.release"), "25.11"), Set(Bind("ovmf", ovmf)))]),
                OvmfWhy)
            : Bind("qemu", qemu);
        return new NixBinding[]
        {
            Bind("virtualisation.libvirtd", Set(
                Bind("enable", true),
                Bind("onBoot", "ignore", "Start VMs by hand; shut them down cleanly with the host."),
                Bind("onShutdown", "shutdown"),
                qemuBinding)),
            Bind("programs.virt-manager.enable", true),
        };
    }
}
