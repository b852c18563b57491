# shellcheck shell=bash disable=SC2034 # (the variables are for the scripts that source it)
# Shared settings for the harness scripts (sourced, not run).
set -euo pipefail
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$TOP/build
# FLAVOR=base: the pristine base (build/base/linux, the "base" tag of
# build/linux checked out in a worktree) with its own objects, modules and
# runs, for comparisons (make peer); FLAVOR=builtin: the series with CXL
# and DAX built in (configs/builtin.config), its objects seeded from the
# test kernel's; FLAVOR=debug: the series built as the debug kernel
# (configs/builtin.config and debug.config: built in, KASAN, no modules),
# with its own objects and runs; FLAVOR=bench and bench-base: the series and the
# base with configs/bench.config (make bench); FLAVOR=kasan: the modular
# test kernel with configs/kasan.config and cxl_test, in objects of its own
# (make kasan); default: the series, the modular test kernel.
case ${FLAVOR:-series} in
base | builtin | debug | bench | bench-base | kasan | mutant | series) ;;
*) echo "error: FLAVOR=$FLAVOR: base, builtin, debug, bench, bench-base, kasan, mutant or series" >&2; exit 1 ;;
esac
# FLAVOR=mutant: the series with one deliberate breakage (make
# check-mutants) in a worktree of its own, build/mutant/linux, built like
# the test kernel (its objects hit ccache: same paths relative to build/).
if [ "${FLAVOR:-series}" = mutant ]; then
	SRC=$BUILD/mutant/linux OBJ=$BUILD/mutant/obj MODROOT=$BUILD/mutant/modroot RUNS=$BUILD/mutant/runs
elif [ "${FLAVOR:-series}" = base ]; then
	SRC=$BUILD/base/linux OBJ=$BUILD/base/obj MODROOT=$BUILD/modroot-base RUNS=$BUILD/runs-base
elif [ "${FLAVOR:-series}" = bench-base ]; then
	SRC=$BUILD/base/linux OBJ=$BUILD/base/obj-bench MODROOT=$BUILD/modroot-bench-base RUNS=$BUILD/runs-bench-base
elif [ "${FLAVOR:-series}" = debug ] || [ "${FLAVOR:-series}" = bench ] || [ "${FLAVOR:-series}" = builtin ] ||
	[ "${FLAVOR:-series}" = kasan ]; then
	SRC=$BUILD/linux OBJ=$BUILD/obj-$FLAVOR MODROOT=$BUILD/modroot-$FLAVOR RUNS=$BUILD/runs-$FLAVOR
else
	SRC=$BUILD/linux OBJ=$BUILD/obj MODROOT=$BUILD/modroot RUNS=$BUILD/runs
fi
. "$TOP/base.conf"
# series_get I FIELD: field FIELD (0 name, 1 branch, 2 change-id,
# 3 revision) of the I-th series in base.conf
series_get() {
	local -a f
	read -r -a f <<<"${SERIES[$1]}"
	echo "${f[$2]}"
}
NR_SERIES=${#SERIES[@]}
# The branch build/linux works on: the last series', holding them all
WORK_BRANCH=$(series_get $((NR_SERIES - 1)) 1)
# ccache, for every script that builds: the base (build/base/linux, objects
# in build/base/obj*) sits as far from its objects as the series
# (build/linux, build/obj*), so with paths made relative to build/
# (CCACHE_BASEDIR) a file the series does not
# touch compiles to the same command line in either tree and hits the
# cache. Only -fmacro-prefix-map names a tree absolutely; it maps that
# tree's path to "", for either tree alike, so it is left out of the hash.
export CCACHE_IGNOREOPTIONS="-fmacro-prefix-map=*"
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.ccache} CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G} CCACHE_BASEDIR=$BUILD
# Reproducible builds: the same kernel from the same tree on any machine
export KBUILD_BUILD_TIMESTAMP="2000-01-01" KBUILD_BUILD_USER=cxlsr KBUILD_BUILD_HOST=cxlsr
JOBS=${JOBS:-$(nproc)}
# kmake ARGS...: the kernel's make on $SRC with ccache, objects in $OBJ
# (KOBJ=DIR: in DIR instead)
kmake() { make -s -C "$SRC" O="${KOBJ:-$OBJ}" ARCH=x86_64 CC="ccache gcc" -j"$JOBS" "$@"; }
# index_runs [ci|full]: the runs of tests/index in that command (ci: make
# check's; full: every run), longest first
index_runs() {
	awk -v set="${1:-ci}" '!/^#/ && NF >= 3 && (set == "full" || $2 == set) { print $1 }' "$TOP/tests/index"
}
# run_name PROFILE: the tests/index run of PROFILE on this FLAVOR's kernel
run_name() { case ${FLAVOR:-series} in builtin | debug) echo "$FLAVOR/$1" ;; *) echo "$1" ;; esac; }
# index_suites RUN: the suites tests/index gives RUN (builtin/PROFILE,
# debug/PROFILE: that kernel's)
index_suites() {
	local s
	s=$(awk -v run="$1" '!/^#/ && $1 == run { $1 = $2 = ""; print }' "$TOP/tests/index" | xargs)
	[ -n "$s" ] || die "tests/index has no run $1"
	echo "$s"
}
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
# scripts/b4util.py imports b4: run it with the interpreter b4 runs with
b4py() { "$(sed -n '1s/^#! *//p' "$(command -v b4)")" "$TOP/scripts/b4util.py" "$@"; }
# base_worktree: make sure build/base/linux is the pristine base
base_worktree() {
	git -C "$BUILD/linux" worktree list | grep -q "$BUILD/base/linux " ||
		git -C "$BUILD/linux" worktree add -q --detach ../base/linux base
	[ "$(git -C "$BUILD/base/linux" rev-parse HEAD)" = "$(git -C "$BUILD/linux" rev-parse base)" ] ||
		git -C "$BUILD/base/linux" checkout -q --detach base
}
# sr_memmap START END (profiles): the memmap= options that make [START, END] Soft
# Reserved memory in the firmware memory map (reserve it, then retype it).
sr_memmap() {
	local size=$(($2 - $1 + 1))
	printf 'memmap=%#x@%#x memmap=%#x%%%#x-1+0xefffffff' "$size" "$1" "$size" "$1"
}

# check_pinned WHAT PINNED_VERSION GOT_VERSION FILE PINNED_SHA256: what
# base.conf pins must be what we build. Another version (the archive dropped
# the pinned one) is built with a loud warning, never silently; the pinned
# version with another checksum is an error.
check_pinned() {
	local sha
	sha=$(sha256sum "$4" | cut -d' ' -f1)
	if [ "$3" != "$2" ]; then
		cat >&2 <<MSG
************************************************************************
* WARNING: pinned $1 $2 is no longer in the archive.
* Building $3 instead ($(basename "$4"), sha256 $sha).
* Update base.conf once it is verified.
************************************************************************
MSG
	elif [ "$sha" != "$5" ]; then
		die "$4: sha256 $sha, base.conf pins $5"
	fi
}

# aptq apt-get|apt-cache ARGS...: apt with a private configuration under
# $APT (sources.list, lists, cache), so the host's own sources stay as they
# are; the caller sets APT and writes $APT/sources.list.
aptq() {
	local cmd=$1
	shift
	"$cmd" -q -o Dir::Etc::SourceList="$APT/sources.list" -o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$APT/lists" -o Dir::Cache="$APT/cache" \
		-o Dir::State::Status=/var/lib/dpkg/status "$@"
}
