#!/bin/bash
# make check-mutants: prove that the guest suites catch deliberate kernel
# breakages. Each tests/mutants/NAME.patch breaks one behaviour of the
# series; its header names it (Mutant:, Breaks:, Expect:) and lists the
# boots that must catch it (Run: PROFILE[:SUITE,SUITE...] ...). The
# mutants are built in a worktree of their own (FLAVOR=mutant:
# build/mutant/linux at build/linux's HEAD, objects in build/mutant/obj),
# so build/linux, build/obj and build/runs stay as they are. For each:
# apply it, rebuild incrementally (build.sh all: kernel, modules,
# cxl_test), boot only those profiles and suites into
# build/mutants/NAME/PROFILE, list the checks that failed, revert it.
# Killed: at least one check failed (a test case, a broken result stream,
# the console). Exits non-zero when a mutant survives or does not build.
# Usage: mutants.sh [NAME...]   (default: every patch in tests/mutants)
# Cost (2 cores, TCG): the first run builds build/mutant/obj from ccache
# (minutes); then 30-60 s to build each mutant, ~5 min; boots: a ~9 min (cxl-test's cxl-test ~6 min and
# mock-layouts ~2-3 min), b ~3 min (mock-layouts), c ~6 min (cxl-test),
# d ~1.5 min (cxl-qemu ~40 s, layout-many ~50 s), e and f ~40 s each
# (cxl-qemu): about 25-30 min in all, more where a mutant makes a suite
# wait for a state that never comes.
export FLAVOR=mutant
. "$(dirname "$0")/lib.sh"
[ -d "$BUILD/linux/.git" ] || die "no build/linux: run 'make build' first"
[ -e "$SRC/.git" ] || git -C "$BUILD/linux" worktree add -q --detach "$SRC" HEAD
[ -z "$(git -C "$SRC" status --porcelain --untracked-files=no)" ] ||
	die "build/mutant/linux has uncommitted changes"
git -C "$SRC" checkout -q --detach "$(git -C "$BUILD/linux" rev-parse HEAD)"
kunit=$SRC/tools/testing/kunit/kunit.py
out=$BUILD/mutants
names=("$@")
[ $# -gt 0 ] || mapfile -t names < <(cd "$TOP/tests/mutants" && printf '%s\n' *.patch | sed 's/\.patch$//')
mkdir -p "$out"

applied=''
restore() {
	[ -z "$applied" ] || git -C "$SRC" apply -R "$applied" || echo "error: cannot revert $applied" >&2
	applied=
}
# Also on an error or Ctrl-C: no mutant may stay in the tree
trap restore EXIT
trap 'exit 130' INT TERM

# failed RUN_DIR PROFILE: the failed checks of one boot, one a line
failed() {
	if [ -s "$1/results.log" ]; then
		python3 "$kunit" parse --json="$1/results.json" "$1/results.log" >"$1/parse.txt" 2>&1 || true
		python3 - "$1/results.json" <<'PY' || true
import json, sys
def walk(g):
    for c in g["test_cases"]:
        if c["status"] not in ("PASS", "SKIP"):
            print("%s: %s" % (g["name"], c["name"]))
    for s in g["sub_groups"]:
        walk(s)
walk(json.load(open(sys.argv[1])))
PY
		grep -Eq 'ERROR|CRASHED|missing|Traceback' "$1/parse.txt" && echo "$2: broken result stream"
	else
		echo "$2: no results"
	fi
	"$TOP/scripts/check-console.sh" "$1/console.log" >/dev/null 2>&1 || echo "$2: console"
}

rows=() bad=0
for name in "${names[@]}"; do
	patch=$TOP/tests/mutants/$name.patch dir=$out/$name
	[ -f "$patch" ] || die "no mutant $name (tests/mutants/$name.patch)"
	runs=$(sed -n 's/^Run: //p' "$patch")
	rm -rf "$dir" && mkdir -p "$dir"
	log "mutant $name: $(sed -n 's/^Breaks: //p' "$patch")"
	git -C "$SRC" apply "$patch" || { rows+=("$name|$runs|no|does not apply"); bad=1; continue; }
	applied=$patch
	if ! "$TOP/scripts/build.sh" all >"$dir/build.log" 2>&1; then
		restore
		rows+=("$name|$runs|no|does not build ($dir/build.log)") bad=1
		continue
	fi
	: >"$dir/failed.txt"
	for r in $runs; do
		profile=${r%%:*} suites=
		[ "$r" = "$profile" ] || suites=${r#*:}
		RUN_DIR=$dir/$profile GUEST_TESTS_OVERRIDE=${suites//,/ } \
			"$TOP/scripts/run-qemu.sh" "$profile" tests >"$dir/$profile.log" 2>&1 || true
		failed "$dir/$profile" "$profile" >>"$dir/failed.txt"
	done
	restore
	n=$(grep -c . "$dir/failed.txt" || true)
	log "mutant $name: $n failed checks ($dir/failed.txt)"
	if [ "$n" = 0 ]; then
		rows+=("$name|$runs|NO, survived|-") bad=1
	else
		rows+=("$name|$runs|yes|$(head -n 3 "$dir/failed.txt" | paste -sd ';' - | sed 's/;/; /g')$([ "$n" -le 3 ] || echo " (+$((n - 3)) more)")")
	fi
done

# the table, here and (when every mutant ran) as docs/mutants.md
{
	printf '| %s | %s | %s | %s |\n| --- | --- | --- | --- |\n' mutant "profiles/suites run" killed? "failed checks (first 3)"
	for row in "${rows[@]}"; do
		IFS='|' read -r m r k f <<<"$row"
		# shellcheck disable=SC2016 # backquotes are markdown
		printf '| `%s` | %s | %s | %s |\n' "$m" "$r" "$k" "$f"
	done
} | tee "$BUILD/mutants.md"
[ $# -gt 0 ] || { printf '# make check-mutants: the last run\n\nWritten by make check-mutants (%s, %s).\n\n' \
	"$(date -u +%F)" "$(git -C "$TOP" rev-parse --short HEAD)"; cat "$BUILD/mutants.md"; } >"$TOP/docs/mutants.md"
[ "$bad" = 0 ]
