#!/usr/bin/env bash
# The one test command: installs the real checkers when missing, runs the suite, prints "N passed, N failed".
#   ./test.sh [dotnet test arguments]   run the suite
#   ./test.sh --check-tools             list each checker found (by PATH and NIX_VFIO_GEN_* variables) or missing; installs nothing
#   ./test.sh --tools-env               print the NIX_VFIO_GEN_* variables the tests read, as NAME=VALUE lines
# Checkers are found by PATH and environment (nix develop sets both); Debian's own locations are a
# fallback on Debian alone (debian_fallback), where test.sh can also apt-get what is missing.
set -euo pipefail
case "$0" in */*) cd "${0%/*}" ;; esac

# Each checker: "command|Debian package". Found by PATH.
commands=(
  "nix-instantiate|nix-bin"
  "virsh|libvirt-clients"
  "virt-xml-validate|libvirt-clients"
  "xmllint|libxml2-utils"
  # A real libvirt daemon with QEMU, UEFI and TPM emulation: the start test boots every generated domain.
  "libvirtd|libvirt-daemon"
  "qemu-system-x86_64|qemu-system-x86"
  "qemu-img|qemu-utils"
  "swtpm|swtpm"
  "swtpm_setup|swtpm-tools"
  "shellcheck|shellcheck"
  # The setup ISO test builds and reads back an ISO with the tool the module uses.
  "xorriso|xorriso"
  # doctor reads the installer ISO's language with 7-Zip (Windows ISOs are UDF); its test builds such an ISO.
  "7zz|7zip"
  "genisoimage|genisoimage"
  # kmod's modprobe -c -C DIR reads the generated modprobe.d lines as the host will (softdep
  # tests) and judges the hook tests' fake modprobe's grammar.
  "modprobe|kmod"
  # The hook tests: a Debian rootfs booted with systemd-nspawn runs the isolation hook against real
  # systemd slices; debootstrap builds that rootfs once per machine.
  "systemd-nspawn|systemd-container"
  "debootstrap|debootstrap"
)

# Where Debian puts what a non-root PATH lacks, used only where apt-get exists.
debian_fallback() {
  case "$1" in
    libvirtd) [ -x /usr/sbin/libvirtd ] && echo /usr/sbin/libvirtd ;;
    modprobe | debootstrap) for f in "/usr/sbin/$1" "/sbin/$1"; do [ -x "$f" ] && echo "$f" && break; done ;;
    # What debootstrap runs (chroot, ...) where a non-root PATH lacks it.
    sbin-path) echo /usr/sbin:/sbin ;;
    qemu-driver) for f in /usr/lib/*/libvirt/connection-driver/libvirt_driver_qemu.so; do [ -e "$f" ] && echo "$f" && break; done ;;
    ovmf-dir) [ -d /usr/share/OVMF ] && echo /usr/share/OVMF ;;
  esac
  return 0
}
on_debian() { command -v apt-get >/dev/null; }

# PowerShell's own parser checks the guest's first-logon script (a .NET global tool, from NuGet).
PATH="$PATH:${HOME:-/nonexistent}/.dotnet/tools"
export PATH

