#!/bin/bash
# timed.sh NAME CMD...: run CMD, then print how long the phase took (and
# append it to $PHASES, when set).
name=$1
shift
t0=$(date +%s)
rc=0
"$@" || rc=$?
printf '== phase %-20s %4d s%s\n' "$name:" $(($(date +%s) - t0)) "$([ $rc = 0 ] || echo "  (FAILED, exit $rc)")" >&2
# PHASES (set by the Makefile): the file 'make check' prints its phase table from
if [ -n "${PHASES:-}" ]; then
	mkdir -p "${PHASES%/*}"
	printf '%s\t%d\t%s\n' "$name" $(($(date +%s) - t0)) "$([ $rc = 0 ] && echo ok || echo "exit $rc")" >>"$PHASES"
fi
exit $rc
