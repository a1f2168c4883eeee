using NixVfioGen.Nix;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Nix;

public class NixRendererTests
{
    private static string Render(NixExpr expression) => NixRenderer.RenderExpression(expression);

    private static NixList Strings(params string[] values) => new(values.Select(v => (NixExpr)new NixString(v)).ToArray());

    [Fact]
    public void Empty_sets_and_lists_have_inner_spaces()
    {
        Assert.Equal("{ }", Render(new NixAttrSet([])));
        Assert.Equal("[ ]", Render(new NixList([])));
    }

    [Fact]
    public void A_single_short_item_list_stays_on_one_line() =>
        Assert.Equal("{\n  a = [ \"x\" ];\n}", Render(new NixAttrSet([NixBinding.Of("a", Strings("x"))])));

    [Fact]
    public void Lists_of_two_or_more_items_are_always_expanded() =>
        Assert.Equal("{\n  a = [\n    \"x\"\n    \"y\"\n  ];\n}", Render(new NixAttrSet([NixBinding.Of("a", Strings("x", "y"))])));

    [Fact]
    public void A_single_item_list_too_long_for_the_line_expands()
    {
        var item = new string('x', 95);
        Assert.Equal($"{{\n  a = [\n    \"{item}\"\n  ];\n}}", Render(new NixAttrSet([NixBinding.Of("a", Strings(item))])));
    }

    [Fact]
    public void Nested_sets_are_expanded_even_with_one_binding() =>
        Assert.Equal("{\n  a = {\n    b = true;\n  };\n}",
            Render(new NixAttrSet([NixBinding.Of("a", new NixAttrSet([NixBinding.Of("b", new NixBool(true))]))])));

    [Fact]
    public void Dotted_paths_quote_only_segments_that_are_not_identifiers() =>
        Assert.Equal("{\n  environment.etc.\"nix-vfio-gen/win11.xml\".text = \"\";\n  users.users.alice-2.enable = true;\n  \"if\" = 1;\n}",
            Render(new NixAttrSet(
            [
                new NixBinding(["environment", "etc", "nix-vfio-gen/win11.xml", "text"], new NixString("")),
                NixBinding.Of("users.users.alice-2.enable", new NixBool(true)),
                NixBinding.Of("if", new NixInt(1)),
            ])));

    [Fact]
    public void Let_in_puts_the_body_unindented_after_in() =>
        Assert.Equal("let\n  a = 1;\nin\n{\n  b = a;\n}",
            Render(new NixLet([NixBinding.Of("a", new NixInt(1))], new NixAttrSet([NixBinding.Of("b", new NixReference("a"))]))));

    [Fact]
    public void Functions_with_more_than_two_formals_put_one_per_line() =>
        Assert.Equal("{\n  config,\n  lib,\n  pkgs,\n  ...\n}:\n{ }",
            Render(new NixFunction(["config", "lib", "pkgs"], true, new NixAttrSet([]))));

    [Fact]
    public void Functions_with_two_formals_stay_on_one_line() =>
        Assert.Equal("{ lib, ... }:\n{ }", Render(new NixFunction(["lib"], true, new NixAttrSet([]))));

    [Fact]
    public void A_concatenation_chain_starts_each_operator_on_a_line_of_the_binding_indent() =>
        Assert.Equal("{\n  a = [\n    \"x\"\n    \"y\"\n  ]\n  ++ lib.optional c \"z\";\n}",
            Render(new NixAttrSet([NixBinding.Of("a", new NixConcat(
            [
                Strings("x", "y"),
                new NixApply(NixReference.Of("lib.optional"), [new NixReference("c"), new NixString("z")]),
            ]))])));

    [Fact]
    public void Applications_parenthesise_nested_applications() =>
        Assert.Equal("{\n  a = f (g x) [ 1 ];\n}",
            Render(new NixAttrSet([NixBinding.Of("a", new NixApply(new NixReference("f"),
            [
                new NixApply(new NixReference("g"), [new NixReference("x")]),
                new NixList([new NixInt(1)]),
            ]))])));

    [Fact]
    public void With_absorbs_its_list() =>
        Assert.Equal("{\n  a = with pkgs; [\n    x\n    y\n  ];\n}",
            Render(new NixAttrSet([NixBinding.Of("a", new NixWith(new NixReference("pkgs"),
                new NixList([new NixReference("x"), new NixReference("y")])))])));

    [Fact]
    public void Indented_strings_indent_their_lines_and_close_at_the_binding() =>
        Assert.Equal("{\n  a = ''\n    one\n\n      two\n  '';\n}",
            Render(new NixAttrSet([NixBinding.Of("a", new NixIndentedString("one\n\n  two\n"))])));

    [Fact]
    public void Comments_stand_above_their_binding() =>
        Assert.Equal("{\n  # why\n  # and more\n  a = 1;\n}",
            Render(new NixAttrSet([NixBinding.Of("a", new NixInt(1), "why\nand more")])));

