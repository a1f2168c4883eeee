using NixVfioGen.Model;
using NixVfioGen.Nix;

namespace NixVfioGen.Host;

/// <summary>
/// Binding by address: <c>driver_override</c> on exactly the listed functions from the initrd, before
/// udev loads any graphics driver, then a re-probe so an already loaded vfio-pci takes them. Both the
/// scripted and the systemd initrd get it; each definition is active only for its own initrd.
/// </summary>
public static class AddressBinding
{
    public const string SystemdUnit = "vfio-pci-bind";

    public static IReadOnlyList<NixBinding> Bindings(IReadOnlyList<PciAddress> addresses)
    {
        var script = string.Join('\n',
            "for dev in " + string.Join(' ', addresses) + "; do",
            "  echo vfio-pci > /sys/bus/pci/devices/$dev/driver_override",
            "  echo $dev > /sys/bus/pci/drivers_probe",
            "done",
            "");
        var systemdInitrd = NixReference.Of("config.boot.initrd.systemd.enable");
        return
        [
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

    private static NixApply MkIf(NixExpr condition, NixExpr content) => new(NixReference.Of("lib.mkIf"), [condition, content]);
}
