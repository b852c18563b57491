#!/bin/bash
# make bisect: check out the series one patch at a time in build/linux and
# build incrementally after each, naming the first patch that breaks.
# Restores HEAD and the test .config afterwards.
# Usage: bisect.sh [full|ci]
#   full (make bisect): vmlinux, every module (modpost) and the cxl_test
#        modules after each patch.
#   ci (make check): after each patch, the objects of the files the series
#        changes (built-in and module parts alike) and the cxl_test modules
#        (their modpost: cxl_core, cxl_acpi, cxl_mem... link); at the end of
#        each series, every module (modpost: no undefined symbol). vmlinux
#        is linked at HEAD only ('make build'), and objects the series does
#        not touch are not rebuilt against an earlier state's
#        include/linux/ioport.h, kexec.h and dax.h (which the series only
#        adds declarations to): that spares a cold rebuild of the whole
#        kernel for the first state and a tree walk per patch.
. "$(dirname "$0")/lib.sh"
mode=${1:-full}
[[ $mode == full || $mode == ci ]] || die "bisect.sh: mode full or ci, not $mode"

[ -z "$(git -C "$SRC" status --porcelain --untracked-files=no)" ] ||
	die "build/linux has uncommitted changes"
[ -f "$OBJ/.config" ] || die "no $OBJ/.config: run 'make build' first"
head=$(git -C "$SRC" rev-parse HEAD)
ref=$(git -C "$SRC" symbolic-ref -q --short HEAD || true)
cp "$OBJ/.config" "$BUILD/bisect-saved.config"
# Each file the series changes, with its time stamp: back at HEAD, each
# gets it again (same content), so that the objects 'make build' made at
# HEAD stay up to date and nothing is rebuilt for the round trip.
changed=$(git -C "$SRC" diff --name-only base HEAD)
stamps=$(cd "$SRC" && for f in $changed; do [ -e "$f" ] && echo "$(stat -c %Y "$f") $f"; done)
restore() {
	git -C "$SRC" checkout -q "${ref:-$head}"
	(cd "$SRC" && while read -r t f; do touch -d "@$t" "$f"; done <<<"$stamps")
	cp "$BUILD/bisect-saved.config" "$OBJ/.config"
	kmake olddefconfig >/dev/null
}
trap restore EXIT
# ci: the objects of the files the series changes that the test config
# builds at HEAD
objs=
for f in $changed; do
	case $f in tools/* | *.h) continue ;; esac
	o=${f%.c}.o
	[ "$o" != "$f" ] && [ -e "$OBJ/$o" ] && objs="$objs $o"
done
[ "$mode" = full ] || echo "bisect: objects of the series:${objs:- none}"

# The patches: b4's cover letter commit is empty and builds nothing new
patches=$(git -C "$SRC" rev-list --reverse base..HEAD | while read -r c; do
	git -C "$SRC" diff --quiet "$c^" "$c" || echo "$c"
done)
# each series' last patch: the one before the next cover letter, and HEAD's
ends=" $(git -C "$SRC" rev-list --reverse base..HEAD | while read -r c; do
	git -C "$SRC" diff --quiet "$c^" "$c" && echo "${last:-}"
	last=$c
done | xargs) $(echo "$patches" | tail -n 1) "
# build PATCH: what mode builds after PATCH
if [ "$mode" = full ]; then
	build() { kmake vmlinux modules; }
else
	# shellcheck disable=SC2086 # one word per object
	build() { kmake $objs && { [[ $ends != *" $1 "* ]] || kmake modules; }; }
fi
t0=$(date +%s) i=0 n=$(echo "$patches" | grep -c .)
for c in $patches; do
	i=$((i + 1))
	subject=$(git -C "$SRC" log -1 --format=%s "$c")
	git -C "$SRC" checkout -q --detach "$c"
	t1=$(date +%s)
	# A patch that changes no file the build reads has nothing to build
	# (ci: but a series' last patch, its modules linked).
	if [ -z "$(git -C "$SRC" diff --name-only "$c^" "$c" -- . ':!Documentation')" ] &&
		{ [ "$mode" = full ] || [[ $ends != *" $c "* ]]; }; then
		echo "bisect: patch $i/$n changes only Documentation/, nothing to build: $subject"
		continue
	fi
	# Start from the test config each time: options a later patch adds
	# (e.g. its KUnit test) are dropped before it and kept from it on.
	# The config resolved for the last patch stands while no Kconfig
	# file changes.
	if [ -z "${prev:-}" ] || ! git -C "$SRC" diff --quiet "$prev" "$c" -- '*Kconfig*'; then
		cp "$BUILD/bisect-saved.config" "$OBJ/.config"
		kmake olddefconfig >/dev/null
	fi
	prev=$c
	if ! { build "$c" && kmake M="$SRC/tools/testing/cxl" modules; } \
		>"$BUILD/bisect-$i.log" 2>&1; then
		grep -E 'error|Error|ERROR' "$BUILD/bisect-$i.log" | head -n 20 >&2
		echo "bisect: patch $i/$n breaks the build: $subject" >&2
		echo "bisect: $((i - 1)) of $n patches build"
		exit 1
	fi
	echo "bisect: patch $i/$n builds ($(($(date +%s) - t1)) s): $subject"
done
echo "bisect: $n of $n patches build ($(($(date +%s) - t0)) s)"
