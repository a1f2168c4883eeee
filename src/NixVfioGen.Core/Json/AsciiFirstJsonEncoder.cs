using System.Text.Encodings.Web;

namespace NixVfioGen.Json;

/// <summary>
/// <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>, created only when a string holds something
/// other than printable ASCII without <c>"</c> and <c>\</c>, which that encoder writes unchanged too.
/// Creating it costs about 0.2 ms of start-up (its allowed-character tables; bench/run, 2026-11-29),
/// and the generator's own JSON is almost always plain ASCII. Where the fast path declines, the
/// relaxed encoder decides everything, so the bytes are the same (AsciiFirstJsonEncoderTests).
/// </summary>
internal sealed class AsciiFirstJsonEncoder : JavaScriptEncoder
{
    public static AsciiFirstJsonEncoder Instance { get; } = new();

    private static JavaScriptEncoder Relaxed => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private AsciiFirstJsonEncoder()
    {
    }

    private static bool IsPlain(int c) => c is >= 0x20 and < 0x7F and not '"' and not '\\';

    public override int MaxOutputCharactersPerInputCharacter => Relaxed.MaxOutputCharactersPerInputCharacter;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            if (!IsPlain(text[i]))
            {
                return Relaxed.FindFirstCharacterToEncode(text, textLength);
            }
        }
        return -1;
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        foreach (var b in utf8Text)
        {
            if (!IsPlain(b))
            {
                return Relaxed.FindFirstCharacterToEncodeUtf8(utf8Text);
            }
        }
        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten) =>
        Relaxed.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);

    public override bool WillEncode(int unicodeScalar) => !IsPlain(unicodeScalar) && Relaxed.WillEncode(unicodeScalar);

    public override System.Buffers.OperationStatus EncodeUtf8(ReadOnlySpan<byte> utf8Source, Span<byte> utf8Destination, out int bytesConsumed, out int bytesWritten, bool isFinalBlock = true) =>
        Relaxed.EncodeUtf8(utf8Source, utf8Destination, out bytesConsumed, out bytesWritten, isFinalBlock);

    public override System.Buffers.OperationStatus Encode(ReadOnlySpan<char> source, Span<char> destination, out int charsConsumed, out int charsWritten, bool isFinalBlock = true) =>
        Relaxed.Encode(source, destination, out charsConsumed, out charsWritten, isFinalBlock);
}
