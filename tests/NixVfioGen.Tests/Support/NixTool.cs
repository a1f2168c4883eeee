using System.Text.Json;

namespace NixVfioGen.Tests.Support;

/// <summary>The real Nix parser and evaluator from Debian's nix-bin.</summary>
internal static class NixTool
{
    /// <summary>Stand-ins for the module arguments: just enough of lib, pkgs and config for the generated module.</summary>
    private const string ModuleStub = """
        { modulePath, kernelVersion, systemdInitrd ? false }:
        let
          lib = {
            optional = cond: value: if cond then [ value ] else [ ];
            versionOlder = a: b: builtins.compareVersions a b < 0;
            mkIf = condition: content: { _type = "if"; inherit condition content; };
          };
          pkgs = {
            qemu_kvm = "pkgs.qemu_kvm";
            OVMFFull.fd = "pkgs.OVMFFull.fd";
            looking-glass-client = "pkgs.looking-glass-client";
          };
          config = {
            boot.kernelPackages = {
              kernel.version = kernelVersion;
              kvmfr = "kernelPackages.kvmfr";
            };
            boot.initrd.systemd.enable = systemdInitrd;
            virtualisation.libvirtd.package = "pkgs.libvirt";
          };
        in
        import modulePath { inherit config lib pkgs; }
        """;

    /// <summary>Writes the module stub into <paramref name="directory"/>: a function of modulePath and kernelVersion.</summary>
    public static string StubFile(TempDirectory directory) => directory.File("stub.nix", ModuleStub);

    public static ExternalTool.Result Parse(string text)
    {
        ExternalTool.Require("nix-instantiate", "nix-bin");
        using var directory = new TempDirectory();
        return ExternalTool.Run("nix-instantiate", ["--parse", directory.File("module.nix", text)]);
    }

    /// <summary>Evaluates a generated module under the stub arguments and returns its value as JSON.</summary>
    public static JsonElement EvaluateModule(string moduleText, string kernelVersion = "6.12.10", bool systemdInitrd = false)
    {
        ExternalTool.Require("nix-instantiate", "nix-bin");
        using var directory = new TempDirectory();
        var module = directory.File("module.nix", moduleText);
        var stub = directory.File("stub.nix", ModuleStub);
        var result = ExternalTool.Run("nix-instantiate",
            ["--eval", "--strict", "--json", stub, "--arg", "modulePath", module, "--argstr", "kernelVersion", kernelVersion,
             "--arg", "systemdInitrd", systemdInitrd ? "true" : "false"]);
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
