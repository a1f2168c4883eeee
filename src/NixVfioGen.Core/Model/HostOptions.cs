namespace NixVfioGen.Model;

/// <summary>Everything the host module depends on, validated: building from it cannot fail.</summary>
public sealed record HostOptions(
    IReadOnlyList<PciId> Ids,
    Platform Platform,
    LookingGlassMode LookingGlass,
    ShmemSize ShmemSize,
    NixosRelease Release,
    bool EarlyBinding,
    bool IgnoreMsrs,
    UserName? User,
    BindingMode BindBy = BindingMode.Ids,
    IReadOnlyList<PciAddress>? Addresses = null,
    SecureBootKeys SecureBootKeys = SecureBootKeys.None)
{
    /// <summary>The functions bound by address; empty under id binding.</summary>
    public IReadOnlyList<PciAddress> BoundAddresses => BindBy == BindingMode.Address ? Addresses ?? [] : [];

    /// <summary>The defaults a user gets with only --ids.</summary>
    public static HostOptions ForIds(IReadOnlyList<PciId> ids) => new(
        ids,
        Platform.Auto,
        LookingGlassMode.Shm,
        ShmemSize.ForResolution(Resolution.Default),
        NixosRelease.Default,
        EarlyBinding: true,
        IgnoreMsrs: true,
        User: null);
}
