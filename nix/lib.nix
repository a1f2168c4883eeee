# Functions for other flakes: run the generator at evaluation time (import from derivation).
# Every command-line option is an argument, named in camelCase (--looking-glass is lookingGlass);
# an unknown argument is an error that lists the valid ones, never silently dropped.
#
# The generator is this flake's own package for the consumer's build platform (packageFor system),
# as NixVirt builds its lib from its own pinned nixpkgs: a binary cache can serve it and a fresh
# evaluation never compiles .NET. The cost: this flake's nixpkgs is fetched and its .NET closure
# built or substituted, even when the consumer's nixpkgs has another SDK (inputs.nixpkgs.follows
# makes them one; then the package is built with the consumer's nixpkgs, without a cache hit).
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
      ${packageFor pkgs.stdenv.buildPlatform.system}/bin/nix-vfio-gen ${
        pkgs.lib.escapeShellArgs (command ++ arguments)
      } --formatter none > $out
    '';

  # The derivation writes stdout to $out with no formatter: these would break or redirect that.
  reservedFlags = [
    "--formatter"
    "--output"
    "-o"
    "--out-dir"
  ];
  # The generator reads `--output=FILE`, `--output:FILE` and `-oFILE` as --output too (tried with it).
  isReserved =
    lib: argument:
    builtins.any (
      flag:
      argument == flag
      || lib.hasPrefix "${flag}=" argument
      || lib.hasPrefix "${flag}:" argument
      || (flag == "-o" && lib.hasPrefix "-o" argument && !lib.hasPrefix "--" argument)
    ) reservedFlags;
  checkedExtraArgs =
    lib: extraArgs:
    let
      reserved = builtins.filter (isReserved lib) extraArgs;
    in
    if reserved != [ ] then
      throw "nix-vfio-gen: extraArgs may not contain ${builtins.concatStringsSep ", " reserved}: the lib writes the generated file to the derivation's output with --formatter none; format or copy the result instead (${builtins.concatStringsSep ", " reservedFlags} are reserved)"
    else
      extraArgs;

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
    "evdev"
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
    "usb"
    "rom"
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
      lib.concatLists (lib.mapAttrsToList toArguments given)
      ++ checkedExtraArgs lib (args.extraArgs or [ ]);
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
  # The generator is installed too, so `nix-vfio-gen doctor`, which the generated file names, works.
  mkVfioModule = args: {
    _file = "nix-vfio-gen.lib.mkVfioModule";
    imports = [ "${mkVfioModuleFile args}" ];
    environment.systemPackages = [ (packageFor args.pkgs.stdenv.hostPlatform.system) ];
  };

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
