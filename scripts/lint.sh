#!/bin/bash
# make lint: checkpatch --strict on every patch; sparse (C=2) and W=1 on the
# directories the series touches, compared with the same build of the
# pristine base so that only new warnings count; kernel-doc on touched
# files; kernel-doc on every newly exported function; shellcheck on the
# harness's own shell scripts.
. "$(dirname "$0")/lib.sh"
problems=0
phase() { printf '== phase %-20s %4d s\n' "lint $1:" $(($(date +%s) - $2)); }

# 1. checkpatch: read from stdin, so that checkpatch does not mistake a
#    patch tracked by this repository for a source file.
t0=$(date +%s)
ignore=$(grep -v '^\s*\(#\|$\)' "$TOP/lint/checkpatch-ignore" | paste -sd, -)
n=0 bad=0
while read -r p; do
	n=$((n + 1))
	out=$("$SRC/scripts/checkpatch.pl" --strict --no-tree --show-types \
		${ignore:+--ignore "$ignore"} - <"$TOP/patches/$p" 2>&1 |
		grep -E '^(ERROR|WARNING|CHECK)' || true)
	if [ -n "$out" ]; then
		bad=$((bad + 1))
		echo "checkpatch: $p:" && echo "$out" | sed 's/^/    /'
	fi
done < <(for ((i = 0; i < NR_SERIES; i++)); do
	name=$(series_get "$i" 0)
	grep -v '^\s*\(#\|$\)' "$TOP/patches/$name/series" | sed "s|^|$name/|"
done)
echo "checkpatch --strict: $n patches, $bad with findings (ignored types: ${ignore:-none})"
problems=$((problems + bad))
phase checkpatch "$t0"

# 2. sparse and W=1, series vs base, on the touched directories.
t0=$(date +%s)
mapfile -t touched < <(git -C "$SRC" diff --name-only base HEAD -- '*.c' '*.h')
# A drivers/ directory is built whole where the series touches a header in
# it or above it (any of its files may see the change); elsewhere, and for
# core files (kernel/resource.c), the touched files only, as objects.
hdirs=$(printf '%s\n' "${touched[@]}" | { grep '^drivers/.*\.h$' || true; } | xargs -rn1 dirname | sort -u)
dirs='' objs=''
for f in "${touched[@]}"; do
	d=$(dirname "$f")
	case $f in tools/* | *kunit*.c) continue ;; esac
	if [[ $f == drivers/* ]] && grep -qxE "$(sed 's|$|(/.*)?|' <<<"$hdirs" | paste -sd'|')" <<<"$d"; then
		dirs="$dirs $d/"
	elif [[ $f == *.c ]]; then
		objs="$objs ${f%.c}.o"
	fi
done
dirs=$(xargs -n1 <<<"$dirs" | sort -u) objs=$(xargs -n1 <<<"$objs" | sort -u)
base_src=$BUILD/base/linux
base_worktree	# at the base commit, also after base.conf moved it
warnings() { # SRCDIR OBJDIR: W=1 C=2 build of $dirs, normalized warnings
	local src=$1 obj=$2 o present=
	# (a file the series adds has no object on the base)
	for o in $objs; do [ ! -f "$src/${o%.o}.c" ] || present="$present $o"; done
	mkdir -p "$obj"
	cp "$OBJ/.config" "$obj/.config"
	make -s -C "$src" O="$obj" ARCH=x86_64 olddefconfig >/dev/null
	make -s -C "$src" O="$obj" ARCH=x86_64 CC="ccache gcc" -j"$JOBS" prepare >/dev/null 2>&1
	# shellcheck disable=SC2086
	{ make -C "$src" O="$obj" ARCH=x86_64 CC="ccache gcc" -j"$JOBS" C=2 W=1 $dirs $present 2>&1 || true; } |
		{ grep -E ': (warning|error):' || true; } |
		sed -E "s|^$src/||; s|^\.\./[^ ]*linux[^/]*/||; s|:[0-9]+:[0-9]+:|:|" | sort
}
warnings "$base_src" "$BUILD/obj-lint-base" >"$BUILD/lint-base.txt"
warnings "$SRC" "$BUILD/obj-lint" >"$BUILD/lint-series.txt"
new=$(comm -13 "$BUILD/lint-base.txt" "$BUILD/lint-series.txt")
nnew=$(printf '%s' "$new" | grep -c . || true)
echo "sparse + W=1 on $(wc -w <<<"$dirs") dirs ($(xargs <<<"$dirs")) and $(wc -w <<<"$objs") objects ($(xargs <<<"$objs")): base $(wc -l <"$BUILD/lint-base.txt"), series $(wc -l <"$BUILD/lint-series.txt"), new $nnew"
[ "$nnew" = 0 ] || echo "$new" | sed 's/^/    new: /'
problems=$((problems + nnew))
phase "sparse+W=1" "$t0"

