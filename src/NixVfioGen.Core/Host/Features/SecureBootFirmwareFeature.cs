using NixVfioGen.Installed;
using NixVfioGen.Model;
using NixVfioGen.Nix;

namespace NixVfioGen.Host.Features;

/// <summary>With Microsoft's keys asked for: OVMFFull's enrolled images at the stable paths the domain's loader names.</summary>
public static class SecureBootFirmwareFeature
{
    public static ModuleContribution For(HostOptions options, ModuleDomain? domain)
    {
        if (options.SecureBootKeys != SecureBootKeys.Microsoft)
        {
            return ModuleContribution.None;
        }
        const string why = "Secure Boot firmware with Microsoft's keys enrolled, at a path that survives nixpkgs updates.";
        return new[] { (MicrosoftKeysFirmware.CodeFile, why), (MicrosoftKeysFirmware.VarsFile, (string?)null) }
            .Select(file => new NixBinding(["environment", "etc", $"{MicrosoftKeysFirmware.EtcDirectory}/{file.Item1}", "source"],
                new NixString([new NixInterpolation(NixReference.Of("pkgs.OVMFFull.fd")), new NixText("/FV/" + file.Item1)]), file.Item2))
            .ToArray();
    }
}
