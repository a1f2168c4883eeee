using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NixVfioGen.Host;
using NixVfioGen.Model;

namespace NixVfioGen.Doctor;

/// <summary>
/// What the generation meant, as data: the module installs it as /etc/nix-vfio-gen/settings.json and
/// doctor checks the machine against it. Deterministic: no timestamps, fields in a fixed order.
/// </summary>
public sealed record Settings(
    IReadOnlyList<string> Ids,
    IReadOnlyList<string> Pci,
    string BindAt,
    string BindBy,
    bool SingleGpu,
    string Platform,
    IReadOnlyList<string> KernelParams,
    string SecureBootKeys,
    bool SecureBoot,
    string? User,
    string LookingGlass,
    int? ShmemMiB,
    IReadOnlyList<string> VendorReset,
    string? VmName,
    string? Disk,
    string? DiskSize,
    IReadOnlyList<string> Isos,
    // Only with --guest-setup and --iso (doctor compares the ISO's language); absent otherwise.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InstallerIso = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GuestLanguage = null)
{
    public const string EtcPath = "nix-vfio-gen/settings.json";

    public static Settings For(HostOptions host, DomainOptions? domain) => new(
        host.Ids.Select(id => id.ToString()).ToArray(),
        (domain?.Pci ?? (host.Binding is GpuBinding.ByAddress address ? address.Addresses : [])).Select(a => a.ToString()).ToArray(),
        EnumNames.BindAtSpelling.Name(host.BindAt),
        host.Binding.Mode.Name(),
        host.SingleGpu,
        host.Platform.Name(),
        KernelParameters.For(host.Platform, host.IgnoreMsrs),
        host.SecureBootKeys.Name(),
        domain?.SecureBoot ?? false,
        host.User?.Value,
        host.LookingGlass.Mode.Name(),
        host.LookingGlass switch
        {
            LookingGlass.SharedMemoryFile file => file.Size.MiB,
            LookingGlass.KvmfrDevice device => device.Size.MiB,
            _ => null,
        },
        host.ResetQuirk == ResetQuirk.Auto ? host.Ids.Where(VendorResetDevices.Covers).Select(id => id.ToString()).ToArray() : [],
        domain?.Name.Value,
        domain?.Disk.Value,
        domain?.DiskSize.QemuImgSize,
        new[] { domain?.InstallerIso, domain?.VirtioIso }.OfType<HostPath>().Select(path => path.Value).ToArray(),
        domain?.GuestSetup is null ? null : domain.InstallerIso?.Value,
        domain?.InstallerIso is null ? null : domain.GuestSetup?.Language.Value);

    private static readonly SettingsContext Context = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public string ToJson() => JsonSerializer.Serialize(this, Context.Settings) + "\n";

    /// <summary>The settings file, or null when it is not settings JSON.</summary>
    public static Settings? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, Context.Settings);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSerializable(typeof(Settings))]
internal sealed partial class SettingsContext : JsonSerializerContext;
