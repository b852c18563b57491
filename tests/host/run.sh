#!/bin/bash
# The host-side checkers against samples, as kunit.py tests its own parser.
# runs/cxl-qemu is a good run (clean console, a KTAP stream whose absent
# checks have passing twins) that every checker must accept; each bad
# sample is a copy of it with one defect, which the checker must reject.
# One line per fixture; fails when a checker gets one wrong.
# Usage: tests/host/run.sh   (make selftest; the first gate of make check)
. "$(dirname "$0")/../../scripts/lib.sh"
S=$TOP/scripts host=$TOP/tests/host
kunit=$SRC/tools/testing/kunit/kunit.py
[ -f "$kunit" ] || die "no $kunit: make tree first"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 bad=0
ok() { n=$((n + 1)); echo "ok $n $1"; }
nok() {
	n=$((n + 1)) bad=$((bad + 1))
	echo "not ok $n $1"
	cat "$tmp/out" "$tmp/err" 2>/dev/null | sed 's/^/    # /'
}
# accepts|rejects DESC CMD...: the checker must pass | fail on the sample
accepts() { if "${@:2}" >"$tmp/out" 2>"$tmp/err"; then ok "$1"; else nok "$1"; fi; }
rejects() { if "${@:2}" >"$tmp/out" 2>"$tmp/err"; then nok "$1 (accepted)"; else ok "$1"; fi; }
# prints DESC EXPECTED CMD...: the checker must print EXPECTED
prints() {
	"${@:3}" >"$tmp/out" 2>"$tmp/err" || true
	if [ "$(cat "$tmp/out")" = "$2" ]; then ok "$1"; else nok "$1 (expected '$2')"; fi
}
# run NAME [FILE SED-SCRIPT]: a copy of the good run as $tmp/NAME, FILE edited
run() {
	mkdir "$tmp/$1" && cp "$host/runs/cxl-qemu"/*.log "$tmp/$1/"
	[ $# -lt 3 ] || sed -i -E "$3" "$tmp/$1/$2"
	echo "$tmp/$1"
}
# count RUN_DIR: parse with kunit.py as check.sh does, then count.py
count() {
	python3 "$kunit" parse --json="$1/results.json" "$1/results.log" >/dev/null 2>&1 || true
	python3 "$S/count.py" "$1/results.json"
}
# failed_names RUN_DIR: the failing cases count.py names (check.sh prints them last)
failed_names() { python3 "$S/count.py" "$1/results.json" "$tmp/failed" >/dev/null && cat "$tmp/failed"; }
good=$(run cxl-qemu)
failing=$(run failing results.log 's/    ok 2 /    not ok 2 /')
orphan=$(run orphan results.log '/t_present: probe:dax_devices/d')

prints "count.py: the good run, 4 passed, 1 skipped" "4 0 1" count "$good"
prints "count.py: a failing case" "3 1 1" count "$failing"
prints "count.py: names the failing case after its suite" "cxl-qemu: dax devices after boot" \
	failed_names "$failing"
prints "count.py: two cases of one name in a suite" "4 1 1" \
	count "$(run dup results.log 's/ok 2 dax devices after boot/ok 2 region0 decided by dax_cxl/')"
cp "$tmp/err" "$tmp/dup.err"
accepts "count.py: names the duplicate after its suite" \
	grep -q "^cxl-qemu: 2 test cases named 'region0 decided by dax_cxl'" "$tmp/dup.err"
prints "count.py: a stream cut short" "3 2 0" count "$(run cut results.log '/ok 4 /,/ok 1 cxl-qemu/d')"
prints "count.py: no JSON file" "0 1 0" python3 "$S/count.py" "$tmp/none.json"
: >"$tmp/empty.json"
prints "count.py: an empty JSON file" "0 1 0" python3 "$S/count.py" "$tmp/empty.json"

accepts "check-console: the good run" "$S/check-console.sh" "$good/console.log"
accepts "check-console: a kernel without kmemleak needs no control" \
	"$S/check-console.sh" "$(run nokmemleak console.log '/kmemleak/d')/console.log"
rejects "check-console: a WARNING splat" "$S/check-console.sh" "$(run warning console.log \
	'/cxlsr: done/i [   10.000000] WARNING: CPU: 0 PID: 1 at drivers/dax/hmem/hmem.c:120 hmem_register_device+0x1f/0x40')/console.log"
rejects "check-console: a harness failure (cxlsr: FAIL:)" "$S/check-console.sh" "$(run hfail console.log \
	'/cxlsr: done/i [   10.000000] cxlsr: FAIL: timed out waiting for uevents to be handled')/console.log"
rejects "check-console: kmemleak disabled" "$S/check-console.sh" "$(run kmdisabled console.log \
	'/cxlsr: done/i [    0.950000] kmemleak: Kernel memory leak detector disabled')/console.log"
rejects "check-console: kmemleak out of memory" "$S/check-console.sh" "$(run kmalloc console.log \
	'/cxlsr: done/i [    5.000000] kmemleak: Cannot allocate a kmemleak_object structure')/console.log"
rejects "check-console: kmemleak initialised, no control line" \
	"$S/check-console.sh" "$(run nocontrol console.log '/kmemleak control/d')/console.log"
rejects "check-console: a control that saw no leak" \
	"$S/check-console.sh" "$(run control0 console.log 's/control: 3 /control: 0 /')/console.log"
accepts "check-console: a kernel without module support says it ran no control" \
	"$S/check-console.sh" "$(run nomodules console.log \
	's/control: 3 deliberate leaks reported/control: not run (no module support)/')/console.log"
rejects "check-console: a control neither run nor excused" \
	"$S/check-console.sh" "$(run notrun console.log 's/control: 3 deliberate leaks reported/control: not run/')/console.log"
rejects "check-console: no 'cxlsr: done'" \
	"$S/check-console.sh" "$(run notdone console.log '/cxlsr: done/d')/console.log"
rejects "check-console: no console log" "$S/check-console.sh" "$tmp/none/console.log"

accepts "twins: the good run" "$S/twins.sh" "$good"
rejects "twins: an absent key without a present twin" "$S/twins.sh" "$orphan"
rejects "twins: a present twin only from a failing test" "$S/twins.sh" "$failing"
rejects "twins: a present twin only from a skipped test" "$S/twins.sh" \
	"$(run skipped results.log 's/ok 2 dax devices after boot/& # SKIP no dax/')"
accepts "twins: a present twin in another run of the same check" "$S/twins.sh" "$orphan" "$good"
accepts "twins: a probe's positive control stands for its present twin" "$S/twins.sh" \
	"$(run control results.log 's/# t_present: probe:dax_devices/# t_control: probe:dax_devices/')"
rejects "twins: no run directory" "$S/twins.sh"

export DOC=$host/soft-reserved.rst
accepts "doc-logs: the good run" "$S/doc-logs.sh" "$good"
rejects "doc-logs: a documented line no guest printed" "$S/doc-logs.sh" \
	"$(run undocumented console.log '/deciding their owner/d')"
rejects "doc-logs: no run directory" "$S/doc-logs.sh"

prints "layouts.py: the good run's row" "\
| layout (profile) | Soft Reserved ranges | first decision | dax devices | decided |
| --- | --- | --- | --- | --- |
| cxl-qemu | 1 | dax_cxl | 1 (boot) | 3.3 s after boot, 1200 ms after the deferral |" \
	python3 "$S/layouts.py" "$good"

# the guest's own library, on the host
accepts "docs/profiles.md is what scripts/profiles-doc.sh writes" "$S/profiles-doc.sh" --check
accepts "the guest library's fixtures (tests/host/guest-lib.sh)" sh "$host/guest-lib.sh"
sed 's/^/    /' "$tmp/out"

echo "host checkers: $n fixtures, $bad wrong"
[ $bad = 0 ]
