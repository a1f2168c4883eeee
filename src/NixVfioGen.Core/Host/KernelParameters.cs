using NixVfioGen.Model;

namespace NixVfioGen.Host;

/// <summary>The kernel command line and kvm module a platform needs for passthrough.</summary>
public static class KernelParameters
{
    /// <summary>
    /// Intel needs <c>intel_iommu=on</c>; AMD-Vi is on by default and <c>amd_iommu=</c> has no "on" or "pt"
    /// value, so AMD gets only <c>iommu=pt</c>. Auto emits what is valid on both.
    /// </summary>
    public static IReadOnlyList<string> For(Platform platform, bool ignoreMsrs)
    {
        var parameters = new List<string>();
        if (platform is Platform.Intel or Platform.Auto)
        {
            parameters.Add("intel_iommu=on");
        }
        parameters.Add("iommu=pt");
        if (ignoreMsrs)
        {
            // Windows guests read MSRs KVM does not emulate; ignore them quietly instead of injecting #GP.
            parameters.Add("kvm.ignore_msrs=1");
            parameters.Add("kvm.report_ignored_msrs=0");
        }
        return parameters;
    }

    /// <summary>The kvm module for the platform; none under auto, where hardware-configuration.nix loads it.</summary>
    public static string? KvmModule(Platform platform) => platform switch
    {
        Platform.Amd => "kvm-amd",
        Platform.Intel => "kvm-intel",
        _ => null,
    };
}
