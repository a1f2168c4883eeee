using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Cli;

/// <summary>--formatter with fake formatter scripts on PATH.</summary>
public class FormatterTests
{
    private static readonly string[] Module = ["module", "--ids", "1002:67df", "--user", "alice"];

    // Committed scripts, not written at test time: a script written while a parallel test forks can fail with ETXTBSY.
    private static string Fake(string name) => Repository.PathOf($"tests/fixtures/formatters/{name}");

    private static string BuiltIn => CliRun.Run([.. Module, "--formatter", "none"]).Stdout;

    [Fact]
    public void Auto_without_nixfmt_keeps_the_built_in_layout_silently()
    {
        var result = CliRun.Run(Module, path: "");
        Assert.Equal(BuiltIn, result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void Auto_pipes_through_nixfmt_when_present()
    {
        var result = CliRun.Run(Module, Fake("prefixing"));
        Assert.Equal("# formatted\n" + BuiltIn, result.Stdout);
    }

    [Theory]
    [InlineData("failing")]
    [InlineData("silent")]
    [InlineData("hanging")]
    [InlineData("garbage")]
    public void Auto_with_a_failing_nixfmt_warns_once_and_keeps_the_built_in_text(string fake)
    {
        var result = CliRun.Run(Module, Fake(fake));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(BuiltIn, result.Stdout);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("warning: nixfmt", result.Stderr);
    }

    [Theory]
    [InlineData("nixfmt")]
    [InlineData("nixpkgs-fmt")]
    public void A_named_formatter_that_is_missing_is_an_error(string formatter) =>
        CliAssert.RefusedWithOneLine(CliRun.Run([.. Module, "--formatter", formatter], path: ""), $"'{formatter}' is not on PATH");

    [Fact]
    public void A_named_formatter_that_fails_is_an_error_and_leaves_the_output_file_alone()
    {
        using var directory = new TempDirectory();
        var target = directory.File("vfio.nix", "old\n");
        CliAssert.RefusedWithOneLine(CliRun.Run([.. Module, "--formatter", "nixfmt", "--output", target], Fake("noisy-failing")), "exited with code 3 boom");
        Assert.Equal("old\n", File.ReadAllText(target));
    }

    [Fact]
    public void A_named_formatter_that_prints_something_not_nix_is_an_error() =>
        CliAssert.RefusedWithOneLine(CliRun.Run([.. Module, "--formatter", "nixfmt"], Fake("unbalanced")), "not Nix");

    [Fact]
    public void Every_generated_module_passes_the_plausibility_check()
    {
        foreach (var options in Host.ModuleCases.All.Values)
        {
            Assert.True(NixVfioGen.Cli.Formatting.NixTextCheck.LooksLikeNix(
                NixVfioGen.Nix.NixRenderer.Render(NixVfioGen.Generation.HostModuleBuilder.Build(options))));
        }
        Assert.False(NixVfioGen.Cli.Formatting.NixTextCheck.LooksLikeNix("{ a = \"}\"; "));
        Assert.True(NixVfioGen.Cli.Formatting.NixTextCheck.LooksLikeNix("{ a = ''}''; b = \"{\"; } # }"));
    }

    [Fact]
    public void Nixpkgs_fmt_is_used_when_named()
    {
        var result = CliRun.Run([.. Module, "--formatter", "nixpkgs-fmt"], Fake("uppercasing"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(BuiltIn.ToUpperInvariant(), result.Stdout);
    }
}
