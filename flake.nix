{
  description = "NixVfioGen: a NixOS module and libvirt domain for VFIO GPU passthrough, generated";

  # flake.lock pins the exact revision.
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-26.05";

  outputs =
    { self, nixpkgs }:
    let
      inherit (nixpkgs) lib;
      systems = [
        "x86_64-linux"
        "aarch64-linux"
      ];
      forAllSystems = f: lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});
      # This flake's own build (cached, built once with the pinned nixpkgs), for a consumer's system.
      packageFor =
        system:
        self.packages.${system}.default
          or (throw "nix-vfio-gen: no package for ${system}; the systems are ${lib.concatStringsSep ", " systems}");
    in
    {
      overlays.default = final: prev: { nix-vfio-gen = final.callPackage ./nix/package.nix { }; };

      packages = forAllSystems (pkgs: rec {
        default = pkgs.callPackage ./nix/package.nix { };
        nix-vfio-gen = default;
        # The same generator on the .NET runtime, where NativeAOT cannot be built.
        nix-vfio-gen-framework-dependent = pkgs.callPackage ./nix/package.nix { nativeAot = false; };
      });

      apps = forAllSystems (
        pkgs:
        import ./nix/apps.nix {
          inherit lib pkgs;
          package = packageFor pkgs.stdenv.hostPlatform.system;
        }
      );

      lib = import ./nix/lib.nix { inherit packageFor; };

      # Installs the generator, so `nix-vfio-gen doctor` works after the rebuild (lib.mkVfioModule includes it).
      nixosModules.default = import ./nix/module.nix { inherit packageFor; };

      # nix fmt (Nix 2.25+) runs the formatter with no arguments: nixfmt-tree formats the tree, nixfmt alone would wait on stdin.
      formatter = forAllSystems (pkgs: pkgs.nixfmt-tree);

      devShells = forAllSystems (pkgs: {
        default = import ./nix/shell.nix { inherit pkgs; };
      });

      checks = forAllSystems (
        pkgs:
        import ./nix/checks.nix {
          inherit pkgs;
          package = packageFor pkgs.stdenv.hostPlatform.system;
        }
      );
    };
}
