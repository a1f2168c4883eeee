using System.Text.Json.Serialization;

namespace NixVfioGen.DepsLock;

/// <summary>Source-generated JSON for deps.json (no reflection).</summary>
[JsonSerializable(typeof(NugetDependency[]))]
internal sealed partial class DepsJsonContext : JsonSerializerContext;
