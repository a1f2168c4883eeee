using NixVfioGen.Model;

namespace NixVfioGen.Doctor;

/// <summary>The settings file, parsed back into the model's types so that the checks compare values, not strings.</summary>
public sealed record Expectation(
    IReadOnlyList<PciId> Ids,
    IReadOnlyList<PciAddress> Pci,
    BindAt BindAt,
    BindingMode BindBy,
    bool SingleGpu,
    IReadOnlyList<string> KernelParams,
    SecureBootKeys SecureBootKeys,
    bool SecureBoot,
    UserName? User,
    LookingGlassMode LookingGlass,
    int? ShmemMiB,
    IReadOnlyList<PciId> VendorReset,
    DomainName? VmName,
    string? Disk,
    string? DiskSize,
    IReadOnlyList<string> Isos,
    string? InstallerIso = null,
    GuestLanguage? GuestLanguage = null)
{
    /// <summary>Nothing known: no settings file and no options. Doctor still checks what needs none.</summary>
    public static Expectation Unknown { get; } = new([], [], BindAt.Boot, BindingMode.Ids, false, [], SecureBootKeys.None, false, null, LookingGlassMode.None, null, [], null, null, null, []);

    /// <summary>Throws <see cref="InvalidInputException"/> naming the first value that is not what the generator writes.</summary>
    public static Expectation From(Settings settings) => new(
        (settings.Ids ?? []).Select(PciId.Parse).ToArray(),
        (settings.Pci ?? []).Select(PciAddress.Parse).ToArray(),
        EnumNames.BindAtSpelling.Parse(settings.BindAt ?? ""),
        EnumNames.ParseBindingMode(settings.BindBy ?? ""),
        settings.SingleGpu,
        settings.KernelParams ?? [],
        EnumNames.ParseSecureBootKeys(settings.SecureBootKeys ?? EnumNames.Name(Model.SecureBootKeys.None)),
        settings.SecureBoot,
        settings.User is { } user ? UserName.Parse(user) : null,
        EnumNames.ParseLookingGlassMode(settings.LookingGlass ?? ""),
        settings.ShmemMiB,
        (settings.VendorReset ?? []).Select(PciId.Parse).ToArray(),
        settings.VmName is { } name ? DomainName.Parse(name) : null,
        settings.Disk,
        settings.DiskSize,
        settings.Isos ?? [],
        settings.InstallerIso,
        settings.GuestLanguage is { } language ? Model.GuestLanguage.Parse(language) : null);
}
