using NixVfioGen.Doctor;
using NixVfioGen.Model;
using NixVfioGen.Nix;

namespace NixVfioGen.Host.Features;

/// <summary>
/// Installs what the module was generated for as /etc/nix-vfio-gen/settings.json, so that doctor checks
/// the machine against this generation rather than asking the user to repeat the options.
/// </summary>
public static class DoctorSettingsFeature
{
    public static ModuleContribution For(HostOptions options, DomainOptions? domain) => new[]
    {
        new NixBinding(["environment", "etc", Settings.EtcPath, "text"], new NixIndentedString(Settings.For(options, domain).ToJson()),
            "What this file was generated for; nix-vfio-gen doctor checks the machine against it."),
    };
}
