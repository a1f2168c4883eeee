using NixVfioGen.Model;
using NixVfioGen.Nix;
using static NixVfioGen.Nix.Nix;

namespace NixVfioGen.Host.Features;

/// <summary>The IOMMU on, host devices in pass-through mode, and the platform's kvm module.</summary>
public static class IommuFeature
{
    public static ModuleContribution For(HostOptions options, ModuleDomain? domain) => new NixBinding[]
    {
        Bind("boot.kernelParams", Strings(KernelParameters.For(options.Platform, options.IgnoreMsrs)),
            options.Platform switch
            {
                Platform.Amd => "AMD-Vi is on by default; iommu=pt keeps host devices out of DMA translation.",
                Platform.Intel => "VT-d on; iommu=pt keeps host devices out of DMA translation.",
                _ => "IOMMU on for Intel (AMD-Vi is on by default and ignores intel_iommu); host devices in pass-through mode.",
            }),
        // Empty under auto (hardware-configuration.nix loads kvm); other features' stage-2 modules join it here.
        Bind("boot.kernelModules", Strings(KernelParameters.KvmModule(options.Platform) is { } kvm ? [kvm] : [])),
    };
}
