using NixVfioGen.DepsLock;

// Usage: DepsLock write|check REPOSITORY_ROOT
if (args.Length != 2 || args[0] is not ("write" or "check"))
{
    Console.Error.WriteLine("usage: DepsLock write|check REPOSITORY_ROOT");
    return 2;
}
var root = args[1];
var depsJson = Path.Combine(root, "nix", "deps.json");
var resolved = DependencyLock.Resolved(DependencyLock.AssetsFiles(root));
if (args[0] == "write")
{
    File.WriteAllText(depsJson, DependencyLock.Write(resolved));
    Console.WriteLine($"wrote {resolved.Count} packages to {depsJson}");
    return 0;
}
var (missing, stale) = DependencyLock.Compare(DependencyLock.Read(depsJson), resolved);
if (missing.Count + stale.Count > 0)
{
    Console.Error.WriteLine(DependencyLock.Describe(missing, stale));
    return 1;
}
return 0;
