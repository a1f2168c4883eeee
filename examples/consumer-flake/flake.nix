# A NixOS configuration that takes its passthrough module from nix-vfio-gen at evaluation time.
# Outside this repository, point the nix-vfio-gen input at wherever you get the flake from.
{
  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-26.05";
    # No inputs.nixpkgs.follows: lib.mkVfioModule then runs the generator built with nix-vfio-gen's
    # own pinned nixpkgs, once per pin (or from a cache), rather than recompiling it whenever this
    # nixpkgs moves; the price is a second nixpkgs to fetch. Outside this repository use a git or
    # github reference: a path: reference to a whole checkout copies .git, which
    # lib.fileset.gitTracked refuses.
    nix-vfio-gen.url = "path:../..";
  };

  outputs =
    { nixpkgs, nix-vfio-gen, ... }:
    let
      # The generator runs for the build platform; `imports` cannot take pkgs from the module arguments.
      pkgs = nixpkgs.legacyPackages.x86_64-linux;
    in
    {
      nixosConfigurations.desktop = nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        modules = [
          ./configuration.nix
          (nix-vfio-gen.lib.mkVfioModule {
            inherit pkgs;
            ids = [
              "1002:67df"
              "1002:aaf0"
            ];
            pci = [
              "0000:23:00.0"
              "0000:23:00.1"
            ];
            platform = "amd";
            user = "alice";
          })
        ];
      };
    };
}
