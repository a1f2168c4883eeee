{
  description = "NixVfioGen: a NixOS module and libvirt domain for VFIO GPU passthrough, generated";

  # The current stable release (25.11 is out of support); flake.lock pins the exact revision.
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-26.05";

  outputs =
    { self, nixpkgs }:
    let
      systems = [
        "x86_64-linux"
        "aarch64-linux"
      ];
      forAllSystems = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});
      packageFor = pkgs: pkgs.callPackage ./nix/package.nix { };
      frameworkDependentFor = pkgs: pkgs.callPackage ./nix/package.nix { nativeAot = false; };
    in
    {
      overlays.default = final: prev: { nix-vfio-gen = packageFor final; };

      packages = forAllSystems (pkgs: {
        default = packageFor pkgs;
        nix-vfio-gen = packageFor pkgs;
        # The same generator on the .NET runtime, where NativeAOT cannot be built.
        nix-vfio-gen-framework-dependent = frameworkDependentFor pkgs;
      });

      apps = forAllSystems (
        pkgs:
        import ./nix/apps.nix {
          inherit pkgs;
          package = packageFor pkgs;
        }
      );

      lib = import ./nix/lib.nix { inherit packageFor; };

      # nix fmt (Nix 2.25+) runs the formatter with no arguments: nixfmt-tree formats the tree, nixfmt alone would wait on stdin.
      formatter = forAllSystems (pkgs: pkgs.nixfmt-tree);

      devShells = forAllSystems (pkgs: {
        default = pkgs.mkShell {
          packages = [
            pkgs.dotnetCorePackages.sdk_10_0
            pkgs.nixfmt
            pkgs.libvirt
            pkgs.libxml2
          ];
        };
      });

      checks = forAllSystems (
        pkgs:
        import ./nix/checks.nix {
          inherit pkgs;
          package = packageFor pkgs;
        }
      );
    };
}
