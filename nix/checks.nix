# `nix flake check`: the build, the reference output against the committed example, nixfmt, and libvirt's schema.
{ pkgs, package }:
let
  generator = "${package}/bin/nix-vfio-gen";
  reference = "--ids 1002:67df,1002:aaf0 --pci 0000:23:00.0,0000:23:00.1 --platform amd --user alice --formatter none";
in
{
  inherit package;

  example-snapshot = pkgs.runCommand "nix-vfio-gen-example-snapshot" { } ''
    ${generator} ${reference} > vfio.nix
    diff -u ${../examples/vfio.nix} vfio.nix
    touch $out
  '';

  example-nixfmt =
    pkgs.runCommand "nix-vfio-gen-example-nixfmt" { nativeBuildInputs = [ pkgs.nixfmt ]; }
      ''
        ${generator} ${reference} > vfio.nix
        nixfmt --check vfio.nix
        touch $out
      '';

  domain-schema =
    pkgs.runCommand "nix-vfio-gen-domain-schema" { nativeBuildInputs = [ pkgs.libvirt ]; }
      ''
        ${generator} domain --pci 0000:23:00.0,0000:23:00.1 > win11.xml
        virt-xml-validate win11.xml domain
        touch $out
      '';
}
