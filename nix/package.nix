# The generator, built from this repository with nixpkgs' .NET builder.
{
  lib,
  buildDotnetModule,
  dotnetCorePackages,
  nixfmt,
  hwdata,
}:
buildDotnetModule {
  pname = "nix-vfio-gen";
  version = "0.1.0";

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
  # Every NuGet package the restore needs, with hashes; regenerate with: nix/update-deps
  nugetDeps = ./deps.json;
  dotnet-sdk = dotnetCorePackages.sdk_10_0;
  dotnet-runtime = dotnetCorePackages.runtime_10_0;
  executables = [ "nix-vfio-gen" ];
  # Framework-dependent: the NativeAOT publish (bench/run) is not wired into buildDotnetModule yet; see README.
  dotnetFlags = [ "-p:PublishAot=false" ];

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
