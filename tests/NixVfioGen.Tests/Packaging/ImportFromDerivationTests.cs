using System.Text.Json;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Packaging;

/// <summary>
/// The flake as another flake uses it, with real import-from-derivation: Debian's Nix builds local
/// derivations (no substituters, no sandbox), and the stub package wraps the generator these tests
/// were built with, so <c>lib.mkVfioModule</c> really runs it while the configuration is evaluated by
/// nixpkgs' real <c>lib.evalModules</c>. Building into /nix/store needs root, as CI has.
/// </summary>
public class ImportFromDerivationTests
{
    private static readonly string[] NixOptions = ["--option", "substituters", "", "--option", "sandbox", "false", "--option", "build-users-group", ""];

    private static string Dotnet =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(directory => Path.Combine(directory, "dotnet"))
            .Where(File.Exists)
            .Select(path => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path)
            .First();

    private static string Cli => typeof(NixVfioGen.Cli.CliApp).Assembly.Location;

    // In the wrapper's text, so a rebuilt generator is a new derivation, never a stale store path.
    private static string CliHash => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Cli)))
        + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(typeof(NixVfioGen.Model.PciId).Assembly.Location)));

    // nixpkgs with the real lib, local derivations for runCommand, and the package replaced by a wrapper of the tested CLI.
    private static string Stub => $$"""
        let
          lib = import {{NixTool.LibPath}};
          system = builtins.currentSystem;
          wrapper = builtins.toFile "nix-vfio-gen" ''
            #!/bin/sh
            # generator build {{CliHash}}
            export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 HOME=/tmp
            exec {{Dotnet}} {{Cli}} "$@"
          '';
          package = derivation {
            name = "nix-vfio-gen";
            inherit system;
            builder = "/bin/sh";
            args = [ "-c" "/bin/mkdir -p $out/bin && /bin/cp ${wrapper} $out/bin/nix-vfio-gen && /bin/chmod +x $out/bin/nix-vfio-gen" ];
          };
          pkgs = {
            inherit lib system;
            stdenv = { buildPlatform.system = system; hostPlatform.system = system; };
            callPackage = path: overrides: package;
            looking-glass-client = { name = "looking-glass-client"; };
            runCommand = name: env: script: derivation (env // { inherit name system; builder = "/bin/sh"; args = [ "-c" script ]; });
            writeShellScript = name: text: builtins.toFile name text;
            mkShell = args: { };
            nixfmt-tree = { name = "nixfmt-tree"; };
          };
          declarations = import {{NixosOptions.Path}} lib;
          nixpkgs = {
            lib = lib // {
              # nixosSystem over the real evalModules, with the NixOS option stand-in.
              nixosSystem = args: lib.evalModules { modules = args.modules ++ [ declarations { _module.args.pkgs = pkgs; } ]; };
            };
            legacyPackages.x86_64-linux = pkgs;
            legacyPackages.aarch64-linux = pkgs;
          };
          self = (import {{Repository.PathOf("flake.nix")}}).outputs { inherit self nixpkgs; } // { outPath = {{Repository.Root}}; };
        in
        { inherit lib pkgs declarations nixpkgs self; }
        """;

    private static JsonElement Evaluate(string body)
    {
        Assert.SkipWhen(ExternalTool.Run("id", ["-u"]).Stdout.Trim() != "0",
            "import-from-derivation builds into /nix/store, which only root can write here; CI runs as root");
        using var directory = new TempDirectory();
        var stub = directory.File("stub.nix", Stub);
        var expression = directory.File("evaluate.nix", $"let inherit (import {stub}) lib pkgs declarations nixpkgs self; in {body}");
        var result = ExternalTool.Run("nix-instantiate", ["--read-write-mode", "--eval", "--strict", "--json", expression, .. NixOptions]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    private const string Summary = """
        {
          kernelParams = config.boot.kernelParams;
          modprobe = config.boot.extraModprobeConfig;
          etc = builtins.attrNames config.environment.etc;
          groups = config.users.users.alice.extraGroups;
          tools = map (p: p.name) config.environment.systemPackages;
        }
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Mk_vfio_module_runs_the_generator_and_is_a_module_in_the_list_and_in_imports(bool viaImports)
    {
        var module = """self.lib.mkVfioModule { inherit pkgs; ids = [ "1002:67df" "1002:aaf0" ]; pci = [ "0000:23:00.0" "0000:23:00.1" ]; platform = "amd"; user = "alice"; }""";
        var modules = viaImports ? $"[ {{ imports = [ ({module}) ]; }} ]" : $"[ ({module}) ]";
        var config = Evaluate($$"""
            let
              config = (lib.evalModules { modules = [ declarations { _module.args.pkgs = pkgs; system.stateVersion = "26.05"; } ] ++ {{modules}}; }).config;
            in
            {{Summary}}
            """);
        Assert.Equal(["iommu=pt", "kvm.ignore_msrs=1", "kvm.report_ignored_msrs=0"], config.At("kernelParams").Strings());
        Assert.Contains("options vfio-pci ids=1002:67df,1002:aaf0\n", config.At("modprobe").GetString());
        Assert.Equal(["nix-vfio-gen/settings.json", "nix-vfio-gen/win11.xml"], config.At("etc").Strings());
        Assert.Equal(["libvirtd", "kvm", "qemu-libvirtd"], config.At("groups").Strings());
        // The generator that ran is installed, so the file's `nix-vfio-gen doctor` exists after the rebuild.
        Assert.Contains("nix-vfio-gen", config.At("tools").Strings());
    }

    [Fact]
    public void The_consumer_example_evaluates()
    {
        var config = Evaluate($$"""
            let
              consumer = (import {{Repository.PathOf("examples/consumer-flake/flake.nix")}}).outputs { inherit nixpkgs; nix-vfio-gen = self; };
              config = consumer.nixosConfigurations.desktop.config;
            in
            {{Summary}} // { kernelModules = config.boot.kernelModules; stateVersion = config.system.stateVersion; }
            """);
        Assert.Contains("kvm-amd", config.At("kernelModules").Strings());
        Assert.Contains("vendor-reset", config.At("kernelModules").Strings());
        Assert.Contains("iommu=pt", config.At("kernelParams").Strings());
        Assert.Equal(["libvirtd", "kvm", "qemu-libvirtd"], config.At("groups").Strings());
        Assert.Equal("26.05", config.At("stateVersion").GetString());
    }
}
