using NixVfioGen.Nix;
using static NixVfioGen.Nix.Nix;

namespace NixVfioGen.Tests.Nix;

/// <summary>Feature bindings joined as NixOS merges definitions.</summary>
public class NixMergeTests
{
    private static string Render(params NixBinding[] bindings) => NixRenderer.RenderExpression(new NixAttrSet(NixMerge.Merge(bindings)));

    [Fact]
    public void Lists_concatenate_in_feature_order_at_the_first_place_their_path_appears() =>
        Assert.Equal("{\n  a = [\n    \"x\"\n    \"y\"\n  ];\n  b = true;\n}",
            Render(Bind("a", Strings(["x"])), Bind("b", true), Bind("a", Strings(["y"]))));

    [Fact]
    public void A_list_joins_the_head_of_a_concatenation_chain_either_way()
    {
        var chain = new NixConcat([Strings(["vfio"]), Call("lib.optional", Ref("c"), "v")]);
        Assert.Equal("{\n  m = [\n    \"kvm\"\n    \"vfio\"\n    \"kvmfr\"\n  ]\n  ++ lib.optional c \"v\";\n}",
            Render(Bind("m", Strings(["kvm"])), Bind("m", chain), Bind("m", Strings(["kvmfr"]))));
    }

    [Fact]
    public void Lines_append_and_comments_join()
    {
        Assert.Equal("{\n  # one\n  # two\n  t = ''\n    a\n    b\n  '';\n}",
            Render(Bind("t", Lines(["a"]), "one"), Bind("t", Lines(["b"]), "two")));
    }

    [Fact]
    public void A_binding_below_a_set_goes_into_it_and_sets_merge()
    {
        Assert.Equal("{\n  v = {\n    enable = true;\n    qemu = {\n      package = p;\n      extra = \"x\";\n    };\n  };\n}",
            Render(Bind("v", Set(Bind("enable", true), Bind("qemu", Set(Bind("package", Ref("p")))))), Bind("v.qemu.extra", "x")));
    }

    [Fact]
    public void An_empty_list_that_nothing_joins_is_dropped() =>
        Assert.Equal("{\n  b = true;\n}", Render(Bind("a", Strings([])), Bind("b", true)));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Values_that_do_not_merge_are_a_bug_caught_here(bool nested)
    {
        var error = Assert.Throws<InvalidOperationException>(() => nested
            ? NixMerge.Merge([Bind("a", true), Bind("a.b", true)])
            : NixMerge.Merge([Bind("a", true), Bind("a", false)]));
        Assert.Contains("define a", error.Message);
    }
}
