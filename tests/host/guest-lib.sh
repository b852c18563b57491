#!/bin/sh
# shellcheck disable=SC2016 # the snippets expand in the child shell
# The guest's test library (tests/guest/testlib.sh, own.sh) on the host, under
# busybox sh as in the guest, with dmesg and the kernel log stubbed: each
# helper that must fail does. One "ok"/"not ok" line per fixture; run by
# tests/host/run.sh.
G=$(cd "$(dirname "$0")/../guest" && pwd)
tmp=$(mktemp -d)
# (the library keeps its state in /tmp, as in the guest)
trap 'rm -rf "$tmp" /tmp/t_mark /tmp/t_mark_start /tmp/t_probe /tmp/t_probe.err /tmp/klog.all /tmp/klog.out /tmp/boot.log' EXIT
export KMSG="$tmp/kmsg"
: >"$KMSG"
n=0 bad=0
res() { # DESC OK?
	n=$((n + 1))
	if [ "$2" = 0 ]; then echo "ok $n guest lib: $1"; else echo "not ok $n guest lib: $1"; bad=$((bad + 1)); fi
}
# run SNIPPET: a fresh shell with the library, a stub kernel log
# ($tmp/dmesg) and a suite's result file ($tmp/lines)
run() {
	busybox sh -c ". '$G/testlib.sh'; . '$G/own.sh'; T_LINES=$tmp/lines
		dmesg() { cat '$tmp/dmesg'; }
		$1" >"$tmp/out" 2>&1
}
: >"$tmp/lines"
printf '[0.0] Linux version 6.12\n[1.0] cxlsr-mark 1\n[2.0] Soft Reserved in CXL windows: x\n' >"$tmp/dmesg"
run 'echo 0 >/tmp/t_mark_start; echo 1 >/tmp/t_mark; klog_count "Soft Reserved"'
res "klog_count reads from the mark" "$([ "$(cat "$tmp/out")" = 1 ]; echo $?)"
sed -i '/cxlsr-mark 1/d' "$tmp/dmesg"
run 'echo 0 >/tmp/t_mark_start; echo 1 >/tmp/t_mark; t_absent "absent" "no such line"; cat "$T_LINES"'
res "t_absent fails when its mark has left the log" "$(grep -q '^not ok' "$tmp/out"; echo $?)"
res "... and says so in the kernel log" "$(grep -q 'cxlsr: FAIL: klog:' "$KMSG"; echo $?)"
sed -i '/Linux version/d' "$tmp/dmesg"
run 'echo 0 >/tmp/t_mark_start; echo 0 >/tmp/t_mark; e820_sr'
res "e820_sr fails when the boot's first lines are gone" "$(grep -q '^ERROR' "$tmp/out"; echo $?)"
: >"$tmp/lines"
run 't_eq "x" "" ""; cat "$T_LINES"'
res "t_eq fails an empty expectation" "$(grep -q '^not ok' "$tmp/out"; echo $?)"
: >"$tmp/lines"
run 'failing() { echo "ERROR: tool failed"; return 1; }; t_none "x" failing; t_is "y" "ERROR: tool failed" failing; cat "$T_LINES"'
res "t_none and t_is fail when the probe fails" "$([ "$(grep -c '^not ok' "$tmp/out")" = 2 ]; echo $?)"
: >"$tmp/lines"
run 'SR_LIST=; sr_missing'
res "sr_missing fails with no declared range" "$(grep -q '^ERROR' "$tmp/out"; echo $?)"
: >"$KMSG"
run 'wait_until "nothing" 1 false'
res "wait_until times out by the clock, naming what it waited for" \
	"$(grep -q 'cxlsr: FAIL: timed out waiting for nothing' "$KMSG"; echo $?)"
echo "guest lib: $n fixtures, $bad wrong"
[ $bad = 0 ]
