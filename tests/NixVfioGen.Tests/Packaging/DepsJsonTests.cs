using NixVfioGen.DepsLock;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Packaging;

/// <summary>nix/deps.json must list exactly what the restore resolved, with the .nupkg hashes.</summary>
public class DepsJsonTests
{
    private static IReadOnlyList<NugetDependency> Committed => DependencyLock.Read(Repository.PathOf("nix/deps.json"));

    private static IReadOnlyList<NugetDependency> Resolved => DependencyLock.Resolved(DependencyLock.AssetsFiles(Repository.Root));

    [Fact]
    public void Deps_json_agrees_with_the_restore()
    {
        var (missing, stale) = DependencyLock.Compare(Committed, Resolved);
        Assert.True(missing.Count + stale.Count == 0,
            DependencyLock.Describe(missing, stale) + "\nRegenerate with nix/update-deps.");
    }

    [Fact]
    public void A_removed_entry_is_reported_by_name()
    {
        var committed = Committed;
        var removed = committed.Single(d => d.Pname == "System.CommandLine");
        var (missing, stale) = DependencyLock.Compare(committed.Where(d => d != removed).ToArray(), Resolved);
        Assert.Equal([removed], missing);
        Assert.Empty(stale);
        Assert.Contains("missing from deps.json: System.CommandLine", DependencyLock.Describe(missing, stale));
    }

    [Fact]
    public void A_wrong_hash_is_both_missing_and_stale()
    {
        var committed = Committed.Select(d => d.Pname == "CliWrap" ? d with { Hash = "sha256-AAAA" } : d).ToArray();
        var (missing, stale) = DependencyLock.Compare(committed, Resolved);
        Assert.Equal("CliWrap", Assert.Single(missing).Pname);
        Assert.Equal("sha256-AAAA", Assert.Single(stale).Hash);
    }

    [Fact]
    public void Deps_json_is_written_the_way_it_is_committed() =>
        Assert.Equal(File.ReadAllText(Repository.PathOf("nix/deps.json")), DependencyLock.Write(Committed));

    [Fact]
    public void Deps_json_holds_nothing_the_sdk_supplies_and_no_test_package()
    {
        Assert.DoesNotContain(Committed, d => DependencyLock.IsSuppliedBySdk(d.Pname));
        var testOnly = new[] { "xunit", "CsCheck", "Snapshooter", "Microsoft.Testing" };
        Assert.DoesNotContain(Committed, d => testOnly.Any(prefix => d.Pname.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Equal(["CliWrap", "System.CommandLine"], Committed.Select(d => d.Pname));
    }

    [Theory]
    [InlineData("Microsoft.NETCore.App.Runtime.linux-x64", true)]
    [InlineData("Microsoft.NETCore.App.Host.linux-arm64", true)]
    [InlineData("Microsoft.AspNetCore.App.Runtime.linux-x64", true)]
    [InlineData("Microsoft.NET.ILLink.Tasks", true)]
    [InlineData("Microsoft.DotNet.ILCompiler", true)]
    [InlineData("runtime.linux-x64.Microsoft.DotNet.ILCompiler", true)]
    [InlineData("System.CommandLine", false)]
    public void The_sdks_own_packages_are_recognised(string id, bool supplied) =>
        Assert.Equal(supplied, DependencyLock.IsSuppliedBySdk(id));

    [Fact]
    public void Every_hash_is_sri_sha256() =>
        Assert.All(Committed, d => Assert.Matches("^sha256-[A-Za-z0-9+/]{43}=$", d.Hash));
}
