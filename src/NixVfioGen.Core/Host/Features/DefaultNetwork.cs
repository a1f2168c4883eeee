using NixVfioGen.Installed;
using NixVfioGen.Model;
using NixVfioGen.Nix;
using NixVfioGen.Shell;

namespace NixVfioGen.Host.Features;

/// <summary>
/// libvirt's <c>default</c> NAT network, which the domain's NIC uses. NixOS no longer autostarts it
/// (nixpkgs PR #186358), so a domain on it fails with "network 'default' is not active". A oneshot
/// unit marks it autostarted and starts it, once: after that libvirt's own autostart starts it at
/// every boot, and a user who later turns autostart off, or edits the network, is never overridden.
/// It never defines, edits or removes a network.
/// </summary>
public static class DefaultNetwork
{
    // StateDirectory= of the unit holds the marker that says the one-time step has run.
    private const string Marker = InstalledFiles.DefaultNetworkMarker;

    public static ModuleContribution For(HostOptions options, ModuleDomain? domain) => new[] { Binding() };

    private static NixBinding Binding()
    {
        var uri = LibvirtSystem.Uri;
        var script = ShellScript.Build([ShellTool.Virsh, ShellTool.Touch],
        [
            $"if ! info=$(\"$virsh\" -c {uri} net-info default 2>&1); then",
            "  echo \"libvirt has no network named default; leaving networks as they are: $info\"",
            "  exit 0",
            "fi",
            "if [[ $info =~ Autostart:[[:space:]]+no ]]; then",
            $"  \"$virsh\" -c {uri} net-autostart default",
            "fi",
            "if [[ $info =~ Active:[[:space:]]+no ]]; then",
            $"  \"$virsh\" -c {uri} net-start default",
            "fi",
            $"\"$touch\" {Marker}",
            "echo 'default network autostarted once; libvirt starts it from now on'",
        ]);
        return new NixBinding(["systemd", "services", InstalledUnits.DefaultNetwork], new NixAttrSet(
        [
            NixBinding.Of("description", new NixString("Autostart libvirt's default network once")),
            NixBinding.Of("after", new NixList([new NixString("libvirtd.service")])),
            NixBinding.Of("requires", new NixList([new NixString("libvirtd.service")])),
            NixBinding.Of("wantedBy", new NixList([new NixString("multi-user.target")])),
            NixBinding.Of("unitConfig.ConditionPathExists", new NixString("!" + Marker)),
            NixBinding.Of("serviceConfig", new NixAttrSet(
            [
                NixBinding.Of("Type", new NixString("oneshot")),
                NixBinding.Of("StateDirectory", new NixString(InstalledFiles.Directory)),
            ])),
            NixBinding.Of("script", script),
        ]), "NixOS no longer autostarts libvirt's default network; mark it autostarted and start it, once.");
    }
}
