#!/bin/bash
# Every "message absent" check (t_absent REGEX) of every profile's run (on
# the test kernel or the debug kernel) must have a twin: a passing t_dmesg
# with the very same REGEX in some run, so that a reworded kernel message
# cannot turn the absent check into one that passes forever. Run by check.sh once every profile has run.
. "$(dirname "$0")/lib.sh"
shopt -s nullglob
logs=("$BUILD"/runs/*/results.log "$BUILD"/runs-debug/*/results.log)
absent=$(cat "${logs[@]}" /dev/null | sed -n 's/^ *# t_absent: //p' | sort -u)
present=$(cat "${logs[@]}" /dev/null | sed -n 's/^ *# t_present: //p' | sort -u)
[ -n "$absent" ] || { echo "twins: no t_absent check ran at all" >&2; exit 1; }
orphans=$(comm -23 <(echo "$absent") <(echo "$present"))
echo "twins: $(echo "$absent" | wc -l) absent-message expressions, $(echo "$orphans" | grep -c .) without a present twin"
[ -z "$orphans" ] || { echo "$orphans" | sed 's/^/twins: no t_dmesg shows present: /' >&2; exit 1; }
