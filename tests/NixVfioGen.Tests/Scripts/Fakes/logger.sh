# A fake logger with util-linux's grammar (misc-utils/logger.c: getopt_long "ef:id::p:S:st:u:n:P:Vh" and
# the long options, which permute: an option anywhere before "--" is parsed as one); -p takes
# FACILITY.LEVEL names. Each message lands in $STATE/journal as "TAG: MESSAGE".
fail() { echo "logger: $1" >&2; echo "Try 'logger --help' for more information." >&2; exit 1; }
tag=${LOGNAME:-fake} words=()
while (($#)); do
  case "$1" in
    --) shift; words+=("$@"); break ;;
    -t | --tag) (($# > 1)) || fail "option requires an argument -- 't'"; tag=$2; shift ;;
    --tag=*) tag=${1#--tag=} ;;
    -p | --priority)
      (($# > 1)) || fail "option requires an argument -- 'p'"
      [[ $2 =~ ^((auth|authpriv|cron|daemon|ftp|kern|lpr|mail|news|syslog|user|uucp|local[0-7])\.)?(emerg|alert|crit|err|warning|notice|info|debug|panic|error|warn)$ ]] || fail "unknown priority name: $2"
      shift ;;
    -i | -s | --stderr | -e | --skip-empty | --no-act | --rfc3164 | --rfc5424 | --octet-count | --prio-prefix | --id | --id=*) ;;
    -f | --file | -S | --size | -n | --server | -P | --port | -u | --socket) (($# > 1)) || fail "option requires an argument -- '${1: -1}'"; shift ;;
    --*) fail "unrecognized option '$1'" ;;
    -?*) fail "invalid option -- '${1:1:1}'" ;;
    *) words+=("$1") ;;
  esac
  shift
done
(( ${#words[@]} )) || fail "no message (reading stdin is not faked)"
printf '%s: %s\n' "$tag" "${words[*]}" >> "$STATE/journal"
exit 0
