# Shared settings for the harness scripts (sourced, not run).
set -euo pipefail
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$TOP/build
# FLAVOR=base: the pristine base (build/base-src, the "base" tag of
# build/linux checked out in a worktree) with its own objects, modules and
# runs, for comparisons (make peer); default: the series.
if [ "${FLAVOR:-series}" = base ]; then
	SRC=$BUILD/base-src OBJ=$BUILD/obj-base MODROOT=$BUILD/modroot-base RUNS=$BUILD/runs-base
else
	SRC=$BUILD/linux OBJ=$BUILD/obj MODROOT=$BUILD/modroot RUNS=$BUILD/runs
fi
. "$TOP/base.conf"
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
# scripts/b4util.py imports b4: run it with the interpreter b4 runs with
b4py() { "$(sed -n '1s/^#! *//p' "$(command -v b4)")" "$TOP/scripts/b4util.py" "$@"; }
# base_worktree: make sure build/base-src is the pristine base
base_worktree() {
	git -C "$BUILD/linux" worktree list | grep -q "$BUILD/base-src " ||
		git -C "$BUILD/linux" worktree add -q --detach ../base-src base
	[ "$(git -C "$BUILD/base-src" rev-parse HEAD)" = "$(git -C "$BUILD/linux" rev-parse base)" ] ||
		git -C "$BUILD/base-src" checkout -q --detach base
}
# sr_memmap START END (profiles): the memmap= options that make [START, END] Soft
# Reserved memory in the firmware memory map (reserve it, then retype it).
sr_memmap() {
	local size=$(($2 - $1 + 1))
	printf 'memmap=%#x@%#x memmap=%#x%%%#x-1+0xefffffff' "$size" "$1" "$size" "$1"
}
