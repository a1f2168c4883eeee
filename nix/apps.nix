# `nix run .#gen -- --ids ...`, `nix run .#list-iommu` and, after the reboot, `nix run .#doctor`.
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
  doctor = {
    type = "app";
    meta.description = "After the rebuild and reboot, check each link up to a VM that starts and name the fix";
    program = "${pkgs.writeShellScript "nix-vfio-gen-doctor" ''
      exec ${package}/bin/nix-vfio-gen doctor "$@"
    ''}";
  };
  list-iommu = {
    type = "app";
    meta.description = "List IOMMU groups and suggest the nix-vfio-gen command for each GPU";
    program = "${pkgs.writeShellScript "nix-vfio-gen-list-iommu" ''
      exec ${package}/bin/nix-vfio-gen list-iommu "$@"
    ''}";
  };
}
