using System.Text.Json;

namespace NixVfioGen.Tests.Support;

/// <summary>The real Nix parser and evaluator from Debian's nix-bin.</summary>
internal static class NixTool
{
    /// <summary>
    /// nixpkgs' real lib (tests only), looked up in this order: $NIXPKGS_LIB, &lt;nixpkgs/lib&gt; when
    /// NIX_PATH has nixpkgs, then the shared copy beside the checkout.
    /// </summary>
    public static string LibPath => FoundLib.Value;

    private static readonly Lazy<string> FoundLib = new(() =>
    {
        if (Environment.GetEnvironmentVariable("NIXPKGS_LIB") is { Length: > 0 } given)
        {
            return Checked(given, "$NIXPKGS_LIB");
        }
        if ((Environment.GetEnvironmentVariable("NIX_PATH") ?? "").Contains("nixpkgs", StringComparison.Ordinal)
            && ExternalTool.Run("nix-instantiate", ["--find-file", "nixpkgs/lib"]) is { ExitCode: 0 } found)
        {
            return Checked(found.Stdout.Trim(), "<nixpkgs/lib> from NIX_PATH");
        }
        return Checked(Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "nixpkgs-lib", "lib")), "../shared/nixpkgs-lib");
    });

    private static string Checked(string path, string source)
    {
        Assert.True(File.Exists(Path.Combine(path, "default.nix")),
            $"nixpkgs' lib not found at {path} ({source}): set NIXPKGS_LIB to a nixpkgs lib directory (CI has ../shared/nixpkgs-lib)");
        return path;
    }

    /// <summary>
    /// The module arguments: nixpkgs' real lib, and just enough of pkgs and config. Packages are
    /// directories under <c>toolRoot</c>, so a script's <c>${pkg}/bin/tool</c> can point at fakes.
    /// </summary>
    private static string ModuleStub => $$"""
        { modulePath, kernelVersion, systemdInitrd ? false, initrdModules ? [ ], toolRoot ? "/nix/store/stub", release ? null, realFiles ? false, videoDrivers ? [ "modesetting" "fbdev" ] }:
        let
          realLib = import {{LibPath}};
          # The release the module reads when it is evaluated, set as if on that NixOS.
          lib = if release == null then realLib else realLib // { trivial = realLib.trivial // { inherit release; }; };
          pkgs = {
            qemu_kvm = "${toolRoot}/qemu";
            coreutils = "${toolRoot}/coreutils";
            kmod = "${toolRoot}/kmod";
            util-linux = "${toolRoot}/util-linux";
            # The script's text itself, to read and run in tests.
            # With realFiles, a file in the store (RUN+= rules then name it by path, as on NixOS).
            writeShellScript = name: text: if realFiles then builtins.toFile name text else text;
            OVMFFull.fd = "${toolRoot}/OVMFFull-fd";
            looking-glass-client = {
              outPath = "${toolRoot}/looking-glass-client";
              version = "B7";
            };
            virtio-win = "${toolRoot}/virtio-win";
            xorriso = "${toolRoot}/xorriso";
            # A file's text in the store when the store is writable (the setup ISO test), else its name.
            writeText = name: text: if realFiles then builtins.toFile name text else "${toolRoot}/files/${name}";
            # The build script, to run in tests.
            runCommand = name: env: script: script;
          };
          config = {
            boot.kernelPackages = {
              kernel.version = kernelVersion;
              kvmfr = "${toolRoot}/kvmfr";
              vendor-reset = "${toolRoot}/vendor-reset";
            };
            boot.initrd.systemd.enable = systemdInitrd;
            services.xserver.videoDrivers = videoDrivers;
            boot.initrd.kernelModules = initrdModules;
            virtualisation.libvirtd.package = "${toolRoot}/libvirt";
            systemd.package = "${toolRoot}/systemd";
            virtualisation.libvirtd.qemu.package = "${toolRoot}/qemu";
          };
          # What the module system makes of ordered and merged definitions (lib.mkBefore, lib.mkMerge), so
          # tests read plain values: lines join with a newline as types.lines does, lists concatenate.
          resolve = value:
            if builtins.isAttrs value && (value._type or null) == "order" then resolve value.content
            else if builtins.isAttrs value && (value._type or null) == "merge" then
              let parts = map resolve value.contents; in
              if builtins.all builtins.isString parts then builtins.concatStringsSep "\n" parts
              else if builtins.all builtins.isList parts then builtins.concatLists parts
              else value
            else if builtins.isAttrs value && !(value ? outPath) then builtins.mapAttrs (_: resolve) value
            else value;
        in
        resolve (import modulePath { inherit config lib pkgs; })
        """;

    /// <summary>Writes the module stub into <paramref name="directory"/>: a function of modulePath and kernelVersion.</summary>
    public static string StubFile(TempDirectory directory) => directory.File("stub.nix", ModuleStub);

    /// <summary>Parses text given on the command line, so relative paths resolve the same for any two texts.</summary>
    public static ExternalTool.Result ParseExpression(string text)
    {
        ExternalTool.Require("nix-instantiate", "nix-bin");
        return ExternalTool.Run("nix-instantiate", ["--parse", "-E", text]);
    }

    public static ExternalTool.Result Parse(string text)
    {
        ExternalTool.Require("nix-instantiate", "nix-bin");
        using var directory = new TempDirectory();
        return ExternalTool.Run("nix-instantiate", ["--parse", directory.File("module.nix", text)]);
    }

    /// <summary>
    /// Evaluates a generated module under the stub arguments and returns its value as JSON; with
    /// <paramref name="realFiles"/> the scripts and texts the module writes are files in the store (needs root).
    /// </summary>
    public static JsonElement EvaluateModule(string moduleText, string kernelVersion = "6.12.10", bool systemdInitrd = false,
        IReadOnlyList<string>? initrdModules = null, string? toolRoot = null, string? release = null, bool realFiles = false)
    {
        ExternalTool.Require("nix-instantiate", "nix-bin");
        using var directory = new TempDirectory();
        var module = directory.File("module.nix", moduleText);
        var stub = directory.File("stub.nix", ModuleStub);
        var result = ExternalTool.Run("nix-instantiate",
            ["--eval", "--strict", "--json", .. realFiles ? new[] { "--read-write-mode", "--arg", "realFiles", "true" } : [], stub, "--arg", "modulePath", module, "--argstr", "kernelVersion", kernelVersion,
             "--arg", "systemdInitrd", systemdInitrd ? "true" : "false",
             "--arg", "initrdModules", "[ " + string.Join(' ', (initrdModules ?? []).Select(m => JsonSerializer.Serialize(m))) + " ]",
             .. toolRoot is null ? Array.Empty<string>() : ["--argstr", "toolRoot", toolRoot],
             .. release is null ? Array.Empty<string>() : ["--argstr", "release", release]]);
        Assert.True(result.ExitCode == 0, "nix-instantiate --eval failed: " + result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    /// <summary>Evaluates a Nix expression file to JSON.</summary>
    public static ExternalTool.Result EvaluateJson(string expressionText)
    {
        ExternalTool.Require("nix-instantiate", "nix-bin");
        using var directory = new TempDirectory();
        return ExternalTool.Run("nix-instantiate", ["--eval", "--strict", "--json", directory.File("expr.nix", expressionText)]);
    }
}
