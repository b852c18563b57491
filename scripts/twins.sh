#!/bin/bash
# Every "message absent" check (t_absent KEY) of this check.sh run (the run
# directories given, test or debug kernel) must have a twin: a passing
# check that leaves "t_present: KEY" with the very same KEY in some run, so
# that a reworded kernel message cannot turn the absent check into one that
# passes forever. KEY is opaque (a regex, probe:NAME).
# Usage: twins.sh RUN_DIR...   (run by check.sh once every profile has run)
. "$(dirname "$0")/lib.sh"
[ $# -gt 0 ] || die "twins: no run directories"
# A t_present marker follows the result line of its check: it counts only
# when that line is a pass ("ok", not "not ok" nor a skip). A t_control
# marker (a probe's positive control, not a test) is written only when the
# control passed.
markers=$(for d in "$@"; do cat "$d/results.log" 2>/dev/null || true; done | tr -d '\r' | awk '
	/^ *(not )?ok / { passed = /^ *ok / && !/# SKIP/ }
	sub(/^ *# t_absent: /, "") { print "absent " $0 }
	sub(/^ *# t_present: /, "") && passed { print "present " $0 }
	sub(/^ *# t_control: /, "") { print "present " $0 }')
absent=$(sed -n 's/^absent //p' <<<"$markers" | sort -u)
present=$(sed -n 's/^present //p' <<<"$markers" | sort -u)
[ -n "$absent" ] || { echo "twins: no t_absent check ran at all" >&2; exit 1; }
orphans=$(comm -23 <(echo "$absent") <(echo "$present") | sed 's/^/twins: no passing check shows present: /')
echo "twins: $(echo "$absent" | wc -l) absent-message keys, $(echo "$orphans" | grep -c .) without a passing present twin"
[ -z "$orphans" ] || { echo "$orphans" >&2; exit 1; }
