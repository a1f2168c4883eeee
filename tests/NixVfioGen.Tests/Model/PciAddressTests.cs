using NixVfioGen.Model;

namespace NixVfioGen.Tests.Model;

public class PciAddressTests
{
    [Theory]
    [InlineData("0000:23:00.0", 0, 0x23, 0, 0)]
    [InlineData("0000:0A:1F.7", 0, 0x0a, 0x1f, 7)]
    [InlineData("23:00.1", 0, 0x23, 0, 1)]
    public void Parses_full_and_short_forms(string text, int domain, int bus, int slot, int function) =>
        Assert.Equal(new PciAddress(domain, bus, slot, function), PciAddress.Parse(text));

    [Theory]
    [InlineData("0000:23:00")]
    [InlineData("0000:23:20.0")]
    [InlineData("0000:23:00.8")]
    [InlineData("1002:67df")]
    [InlineData("0000-23-00.0")]
    public void Rejects_malformed_addresses(string text) =>
        Assert.Throws<InvalidInputException>(() => PciAddress.Parse(text));

    [Fact]
    public void Prints_the_canonical_lower_case_form() =>
        Assert.Equal("0000:0a:1f.7", PciAddress.Parse("0000:0A:1F.7").ToString());

    [Fact]
    public void Rejects_duplicate_addresses() =>
        Assert.Throws<InvalidInputException>(() => PciAddress.ParseList("0000:23:00.0,23:00.0"));
}
