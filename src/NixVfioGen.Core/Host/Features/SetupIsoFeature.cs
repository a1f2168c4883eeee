using NixVfioGen.Guest;
using NixVfioGen.Installed;
using NixVfioGen.Model;
using NixVfioGen.Nix;
using static NixVfioGen.Nix.Nix;

namespace NixVfioGen.Host.Features;

/// <summary>
/// Builds the setup ISO when the system is built and installs it under /etc for the domain's cdrom:
/// autounattend.xml, the first-logon script, and pkgs.virtio-win (the unpacked virtio-win ISO, so
/// --virtio-iso is not needed), put together by xorriso from nixpkgs.
/// </summary>
public static class SetupIsoFeature
{
    private const string AutounattendLet = "setupAutounattend";
    private const string ScriptLet = "setupFirstLogonScript";

    public static ModuleContribution For(HostOptions host, ModuleDomain? carried)
    {
        if (carried?.Options is not { GuestSetup: { } setup } domain)
        {
            return ModuleContribution.None;
        }
        var autounattend = AutounattendBuilder.Render(AutounattendBuilder.Build(domain.Windows, setup));
        var build = new NixIndentedString(
        [
            new NixText("mkdir -p root\n"),
            new NixText("cp "), new NixInterpolation(Ref(AutounattendLet)), new NixText($" root/{SetupMedia.Autounattend}\n"),
            new NixText("cp "), new NixInterpolation(Ref(ScriptLet)), new NixText($" root/{SetupMedia.FirstLogonScript}\n"),
            new NixText("cp -r "), new NixInterpolation(Ref("pkgs.virtio-win")), new NixText($"/. root/{SetupMedia.VirtioWinDirectory}/\n"),
            new NixText("chmod -R u+w root\n"),
            // Joliet with long names for Windows, Rock Ridge for Linux; the label is only for people.
            new NixInterpolation(Ref("pkgs.xorriso")), new NixText($"/bin/xorriso -as mkisofs -J -joliet-long -r -V {SetupMedia.VolumeLabel} -o \"$out\" root\n"),
        ]);
        return new ModuleContribution(
        [
            new NixBinding(["environment", "etc", InstalledFiles.SetupIso(domain.Name).Key, "source"],
                Call("pkgs.runCommand", $"nix-vfio-gen-{domain.Name}-setup.iso", Set(), build),
                $"The unattended-install cdrom of {domain.Name}: Windows Setup finds {SetupMedia.Autounattend} on it, loads the virtio\n"
                + "drivers from it, and the first logon installs the guest tools and the Looking Glass host of the client's version."),
        ],
        [
            Bind(AutounattendLet, Call("pkgs.writeText", SetupMedia.Autounattend, new NixIndentedString(autounattend))),
            Bind(ScriptLet, Call("pkgs.writeText", SetupMedia.FirstLogonScript, FirstLogonScript.Nix())),
        ])
        {
            NextSteps = [$"First start: Windows installs itself from --iso; sign in happens once automatically, then set a password for {setup.Account}."],
        };
    }
}
