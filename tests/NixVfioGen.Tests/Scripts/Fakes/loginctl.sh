# A fake loginctl with the real one's grammar (systemd src/login/loginctl.c: parse_argv and the verbs
# table): terminate-seat, terminate-session, terminate-user and kill-* need at least one name; list-*
# take none; unknown verbs and options are refused. Seats other than seat0 do not exist here.
# terminate-seat seat0 ends the processes listed in $STATE/seat0-pids (their $ROOT/proc/PID go away).
fail() { echo "$1" >&2; exit "${2:-1}"; }
positional=()
while (($#)); do
  case "$1" in
    --) shift; positional+=("$@"); break ;;
    --no-legend | --no-pager | --no-ask-password | --value | --full | -l | --all | -a) ;;
    --property=* | --signal=* | --kill-whom=*) ;;
    -p | --property | -s | --signal) (($# > 1)) || fail "loginctl: option requires an argument -- '${1: -1}'"; shift ;;
    --*) fail "loginctl: unrecognized option '$1'" ;;
    -?*) fail "loginctl: invalid option -- '${1:1:1}'" ;;
    *) positional+=("$1") ;;
  esac
  shift
done
verb=${positional[0]-list-sessions}
args=("${positional[@]:1}")
case "$verb" in
  list-sessions | list-users | list-seats | lock-sessions | unlock-sessions | flush-devices)
    (( ${#args[@]} == 0 )) || fail "Too many arguments." ;;
  terminate-seat)
    (( ${#args[@]} >= 1 )) || fail "Too few arguments."
    for seat in "${args[@]}"; do
      [ "$seat" = seat0 ] || fail "Could not terminate seat: No seat '$seat' known"
      if [ -f "$STATE/seat0-pids" ]; then
        while read -r pid; do rm -rf "${ROOT:?}/proc/$pid"; done < "$STATE/seat0-pids"
        rm -f "$STATE/seat0-pids"
      fi
    done ;;
  terminate-session | kill-session | terminate-user | kill-user)
    (( ${#args[@]} >= 1 )) || fail "Too few arguments." ;;
  attach)
    (( ${#args[@]} >= 2 )) || fail "Too few arguments." ;;
  session-status | show-session | user-status | show-user | seat-status | show-seat | activate | lock-session | unlock-session | enable-linger | disable-linger) ;;
  *) fail "Unknown command verb '$verb'." ;;
esac
exit 0
