#!/usr/bin/env bash
# The one test command: installs the real checkers when missing, runs the suite, prints "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v nix-instantiate >/dev/null || missing+=(nix-bin)
command -v virsh >/dev/null || missing+=(libvirt-clients)
command -v virt-xml-validate >/dev/null || missing+=(libvirt-clients)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
# A real libvirt daemon with QEMU, UEFI and TPM emulation: the start test boots every generated domain.
[ -x /usr/sbin/libvirtd ] || missing+=(libvirt-daemon)
[ -e /usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so ] || missing+=(libvirt-daemon-driver-qemu)
command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
command -v qemu-img >/dev/null || missing+=(qemu-utils)
[ -e /usr/share/OVMF/OVMF_CODE_4M.ms.fd ] || missing+=(ovmf)
command -v swtpm >/dev/null || missing+=(swtpm)
command -v swtpm_setup >/dev/null || missing+=(swtpm-tools)
command -v shellcheck >/dev/null || missing+=(shellcheck)
# kmod's modprobe -c -C DIR reads the generated modprobe.d lines as the host will (softdep tests).
[ -x /usr/sbin/modprobe ] || [ -x /sbin/modprobe ] || missing+=(kmod)
# The setup ISO test builds and reads back an ISO with the tool the module uses.
command -v xorriso >/dev/null || missing+=(xorriso)
# doctor reads the installer ISO's language with 7-Zip (Windows ISOs are UDF); its test builds such an ISO with genisoimage.
command -v 7zz >/dev/null || missing+=(7zip)
command -v genisoimage >/dev/null || missing+=(genisoimage)
# The hook tests: kmod's modprobe judges the fake's grammar; a Debian rootfs booted with systemd-nspawn
# runs the isolation hook against real systemd slices.
command -v modprobe >/dev/null || [ -x /usr/sbin/modprobe ] || missing+=(kmod)
command -v systemd-nspawn >/dev/null || missing+=(systemd-container)
command -v debootstrap >/dev/null || [ -x /usr/sbin/debootstrap ] || missing+=(debootstrap)
if ((${#missing[@]})); then
  if ! command -v apt-get >/dev/null; then
    echo "test.sh: missing ${missing[*]} and no apt-get here; on NixOS run the tests inside 'nix develop'" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "test.sh: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The systemd container test's rootfs: built once per machine outside the checkout (about five minutes
# from Debian's mirror), then reused; a lock keeps two runs from building it at once.
rootfs=/var/cache/nix-vfio-gen-tests/rootfs-bookworm
if [ ! -e "$rootfs/.complete" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: skipping the systemd container test: building $rootfs needs root" >&2
  else
    mkdir -p "${rootfs%/*}"
    (
      flock 9
      if [ ! -e "$rootfs/.complete" ]; then
        echo "test.sh: building $rootfs with debootstrap (once per machine)" >&2
        building=$(mktemp -d "$rootfs.XXXXXX")
        if PATH="$PATH:/usr/sbin:/sbin" debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus bookworm "$building" >"$building.log" 2>&1; then
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

# PowerShell's own parser checks the guest's first-logon script (a .NET global tool, from NuGet).
export PATH="$PATH:$HOME/.dotnet/tools"
if ! command -v pwsh >/dev/null; then
  echo "test.sh: installing PowerShell 7.6.9 (dotnet tool) for its script parser" >&2
  dotnet tool install --global PowerShell --version 7.6.9 >/dev/null
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
