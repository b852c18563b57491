#!/bin/bash
# gate.sh NAME CMD...: run a gate, keep its output in build/gates/NAME.log,
# record pass/fail in build/gates/NAME for check.sh, print its time.
# Never fails itself, so 'make check' goes on to the guests.
. "$(dirname "$0")/lib.sh"
name=$1
shift
mkdir -p "$BUILD/gates"
t0=$(date +%s)
if "$@" 2>&1 | tee "$BUILD/gates/$name.log"; [ "${PIPESTATUS[0]}" = 0 ]; then
	echo pass >"$BUILD/gates/$name"
else
	echo fail >"$BUILD/gates/$name"
fi
printf '== phase %-20s %4d s  (%s)\n' "$name:" $(($(date +%s) - t0)) "$(cat "$BUILD/gates/$name")"
[ -z "${PHASES:-}" ] || printf '%s\t%d\t%s\n' "$name" $(($(date +%s) - t0)) "$(cat "$BUILD/gates/$name")" >>"$PHASES"
