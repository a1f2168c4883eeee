# The generator, built from this repository with nixpkgs' .NET builder: a NativeAOT binary by
# default (no .NET runtime in the closure), or framework-dependent with nativeAot = false.
# Lock file: `nix build .#default.fetch-deps && ./result nix/deps.json` (nixpkgs' passthru.fetch-deps).
{
  lib,
  stdenv,
  buildDotnetModule,
  dotnetCorePackages,
  nixfmt,
  hwdata,
  nativeAot ? true,
}:
let
  # What the build reads, limited to files git tracks. Outside a flake (callPackage on this file,
  # nix-build) the root is the working tree and gitTracked keeps bin/, obj/ and other untracked
  # files out; inside a flake the root is already a store copy of the tracked files, which
  # gitTracked takes whole (lib/fileset/internal.nix, _fromFetchGit). NixVfioGen.sln is left out:
  # the build names the project file.
  sourceFiles = lib.fileset.intersection (lib.fileset.gitTracked ../.) (
    lib.fileset.unions [
      ../src
      ../Directory.Build.props
      ../Directory.Packages.props
      ../global.json
    ]
  );

  # nixfmt for --formatter auto and the pci.ids database for list-iommu, without the user installing either.
  wrapperArgs = [
    "--prefix"
    "PATH"
    ":"
    (lib.makeBinPath [ nixfmt ])
    "--set-default"
    "NIX_VFIO_GEN_PCI_IDS"
    "${hwdata}/share/hwdata/pci.ids"
  ];
in
buildDotnetModule (
  finalAttrs:
  {
    pname = "nix-vfio-gen";
    # The version Directory.Build.props gives the assembly, and so --version.
    version = builtins.head (
      builtins.match ".*<Version>([^<]+)</Version>.*" (builtins.readFile ../Directory.Build.props)
    );

    src = lib.fileset.toSource {
      root = ../.;
      fileset = sourceFiles;
    };

    strictDeps = true;
    __structuredAttrs = true;

    projectFile = "src/NixVfioGen.Cli/NixVfioGen.Cli.csproj";
    # What the restore needs beyond the SDK's own packages, with hashes.
    nugetDeps = ./deps.json;
    dotnet-sdk = dotnetCorePackages.sdk_10_0;

    # A newer SDK's new analyzer warning must not break a user's build; CI builds with warnings as errors.
    dotnetFlags = [
      "-p:TreatWarningsAsErrors=false"
    ]
    ++ lib.optional (!nativeAot) "-p:PublishAot=false";

    passthru.updateScript = [
      finalAttrs.passthru.fetch-deps
      "nix/deps.json"
    ];

    meta = {
      description = "Generates a NixOS module and libvirt domain for VFIO GPU passthrough with Looking Glass";
      license = lib.licenses.mit;
      # No public home yet: set homepage here when the repository is published.
      maintainers = [ ];
      mainProgram = "nix-vfio-gen";
      platforms = [
        "x86_64-linux"
        "aarch64-linux"
      ];
    };
  }
  // (
    if nativeAot then
      {
        # As nixpkgs builds NativeAOT apps (pkgs/by-name/po/pomni): the SDK brings ILCompiler and the
        # runtime packs itself, the C toolchain links the binary, and no runtime is needed at run time.
        selfContainedBuild = true;
        dotnet-runtime = null;
        nativeBuildInputs = [ stdenv.cc ];
        # The builder's own wrapper puts the SDK's ICU on LD_LIBRARY_PATH for every executable
        # (build-dotnet-module/default.nix, makeWrapperArgs); with InvariantGlobalization the binary
        # never loads ICU, so no executables are declared and the wrapper is written here without it.
        executables = [ ];
        postFixup = ''
          makeWrapper "$out/lib/nix-vfio-gen/nix-vfio-gen" "$out/bin/nix-vfio-gen" ${lib.escapeShellArgs wrapperArgs}
        '';
      }
    else
      {
        dotnet-runtime = dotnetCorePackages.runtime_10_0;
        executables = [ "nix-vfio-gen" ];
        makeWrapperArgs = wrapperArgs;
      }
  )
)
