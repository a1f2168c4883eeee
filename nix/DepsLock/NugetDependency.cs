using System.Text.Json.Serialization;

namespace NixVfioGen.DepsLock;

/// <summary>One entry of nixpkgs' deps.json: a NuGet package and the SRI hash of its .nupkg.</summary>
public sealed record NugetDependency(string Pname, string Version, string Hash)
{
    /// <summary>NuGet ids are case-insensitive; versions are compared as written in lower case.</summary>
    [JsonIgnore]
    public string Key => $"{Pname.ToLowerInvariant()}/{Version.ToLowerInvariant()}";

    public override string ToString() => $"{Pname} {Version}";
}
