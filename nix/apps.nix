# `nix run .#gen -- --ids ...`, `nix run .#list-iommu` and, after the reboot, `nix run .#doctor`.
{
  lib,
  pkgs,
  package,
}:
let
  gen = {
    type = "app";
    program = lib.getExe package;
    meta.description = "Generate a NixOS module and libvirt domain for VFIO GPU passthrough";
  };
  subcommand = name: description: {
    type = "app";
    meta = { inherit description; };
    program = "${pkgs.writeShellScript "nix-vfio-gen-${name}" ''
      exec ${lib.getExe package} ${name} "$@"
    ''}";
  };
in
{
  inherit gen;
  default = gen;
  doctor = subcommand "doctor" "After the rebuild and reboot, check each link up to a VM that starts and name the fix";
  list-iommu = subcommand "list-iommu" "List IOMMU groups and suggest the nix-vfio-gen command for each GPU";
}
