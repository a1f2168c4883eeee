using NixVfioGen.Model;
using NixVfioGen.Nix;
using NixVfioGen.Shell;
using static NixVfioGen.Nix.Nix;

namespace NixVfioGen.Host.Features;

/// <summary>
/// The AMD reset bug: gnif/vendor-reset for the GPUs it lists. nixpkgs packages the module without
/// its udev rule (NixOS/nixpkgs#332270), and from Linux 5.15 a device uses it only once its
/// reset_method is device_specific. The kernel accepts that value only after vendor-reset has hooked
/// the device ("Unsupported reset method 'device_specific'", gnif/vendor-reset#46), and udev's
/// coldplug is not ordered after systemd-modules-load, so the rule loads the module itself before it
/// writes, as upstream's udev/99-vendor-reset.rules does (gnif/vendor-reset#64: "setting the
/// reset_method too early won't work"), by store path and logging to the journal.
/// </summary>
public static class VendorResetFeature
{
    /// <summary>The let name of the script udev runs for each listed GPU.</summary>
    public const string ScriptName = "vendorResetMethod";

    public static ModuleContribution For(HostOptions options, ModuleDomain? domain)
    {
        var covered = options.Ids.Where(VendorResetDevices.Covers).ToArray();
        if (options.ResetQuirk == ResetQuirk.Off || covered.Length == 0)
        {
            return ModuleContribution.None;
        }
        var script = Call("pkgs.writeShellScript", "nix-vfio-gen-vendor-reset-method", ShellScript.Build([ShellTool.Modprobe, ShellTool.Logger],
        [
            "# udev runs this as each listed GPU appears, with the device's sysfs path.",
            "device=\"$1\"",
            "log() { \"$logger\" -t nix-vfio-gen -- \"$*\"; }",
            "if ! \"$modprobe\" vendor-reset; then",
            "  log \"vendor-reset did not load; $device keeps its own reset method\"",
            "  exit 1",
            "fi",
            "if echo device_specific > \"$device/reset_method\"; then",
            "  log \"$device resets through vendor-reset (reset_method device_specific)\"",
            "else",
            "  log \"$device refused reset_method device_specific\"",
            "  exit 1",
            "fi",
        ]));
        var rules = new NixIndentedString(covered.SelectMany(id => new NixStringPart[]
        {
            new NixText($"ACTION==\"add\", SUBSYSTEM==\"pci\", ATTR{{vendor}}==\"0x{id.Vendor}\", ATTR{{device}}==\"0x{id.Device}\", RUN+=\""),
            new NixInterpolation(new NixReference(ScriptName)),
            // udev substitutes $sys (/sys) and $devpath (udev(7), "Substitutions").
            new NixText(" $sys$devpath\"\n"),
        }).ToArray());
        return new ModuleContribution(
        [
            Bind("boot.kernelModules", Strings(["vendor-reset"])),
            Bind("boot.extraModulePackages", List(Ref("config.boot.kernelPackages.vendor-reset")),
                $"{string.Join(", ", covered)} cannot reset after the guest shuts down without vendor-reset (gnif/vendor-reset)."),
            Bind("services.udev.extraRules", rules,
                "Linux 5.15+ resets these through vendor-reset only with reset_method device_specific, which the kernel accepts\n" +
                "only once vendor-reset is loaded: the script loads it, then writes."),
        ],
        [
            Bind(ScriptName, script, "Loads vendor-reset, then sets the GPU's reset_method; udev runs it, the journal has its lines."),
        ]);
    }
}