    [Fact]
    public void Interpolations_are_written_as_code_not_text() =>
        Assert.Equal("\"+${toString uid}\"",
            Render(new NixString([new NixText("+"), new NixInterpolation(new NixApply(new NixReference("toString"), [new NixReference("uid")]))])));

    [Fact]
    public void A_file_ends_with_one_newline_after_its_header_comments() =>
        Assert.Equal("# header\n{ }\n", NixRenderer.Render(new NixFile(["header"], new NixAttrSet([]))));

    [Fact]
    public void References_must_be_identifiers() =>
        Assert.Throws<ArgumentException>(() => new NixReference("pkgs", "a b"));

    [Fact]
    public void Rendered_layouts_parse_with_the_real_nix_parser()
    {
        var text = NixRenderer.Render(new NixFile(["c"], new NixFunction(["config", "lib", "pkgs"], true,
            new NixLet([NixBinding.Of("v", NixReference.Of("config.x"))], new NixAttrSet(
            [
                NixBinding.Of("a", new NixConcat([Strings("x", "y"), new NixApply(NixReference.Of("lib.optional"), [new NixReference("v"), new NixString("z")])])),
                NixBinding.Of("b", new NixIndentedString("l1\n'${x}''\n")),
                NixBinding.Of("c", new NixWith(new NixReference("pkgs"), new NixList([new NixReference("hello")]))),
            ])))));
        var result = NixTool.Parse(text);
        Assert.True(result.ExitCode == 0, result.Stderr + "\n" + text);
    }

    // Golden cases, each also checked against the real nixfmt: the text is its fixed point.
    public static TheoryData<string, NixExpr, string> Golden => new()
    {
        {
            "a long name in a with-list breaks the list, not the line",
            new NixAttrSet([NixBinding.Of("y", new NixWith(NixReference.Of("pkgs"), new NixList([new NixReference(new string('a', 90))])))]),
            "{\n  y = with pkgs; [\n    " + new string('a', 90) + "\n  ];\n}"
        },
        {
            "a simple application overflows rather than break",
            new NixAttrSet([NixBinding.Of("x", new NixApply(NixReference.Of("lib.mkIf"), [NixReference.Of("cond"), new NixString(new string('0', 80))]))]),
            "{\n  x = lib.mkIf cond \"" + new string('0', 80) + "\";\n}"
        },
        {
            "a parenthesised first argument breaks inside its parentheses",
            new NixAttrSet([NixBinding.Of("w", new NixApply(NixReference.Of("lib.optionals"),
                [new NixNot(new NixApply(NixReference.Of("lib.mutuallyExclusive"), [NixReference.Of("driversReleasingTheGpu" + new string('X', 30)), NixReference.Of("initrdModules")])), new NixList([new NixString("a")])]))]),
            "{\n  w = lib.optionals (\n    !(lib.mutuallyExclusive driversReleasingTheGpuXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX initrdModules)\n  ) [ \"a\" ];\n}"
        },
        {
            "an interpolated string under a quoted attribute moves below the `=`",
            new NixAttrSet([new NixBinding(["environment", "etc", "nix-vfio-gen/firmware/OVMF_CODE.ms.fd", "source"],
                new NixString([new NixInterpolation(NixReference.Of("pkgs.OVMFFull.fd")), new NixText("/FV/OVMF_CODE.ms.fd")]))]),
            "{\n  environment.etc.\"nix-vfio-gen/firmware/OVMF_CODE.ms.fd\".source =\n    \"${pkgs.OVMFFull.fd}/FV/OVMF_CODE.ms.fd\";\n}"
        },
        {
            "a concatenation chain after an expanded list starts each operand on a line",
            new NixAttrSet([NixBinding.Of("m", new NixConcat([Strings("a", "b"), new NixApply(NixReference.Of("lib.optional"), [NixReference.Of("c"), new NixString("d")])]))]),
            "{\n  m = [\n    \"a\"\n    \"b\"\n  ]\n  ++ lib.optional c \"d\";\n}"
        },
        {
            "a set as the last argument opens on the line",
            new NixAttrSet([NixBinding.Of("s", new NixApply(NixReference.Of("lib.mkIf"), [NixReference.Of("config.x"), new NixAttrSet([NixBinding.Of("a", new NixInt(1))])]))]),
            "{\n  s = lib.mkIf config.x {\n    a = 1;\n  };\n}"
        },
    };

    [Theory]
    [MemberData(nameof(Golden))]
    public void Golden_cases_render_as_nixfmt_prints_them(string why, NixExpr expression, string expected)
    {
        var text = Render(expression);
        Assert.True(expected == text, why + ":\n" + text);
        Nixfmt.AssertFixedPoint(text + "\n");
    }

    [Fact]
    public void Every_module_the_generator_builds_is_a_nixfmt_fixed_point()
    {
        foreach (var name in NixVfioGen.Tests.Host.ModuleCases.All.Keys)
        {
            Nixfmt.AssertFixedPoint(NixRenderer.Render(NixVfioGen.Generation.HostModuleBuilder.Build(NixVfioGen.Tests.Host.ModuleCases.Case(name))));
        }
    }
}
