using System.Security.Cryptography;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Packaging;

/// <summary>
/// The package's build without Nix: the source set (git-tracked files of src/ and the build
/// properties) restored, built and published with nixpkgs' build-dotnet-module hooks' arguments
/// (dotnet-hook.sh: restore with --runtime, build and publish with -p:ContinuousIntegrationBuild=true
/// -p:Deterministic=true, publish --self-contained --no-build) plus nix/package.nix's own dotnetFlags,
/// read from the package by Nix. Done once per test run, in a directory per checkout outside the
/// clone: unchanged files keep their times, so MSBuild and the NativeAOT compiler skip what is current.
/// </summary>
internal static class PackagePublish
{
    public static string RuntimeId => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "linux-arm64" : "linux-x64";

    public sealed record Published(string WorkTree, string Output, string AssetsFile, IReadOnlyList<string> DotnetFlags);

    private static readonly Lazy<Published> Once = new(Publish);

    public static Published Result => Once.Value;

    private static Published Publish()
    {
        var package = StubFlake.Evaluate("""
            let p = self.packages.x86_64-linux.default; in
            { inherit (p.args) projectFile dotnetFlags selfContainedBuild version; }
            """);
        var projectFile = package.At("projectFile").GetString()!;
        var flags = package.At("dotnetFlags").Strings().ToArray();
        Assert.True(package.At("selfContainedBuild").GetBoolean());

        var key = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Repository.Root)))[..16];
        var cache = Environment.GetEnvironmentVariable("NIX_VFIO_GEN_TEST_CACHE") is { Length: > 0 } set ? set : "/var/cache/nix-vfio-gen-tests";
        var work = Path.Combine(Writable(cache) ? cache : Path.GetTempPath(), "package-publish", key);
        var tree = Path.Combine(work, "src");
        Mirror(tree);

        string[] common = ["-p:ContinuousIntegrationBuild=true", "-p:Deterministic=true", "-p:SelfContained=true", .. flags];
        Dotnet(tree, ["restore", projectFile, "--runtime", RuntimeId, "-p:NuGetAudit=false", .. common]);
        Dotnet(tree, ["build", projectFile, "--configuration", "Release", "--no-restore", "--runtime", RuntimeId, "-p:UseAppHost=true",
            $"-p:InformationalVersion={package.At("version").GetString()}", .. common]);
        var output = Path.Combine(work, "out");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
        Dotnet(tree, ["publish", projectFile, "--configuration", "Release", "--no-restore", "--no-build", "--runtime", RuntimeId,
            "--self-contained", "-p:UseAppHost=true", "-p:OverwriteReadOnlyFiles=true", "--output", output, .. common]);
        return new Published(tree, output, Path.Combine(tree, Path.GetDirectoryName(projectFile)!, "obj", "project.assets.json"), flags);
    }

    /// <summary>The tracked files of the package's source set, copied only where they differ; others removed.</summary>
    private static void Mirror(string tree)
    {
        var listed = ExternalTool.Run("git", ["-C", Repository.Root, "ls-files", "-z", "src", "Directory.Build.props", "Directory.Packages.props", "global.json"]);
        Assert.True(listed.ExitCode == 0, listed.Stderr);
        var files = listed.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var (from, to) = (Repository.PathOf(file), Path.Combine(tree, file));
            if (!File.Exists(from))
            {
                continue;
            }
            if (!File.Exists(to) || !File.ReadAllBytes(from).AsSpan().SequenceEqual(File.ReadAllBytes(to)))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(from, to, overwrite: true);
            }
        }
        if (Directory.Exists(tree))
        {
            foreach (var stale in Directory.EnumerateFiles(tree, "*", SearchOption.AllDirectories)
                .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                .Where(path => !files.Contains(Path.GetRelativePath(tree, path)))
                .ToArray())
            {
                File.Delete(stale);
            }
        }
    }

    private static bool Writable(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void Dotnet(string directory, string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // The test run's own MSBuild settings must not leak into this separate build.
        foreach (var variable in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH" })
        {
            start.Environment.Remove(variable);
        }
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed:\n{stdout.Result}\n{stderr.Result}");
    }
}
