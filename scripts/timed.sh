#!/bin/bash
# timed.sh NAME CMD...: run CMD, then print how long the phase took.
name=$1
shift
t0=$(date +%s)
rc=0
"$@" || rc=$?
printf '== phase %-20s %4d s%s\n' "$name:" $(($(date +%s) - t0)) "$([ $rc = 0 ] || echo "  (FAILED, exit $rc)")" >&2
exit $rc
