# Functions for other flakes: run the generator at evaluation time (import from derivation).
# Every command-line option is an argument, named in camelCase (--looking-glass is lookingGlass);
# an unknown argument is an error that lists the valid ones, never silently dropped.
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

  # Options of the host module, the domain, and both.
  hostOptions = [
    "ids"
    "nixos"
    "earlyBinding"
    "ignoreMsrs"
    "user"
    "bindBy"
    "resetQuirk"
    "bindAt"
    "singleGpu"
  ];
  sharedOptions = [
    "pci"
    "platform"
    "lookingGlass"
    "resolution"
    "shmemSize"
    "secureBootKeys"
  ];
  domainOptions = [
    "vmName"
    "windows"
    "memory"
    "vcpus"
    "disk"
    "diskSize"
    "iso"
    "virtioIso"
    "hideKvm"
    "video"
    "uuid"
    "vcpuPin"
    "emulatorPin"
    "hugepages"
  ];
  # The root command's own: it writes the module with the domain inside (the domain command alone
  # refuses what only the module can do: the isolation hook, the setup ISO).
  rootOptions = [
    "define"
    "redefine"
    "isolate"
    "guestSetup"
    "guestLanguage"
    "guestLocale"
    "guestEdition"
    "guestUser"
  ];
  # Given or not, never with a value.
  switches = [
    "define"
    "redefine"
    "hideKvm"
    "singleGpu"
    "isolate"
    "guestSetup"
  ];

  # Each argument as the command line takes it: camelCase to kebab-case (lookingGlass is
  # --looking-glass), lists comma-separated, booleans as true/false except the switches, which are
  # given or not.
  argumentsOf =
    lib: valid: args:
    let
      given = builtins.removeAttrs args [
        "pkgs"
        "extraArgs"
      ];
      unknown = builtins.filter (name: !(builtins.elem name valid)) (builtins.attrNames given);
      toArguments =
        name: value:
        let
          flag =
            "--"
            + lib.concatMapStrings (c: if lib.toLower c != c then "-" + lib.toLower c else c) (
              lib.stringToCharacters name
            );
        in
        if value == null then
          [ ]
        else if builtins.elem name switches then
          lib.optional value flag
        else if builtins.isList value then
          lib.optionals (value != [ ]) [
            flag
            (builtins.concatStringsSep "," (map toString value))
          ]
        else if builtins.isBool value then
          [
            flag
            (lib.boolToString value)
          ]
        else
          [
            flag
            (toString value)
          ];
    in
    if unknown != [ ] then
      throw "nix-vfio-gen: unknown argument ${builtins.concatStringsSep ", " unknown}; the arguments are pkgs, extraArgs, ${builtins.concatStringsSep ", " valid}"
    else
      lib.concatLists (lib.mapAttrsToList toArguments given) ++ (args.extraArgs or [ ]);
in
rec {
  # The argument names, as the tests compare them with the command line's options.
  argumentNames = {
    inherit
      hostOptions
      sharedOptions
      domainOptions
      rootOptions
      switches
      ;
  };

  # The generated module file itself, as a derivation (to read, copy or commit it).
  mkVfioModuleFile =
    args:
    run {
      inherit (args) pkgs;
      name = "vfio.nix";
      command = [ ];
      arguments = argumentsOf args.pkgs.lib (
        hostOptions ++ sharedOptions ++ domainOptions ++ rootOptions
      ) args;
    };

  # A NixOS module: modules = [ (nix-vfio-gen.lib.mkVfioModule { inherit pkgs; ids = [ ... ]; }) ], or in imports.
  # The module system reads any attribute set without _type as a module, so a derivation there would
  # become option definitions ("The option 'all' does not exist"); its path is imported instead.
  mkVfioModule = args: "${mkVfioModuleFile args}";

  # The libvirt domain XML alone.
  mkDomainXml =
    args:
    run {
      inherit (args) pkgs;
      name = "domain.xml";
      command = [ "domain" ];
      arguments = argumentsOf args.pkgs.lib (sharedOptions ++ domainOptions) args;
    };
}
