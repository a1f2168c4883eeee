# Functions for other flakes: run the generator at evaluation time (import from derivation).
{ packageFor }:
let
  run =
    {
      pkgs,
      name,
      command,
      arguments,
    }:
    pkgs.runCommand name { } ''
      ${packageFor pkgs}/bin/nix-vfio-gen ${
        pkgs.lib.escapeShellArgs (command ++ arguments)
      } --formatter none > $out
    '';

  # Options shared by both functions, spelled as the command line spells them.
  sharedArguments =
    {
      platform ? "auto",
      lookingGlass ? "shm",
      resolution ? "1920x1080",
      ...
    }:
    [
      "--platform"
      platform
      "--looking-glass"
      lookingGlass
      "--resolution"
      resolution
    ];

  optionalArgument =
    flag: value:
    if value == null then
      [ ]
    else
      [
        flag
        (toString value)
      ];
in
rec {
  # The generated module file itself, as a derivation (to read, copy or commit it).
  mkVfioModuleFile =
    {
      pkgs,
      ids,
      pci ? [ ],
      user ? null,
      nixos ? null,
      define ? false,
      extraArgs ? [ ],
      ...
    }@args:
    run {
      inherit pkgs;
      name = "vfio.nix";
      command = [ ];
      arguments = [
        "--ids"
        (builtins.concatStringsSep "," ids)
      ]
      ++ (
        if pci == [ ] then
          [ ]
        else
          [
            "--pci"
            (builtins.concatStringsSep "," pci)
          ]
      )
      ++ optionalArgument "--user" user
      ++ optionalArgument "--nixos" nixos
      ++ (if define then [ "--define" ] else [ ])
      ++ sharedArguments args
      ++ extraArgs;
    };

  # A NixOS module: modules = [ (nix-vfio-gen.lib.mkVfioModule { inherit pkgs; ids = [ ... ]; }) ], or in imports.
  # The module system reads any attribute set without _type as a module, so a derivation there would
  # become option definitions ("The option 'all' does not exist"); its path is imported instead.
  mkVfioModule = args: "${mkVfioModuleFile args}";

  # The libvirt domain XML alone.
  mkDomainXml =
    {
      pkgs,
      pci ? [ ],
      extraArgs ? [ ],
      ...
    }@args:
    run {
      inherit pkgs;
      name = "domain.xml";
      command = [ "domain" ];
      arguments =
        (
          if pci == [ ] then
            [ ]
          else
            [
              "--pci"
              (builtins.concatStringsSep "," pci)
            ]
        )
        ++ sharedArguments args
        ++ extraArgs;
    };
}
