# `nix run .#gen -- --ids ...` and `nix run .#list-iommu`.
{ pkgs, package }:
let
  gen = {
    type = "app";
    program = "${package}/bin/nix-vfio-gen";
  };
in
{
  inherit gen;
  default = gen;
  list-iommu = {
    type = "app";
    program = "${pkgs.writeShellScript "nix-vfio-gen-list-iommu" ''
      exec ${package}/bin/nix-vfio-gen list-iommu "$@"
    ''}";
  };
}
