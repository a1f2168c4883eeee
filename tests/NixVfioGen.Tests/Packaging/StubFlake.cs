using System.Text.Json;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Packaging;

/// <summary>The flake evaluated offline: nixpkgs' real lib, and builders that record their arguments instead of building.</summary>
internal static class StubFlake
{
    private static string StubNixpkgs => $$"""
        let
          realLib = import {{NixTool.LibPath}};
          lib = realLib // {
            # Recorded, not copied into the store (SourceSetTests runs the real ones).
            fileset = realLib.fileset // {
              toSource = { root, fileset }: { inherit root fileset; };
              unions = paths: { unions = paths; };
              intersection = a: b: { intersection = [ a b ]; };
              gitTracked = path: { gitTracked = path; };
            };
          };
          drv = name: attrs: attrs // { type = "derivation"; inherit name; outPath = "/nix/store/stub-${name}"; };
          pkgsFor = system: rec {
            inherit lib system;
            stdenv = {
              cc = drv "cc" { };
              buildPlatform.system = system;
              hostPlatform.system = system;
            };
            callPackage = path: overrides: import path ({
              inherit lib stdenv buildDotnetModule dotnetCorePackages nixfmt hwdata;
            } // overrides);
            # As nixpkgs' builder: a function of finalAttrs (here its own result) or a set; fetch-deps in passthru.
            buildDotnetModule = fnOrAttrs:
              let
                final = args // { passthru = (args.passthru or { }) // { fetch-deps = drv "fetch-deps" { }; }; };
                args = if builtins.isFunction fnOrAttrs then fnOrAttrs final else fnOrAttrs;
              in
              drv args.pname { builder = "buildDotnetModule"; inherit args; inherit (final) passthru meta; };
            dotnetCorePackages = { sdk_10_0 = drv "dotnet-sdk" { }; runtime_10_0 = drv "dotnet-runtime" { }; };
            nixfmt = drv "nixfmt" { meta.mainProgram = "nixfmt"; };
            nixfmt-tree = drv "nixfmt-tree" { };
            hwdata = drv "hwdata" { };
            path = "/nix/store/stub-nixpkgs";
            mkShell = args: drv "shell" { inherit args; };
            runCommand = name: env: script: drv name { inherit env script; };
            writeShellScript = name: text: drv name { inherit text; };
          } // lib.genAttrs [ "dotnet-sdk" "nix" "libvirt" "libxml2" "qemu" "swtpm" "shellcheck" "xorriso" "_7zz" "cdrkit" "powershell" "kmod" "systemd" "debootstrap" ] (name: drv name { })
            // { OVMFFull.fd = drv "OVMFFull-fd" { }; };
        in
        {
          inherit lib;
          legacyPackages = lib.genAttrs [ "x86_64-linux" "aarch64-linux" ] pkgsFor;
        }
        """;

    /// <summary>Evaluates <paramref name="selection"/> with <c>self</c> (the flake's outputs), <c>pkgs</c> and <c>lib</c> in scope.</summary>
    public static JsonElement Evaluate(string selection)
    {
        var result = TryEvaluate(selection);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    public static ExternalTool.Result TryEvaluate(string selection)
    {
        using var directory = new TempDirectory();
        var stub = directory.File("nixpkgs.nix", StubNixpkgs);
        var expression = directory.File("evaluate.nix", $$"""
            let
              nixpkgs = import {{stub}};
              inherit (nixpkgs) lib;
              flake = import {{Repository.PathOf("flake.nix")}};
              self = flake.outputs { inherit self nixpkgs; } // { outPath = {{Repository.Root}}; };
              pkgs = nixpkgs.legacyPackages.x86_64-linux;
            in
            {{selection}}
            """);
        return ExternalTool.Run("nix-instantiate", ["--eval", "--strict", "--json", expression]);
    }
}
