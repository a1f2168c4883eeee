using System.Text.Json;
using NixVfioGen.Json;
using NixVfioGen.Model;

namespace NixVfioGen.Installed;

/// <summary>
/// <see cref="Settings"/> as the module installs it: camelCase members in declaration order, enums
/// by their command-line spelling (<see cref="EnumNames"/>), values as the options write them.
/// Deterministic: no timestamps. Each member is one line of <see cref="Fields"/>, which writes and
/// reads it; SettingsJsonTests holds the table to the record's properties.
/// </summary>
public static class SettingsJson
{
    internal static readonly IReadOnlyList<SettingsField> Fields =
    [
        SettingsField.List("ids", s => s.Ids, (s, v) => s with { Ids = v }, PciId.Parse, id => id.ToString()),
        SettingsField.List("pci", s => s.Pci, (s, v) => s with { Pci = v }, PciAddress.Parse, address => address.ToString()),
        SettingsField.Spelled("bindAt", s => s.BindAt, (s, v) => s with { BindAt = v }, EnumNames.BindAtSpelling),
        SettingsField.Spelled("bindBy", s => s.BindBy, (s, v) => s with { BindBy = v }, EnumNames.BindingModes),
        SettingsField.Flag("singleGpu", s => s.SingleGpu, (s, v) => s with { SingleGpu = v }),
        SettingsField.Spelled("platform", s => s.Platform, (s, v) => s with { Platform = v }, EnumNames.Platforms),
        SettingsField.List("kernelParams", s => s.KernelParams, (s, v) => s with { KernelParams = v }, text => text, text => text),
        SettingsField.Spelled("secureBootKeys", s => s.SecureBootKeys, (s, v) => s with { SecureBootKeys = v }, EnumNames.SecureBootKeysSpelling),
        SettingsField.Flag("secureBoot", s => s.SecureBoot, (s, v) => s with { SecureBoot = v }),
        SettingsField.Text("user", s => s.User, (s, v) => s with { User = v }, UserName.Parse, name => name.Value),
        SettingsField.Spelled("lookingGlass", s => s.LookingGlass, (s, v) => s with { LookingGlass = v }, EnumNames.LookingGlassModes),
        SettingsField.Number("shmemMiB", s => s.ShmemMiB, (s, v) => s with { ShmemMiB = v }),
        SettingsField.List("vendorReset", s => s.VendorReset, (s, v) => s with { VendorReset = v }, PciId.Parse, id => id.ToString()),
        SettingsField.Text("vmName", s => s.VmName, (s, v) => s with { VmName = v }, DomainName.Parse, name => name.Value),
        SettingsField.Text("disk", s => s.Disk, (s, v) => s with { Disk = v }, HostPath.Parse, path => path.Value),
        SettingsField.Text("diskSize", s => s.DiskSize, (s, v) => s with { DiskSize = v }, DiskSize.Parse, size => size.QemuImgSize),
        SettingsField.List("isos", s => s.Isos, (s, v) => s with { Isos = v }, HostPath.Parse, path => path.Value),
        SettingsField.Text("installerIso", s => s.InstallerIso, (s, v) => s with { InstallerIso = v }, HostPath.Parse, path => path.Value, optional: true),
        SettingsField.Text("guestLanguage", s => s.GuestLanguage, (s, v) => s with { GuestLanguage = v }, GuestLanguage.Parse, language => language.Value, optional: true),
    ];

    public static string Write(Settings settings) => IndentedJson.Write(writer =>
    {
        writer.WriteStartObject();
        foreach (var field in Fields)
        {
            field.Write(writer, settings);
        }
        writer.WriteEndObject();
    });

    /// <summary>
    /// The settings, or null when the text is not settings JSON (a member missing, a wrong type);
    /// throws <see cref="InvalidInputException"/> naming a value that is not what the generator writes.
    /// Members it does not know are ignored, as a newer generator's file may carry more.
    /// </summary>
    public static Settings? Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var settings = Settings.Unknown;
            foreach (var field in Fields)
            {
                if (document.RootElement.TryGetProperty(field.Name, out var value))
                {
                    settings = field.Read(settings, value);
                }
                else if (!field.Optional)
                {
                    return null;
                }
            }
            return settings;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (Exception error) when (error is InvalidOperationException or FormatException)
        {
            // JsonElement's typed getters refuse a value of another kind (a string where a number belongs, 1.5 for an int).
            return null;
        }
    }
}
