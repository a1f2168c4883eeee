using System.Text;
using NixVfioGen.Model;
using Xunit;

namespace NixVfioGen.Tests.Model;

public class Sha1Tests
{
    // FIPS 180-4's examples (NIST "SHA1.pdf" example values) and the one-million-'a' vector of RFC 3174.
    [Theory]
    [InlineData("", "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData("abc", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1")]
    public void Matches_the_published_vectors(string message, string digest) =>
        Assert.Equal(digest, Convert.ToHexStringLower(Sha1.Hash(Encoding.ASCII.GetBytes(message))));

    [Fact]
    public void Matches_the_published_vector_for_a_million_as() =>
        Assert.Equal("34aa973cd4c4daa4f61eeb2bdbad27316534016f", Convert.ToHexStringLower(Sha1.Hash(Encoding.ASCII.GetBytes(new string('a', 1_000_000)))));

    [Fact]
    public void Agrees_with_the_framework_at_every_length_around_the_block_boundaries()
    {
        var random = new Random(25);
        for (var length = 0; length <= 200; length++)
        {
            var message = new byte[length];
            random.NextBytes(message);
            Assert.Equal(System.Security.Cryptography.SHA1.HashData(message), Sha1.Hash(message));
        }
    }
}
