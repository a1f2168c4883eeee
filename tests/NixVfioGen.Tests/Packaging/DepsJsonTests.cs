using System.Text.Json.Nodes;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Packaging;

/// <summary>
/// nix/deps.json against the package's runtime-specific restore (PackagePublish), offline. Writing it
/// is nixpkgs' job: `nix build .#default.fetch-deps &amp;&amp; ./result nix/deps.json` (passthru.fetch-deps,
/// nuget-to-json), which also hashes each package from the source it came from.
/// </summary>
public class DepsJsonTests
{
    private const string Regenerate = "regenerate with: nix build .#default.fetch-deps && ./result nix/deps.json";

    private sealed record Package(string Name, string Version)
    {
        public override string ToString() => $"{Name} {Version}";
    }

    private static IReadOnlyList<(Package Package, string Hash)> Committed =>
        JsonNode.Parse(File.ReadAllText(Repository.PathOf("nix/deps.json")))!.AsArray()
            .Select(entry => (new Package((string)entry!["pname"]!, (string)entry["version"]!), (string)entry["hash"]!))
            .ToArray();

    /// <summary>
    /// Every package the restore resolved, split into the SDK's own (the packages it references
    /// implicitly, autoReferenced in project.assets.json, with their dependencies, and the packs it
    /// downloads: nixpkgs' dotnet-sdk.packages supplies them, and listing them again fails with "File
    /// exists", NixOS/nixpkgs#446541) and the project's.
    /// </summary>
    private static (IReadOnlySet<Package> Project, IReadOnlySet<Package> Sdk) Restored()
    {
        var assets = JsonNode.Parse(File.ReadAllText(PackagePublish.Result.AssetsFile))!;
        var packages = assets["libraries"]!.AsObject()
            .Where(library => (string?)library.Value!["type"] == "package")
            .Select(library => library.Key.Split('/'))
            .ToDictionary(parts => parts[0], parts => new Package(parts[0], parts[1]), StringComparer.OrdinalIgnoreCase);
        var framework = assets["project"]!["frameworks"]!.AsObject().Single().Value!;
        var sdk = new HashSet<Package>();
        var pending = new Stack<string>(framework["dependencies"]!.AsObject().Where(d => (bool?)d.Value!["autoReferenced"] == true).Select(d => d.Key));
        var targets = assets["targets"]!.AsObject().Select(target => target.Value!.AsObject()).ToArray();
        while (pending.TryPop(out var name))
        {
            if (packages.TryGetValue(name, out var package) && sdk.Add(package))
            {
                foreach (var target in targets)
                {
                    foreach (var dependency in target[$"{package.Name}/{package.Version}"]?["dependencies"]?.AsObject() ?? [])
                    {
                        pending.Push(dependency.Key);
                    }
                }
            }
        }
        foreach (var download in framework["downloadDependencies"]?.AsArray() ?? [])
        {
            sdk.Add(new Package((string)download!["name"]!, ((string)download["version"]!).Trim('[', ']').Split(',')[0].Trim()));
        }
        return (packages.Values.Where(package => !sdk.Contains(package)).ToHashSet(), sdk);
    }

    [Fact]
    public void Every_package_the_restore_needs_beyond_the_sdk_is_in_deps_json()
    {
        var committed = Committed.Select(entry => entry.Package).ToHashSet();
        var missing = Restored().Project.Where(package => !committed.Contains(package)).ToArray();
        Assert.True(missing.Length == 0, $"missing from nix/deps.json: {string.Join(", ", missing)}; {Regenerate}");
    }

    [Fact]
    public void Deps_json_holds_nothing_the_sdk_supplies_and_nothing_stale()
    {
        var (project, sdk) = Restored();
        Assert.Contains(sdk, package => package.Name == "Microsoft.DotNet.ILCompiler");
        var suppliedBySdk = Committed.Select(entry => entry.Package).Where(sdk.Contains).ToArray();
        Assert.True(suppliedBySdk.Length == 0, $"the SDK supplies {string.Join(", ", suppliedBySdk)}: remove from nix/deps.json");
        var stale = Committed.Select(entry => entry.Package).Where(package => !project.Contains(package)).ToArray();
        Assert.True(stale.Length == 0, $"not restored any more: {string.Join(", ", stale)}; {Regenerate}");
    }

    [Fact]
    public void Entries_are_sorted_unique_and_hashed_as_nuget_to_json_writes_them()
    {
        var committed = Committed;
        Assert.Equal(committed.OrderBy(entry => entry.Package.Name, StringComparer.Ordinal).ThenBy(entry => entry.Package.Version, StringComparer.Ordinal), committed);
        Assert.Equal(committed.Count, committed.Select(entry => entry.Package).Distinct().Count());
        Assert.All(committed, entry => Assert.Matches("^sha256-[A-Za-z0-9+/]{43}=$", entry.Hash));
    }
}
