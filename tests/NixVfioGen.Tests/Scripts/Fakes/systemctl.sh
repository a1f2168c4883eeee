# A fake systemctl with the real one's argument grammar (systemd src/systemctl/systemctl.c: parse_argv
# and the verbs table; systemctl-set-property.c; bus-unit-util.c bus_append_unit_property_assignment).
# Options may stand anywhere before "--" (getopt_long permutes); unknown options, unknown verbs, too few
# arguments, a second unit or a non-assignment in set-property are refused with systemctl's messages.
# State: $STATE/units-missing lists units that do not exist; properties land in $STATE/unit-UNIT.
fail() { echo "$1" >&2; exit "${2:-1}"; }
positional=() quiet=0
while (($#)); do
  case "$1" in
    --) shift; positional+=("$@"); break ;;
    --quiet | -q) quiet=1 ;;
    --runtime | --no-block | --no-ask-password | --value | --system | --now | --no-pager | --no-legend) ;;
    --property=*) ;;
    -p | --property) (($# > 1)) || fail "systemctl: option requires an argument -- 'p'"; shift ;;
    --*) fail "systemctl: unrecognized option '$1'" ;;
    -?*) fail "systemctl: invalid option -- '${1:1:1}'" ;;
    *) positional+=("$1") ;;
  esac
  shift
done
(( ${#positional[@]} )) || fail "systemctl: no verb given (list-units is the default; not faked)"
verb=${positional[0]}
args=("${positional[@]:1}")
valid_unit() { [[ $1 =~ ^[A-Za-z0-9:_.\\@-]+(\.(service|socket|target|slice|scope|mount|timer|path|device|swap|automount))?$ ]]; }
exists() { ! grep -qxF "$1" "$STATE/units-missing" 2>/dev/null; }
mangle() { case "$1" in *.*) echo "$1" ;; *) echo "$1.service" ;; esac; }
case "$verb" in
  start | stop | restart | try-restart | reload | is-active)
    (( ${#args[@]} >= 1 )) || fail "Too few arguments."
    for unit in "${args[@]}"; do
      valid_unit "$unit" || fail "Invalid unit name \"$unit\" escaped as ..."
      unit=$(mangle "$unit")
      if ! exists "$unit"; then
        case "$verb" in
          try-restart) continue ;;
          is-active) echo inactive; exit 3 ;;
          *) fail "Failed to $verb $unit: Unit $unit not loaded." 5 ;;
        esac
      fi
      case "$verb" in
        start | restart) echo active > "$STATE/state-$unit" ;;
        stop) echo inactive > "$STATE/state-$unit" ;;
        is-active)
          state=$(cat "$STATE/state-$unit" 2>/dev/null || echo active)
          ((quiet)) || echo "$state"
          [ "$state" = active ] || exit 3 ;;
      esac
    done ;;
  set-property)
    (( ${#args[@]} >= 2 )) || fail "Too few arguments."
    unit=${args[0]}
    valid_unit "$unit" || fail "Failed to mangle unit name: Invalid argument"
    for assignment in "${args[@]:1}"; do
      [[ $assignment == *=* ]] || fail "Not an assignment: $assignment"
      key=${assignment%%=*}
      value=${assignment#*=}
      case "$key" in
        AllowedCPUs | StartupAllowedCPUs)
          # parse_cpu_set: numbers and ranges, separated by commas or spaces; empty resets.
          [[ -z $value || $value =~ ^[0-9]+(-[0-9]+)?([,[:space:]]+[0-9]+(-[0-9]+)?)*$ ]] || fail "Failed to parse $key value $value"
          ;;
        CPUQuota | CPUWeight | MemoryMax | MemoryHigh | TasksMax | IOWeight) ;;
        *) fail "Unknown assignment: $assignment" ;;
      esac
      exists "$unit" || fail "Failed to set unit properties on $unit: Unit $unit not found." 1
      printf '%s\n' "$assignment" >> "$STATE/unit-$unit"
    done ;;
  show)
    (( ${#args[@]} >= 1 )) || fail "systemctl show of the manager: not faked" ;;
  *) fail "Unknown command verb '$verb'." ;;
esac
exit 0
