using NixVfioGen.Model;
using NixVfioGen.Nix;
using static NixVfioGen.Nix.Nix;

namespace NixVfioGen.Host.Features;

/// <summary>
/// The AMD reset bug: gnif/vendor-reset for the GPUs it lists. nixpkgs packages the module without
/// its udev rule (NixOS/nixpkgs#332270), and from Linux 5.15 a device uses it only once its
/// reset_method is device_specific, which the rule sets (udev writes the attribute itself).
/// </summary>
public static class VendorResetFeature
{
    public static ModuleContribution For(HostOptions options, ModuleDomain? domain)
    {
        var covered = options.Ids.Where(VendorResetDevices.Covers).ToArray();
        if (options.ResetQuirk == ResetQuirk.Off || covered.Length == 0)
        {
            return ModuleContribution.None;
        }
        return new[]
        {
            Bind("boot.kernelModules", Strings(["vendor-reset"])),
            Bind("boot.extraModulePackages", List(Ref("config.boot.kernelPackages.vendor-reset")),
                $"{string.Join(", ", covered)} cannot reset after the guest shuts down without vendor-reset (gnif/vendor-reset)."),
            Bind("services.udev.extraRules", Lines(covered.Select(id =>
                    $"ACTION==\"add\", SUBSYSTEM==\"pci\", ATTR{{vendor}}==\"0x{id.Vendor}\", ATTR{{device}}==\"0x{id.Device}\", ATTR{{reset_method}}=\"device_specific\"")),
                "Linux 5.15+ resets these through vendor-reset only with reset_method device_specific."),
        };
    }
}
