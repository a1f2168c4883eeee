namespace NixVfioGen.Tests.Support;

/// <summary>
/// A module declaring, typed as NixOS types them, the options that the generated module and the
/// example configuration set: a stand-in for NixOS (which cannot be fetched here) under nixpkgs'
/// real <c>lib.evalModules</c>. The text is a Nix function of <c>lib</c>.
/// </summary>
public static class NixosOptions
{
    private static readonly Lazy<string> WrittenFile = new(() =>
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nix-vfio-gen-nixos-options-{Environment.ProcessId}.nix");
        File.WriteAllText(path, Module);
        return path;
    });

    /// <summary>The module as a file, written once per test run.</summary>
    public static string Path => WrittenFile.Value;

    public const string Module = """
        lib:
        let
          inherit (lib) mkOption types;
          anything = mkOption { type = types.anything; default = { }; };
          strings = mkOption { type = types.listOf types.str; default = [ ]; };
          lines = mkOption { type = types.lines; default = ""; };
          flag = mkOption { type = types.bool; default = false; };
        in
        {
          options = {
            assertions = mkOption { type = types.listOf types.unspecified; default = [ ]; };
            warnings = strings;
            boot.kernelParams = strings;
            boot.kernelModules = strings;
            boot.extraModulePackages = mkOption { type = types.listOf types.unspecified; default = [ ]; };
            boot.extraModprobeConfig = lines;
            boot.kernelPackages = mkOption { type = types.unspecified; default = { kernel.version = "6.18.1"; }; };
            boot.initrd.kernelModules = strings;
            boot.initrd.availableKernelModules = strings;
            boot.initrd.preDeviceCommands = lines;
            boot.initrd.systemd.enable = flag;
            boot.initrd.systemd.services = anything;
            boot.loader.systemd-boot.enable = flag;
            fileSystems = mkOption { type = types.attrsOf types.anything; default = { }; };
            virtualisation.libvirtd = anything;
            systemd.services = mkOption { type = types.attrsOf types.anything; default = { }; };
            systemd.tmpfiles.rules = strings;
            services.udev.extraRules = lines;
            # As xserver.nix declares it; the vfio boot entry reads the default entry's list.
            services.xserver.videoDrivers = mkOption { type = types.listOf types.str; default = [ "modesetting" "fbdev" ]; };
            programs.virt-manager.enable = flag;
            environment.systemPackages = mkOption { type = types.listOf types.unspecified; default = [ ]; };
            environment.etc = mkOption {
              type = types.attrsOf (types.submodule {
                options.text = mkOption { type = types.nullOr types.lines; default = null; };
                options.source = mkOption { type = types.nullOr types.unspecified; default = null; };
              });
              default = { };
            };
            users.users = mkOption {
              type = types.attrsOf (types.submodule {
                options.extraGroups = strings;
                options.isNormalUser = flag;
              });
              default = { };
            };
            system.stateVersion = mkOption { type = types.str; };
            system.nixos.tags = strings;
            # As NixOS declares it: each entry's configuration is a module, evaluated as a system of its own.
            specialisation = mkOption {
              type = types.attrsOf (types.submodule { options.configuration = mkOption { type = types.deferredModule; default = { }; }; });
              default = { };
            };
          };
        }
        """;
}
