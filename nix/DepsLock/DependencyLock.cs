using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;

namespace NixVfioGen.DepsLock;

/// <summary>
/// Reads what the packaged project's restore resolved (project.assets.json) and the committed deps.json,
/// and compares them. deps.json holds only what that restore needs beyond the .NET SDK, as nixpkgs'
/// fetch-deps writes it: the SDK supplies ILLink.Tasks, ILCompiler and the runtime and host packs
/// itself (dotnet-sdk.packages), and listing them again fails the build with "File exists" once
/// versions coincide (NixOS/nixpkgs#446541; #373492).
/// </summary>
public static class DependencyLock
{
    /// <summary>The project the flake builds; tests and this tool are not part of the package.</summary>
    public const string PackagedProject = "src/NixVfioGen.Cli";

    /// <summary>Whether nixpkgs' .NET SDK brings the package itself.</summary>
    public static bool IsSuppliedBySdk(string packageId) =>
        packageId.StartsWith("Microsoft.NETCore.App.", StringComparison.OrdinalIgnoreCase)
        || packageId.StartsWith("Microsoft.AspNetCore.App.", StringComparison.OrdinalIgnoreCase)
        || packageId.Equals("Microsoft.NET.ILLink.Tasks", StringComparison.OrdinalIgnoreCase)
        || packageId.Equals("Microsoft.DotNet.ILCompiler", StringComparison.OrdinalIgnoreCase)
        || (packageId.StartsWith("runtime.", StringComparison.OrdinalIgnoreCase)
            && packageId.EndsWith(".Microsoft.DotNet.ILCompiler", StringComparison.OrdinalIgnoreCase));

    /// <summary>Every package in the given assets files, with its hash from the local NuGet cache, sorted.</summary>
    public static IReadOnlyList<NugetDependency> Resolved(IEnumerable<string> assetsFiles)
    {
        var found = new SortedDictionary<string, NugetDependency>(StringComparer.Ordinal);
        foreach (var file in assetsFiles)
        {
            var assets = JsonNode.Parse(File.ReadAllText(file))!;
            var folders = assets["packageFolders"]!.AsObject().Select(folder => folder.Key).ToArray();
            foreach (var (key, library) in assets["libraries"]!.AsObject())
            {
                if ((string?)library!["type"] == "package")
                {
                    var separator = key.IndexOf('/');
                    Add(found, folders, key[..separator], key[(separator + 1)..]);
                }
            }
            // Runtime, apphost and NativeAOT packs the SDK downloads for the project's RuntimeIdentifiers.
            foreach (var (_, framework) in assets["project"]!["frameworks"]!.AsObject())
            {
                foreach (var download in framework!["downloadDependencies"]?.AsArray() ?? [])
                {
                    var range = ((string)download!["version"]!).Trim('[', ']').Split(',');
                    Add(found, folders, (string)download["name"]!, range[0].Trim());
                }
            }
        }
        return found.Values.ToArray();
    }

    // Relaxed escaping keeps '+' in base64 hashes readable, as nixpkgs writes them.
    private static readonly DepsJsonContext Json = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static void Add(SortedDictionary<string, NugetDependency> found, string[] folders, string id, string version)
    {
        if (IsSuppliedBySdk(id))
        {
            return;
        }
        var (lowerId, lowerVersion) = (id.ToLowerInvariant(), version.ToLowerInvariant());
        var nupkg = folders
            .Select(folder => Path.Combine(folder, lowerId, lowerVersion, $"{lowerId}.{lowerVersion}.nupkg"))
            .FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"{id} {version}: no .nupkg in the NuGet cache; run dotnet restore first");
        var dependency = new NugetDependency(id, version, Sri(nupkg));
        found[dependency.Key] = dependency;
    }

    public static IReadOnlyList<NugetDependency> Read(string depsJson) =>
        JsonSerializer.Deserialize(File.ReadAllText(depsJson), Json.NugetDependencyArray) ?? [];

    /// <summary>deps.json as nixpkgs' nuget-to-json writes it: a sorted array of pname/version/hash.</summary>
    public static string Write(IReadOnlyList<NugetDependency> dependencies) =>
        JsonSerializer.Serialize(dependencies.OrderBy(d => d.Key, StringComparer.Ordinal).ToArray(), Json.NugetDependencyArray) + "\n";

    /// <summary>What deps.json lacks (or has with another hash) and what it has that the restore no longer needs.</summary>
    public static (IReadOnlyList<NugetDependency> Missing, IReadOnlyList<NugetDependency> Stale) Compare(
        IReadOnlyList<NugetDependency> committed, IReadOnlyList<NugetDependency> resolved)
    {
        var committedSet = committed.ToHashSet();
        var resolvedSet = resolved.ToHashSet();
        return (resolved.Where(d => !committedSet.Contains(d)).ToArray(), committed.Where(d => !resolvedSet.Contains(d)).ToArray());
    }

    /// <summary>One line per difference, naming each package, for a failing check.</summary>
    public static string Describe(IReadOnlyList<NugetDependency> missing, IReadOnlyList<NugetDependency> stale) =>
        string.Join('\n', missing.Select(d => $"missing from deps.json: {d} {d.Hash}")
            .Concat(stale.Select(d => $"stale in deps.json: {d} {d.Hash}")));

    /// <summary>The packaged project's assets file; its restore covers the Core library it references.</summary>
    public static IReadOnlyList<string> AssetsFiles(string repositoryRoot) =>
        [Path.Combine(repositoryRoot, PackagedProject, "obj", "project.assets.json")];

    private static string Sri(string file)
    {
        using var stream = File.OpenRead(file);
        return "sha256-" + Convert.ToBase64String(SHA256.HashData(stream));
    }
}
