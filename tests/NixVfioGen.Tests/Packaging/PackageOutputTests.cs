using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Packaging;

/// <summary>What the package installs in $out/lib: the NativeAOT binary alone, needing only the C library at run time.</summary>
public class PackageOutputTests
{
    [Fact]
    public void The_published_directory_holds_only_the_binary()
    {
        var published = PackagePublish.Result;
        // No StripSymbols .dbg, no .pdb, no XML documentation (NixVfioGen.Cli.csproj's publish settings).
        Assert.Equal(["nix-vfio-gen"], Directory.EnumerateFileSystemEntries(published.Output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_binary_runs_and_links_only_the_c_library()
    {
        var binary = Path.Combine(PackagePublish.Result.Output, "nix-vfio-gen");
        var version = ExternalTool.Run(binary, ["--version"]);
        Assert.Equal(0, version.ExitCode);
        Assert.Equal(CliRun.Run(["--version"]).Stdout, version.Stdout);
        // InvariantGlobalization: no ICU; NativeAOT: no .NET runtime. What glibc brings is all it loads.
        var dynamic = ExternalTool.Run("readelf", ["--dynamic", binary]);
        Assert.True(dynamic.ExitCode == 0, dynamic.Stderr);
        var needed = System.Text.RegularExpressions.Regex.Matches(dynamic.Stdout, @"\(NEEDED\)\s+Shared library: \[([^\]]+)\]").Select(match => match.Groups[1].Value);
        Assert.All(needed, library => Assert.Matches(@"^(libc|libm|ld-linux[-\w]*)\.so(\.\d+)*$", library));
        Assert.DoesNotContain("libicu", File.ReadAllText(binary), StringComparison.Ordinal);
    }
}
