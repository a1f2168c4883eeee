# A fake virsh with the real one's grammar (libvirt tools/virsh.c and vsh.c: "virsh [-c URI] [-q] [-r]
# COMMAND ARGS"; each command's required and known arguments): unknown commands, unknown options,
# missing and extra arguments are refused with virsh's messages (compared with the real virsh on the
# test:///default driver by FakeToolGrammarTests). The generated scripts use the system URI only.
# State: $STATE/network (exists), $STATE/active and $STATE/autostart (yes/no), $STATE/domain-NAME.
fail() { echo "error: $1" >&2; exit 1; }
uri=""
while (($#)); do
  case "$1" in
    -c | --connect) (($# > 1)) || fail "option '-c' requires an argument"; uri=$2; shift ;;
    -q | --quiet | -r | --readonly) ;;
    -*) fail "unsupported option '$1'. See --help." ;;
    *) break ;;
  esac
  shift
done
(($#)) || fail "no command given (the interactive shell is not faked)"
command=$1
shift
# required: the positional arguments the command needs; flags: the --options it knows.
case "$command" in
  uri) required=() flags=() ;;
  net-info | net-start) required=(network) flags=() ;;
  net-autostart) required=(network) flags=(--disable) ;;
  domuuid | domstate | domblklist) required=(domain) flags=(--reason --details) ;;
  define) required=(file) flags=(--validate) ;;
  *) fail "unknown command: '$command'" ;;
esac
values=()
for argument in "$@"; do
  case "$argument" in
    --*) [[ " ${flags[*]} " == *" $argument "* ]] || fail "command '$command' doesn't support option $argument" ;;
    *) values+=("$argument") ;;
  esac
done
(( ${#values[@]} >= ${#required[@]} )) || fail "command '$command' requires <${required[${#values[@]}]}> option"
(( ${#values[@]} <= ${#required[@]} )) || fail "unexpected data '${values[${#required[@]}]}'"
[ "$uri" = qemu:///system ] || fail "the generated scripts talk to qemu:///system, not '$uri'"
case "$command" in
  uri) echo "$uri" ;;
  net-info)
    [ -e "$STATE/network" ] || fail "failed to get network '${values[0]}'"
    printf 'Name:           default\nActive:         %s\nAutostart:      %s\n' "$(cat "$STATE/active")" "$(cat "$STATE/autostart")" ;;
  net-start) echo yes > "$STATE/active" ;;
  net-autostart) echo yes > "$STATE/autostart" ;;
  domuuid) [ -e "$STATE/domain-${values[0]}" ] || fail "failed to get domain '${values[0]}'"; echo 00000000-0000-0000-0000-000000000000 ;;
  define) : > "$STATE/domain-defined" ;;
  *) fail "'$command' has no fake behaviour" ;;
esac
exit 0
