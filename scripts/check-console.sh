#!/bin/bash
# Fail (exit 1) when a guest console log shows a kernel splat or report, a
# failure of the guest harness itself (cxlsr: FAIL:, from a wait that timed
# out or a lost log mark), kmemleak disabled or without its positive
# control, or a run that did not reach its end.
# Usage: check-console.sh CONSOLE_LOG
log=$1
name=$(basename "$(dirname "$log")")
[ -f "$log" ] || { echo "console: $name: no $log" >&2; exit 1; }
pattern='WARNING:|BUG:|BUG |KASAN|UBSAN|kmemleak: .*(new suspected|unreferenced)|unreferenced object|possible circular locking|possible recursive locking|inconsistent lock state|DEBUG_LOCKS_WARN_ON|INFO: task .* blocked|Call Trace:|Kernel panic|Oops|general protection fault|ODEBUG|TIMEOUT:|cxlsr: FAIL:|kmemleak: .*disabled|kmemleak: Cannot allocate'
if grep -Eq "$pattern" "$log"; then
	echo "console: $name: kernel or harness reports found:" >&2
	grep -En "$pattern" "$log" | head -n 20 >&2
	exit 1
fi
# A kmemleak that finds nothing proves nothing: the guest loads the
# kmemleak-test sample module and checks that kmemleak reports its leaks.
# Only a kernel without module support (no /proc/modules) may skip it.
if grep -q 'kmemleak: Kernel memory leak detector initialized' "$log" &&
	! grep -Eq 'cxlsr: kmemleak control: ([1-9][0-9]* deliberate leaks reported|not run \(no module support\))' "$log"; then
	echo "console: $name: kmemleak is on but its control (kmemleak-test's deliberate leaks) was not reported" >&2
	exit 1
fi
grep -q 'cxlsr: done' "$log" || { echo "console: $name: guest never reached the end of its run" >&2; exit 1; }
exit 0
