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
        if (carried?.Options is not { } domain)
        {
            return ModuleContribution.None;
        }
        if (domain.GuestSetup is not { } setup)
        {
            return ByHand(domain);
        }
        var lookingGlassHost = domain.LookingGlass is not LookingGlass.Off;
        var autounattend = AutounattendBuilder.Render(AutounattendBuilder.Build(domain.Windows, setup, lookingGlassHost));
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
                + (lookingGlassHost
                    ? "drivers from it, and the first logon installs the guest tools and the Looking Glass host of the client's version."
                    : "drivers from it, and the first logon installs the guest tools.")),
        ],
        [
            Bind(AutounattendLet, Call("pkgs.writeText", SetupMedia.Autounattend, new NixIndentedString(autounattend))),
            Bind(ScriptLet, Call("pkgs.writeText", SetupMedia.FirstLogonScript, FirstLogonScript.Nix(lookingGlassHost))),
        ])
        {
            NextSteps = [$"First start: in the VM's console (virt-manager or virt-viewer) press a key at \"Press any key to boot from CD or DVD\"; Windows then installs itself from --iso, signs in once automatically, and you set a password for {setup.Account}."],
        };
    }

    /// <summary>
    /// Without --guest-setup, the header says what the setup cdrom would have done: the virtio driver for the
    /// disk, the guest tools, and the Looking Glass host of exactly the client's version (the store path of
    /// the installed client ends in its version, e.g. ...-looking-glass-client-B7).
    /// </summary>
    private static ModuleContribution ByHand(DomainOptions domain)
    {
        if (domain.InstallerIso is null)
        {
            return ModuleContribution.None;
        }
        var release = VirtioWinDrivers.Release(domain.Windows);
        return new ModuleContribution([], [])
        {
            NextSteps =
            [
                domain.VirtioIso is null
                    ? "Installing Windows by hand: Setup lists no disk until it has the virtio driver; give --virtio-iso PATH (or --guest-setup)."
                    : $"Installing Windows by hand: at \"Where do you want to install Windows?\" choose Load driver, then viostor\\{release}\\amd64 on the virtio-win cdrom.",
                "In Windows, run virtio-win-guest-tools.exe from the virtio-win cdrom (drivers, guest agent, SPICE agent)"
                + (domain.LookingGlass is LookingGlass.Off ? "." : ", then the Looking Glass host of the client's version:"),
                .. domain.LookingGlass is LookingGlass.Off
                    ? Array.Empty<string>()
                    : [$"`readlink -f \"$(command -v looking-glass-client)\"` ends in looking-glass-client-VERSION; get {string.Format(System.Globalization.CultureInfo.InvariantCulture, FirstLogonScript.HostUrlPattern, "VERSION")}."],
            ],
        };
    }
}
