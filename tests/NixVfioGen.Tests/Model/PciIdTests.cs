using NixVfioGen.Model;

namespace NixVfioGen.Tests.Model;

public class PciIdTests
{
    [Theory]
    [InlineData("1002:67df", "1002:67df")]
    [InlineData("10DE:1B80", "10de:1b80")]
    [InlineData(" 1002:aaf0 ", "1002:aaf0")]
    public void Parses_and_normalises_to_lower_case(string text, string expected) =>
        Assert.Equal(expected, PciId.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("1002")]
    [InlineData("1002:67d")]
    [InlineData("1002:67dff")]
    [InlineData("100g:67df")]
    [InlineData("1002-67df")]
    [InlineData("0000:23:00.0")]
    public void Rejects_malformed_ids_naming_the_value(string text)
    {
        var error = Assert.Throws<InvalidInputException>(() => PciId.Parse(text));
        Assert.Equal(text, error.Value);
        Assert.Contains("vvvv:dddd", error.Expected);
    }

    [Fact]
    public void A_list_keeps_its_order() =>
        Assert.Equal(["1002:67df", "1002:aaf0"], PciId.ParseList("1002:67df,1002:AAF0").Select(id => id.ToString()));

    [Theory]
    [InlineData("")]
    [InlineData(",")]
    [InlineData("1002:67df,")]
    [InlineData("1002:67df,,1002:aaf0")]
    public void Rejects_empty_lists_and_entries(string text) =>
        Assert.Throws<InvalidInputException>(() => PciId.ParseList(text));

    [Fact]
    public void Keeps_one_of_each_id_even_in_different_case() =>
        Assert.Equal(["1002:67df", "1002:aaf0"], PciId.ParseList("1002:67df,1002:aaf0,1002:67DF").Select(id => id.ToString()));
}
