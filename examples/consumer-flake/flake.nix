# A NixOS configuration that takes its passthrough module from nix-vfio-gen at evaluation time.
# Outside this repository, point the nix-vfio-gen input at wherever you get the flake from.
{
  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-26.05";
    nix-vfio-gen = {
      url = "path:../..";
      inputs.nixpkgs.follows = "nixpkgs";
    };
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
