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
                Bindings =
                [
                    new NixBinding(["specialisation", Specialisation, "configuration"], new NixAttrSet(
                    [
                        Bind("system.nixos.tags", Strings([Specialisation])),
                        .. binding.Bindings,
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
            Bind("boot.extraModprobeConfig", Lines(VfioBinding.ModprobeLines(options.Binding is GpuBinding.ByIds ? options.Ids : [])),
                options.Binding is GpuBinding.ByIds
                    ? "Bind exactly these ids to vfio-pci, and load graphics drivers only after it."
                    : "Load graphics drivers only after vfio-pci."),
        };
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
