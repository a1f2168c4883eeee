using System.Text.Json;
using NixVfioGen.Nix;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Nix;

public class NixStringEscapingTests
{
    public static TheoryData<string> Hostile => new()
    {
        "plain",
        "quote \" inside",
        "back\\slash",
        "${builtins.abort \"x\"}",
        "$${not}",
        "$",
        "ends with $",
        "''",
        "'''",
        "''${x}",
        "'${x}",
        "''$",
        "a'",
        "'",
        "tab\there",
        "cr\rhere",
        "new\nline",
        "unicode ✓ ü",
        "\\${x}",
        "'\\'",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Double_quoted_strings_evaluate_back_to_the_input(string text) =>
        Assert.Equal(text, EvaluateString(new NixString(text)));

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Indented_strings_evaluate_back_to_the_input(string text) =>
        Assert.Equal(text + "\n", EvaluateString(new NixIndentedString(text + "\n")));

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Single_line_indented_strings_evaluate_back_to_the_input(string text)
    {
        if (text.Contains('\n'))
        {
            return;
        }
        Assert.Equal(text, EvaluateString(new NixIndentedString(text)));
    }

    [Fact]
    public void Attribute_names_are_escaped_too()
    {
        var name = "a\"b${c}";
        var result = NixTool.EvaluateJson(NixRenderer.RenderExpression(new NixAttrSet([new NixBinding([name], new NixInt(1))])));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(name, JsonDocument.Parse(result.Stdout).RootElement.EnumerateObject().Single().Name);
    }

    [Fact]
    public void Nul_cannot_be_written() =>
        Assert.Throws<ArgumentException>(() => NixStringEscaper.DoubleQuoted("a\0b"));

    private static string EvaluateString(NixExpr expression)
    {
        var text = NixRenderer.RenderExpression(expression);
        var result = NixTool.EvaluateJson(text);
        Assert.True(result.ExitCode == 0, result.Stderr + "\n" + text);
        return JsonDocument.Parse(result.Stdout).RootElement.GetString()!;
    }

    [Theory]
    [InlineData("")]
    [InlineData("one")]
    [InlineData("one\n")]
    [InlineData("\n\n")]
    [InlineData("a\nb\n  c")]
    public void Line_count_is_the_number_of_lines_the_string_is_split_into(string text)
    {
        NixStringPart[] parts = [new NixText(text), new NixInterpolation(new NixReference(["x"])), new NixText(text + "\nend")];
        Assert.Equal(NixStringEscaper.IndentedLines(parts).Count, NixStringEscaper.LineCount(parts));
        Assert.Equal(NixStringEscaper.IndentedLines([new NixText(text)]).Count, NixStringEscaper.LineCount([new NixText(text)]));
    }
}
