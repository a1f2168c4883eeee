using System.Buffers.Binary;
using System.Numerics;

namespace NixVfioGen.Model;

/// <summary>
/// SHA-1 (FIPS 180-4, section 6.1) over a short input, for name-based UUIDs (RFC 4122 section 4.3).
/// The framework's SHA1 calls OpenSSL: loading libssl and libcrypto cost the generator about 2 ms of its
/// start-up (bench/run, 2026-11-29), for one hash of some dozens of bytes. Not for anything secret.
/// </summary>
internal static class Sha1
{
    public static byte[] Hash(ReadOnlySpan<byte> message)
    {
        uint h0 = 0x67452301, h1 = 0xEFCDAB89, h2 = 0x98BADCFE, h3 = 0x10325476, h4 = 0xC3D2E1F0;
        // The message, a 1 bit, zeros, and its length in bits as a 64-bit big-endian number, in 64-byte blocks.
        var padded = new byte[(message.Length + 8) / 64 * 64 + 64];
        message.CopyTo(padded);
        padded[message.Length] = 0x80;
        BinaryPrimitives.WriteUInt64BigEndian(padded.AsSpan(padded.Length - 8), (ulong)message.Length * 8);
        Span<uint> w = stackalloc uint[80];
        for (var block = 0; block < padded.Length; block += 64)
        {
            for (var t = 0; t < 16; t++)
            {
                w[t] = BinaryPrimitives.ReadUInt32BigEndian(padded.AsSpan(block + 4 * t));
            }
            for (var t = 16; t < 80; t++)
            {
                w[t] = BitOperations.RotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
            }
            uint a = h0, b = h1, c = h2, d = h3, e = h4;
            for (var t = 0; t < 80; t++)
            {
                var (f, k) = t switch
                {
                    < 20 => ((b & c) | (~b & d), 0x5A827999u),
                    < 40 => (b ^ c ^ d, 0x6ED9EBA1u),
                    < 60 => ((b & c) | (b & d) | (c & d), 0x8F1BBCDCu),
                    _ => (b ^ c ^ d, 0xCA62C1D6u),
                };
                var temp = BitOperations.RotateLeft(a, 5) + f + e + k + w[t];
                e = d;
                d = c;
                c = BitOperations.RotateLeft(b, 30);
                b = a;
                a = temp;
            }
            h0 += a;
            h1 += b;
            h2 += c;
            h3 += d;
            h4 += e;
        }
        var digest = new byte[20];
        BinaryPrimitives.WriteUInt32BigEndian(digest, h0);
        BinaryPrimitives.WriteUInt32BigEndian(digest.AsSpan(4), h1);
        BinaryPrimitives.WriteUInt32BigEndian(digest.AsSpan(8), h2);
        BinaryPrimitives.WriteUInt32BigEndian(digest.AsSpan(12), h3);
        BinaryPrimitives.WriteUInt32BigEndian(digest.AsSpan(16), h4);
        return digest;
    }
}
