# `nix develop`: the SDK and every checker ./test.sh uses, found by PATH and the variables below
# (test.sh --check-tools lists what is missing).
{ pkgs }:
pkgs.mkShell {
  strictDeps = true;
  packages = [
    pkgs.dotnetCorePackages.sdk_10_0
    pkgs.nix # nix-instantiate: parser, evaluator, import from derivation
    pkgs.nixfmt
    pkgs.libvirt # virsh, virt-xml-validate and the libvirtd daemon with its QEMU driver
    pkgs.libxml2 # xmllint
    pkgs.qemu # qemu-system-x86_64, qemu-img
    pkgs.swtpm # swtpm, swtpm_setup
    pkgs.shellcheck
    pkgs.xorriso
    pkgs._7zz # 7zz: doctor reads a Windows ISO's (UDF) sources/lang.ini
    pkgs.cdrkit # genisoimage: the test's UDF-only ISO
    pkgs.powershell # pwsh: PowerShell's own parser
    pkgs.kmod # modprobe -c -C DIR
    pkgs.systemd # systemd-nspawn for the container test
    pkgs.debootstrap # its Debian rootfs, built once per machine
  ];
  # UEFI images with Microsoft's keys enrolled (OVMF_CODE.ms.fd, OVMF_VARS.ms.fd).
  NIX_VFIO_GEN_OVMF_DIR = "${pkgs.OVMFFull.fd}/FV";
  # nixpkgs' real lib and nixfmt for the tests, from the same nixpkgs.
  NIXPKGS_LIB = "${pkgs.path}/lib";
  NIXFMT = pkgs.lib.getExe pkgs.nixfmt;
}
