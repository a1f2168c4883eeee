using NixVfioGen.Model;
using NixVfioGen.Nix;

namespace NixVfioGen.Host.Features;

/// <summary>
/// Binding by address: <c>driver_override</c> on exactly the listed functions from the initrd, before
/// udev loads any graphics driver, then a re-probe so an already loaded vfio-pci takes them. Both the
/// scripted and the systemd initrd get it; each definition is active only for its own initrd.
/// </summary>
public static class AddressBinding
{
    public const string SystemdUnit = "vfio-pci-bind";

    /// <summary>
    /// NVIDIA's driver, loaded in the initrd for early KMS, claims every NVIDIA GPU before the binding
    /// script runs and does not release one it drives: the two cannot work together.
    /// </summary>
    public static IReadOnlyList<string> DriversThatKeepTheGpu { get; } = ["nvidia", "nvidia_drm", "nvidia_modeset", "nvidia_uvm"];

    /// <summary>Drivers that may claim the GPU in the initrd but release it when the script unbinds them.</summary>
    public static IReadOnlyList<string> DriversThatReleaseTheGpu { get; } = ["amdgpu", "radeon", "nouveau", "i915", "xe"];

    private const string KeepingName = "driversKeepingTheGpu";
    private const string ReleasingName = "driversReleasingTheGpu";
    private const string InitrdModulesName = "initrdModules";

    /// <summary>The <c>let</c> bindings the assertion and the warning read.</summary>
    public static IReadOnlyList<NixBinding> LetBindings() =>
    [
        // A list of names on every release: where it may be set as an attribute set of booleans, the
        // option's apply turns it back into the enabled names (nixos/modules/system/boot/kernel.nix).
        NixBinding.Of(InitrdModulesName, NixReference.Of("config.boot.initrd.kernelModules"),
            "Graphics drivers loaded in the initrd claim the GPU before the address binding runs."),
        NixBinding.Of(KeepingName, Strings(DriversThatKeepTheGpu), "NVIDIA's driver does not release a GPU it drives."),
        NixBinding.Of(ReleasingName, Strings(DriversThatReleaseTheGpu), "These release it when the binding unbinds them."),
    ];

    public static IReadOnlyList<NixBinding> Bindings(IReadOnlyList<PciAddress> addresses)
    {
        // A driver that already holds a function ignores driver_override until it lets go: unbind first.
        var script = string.Join('\n',
            "for dev in " + string.Join(' ', addresses) + "; do",
            "  if [ -e \"/sys/bus/pci/devices/$dev/driver\" ]; then",
            "    echo \"$dev\" > \"/sys/bus/pci/devices/$dev/driver/unbind\"",
            "  fi",
            "  echo vfio-pci > \"/sys/bus/pci/devices/$dev/driver_override\"",
            "  echo \"$dev\" > /sys/bus/pci/drivers_probe",
            "done",
            "");
        var systemdInitrd = NixReference.Of("config.boot.initrd.systemd.enable");
        var initrdModules = new NixReference(InitrdModulesName);
        return
        [
            NixBinding.Of("assertions", new NixList(
            [
                new NixAttrSet(
                [
                    NixBinding.Of("assertion", new NixApply(NixReference.Of("lib.mutuallyExclusive"), [new NixReference(KeepingName), initrdModules])),
                    NixBinding.Of("message", new NixString(
                        "nix-vfio-gen: binding by address cannot take the GPU from NVIDIA's driver, which boot.initrd.kernelModules loads " +
                        "before the binding runs and which does not release a GPU it drives. Remove the nvidia modules from " +
                        "boot.initrd.kernelModules, or bind by ids (softdeps then order vfio-pci first).")),
                ]),
            ])),
            NixBinding.Of("warnings", new NixApply(NixReference.Of("lib.optionals"),
            [
                new NixNot(new NixApply(NixReference.Of("lib.mutuallyExclusive"), [new NixReference(ReleasingName), initrdModules])),
                new NixList([new NixString(
                    "nix-vfio-gen: a graphics driver is loaded in the initrd (boot.initrd.kernelModules); the address binding unbinds " +
                    "it from the passthrough functions first. If the GPU does not end up on vfio-pci, stop loading that driver in the initrd " +
                    "(e.g. hardware.amdgpu.initrd.enable = false)."),]),
            ])),
            NixBinding.Of("boot.initrd.preDeviceCommands",
                MkIf(new NixNot(systemdInitrd), new NixIndentedString(script)),
                "Bind by address (identical devices stay with the host): driver_override before udev loads any driver."),
            new NixBinding(["boot", "initrd", "systemd", "services", SystemdUnit], MkIf(systemdInitrd, new NixAttrSet(
            [
                NixBinding.Of("description", new NixString("Bind the passthrough functions to vfio-pci by address")),
                NixBinding.Of("wantedBy", new NixList([new NixString("sysinit.target")])),
                NixBinding.Of("after", new NixList([new NixString("systemd-modules-load.service")])),
                NixBinding.Of("before", new NixList([new NixString("systemd-udev-trigger.service")])),
                NixBinding.Of("unitConfig.DefaultDependencies", new NixBool(false)),
                NixBinding.Of("serviceConfig.Type", new NixString("oneshot")),
                NixBinding.Of("script", new NixIndentedString(script)),
            ]))),
        ];
    }

    private static NixList Strings(IEnumerable<string> values) => new(values.Select(v => (NixExpr)new NixString(v)).ToArray());

    private static NixApply MkIf(NixExpr condition, NixExpr content) => new(NixReference.Of("lib.mkIf"), [condition, content]);
}
