using System.Text.Json;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Packaging;

/// <summary>
/// The generated module through nixpkgs' real <c>lib.evalModules</c>, as a path (what
/// <c>lib.mkVfioModule</c> returns) both in the module list and in <c>imports</c>, against option
/// declarations typed as NixOS types them. NixOS itself cannot be fetched here; these declarations
/// stand in for the options the module sets, with their real types and merging.
/// </summary>
public class ModuleSystemTests
{
    private static string Evaluation(string modulePath, bool viaImports) => $$"""
        let
          lib = import {{NixTool.LibPath}};
          declarations = import {{NixosOptions.Path}} lib;
          usersOwn = {
            _module.args.pkgs = {
              qemu_kvm = "qemu"; coreutils = "coreutils"; OVMFFull.fd = "ovmf"; looking-glass-client = "looking-glass-client";
            };
            # A user's own setting, merged with the module's.
            boot.kernelParams = [ "quiet" ];
            system.stateVersion = "26.05";
          };
          generated = {{modulePath}};
          evaluated = lib.evalModules {
            modules = [ declarations usersOwn ] ++ {{(viaImports ? "[ { imports = [ generated ]; } ]" : "[ generated ]")}};
          };
          config = evaluated.config;
        in
        {
          inherit (config.boot) kernelParams extraModprobeConfig;
          initrdModules = config.boot.initrd.kernelModules;
          etc = builtins.attrNames config.environment.etc;
          services = builtins.attrNames config.systemd.services;
          groups = config.users.users.alice.extraGroups;
          assertions = map (a: a.assertion) config.assertions;
        }
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_module_file_is_a_module_in_the_list_and_in_imports(bool viaImports)
    {
        using var directory = new TempDirectory();
        var module = directory.File("vfio.nix", CliRun.Run(["--ids", "1002:67df,1002:aaf0", "--pci", "0000:23:00.0,0000:23:00.1",
            "--platform", "amd", "--user", "alice", "--define", "--bind-by", "address"]).Stdout);
        // As a string, the way "${derivation}" reaches the module system.
        var result = NixTool.EvaluateJson(Evaluation(JsonSerializer.Serialize(module), viaImports));
        Assert.True(result.ExitCode == 0, result.Stderr);
        var config = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(["iommu=pt", "kvm.ignore_msrs=1", "kvm.report_ignored_msrs=0", "quiet"], config.At("kernelParams").Strings().Order(StringComparer.Ordinal));
        // Bound by address: driver_override, no modprobe.d line.
        Assert.Equal("", config.At("extraModprobeConfig").GetString());
        Assert.Equal(["vfio_pci", "vfio", "vfio_iommu_type1"], config.At("initrdModules").Strings());
        Assert.Equal(["nix-vfio-gen/settings.json", "nix-vfio-gen/win11.xml"], config.At("etc").Strings());
        Assert.Equal(["nix-vfio-gen-default-network", "nix-vfio-gen-define-win11"], config.At("services").Strings());
        Assert.Equal(["libvirtd", "kvm", "qemu-libvirtd"], config.At("groups").Strings());
        Assert.Equal([true], config.At("assertions").EnumerateArray().Select(a => a.GetBoolean()));
    }

    [Fact]
    public void The_specialisation_is_a_system_of_its_own_with_the_binding_and_the_default_has_none()
    {
        using var directory = new TempDirectory();
        var module = directory.File("vfio.nix", CliRun.Run(["--ids", "1002:67df,1002:aaf0", "--pci", "0000:23:00.0,0000:23:00.1",
            "--platform", "amd", "--user", "alice", "--bind-at", "specialisation"]).Stdout);
        var result = NixTool.EvaluateJson($$"""
            let
              lib = import {{NixTool.LibPath}};
              declarations = import {{NixosOptions.Path}} lib;
              usersOwn = {
                _module.args.pkgs = { qemu_kvm = "qemu"; coreutils = "coreutils"; looking-glass-client = "looking-glass-client"; };
                system.stateVersion = "26.05";
              };
              system = modules: (lib.evalModules { inherit modules; }).config;
              default = system [ declarations usersOwn {{module}} ];
              # NixOS evaluates an entry as the whole configuration plus the entry's own module.
              vfio = system [ declarations usersOwn {{module}} default.specialisation.vfio.configuration ];
            in
            {
              defaultInitrd = default.boot.initrd.kernelModules;
              vfioInitrd = vfio.boot.initrd.kernelModules;
              vfioTags = vfio.system.nixos.tags;
              vfioModprobe = vfio.boot.extraModprobeConfig;
            }
            """);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var config = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Empty(config.At("defaultInitrd").Strings());
        Assert.Equal(["vfio_pci", "vfio", "vfio_iommu_type1"], config.At("vfioInitrd").Strings());
        Assert.Equal(["vfio"], config.At("vfioTags").Strings());
        Assert.Contains("options vfio-pci ids=1002:67df,1002:aaf0", config.At("vfioModprobe").GetString());
    }

    [Fact]
    public void The_setup_iso_is_built_by_the_module_system_from_the_clients_version()
    {
        using var directory = new TempDirectory();
        var module = directory.File("vfio.nix", CliRun.Run(["--ids", "1002:67df,1002:aaf0", "--pci", "0000:23:00.0,0000:23:00.1",
            "--user", "alice", "--guest-setup", "--iso", "/var/lib/libvirt/images/Win11.iso"]).Stdout);
        var result = NixTool.EvaluateJson($$"""
            let
              lib = import {{NixTool.LibPath}};
              declarations = import {{NixosOptions.Path}} lib;
              usersOwn = {
                _module.args.pkgs = {
                  qemu_kvm = "qemu"; coreutils = "coreutils"; virtio-win = "/virtio-win"; xorriso = "/xorriso";
                  looking-glass-client = { outPath = "looking-glass-client"; version = "B7"; };
                  # The file's content as a hash in its path, so the test can compare it exactly.
                  writeText = name: text: "/files/${builtins.hashString "sha256" text}/${name}";
                  runCommand = name: env: script: { inherit name env script; };
                };
                system.stateVersion = "26.05";
              };
              config = (lib.evalModules { modules = [ declarations usersOwn {{module}} ]; }).config;
              iso = config.environment.etc."nix-vfio-gen/win11-setup.iso".source;
            in
            { inherit (iso) name script; }
            """);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var iso = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("nix-vfio-gen-win11-setup.iso", iso.At("name").GetString());
        Assert.Contains("/xorriso/bin/xorriso -as mkisofs", iso.At("script").GetString());
        Assert.Contains("cp -r /virtio-win/. root/virtio-win/", iso.At("script").GetString());
        string Hash(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        var autounattend = NixVfioGen.Guest.AutounattendBuilder.Render(NixVfioGen.Guest.AutounattendBuilder.Build(
            NixVfioGen.Model.WindowsVersion.Windows11, NixVfioGen.Model.GuestSetup.Defaults(NixVfioGen.Model.WindowsAccountName.Parse("alice")), lookingGlassHost: true));
        Assert.Contains($"cp /files/{Hash(autounattend)}/autounattend.xml root/autounattend.xml", iso.At("script").GetString());
        Assert.Contains($"cp /files/{Hash(NixVfioGen.Guest.FirstLogonScript.Text("B7"))}/nix-vfio-gen-setup.ps1 root/", iso.At("script").GetString());
    }
}
