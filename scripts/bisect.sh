#!/bin/bash
# make bisect: check out the series one patch at a time in build/linux and
# build incrementally after each (vmlinux, modules, modpost, and the
# cxl_test modules), naming the first patch that breaks. Restores HEAD and the test .config afterwards.
. "$(dirname "$0")/lib.sh"
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.ccache} CCACHE_BASEDIR=$BUILD
JOBS=${JOBS:-$(nproc)}
kmake() { make -s -C "$SRC" O="$OBJ" ARCH=x86_64 CC="ccache gcc" -j"$JOBS" "$@"; }

[ -z "$(git -C "$SRC" status --porcelain --untracked-files=no)" ] ||
	die "build/linux has uncommitted changes"
[ -f "$OBJ/.config" ] || die "no $OBJ/.config: run 'make build' first"
head=$(git -C "$SRC" rev-parse HEAD)
ref=$(git -C "$SRC" symbolic-ref -q --short HEAD || true)
cp "$OBJ/.config" "$BUILD/bisect-saved.config"
restore() {
	git -C "$SRC" checkout -q "${ref:-$head}"
	cp "$BUILD/bisect-saved.config" "$OBJ/.config"
	kmake olddefconfig >/dev/null
}
trap restore EXIT

# The patches: b4's cover letter commit is empty and builds nothing new
patches=$(git -C "$SRC" rev-list --reverse base..HEAD | while read -r c; do
	git -C "$SRC" diff --quiet "$c^" "$c" || echo "$c"
done)
t0=$(date +%s) i=0 n=$(echo "$patches" | grep -c .)
for c in $patches; do
	i=$((i + 1))
	subject=$(git -C "$SRC" log -1 --format=%s "$c")
	git -C "$SRC" checkout -q --detach "$c"
	t1=$(date +%s)
	# A patch that changes no file the build reads has nothing to build.
	if [ -z "$(git -C "$SRC" diff --name-only "$c^" "$c" -- . ':!Documentation')" ]; then
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
	if ! { kmake vmlinux modules && kmake M="$SRC/tools/testing/cxl" modules; } \
		>"$BUILD/bisect-$i.log" 2>&1; then
		grep -E 'error|Error|ERROR' "$BUILD/bisect-$i.log" | head -n 20 >&2
		echo "bisect: patch $i/$n breaks the build: $subject" >&2
		echo "bisect: $((i - 1)) of $n patches build"
		exit 1
	fi
	echo "bisect: patch $i/$n builds ($(($(date +%s) - t1)) s): $subject"
done
echo "bisect: $n of $n patches build ($(($(date +%s) - t0)) s)"
