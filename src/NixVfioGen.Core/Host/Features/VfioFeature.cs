using NixVfioGen.Model;
using NixVfioGen.Nix;
using static NixVfioGen.Nix.Nix;

namespace NixVfioGen.Host.Features;

/// <summary>vfio-pci claims the GPU: its modules, early or late, the id list or the address binding, and the softdeps.</summary>
public static class VfioFeature
{
    /// <summary>The let name of the booted kernel's version.</summary>
    public const string KernelVersion = "kernelVersion";

    private const string VirqfdWhy = "vfio_virqfd is part of vfio.ko since Linux 6.2; only older kernels load it separately.";

    /// <summary>The specialisation's name, and so its boot entry's.</summary>
    public const string Specialisation = "vfio";

    public static ModuleContribution For(HostOptions options, ModuleDomain? domain)
    {
        var binding = BootBinding(options);
        return options.BindAt switch
        {
            // The binding only in a second boot entry; the IOMMU and everything else stay in both.
            BindAt.Specialisation => binding with
            {
                Let =
                [
                    .. binding.Let,
                    Bind(BaseVideoDrivers, Ref("config.services.xserver.videoDrivers"), "The default entry's X drivers (NixOS tries them in order)."),
                ],
                Bindings =
                [
                    new NixBinding(["specialisation", Specialisation, "configuration"], new NixAttrSet(
                    [
                        Bind("system.nixos.tags", Strings([Specialisation])),
                        .. binding.Bindings,
                        XFallback,
                    ]), "A second boot entry, tagged vfio, with the GPU bound to vfio-pci; the default entry leaves it to its driver.\n" +
                        "NixOS builds a second initrd for it."),
                ],
            },
            // No binding at boot: the hook hands the GPU over when the VM starts; vfio-pci only needs loading.
            BindAt.VmStart => new ModuleContribution(
                [Bind("boot.kernelModules", Strings(VfioBinding.Modules), "vfio-pci is loaded; the GPU is handed to it when the VM starts (the hook below).")], []),
            _ => binding,
        };
    }

    /// <summary>The let name of the base configuration's X drivers, read by the vfio entry.</summary>
    public const string BaseVideoDrivers = "baseVideoDrivers";

    /// <summary>
    /// In the vfio entry the passed GPU is on vfio-pci, so an X driver that only it could serve (typically
    /// <c>videoDrivers = [ "nvidia" ]</c> on the base) finds no card and X does not start. NixOS tries the
    /// listed drivers in order until one supports a card (services.xserver.videoDrivers, xserver.nix), so the
    /// entry appends modesetting, which drives whatever GPU the host keeps through its kernel driver; a host
    /// that keeps a card for the first driver still gets that driver. The base's list is read from the base's
    /// own config (lexically), so the entry's definition does not depend on itself.
    /// </summary>
    private static NixBinding XFallback => Bind("services.xserver.videoDrivers",
        MkIf(new NixNot(Call("lib.elem", "modesetting", new NixReference(BaseVideoDrivers))),
            Call("lib.mkForce", new NixConcat([new NixReference(BaseVideoDrivers), Strings(["modesetting"])]))),
        "The passed GPU is on vfio-pci here: X falls back to modesetting on the GPU the host keeps.");

    private static ModuleContribution BootBinding(HostOptions options)
    {
        var modules = new NixConcat(
        [
            Strings(VfioBinding.Modules),
            Call("lib.optional", Call("lib.versionOlder", new NixReference(KernelVersion), VfioBinding.VirqfdFoldedInVersion), VfioBinding.VirqfdModule),
        ]);
        var bindings = new List<NixBinding>
        {
            options.EarlyBinding
                ? Bind("boot.initrd.kernelModules", modules, "vfio-pci claims the GPU from the initrd, before any graphics driver loads.\n" + VirqfdWhy)
                : Bind("boot.kernelModules", modules, "vfio-pci loads after the initrd; the softdep lines still order it before the graphics drivers.\n" + VirqfdWhy),
        };
        if (VfioBinding.ModprobeLines(options.Binding, options.Ids) is { Count: > 0 } lines)
        {
            // mkBefore: libkmod reads only a module's first softdep line, so these must come before any other
            // definition's (nixpkgs' nvidia.nix writes one for nvidia, whose post: the line here repeats).
            bindings.Add(Bind("boot.extraModprobeConfig", Call("lib.mkBefore", Lines(lines)),
                "Bind exactly these ids to vfio-pci, and load this GPU's graphics drivers only after it."));
        }
        var let = new List<NixBinding>
        {
            Bind(KernelVersion, Ref("config.boot.kernelPackages.kernel.version"), "The booted kernel, not pkgs.linux: module availability depends on it."),
        };
        if (options.Binding is GpuBinding.ByAddress byAddress)
        {
            bindings.AddRange(AddressBinding.Bindings(byAddress.Addresses));
            let.AddRange(AddressBinding.LetBindings());
        }
        return new ModuleContribution(bindings, let);
    }
}
