using NixVfioGen.Model;

namespace NixVfioGen.Host.Features;

/// <summary>One part of the host module, from the host's options and the VM the module carries, if any.</summary>
public delegate ModuleContribution ModuleFeature(HostOptions host, ModuleDomain? domain);

/// <summary>
/// Every feature of the host module, the one place a new one is added. In the order a reader meets
/// them in the module: a binding stays where its path first appears, and the header's next steps
/// follow this order.
/// </summary>
public static class ModuleFeatures
{
    public static IReadOnlyList<ModuleFeature> All { get; } =
    [
        IommuFeature.For,
        VfioFeature.For,
        VendorResetFeature.For,
        LibvirtFeature.For,
        DefaultNetwork.For,
        SecureBootFirmwareFeature.For,
        LookingGlassFeature.For,
        QemuDeviceAclFeature.For,
        UsersFeature.For,
        DomainFileFeature.For,
        HugePagesFeature.For,
        SetupIsoFeature.For,
        VmHook.For,
        DoctorSettingsFeature.For,
    ];
}