# 3. kernel-doc on touched files (new warnings only), and on new exports.
t0=$(date +%s)
kd() { (cd "$1" && scripts/kernel-doc -none -Wall "${@:2}" 2>&1 | sed -E 's|:[0-9]+:|:|' | sort); }
existing=()
for f in "${touched[@]}"; do [ -f "$base_src/$f" ] && existing+=("$f"); done
kd "$base_src" "${existing[@]}" >"$BUILD/kdoc-base.txt"
kd "$SRC" "${touched[@]}" >"$BUILD/kdoc-series.txt"
knew=$(comm -13 "$BUILD/kdoc-base.txt" "$BUILD/kdoc-series.txt")
nk=$(printf '%s' "$knew" | grep -c . || true)
nodoc=0 nexp=0
while read -r f sym; do
	nexp=$((nexp + 1))
	if ! (cd "$SRC" && scripts/kernel-doc -rst -function "$sym" "$f" 2>/dev/null | grep -q "^\.\. c:function::"); then
		echo "kernel-doc: exported $sym ($f) has no kernel-doc"
		nodoc=$((nodoc + 1))
	fi
# (tools/testing/ is left out: its __wrap_* exports stand in for documented
# kernel functions, only for the cxl_test modules.)
done < <(git -C "$SRC" diff base HEAD -U0 -- '*.c' ':!tools/testing' | awk '
	/^\+\+\+ b\// { f = substr($0, 7) }
	/^\+EXPORT_SYMBOL/ { s = $0; sub(/^[^(]*\(/, "", s); sub(/[,)].*/, "", s); print f, s }')
echo "kernel-doc: ${#touched[@]} touched files, $nk new warnings; $nexp new exports, $nodoc without kernel-doc"
[ "$nk" = 0 ] || echo "$knew" | sed 's/^/    new: /'
problems=$((problems + nk + nodoc))
phase kernel-doc "$t0"

# 4. shellcheck (settings in .shellcheckrc) on every shell script of the
#    harness; the guest's are POSIX sh run by busybox: -s sh for those
#    without a "# shellcheck shell=" line.
t0=$(date +%s)
cd "$TOP" || exit
guest=(tests/guest/*.sh guest/*.sh guest/init)
mapfile -t posix < <(grep -L '^# shellcheck shell=' "${guest[@]}")
mapfile -t files < <(printf '%s\n' scripts/*.sh .ci/run tests/host/*.sh; grep -l '^# shellcheck shell=' "${guest[@]}")
sc=$({ shellcheck -f gcc "${files[@]}"; [ ${#posix[@]} = 0 ] || shellcheck -f gcc -s sh "${posix[@]}"; } 2>&1 || true)
nsc=$(printf '%s' "$sc" | grep -c . || true)
echo "shellcheck: $nsc findings"
[ "$nsc" = 0 ] || echo "$sc" | sed 's/^/    /'
problems=$((problems + nsc))
phase shellcheck "$t0"

echo "lint: $problems problems"
[ "$problems" = 0 ]
