using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Packaging;

/// <summary>
/// nix/package.nix's src through nixpkgs' real lib.fileset (toSource, intersection, gitTracked),
/// copied into the store by Debian's Nix: from the working tree, as callPackage on the file outside
/// a flake sees it, and from a store copy of the tracked files without .git, as a flake sees it.
/// Debian's Nix 2.8 lacks builtins.readFileType (Nix 2.14), which lib.filesystem.pathType is; the
/// test gives lib the same answer from readDir of the parent. Writing the store needs root, as CI has.
/// </summary>
public class SourceSetTests
{
    private static string Expected => string.Join('\n', ExternalTool.Run("git", ["-C", Repository.Root, "ls-files", "src", "Directory.Build.props", "Directory.Packages.props", "global.json"])
        .Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(file => File.Exists(Repository.PathOf(file))).Order(StringComparer.Ordinal));

    private static string SourceOf(string checkout)
    {
        Assert.SkipWhen(ExternalTool.Run("id", ["-u"]).Stdout.Trim() != "0", "lib.fileset.toSource copies into /nix/store, which only root can write here; CI runs as root");
        using var directory = new TempDirectory();
        var expression = directory.File("source.nix", $$"""
            let
              lib = (import {{NixTool.LibPath}}).extend (final: prev: {
                filesystem = prev.filesystem // {
                  pathType = path: if dirOf path == path then "directory" else (builtins.readDir (dirOf path)).${baseNameOf path};
                };
              });
              stub = name: { inherit name; outPath = "/nix/store/stub-${name}"; };
              package = import {{checkout}}/nix/package.nix {
                inherit lib;
                stdenv.cc = stub "cc";
                buildDotnetModule = f: f { passthru.fetch-deps = stub "fetch-deps"; };
                dotnetCorePackages.sdk_10_0 = stub "sdk";
                nixfmt = stub "nixfmt";
                hwdata = stub "hwdata";
              };
            in
            "${package.src}"
            """);
        var result = ExternalTool.Run("nix-instantiate", ["--read-write-mode", "--eval", expression, "--option", "substituters", ""]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var source = result.Stdout.Trim().Trim('"');
        return string.Join('\n', Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(source, file)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Outside_a_flake_only_tracked_build_inputs_are_taken()
    {
        // An untracked file where the build leaves its own (obj/ exists once the tests are built).
        var untracked = Repository.PathOf("src/NixVfioGen.Core/obj/untracked-by-test.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(untracked)!);
        File.WriteAllText(untracked, "not tracked");
        try
        {
            var source = SourceOf(Repository.Root);
            Assert.Equal(Expected, source);
            Assert.DoesNotContain("/obj/", source);
            Assert.DoesNotContain("NixVfioGen.sln", source);
        }
        finally
        {
            File.Delete(untracked);
        }
    }

    [Fact]
    public void Inside_a_flake_the_store_copy_of_the_tracked_files_is_taken_whole()
    {
        // What a flake's self is: the tracked files in the store, without .git.
        using var directory = new TempDirectory();
        var copy = Path.Combine(directory.Path, "source");
        Directory.CreateDirectory(copy);
        // tar keeps the fixtures' symlinks (some dangle on purpose) as they are.
        var copied = ExternalTool.Run("bash", ["-c", "git -C \"$1\" ls-files -z | tar -C \"$1\" --null -T - -cf - | tar -C \"$2\" -xf -", "copy", Repository.Root, copy]);
        Assert.True(copied.ExitCode == 0, copied.Stderr);
        Assert.True(File.Exists(Path.Combine(copy, "NixVfioGen.sln")) && !Path.Exists(Path.Combine(copy, ".git")));
        var added = ExternalTool.Run("nix-store", ["--add", copy]);
        Assert.True(added.ExitCode == 0, added.Stderr);
        Assert.Equal(Expected, SourceOf(added.Stdout.Trim()));
    }
}
