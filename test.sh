#!/usr/bin/env bash
# The one test command: installs the real checkers when missing, runs the suite, prints "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v nix-instantiate >/dev/null || missing+=(nix-bin)
command -v virsh >/dev/null || missing+=(libvirt-clients)
command -v virt-xml-validate >/dev/null || missing+=(libvirt-clients)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "test.sh: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
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
