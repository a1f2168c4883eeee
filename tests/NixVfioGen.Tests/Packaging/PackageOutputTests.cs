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

    // The framework's hashing, TLS and X.509 load OpenSSL at run time (dlopen, not NEEDED): the domain
    // UUID's SHA-1 once cost every run about 2 ms that way (docs/performance.md). Nothing generates
    // with it now; the dynamic loader's own log (LD_DEBUG=libs) shows each library it loads.
    [Theory]
    [InlineData("--ids", "1002:67df,1002:aaf0", "--pci", "0000:23:00.0,0000:23:00.1", "--formatter", "none")]
    [InlineData("domain", "--pci", "0000:23:00.0,0000:23:00.1", "--vm-name", "gaming")]
    [InlineData("module", "--ids", "1002:67df", "--formatter", "none")]
    public void Generating_loads_no_library_beyond_the_c_library(params string[] arguments)
    {
        var binary = Path.Combine(PackagePublish.Result.Output, "nix-vfio-gen");
        var run = ExternalTool.Run("env", ["LD_DEBUG=libs", binary, .. arguments]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var loaded = System.Text.RegularExpressions.Regex.Matches(run.Stderr, @"calling init: (\S+)").Select(match => Path.GetFileName(match.Groups[1].Value)).ToArray();
        Assert.Contains(loaded, library => library.StartsWith("libc.so", StringComparison.Ordinal));
        Assert.All(loaded, library => Assert.Matches(@"^(libc|libm|ld-linux[-\w]*)\.so(\.\d+)*$", library));
    }
}
