using NixVfioGen.Model;
using NixVfioGen.Nix;
using static NixVfioGen.Nix.Nix;

namespace NixVfioGen.Host.Features;

/// <summary>libvirtd with QEMU/KVM, TPM emulation and UEFI firmware, and virt-manager.</summary>
public static class LibvirtFeature
{
    public static ModuleContribution For(HostOptions options) => new NixBinding[]
    {
        Bind("virtualisation.libvirtd", Set(
            Bind("enable", true),
            Bind("onBoot", "ignore", "Start VMs by hand; shut them down cleanly with the host."),
            Bind("onShutdown", "shutdown"),
            Bind("qemu", Set(
                Bind("package", Ref("pkgs.qemu_kvm")),
                Bind("swtpm.enable", true, "TPM 2.0 emulation, required by Windows 11."),
                options.Release.HasOvmfSubmodule
                    ? Bind("ovmf", Set(Bind("enable", true), Bind("packages", List(Ref("pkgs.OVMFFull.fd")))),
                        "Before NixOS 25.11: OVMFFull, Secure Boot capable, for UEFI guests.\n" +
                        "libvirt reads this nvram list only where no firmware descriptors exist; the option is gone from 25.11 on.")
                    : null)))),
        Bind("programs.virt-manager.enable", true),
    };
}
