using System.Text;
using System.Text.Json;

namespace NixVfioGen.Json;

/// <summary>
/// The JSON this tool prints and installs: two-space indents, non-ASCII and path characters written as
/// they are (the generator's values are validated; the text is for people and for doctor), and a
/// final newline. Written by hand with <see cref="Utf8JsonWriter"/> rather than by JsonSerializer:
/// the serializer's metadata cost about 2 ms at every start of the NativeAOT binary (bench/run).
/// </summary>
public static class IndentedJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = AsciiFirstJsonEncoder.Instance,
    };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }

    /// <summary>A string, or null written as null.</summary>
    public static void WriteNullable(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>A number, or null written as null.</summary>
    public static void WriteNullable(this Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>A boolean, or null written as null.</summary>
    public static void WriteNullable(this Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } flag)
        {
            writer.WriteBoolean(name, flag);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteStrings(this Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }
}
