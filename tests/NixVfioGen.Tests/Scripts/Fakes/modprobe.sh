# A fake modprobe with kmod's grammar (kmod tools/modprobe.c: cmdopts_s "arw:RibfDcnC:d:S:sqvVh" and
# the long options; man/modprobe.8.scd): no module is "missing parameters"; without -r/-a the words after
# the module are its parameters, which must be NAME=VALUE here (kmod passes a bare word to the kernel,
# which ignores it: a second module written there is always a mistake); -r of a module that is not
# loaded succeeds silently, of one in use fails ("Module X is in use"); loading an unknown module fails.
# Checked against Debian's modprobe in dry-run mode by FakeToolGrammarTests.
# State: $ROOT/sys/module/NAME is "loaded"; $STATE/inuse-NAME marks a module in use; $STATE/known-modules
# lists the modules that exist (default: any). -r takes the module's devices off their driver; loading
# puts them back (unless $STATE/keep-driver: a driver that does not let go).
fail() { echo "modprobe: $1" >&2; exit 1; }
remove=0 all=0 dry=0 positional=()
while (($#)); do
  case "$1" in
    --) shift; positional+=("$@"); break ;;
    -r | --remove | --remove-holders) remove=1 ;;
    -a | --all) all=1 ;;
    -n | --dry-run | --show) dry=1 ;;
    -q | --quiet | -v | --verbose | -s | --syslog | -i | --ignore-install | --ignore-remove | -b | --use-blacklist | -f | --force | --first-time | -D | --show-depends | -R | --show-alias) ;;
    -C | --config | -d | --dirname | -S | --set-version | -w | --wait) (($# > 1)) || fail "option requires an argument -- '${1: -1}'"; shift ;;
    --config=* | --dirname=* | --set-version=* | --wait=*) ;;
    --*) fail "unrecognized option '$1'" ;;
    -??*) set -- "${1:0:2}" "-${1:2}" "${@:2}"; continue ;;
    -?) fail "invalid option -- '${1:1}'" ;;
    *) positional+=("$1") ;;
  esac
  shift
done
(( ${#positional[@]} )) || fail "ERROR: missing parameters. See -h."
name() { echo "${1//-/_}"; }
known() { [ ! -f "$STATE/known-modules" ] || grep -qxF "$(name "$1")" "$STATE/known-modules"; }
if ((remove)); then
  modules=("${positional[@]}")
elif ((all)); then
  modules=("${positional[@]}")
else
  modules=("${positional[0]}")
  for parameter in "${positional[@]:1}"; do
    [[ $parameter == ?*=* ]] || fail "ERROR: '$parameter' after module ${positional[0]} is no NAME=VALUE parameter (a second module needs -a)"
  done
fi
for module in "${modules[@]}"; do
  known "$module" || fail "FATAL: Module $module not found in directory /lib/modules/fake"
done
((dry)) && exit 0
sys=$ROOT/sys
for module in "${modules[@]}"; do
  module=$(name "$module")
  if ((remove)); then
    [ -e "$sys/module/$module" ] || continue
    [ -e "$STATE/inuse-$module" ] && fail "FATAL: Module $module is in use."
    [ -e "$STATE/keep-driver" ] && continue
    rm -rf "$sys/module/$module"
    for device in "$sys"/bus/pci/devices/*; do
      if [ "$(readlink "$device/driver" 2>/dev/null)" = "$sys/bus/pci/drivers/$module" ]; then
        echo "$module" > "$STATE/unbound-${device##*/}"
        rm "$device/driver"
      fi
    done
  else
    mkdir -p "$sys/module/$module"
    for record in "$STATE"/unbound-*; do
      [ -e "$record" ] || continue
      if [ "$(cat "$record")" = "$module" ]; then
        ln -s "$sys/bus/pci/drivers/$module" "$sys/bus/pci/devices/${record##*/unbound-}/driver"
        rm "$record"
      fi
    done
  fi
done
exit 0
