using System.Text.Json;
using NixVfioGen.Json;
using NixVfioGen.Model;

namespace NixVfioGen.Installed;

/// <summary>One member of settings.json: its name, how it is written from the record and read into it.</summary>
internal sealed record SettingsField(
    string Name,
    Action<Utf8JsonWriter, Settings> Write,
    Func<Settings, JsonElement, Settings> Read,
    bool Optional = false)
{
    public static SettingsField Flag(string name, Func<Settings, bool> get, Func<Settings, bool, Settings> set) => new(
        name,
        (writer, settings) => writer.WriteBoolean(name, get(settings)),
        (settings, value) => set(settings, value.GetBoolean()));

    public static SettingsField Number(string name, Func<Settings, int?> get, Func<Settings, int?, Settings> set) => new(
        name,
        (writer, settings) => writer.WriteNullable(name, get(settings)),
        (settings, value) => set(settings, value.ValueKind == JsonValueKind.Null ? null : value.GetInt32()));

    public static SettingsField Spelled<T>(string name, Func<Settings, T> get, Func<Settings, T, Settings> set, Spelling<T> spelling)
        where T : struct, Enum => new(
        name,
        (writer, settings) => writer.WriteString(name, spelling.Name(get(settings))),
        (settings, value) => set(settings, spelling.Parse(StringOf(value))));

    /// <summary>A validated value as its option is written, read back through the same parser; null when absent.</summary>
    public static SettingsField Text<T>(string name, Func<Settings, T?> get, Func<Settings, T?, Settings> set, Func<string, T> parse, Func<T, string> write, bool optional = false)
        where T : class => new(
        name,
        (writer, settings) =>
        {
            var value = get(settings);
            if (value is not null || !optional)
            {
                writer.WriteNullable(name, value is null ? null : write(value));
            }
        },
        (settings, value) => set(settings, value.ValueKind == JsonValueKind.Null ? null : parse(StringOf(value))),
        optional);

    public static SettingsField List<T>(string name, Func<Settings, IReadOnlyList<T>> get, Func<Settings, IReadOnlyList<T>, Settings> set, Func<string, T> parse, Func<T, string> write) => new(
        name,
        (writer, settings) => writer.WriteStrings(name, get(settings).Select(write)),
        (settings, value) => set(settings, value.EnumerateArray().Select(entry => parse(StringOf(entry))).ToArray()));

    // A member of another kind makes the file "not settings" (null from Read), as with the serializer before.
    private static string StringOf(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new JsonException($"expected a string, found {value.ValueKind}");
}
