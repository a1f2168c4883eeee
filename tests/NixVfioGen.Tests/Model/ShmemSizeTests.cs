using NixVfioGen.Model;

namespace NixVfioGen.Tests.Model;

public class ShmemSizeTests
{
    [Theory]
    [InlineData("1920x1080", 32)]
    [InlineData("2560x1440", 64)]
    [InlineData("3440x1440", 64)]
    [InlineData("3840x2160", 128)]
    [InlineData("1280x720", 32)]
    [InlineData("7680x4320", 512)]
    public void Follows_the_Looking_Glass_formula(string resolution, int expectedMiB) =>
        Assert.Equal(expectedMiB, ShmemSize.ForResolution(Resolution.Parse(resolution)).MiB);

    [Theory]
    [InlineData("2", 2)]
    [InlineData("64", 64)]
    [InlineData("4096", 4096)]
    public void Accepts_explicit_powers_of_two(string text, int expected) =>
        Assert.Equal(expected, ShmemSize.Parse(text).MiB);

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("48")]
    [InlineData("8192")]
    [InlineData("-32")]
    [InlineData("32M")]
    [InlineData("99999999999999999999")]
    public void Rejects_sizes_outside_range_or_not_powers_of_two(string text)
    {
        var error = Assert.Throws<InvalidInputException>(() => ShmemSize.Parse(text));
        Assert.Contains("power of two from 2 to 4096", error.Expected);
    }

    [Theory]
    [InlineData("1920x1080", 1920, 1080)]
    [InlineData("3840X2160", 3840, 2160)]
    public void Parses_resolutions(string text, int width, int height)
    {
        var resolution = Resolution.Parse(text);
        Assert.Equal((width, height), (resolution.Width, resolution.Height));
    }

    [Theory]
    [InlineData("1920")]
    [InlineData("1920x")]
    [InlineData("0x1080")]
    [InlineData("1920x1080x2")]
    [InlineData("20000x1080")]
    [InlineData("-1920x1080")]
    [InlineData("99999999999x1")]
    public void Rejects_bad_resolutions(string text) =>
        Assert.Throws<InvalidInputException>(() => Resolution.Parse(text));
}