found=() missing=() packages=()
locate() {
  local name=$1 package=$2 path=$3
  if [ -n "$path" ]; then found+=("$name|$path"); else missing+=("$name|$package"); packages+=("$package"); fi
}
discover() {
  found=() missing=() packages=()
  local entry name package path
  for entry in "${commands[@]}"; do
    name=${entry%%|*} package=${entry#*|}
    path=$(command -v "$name" || true)
    if [ -z "$path" ] && on_debian; then path=$(debian_fallback "$name"); fi
    locate "$name" "$package" "$path"
    if [ "$name" = libvirtd ]; then NIX_VFIO_GEN_LIBVIRTD=${NIX_VFIO_GEN_LIBVIRTD:-$path}; fi
    if [ "$name" = debootstrap ]; then debootstrap=$path; fi
    if [ "$name" = modprobe ]; then NIX_VFIO_GEN_MODPROBE=${NIX_VFIO_GEN_MODPROBE:-$path}; fi
  done
  # libvirt's QEMU driver beside the daemon (nixpkgs: $libvirt/lib/libvirt/connection-driver).
  path=""
  if [ -n "${NIX_VFIO_GEN_LIBVIRTD:-}" ]; then
    local beside=${NIX_VFIO_GEN_LIBVIRTD%/*}/../lib/libvirt/connection-driver/libvirt_driver_qemu.so
    [ -e "$beside" ] && path=$beside
  fi
  if [ -z "$path" ] && on_debian; then path=$(debian_fallback qemu-driver); fi
  locate "libvirt QEMU driver" libvirt-daemon-driver-qemu "$path"
  # UEFI images with Microsoft's keys (the start test's --secure-boot-keys microsoft case).
  path=""
  NIX_VFIO_GEN_OVMF_DIR=${NIX_VFIO_GEN_OVMF_DIR:-}
  if [ -z "$NIX_VFIO_GEN_OVMF_DIR" ] && on_debian; then NIX_VFIO_GEN_OVMF_DIR=$(debian_fallback ovmf-dir); fi
  local code
  for code in OVMF_CODE_4M.ms.fd OVMF_CODE.ms.fd; do
    if [ -n "$NIX_VFIO_GEN_OVMF_DIR" ] && [ -e "$NIX_VFIO_GEN_OVMF_DIR/$code" ]; then path=$NIX_VFIO_GEN_OVMF_DIR/$code && break; fi
  done
  locate "OVMF with Microsoft keys" ovmf "$path"
  path=$(command -v pwsh || true)
  locate pwsh "PowerShell 7.6.9, dotnet tool" "$path"
  export NIX_VFIO_GEN_LIBVIRTD NIX_VFIO_GEN_OVMF_DIR NIX_VFIO_GEN_MODPROBE
}

report() {
  local entry
  for entry in "${found[@]}"; do printf 'found    %-26s %s\n' "${entry%%|*}" "${entry#*|}"; done
  for entry in "${missing[@]}"; do printf 'missing  %-26s (%s)\n' "${entry%%|*}" "${entry#*|}"; done
}

discover
case "${1:-}" in
  --check-tools)
    report
    exit $((${#missing[@]} > 0))
    ;;
  --tools-env)
    echo "NIX_VFIO_GEN_LIBVIRTD=$NIX_VFIO_GEN_LIBVIRTD"
    echo "NIX_VFIO_GEN_OVMF_DIR=$NIX_VFIO_GEN_OVMF_DIR"
    echo "NIX_VFIO_GEN_MODPROBE=$NIX_VFIO_GEN_MODPROBE"
    exit 0
    ;;
esac

if ((${#missing[@]})); then
  if ! on_debian; then
    report >&2
    echo "test.sh: checkers missing and no apt-get here; on NixOS run the tests inside 'nix develop'" >&2
    exit 1
  fi
  apt=()
  for package in "${packages[@]}"; do
    case "$package" in PowerShell*) ;; *) apt+=("$package") ;; esac
  done
  if ((${#apt[@]})); then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "test.sh: installing ${apt[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${apt[@]}" >/dev/null
  fi
  if ! command -v pwsh >/dev/null; then
    echo "test.sh: installing PowerShell 7.6.9 (dotnet tool) for its script parser" >&2
    dotnet tool install --global PowerShell --version 7.6.9 >/dev/null
  fi
  discover
  if ((${#missing[@]})); then
    report >&2
    echo "test.sh: still missing after installing" >&2
    exit 1
  fi
fi

# The systemd container test's rootfs: built once per machine outside the checkout (about five minutes
# from Debian's mirror), then reused; a lock keeps two runs from building it at once.
rootfs=/var/cache/nix-vfio-gen-tests/rootfs-bookworm
if [ ! -e "$rootfs/.complete" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: skipping the systemd container test: building $rootfs needs root" >&2
  else
    mkdir -p "${rootfs%/*}"
    sbin=""
    if on_debian; then sbin=:$(debian_fallback sbin-path); fi
    (
      flock 9
      if [ ! -e "$rootfs/.complete" ]; then
        echo "test.sh: building $rootfs with debootstrap (once per machine)" >&2
        building=$(mktemp -d "$rootfs.XXXXXX")
        if PATH="$PATH$sbin" "$debootstrap" --variant=minbase --include=systemd,systemd-sysv,dbus bookworm "$building" >"$building.log" 2>&1; then
          touch "$building/.complete"
          rm -rf "$rootfs"
          mv "$building" "$rootfs"
          rm -f "$building.log"
        else
          echo "test.sh: skipping the systemd container test: debootstrap failed (see $building.log)" >&2
          rm -rf "$building"
        fi
      fi
    ) 9>"${rootfs%/*}/.lock"
  fi
fi

# In CI a missing snapshot is a failure, never a silently written new one.
if [ "${CI:-}" = "true" ]; then export SNAPSHOOTER_STRICT_MODE=true; fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test NixVfioGen.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

passed=$(awk '/^ *succeeded: [0-9]+/ { sum += $2 } END { print sum + 0 }' "$log")
failed=$(awk '/^ *failed: [0-9]+/ { sum += $2 } END { print sum + 0 }' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
