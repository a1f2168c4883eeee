# `nix run .#gen -- --ids ...` and `nix run .#list-iommu`.
{ pkgs, package }:
let
  gen = {
    type = "app";
    program = "${package}/bin/nix-vfio-gen";
    meta.description = "Generate a NixOS module and libvirt domain for VFIO GPU passthrough";
  };
in
{
  inherit gen;
  default = gen;
  list-iommu = {
    type = "app";
    meta.description = "List IOMMU groups and suggest the nix-vfio-gen command for each GPU";
    program = "${pkgs.writeShellScript "nix-vfio-gen-list-iommu" ''
      exec ${package}/bin/nix-vfio-gen list-iommu "$@"
    ''}";
  };
}
