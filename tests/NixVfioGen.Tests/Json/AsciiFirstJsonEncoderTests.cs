using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NixVfioGen.Json;

namespace NixVfioGen.Tests.Json;

/// <summary>The fast path changes no byte: every string is written as UnsafeRelaxedJsonEscaping writes it.</summary>
public class AsciiFirstJsonEncoderTests
{
    private static string Written(JavaScriptEncoder encoder, string value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString(value, value);
            writer.WriteStartArray("list");
            writer.WriteStringValue(value);
            writer.WriteStringValue(Encoding.UTF8.GetBytes(value));
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void AssertSame(string value)
    {
        string Outcome(JavaScriptEncoder encoder)
        {
            try
            {
                return Written(encoder, value);
            }
            catch (ArgumentException error)
            {
                return "refused: " + error.GetType().Name;
            }
        }
        Assert.Equal(Outcome(JavaScriptEncoder.UnsafeRelaxedJsonEscaping), Outcome(AsciiFirstJsonEncoder.Instance));
    }

    public static TheoryData<string> Samples => new()
    {
        "", "plain ascii /srv/iso/Win11.iso", "gaming's <raw> & +`~", "quote \" and \\ backslash", "tab\there\nnewline\r\u0001\u001f\u007f",
        "Zürich é 日本語", "emoji 😀 pair", "lone \ud800 surrogate", "\u2028\u2029 separators", "\ufffe\uffff noncharacters", "\u0378 unassigned",
        "\u00ad soft hyphen \u200b zero width \ufeff bom", "private \ue000 use",
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Writes_the_samples_as_the_relaxed_encoder_does(string value) => AssertSame(value);

    [Fact]
    public void Writes_every_basic_plane_character_as_the_relaxed_encoder_does()
    {
        for (var start = 0; start < 0x10000; start += 97)
        {
            var chars = Enumerable.Range(start, Math.Min(97, 0x10000 - start)).Select(c => (char)c).Where(c => !char.IsSurrogate(c));
            AssertSame("path/" + new string(chars.ToArray()));
        }
    }

    [Fact]
    public void Writes_random_mixes_as_the_relaxed_encoder_does()
    {
        var random = new Random(25);
        char[] alphabet = ['a', '/', ' ', '"', '\\', '\n', '\u0000', '\u007f', 'é', '€', '\u2028', '\ud83d', '\ude00', '<', '\''];
        for (var i = 0; i < 2000; i++)
        {
            AssertSame(new string(Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()));
        }
    }
}
