# The generator, built from this repository with nixpkgs' .NET builder: a NativeAOT binary by
# default (no .NET runtime in the closure), or framework-dependent with nativeAot = false.
{
  lib,
  stdenv,
  buildDotnetModule,
  dotnetCorePackages,
  nixfmt,
  hwdata,
  nativeAot ? true,
}:
buildDotnetModule (
  {
    pname = "nix-vfio-gen";
    # The version Directory.Build.props gives the assembly, and so --version.
    version = builtins.head (
      builtins.match ".*<Version>([^<]+)</Version>.*" (builtins.readFile ../Directory.Build.props)
    );

    src = lib.fileset.toSource {
      root = ../.;
      fileset = lib.fileset.unions [
        ../src
        ../NixVfioGen.sln
        ../Directory.Build.props
        ../Directory.Packages.props
        ../global.json
      ];
    };

    projectFile = "src/NixVfioGen.Cli/NixVfioGen.Cli.csproj";
    # What the restore needs beyond the SDK's own packages, with hashes; regenerate with: nix/update-deps
    nugetDeps = ./deps.json;
    dotnet-sdk = dotnetCorePackages.sdk_10_0;
    executables = [ "nix-vfio-gen" ];

    # nixfmt for --formatter auto and the pci.ids database for list-iommu, without the user installing either.
    makeWrapperArgs = [
      "--prefix"
      "PATH"
      ":"
      (lib.makeBinPath [ nixfmt ])
      "--set-default"
      "NIX_VFIO_GEN_PCI_IDS"
      "${hwdata}/share/hwdata/pci.ids"
    ];

    meta = {
      description = "Generates a NixOS module and libvirt domain for VFIO GPU passthrough with Looking Glass";
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
      }
    else
      {
        dotnet-runtime = dotnetCorePackages.runtime_10_0;
        dotnetFlags = [ "-p:PublishAot=false" ];
      }
  )
)
