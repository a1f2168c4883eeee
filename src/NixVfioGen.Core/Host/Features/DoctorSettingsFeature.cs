using NixVfioGen.Doctor;
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
        new NixBinding(["environment", "etc", InstalledFiles.Settings.Key, "text"], new NixIndentedString(Settings.For(options, domain?.Options).ToJson()),
            "What this file was generated for; nix-vfio-gen doctor checks the machine against it."),
    };
}
