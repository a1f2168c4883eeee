# A NixOS module that installs this flake's generator for the machine's system, so the command the
# generated module and doctor name, `nix-vfio-gen doctor`, exists after the rebuild.
{ packageFor }:
{ pkgs, ... }:
{
  _file = "nix-vfio-gen/nix/module.nix";
  environment.systemPackages = [ (packageFor pkgs.stdenv.hostPlatform.system) ];
}
