# The rest of the machine's configuration; the passthrough part comes from nix-vfio-gen.
{ ... }:
{
  imports = [ ./hardware-configuration.nix ];

  users.users.alice.isNormalUser = true;
  system.stateVersion = "26.05";
}
