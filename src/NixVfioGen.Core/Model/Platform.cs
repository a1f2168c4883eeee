namespace NixVfioGen.Model;

/// <summary>The host CPU vendor, which decides IOMMU kernel parameters and the kvm module.</summary>
public enum Platform
{
    /// <summary>Parameters valid on both vendors; hardware-configuration.nix already loads kvm-amd/kvm-intel.</summary>
    Auto,
    Amd,
    Intel,
}
