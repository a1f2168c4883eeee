using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NixVfioGen.Model;

namespace NixVfioGen.Installed;

/// <summary>
/// <see cref="Settings"/> as the module installs it: camelCase members in declaration order, enums
/// by their command-line spelling (<see cref="EnumNames"/>), values as the options write them.
/// Deterministic: no timestamps. Source-generated, so NativeAOT and trimming need no reflection.
/// </summary>
public static class SettingsJson
{
    // The generator's options cannot name an encoder: paths and names are written as they are, not \u-escaped.
    private static readonly SettingsContext Context =
        new(new JsonSerializerOptions(SettingsContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static string Write(Settings settings) => JsonSerializer.Serialize(settings, Context.Settings) + "\n";

    /// <summary>
    /// The settings, or null when the text is not settings JSON (a member missing, a wrong type);
    /// throws <see cref="InvalidInputException"/> naming a value that is not what the generator writes.
    /// </summary>
    public static Settings? Read(string json)
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

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    Converters =
    [
        typeof(SpelledJson.BindAts), typeof(SpelledJson.BindingModes), typeof(SpelledJson.Platforms),
        typeof(SpelledJson.SecureBootKeysNames), typeof(SpelledJson.LookingGlassModes),
        typeof(ParsedJson.PciIds), typeof(ParsedJson.PciAddresses), typeof(ParsedJson.UserNames),
        typeof(ParsedJson.DomainNames), typeof(ParsedJson.HostPaths), typeof(ParsedJson.DiskSizes), typeof(ParsedJson.GuestLanguages),
    ])]
[JsonSerializable(typeof(Settings))]
internal sealed partial class SettingsContext : JsonSerializerContext;

/// <summary>An enum as its spelling table writes it.</summary>
internal abstract class SpelledJson<T>(Spelling<T> spelling) : JsonConverter<T> where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        spelling.Parse(reader.GetString() ?? throw new JsonException("expected a string"));

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(spelling.Name(value));
}

internal static class SpelledJson
{
    internal sealed class BindAts() : SpelledJson<BindAt>(EnumNames.BindAtSpelling);

    internal sealed class BindingModes() : SpelledJson<BindingMode>(EnumNames.BindingModes);

    internal sealed class Platforms() : SpelledJson<Platform>(EnumNames.Platforms);

    internal sealed class SecureBootKeysNames() : SpelledJson<SecureBootKeys>(EnumNames.SecureBootKeysSpelling);

    internal sealed class LookingGlassModes() : SpelledJson<LookingGlassMode>(EnumNames.LookingGlassModes);
}

/// <summary>A validated value as its option is written, read back through the same parser.</summary>
internal abstract class ParsedJson<T>(Func<string, T> parse, Func<T, string> write) : JsonConverter<T> where T : class
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        parse(reader.GetString() ?? throw new JsonException("expected a string"));

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(write(value));
}

internal static class ParsedJson
{
    internal sealed class PciIds() : ParsedJson<PciId>(PciId.Parse, id => id.ToString());

    internal sealed class PciAddresses() : ParsedJson<PciAddress>(PciAddress.Parse, address => address.ToString());

    internal sealed class UserNames() : ParsedJson<UserName>(UserName.Parse, name => name.Value);

    internal sealed class DomainNames() : ParsedJson<DomainName>(DomainName.Parse, name => name.Value);

    internal sealed class HostPaths() : ParsedJson<HostPath>(HostPath.Parse, path => path.Value);

    internal sealed class DiskSizes() : ParsedJson<DiskSize>(DiskSize.Parse, size => size.QemuImgSize);

    internal sealed class GuestLanguages() : ParsedJson<GuestLanguage>(GuestLanguage.Parse, language => language.Value);
}
