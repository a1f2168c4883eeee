using NixVfioGen.Installed;
using NixVfioGen.Model;
using NixVfioGen.Nix;

namespace NixVfioGen.Host.Features;

/// <summary>
/// Installs what the module was generated for as /etc/nix-vfio-gen/settings.json, so that doctor checks
/// the machine against this generation rather than asking the user to repeat the options.
/// </summary>
public static class DoctorSettingsFeature
{
    public static ModuleContribution For(HostOptions options, ModuleDomain? domain) => new[]
    {
        new NixBinding(["environment", "etc", InstalledFiles.Settings.Key, "text"], new NixIndentedString(SettingsJson.Write(SettingsFor(options, domain?.Options))),
            "What this file was generated for; nix-vfio-gen doctor checks the machine against it."),
    };

    public static Settings SettingsFor(HostOptions host, DomainOptions? domain) => new()
    {
        Ids = host.Ids,
        Pci = domain?.Pci ?? (host.Binding is GpuBinding.ByAddress address ? address.Addresses : []),
        BindAt = host.BindAt,
        BindBy = host.Binding.Mode,
        SingleGpu = host.SingleGpu,
        Platform = host.Platform,
        KernelParams = KernelParameters.For(host.Platform, host.IgnoreMsrs),
        SecureBootKeys = host.SecureBootKeys,
        SecureBoot = domain?.SecureBoot ?? false,
        User = host.User,
        LookingGlass = host.LookingGlass.Mode,
        ShmemMiB = host.LookingGlass switch
        {
            LookingGlass.SharedMemoryFile file => file.Size.MiB,
            LookingGlass.KvmfrDevice device => device.Size.MiB,
            _ => null,
        },
        VendorReset = host.ResetQuirk == ResetQuirk.Auto ? host.Ids.Where(VendorResetDevices.Covers).ToArray() : [],
        VmName = domain?.Name,
        Disk = domain?.Disk,
        DiskSize = domain?.DiskSize,
        Isos = new[] { domain?.InstallerIso, domain?.VirtioIso }.OfType<HostPath>().ToArray(),
        // Both or neither: doctor compares the ISO's language only when the setup cdrom answers Setup.
        InstallerIso = domain?.GuestSetup is null ? null : domain.InstallerIso,
        GuestLanguage = domain?.InstallerIso is null ? null : domain.GuestSetup?.Language,
    };
}
