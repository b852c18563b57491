#!/bin/bash
# cc-memo.sh CC ARGS...: run CC ARGS once per (ARGS, stdin) and replay its
# stdout, stderr and exit status afterwards, from CC_MEMO_DIR. Kconfig runs
# the same ~90 compiler probes ($(cc-option), $(success,...)) at every
# olddefconfig, ~6 s under two cores; make matrix resolves 39 configs.
# Only for probes: a call that writes a file other than /dev/null is run
# every time.
set -u
dir=${CC_MEMO_DIR:?}
for a in "$@"; do
	case $a in -o) out=1 ;; *) [ "${out:-}" = 1 ] && [ "$a" != /dev/null ] && exec "$@"; out= ;; esac
done
in=$(mktemp)
trap 'rm -f "$in"' EXIT
cat >"$in"
key=$({ printf '%s\0' "$@"; cat "$in"; } | sha256sum | cut -c1-32)
if [ ! -e "$dir/$key.rc" ]; then
	"$@" <"$in" >"$dir/$key.out.$$" 2>"$dir/$key.err.$$"
	echo $? >"$dir/$key.rc.$$"
	mv "$dir/$key.out.$$" "$dir/$key.out" && mv "$dir/$key.err.$$" "$dir/$key.err" &&
		mv "$dir/$key.rc.$$" "$dir/$key.rc"
fi
cat "$dir/$key.out"
cat "$dir/$key.err" >&2
exit "$(cat "$dir/$key.rc")"
