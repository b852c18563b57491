#!/bin/bash
# Fail (exit 1) when a guest console log shows a kernel splat or report.
# Usage: check-console.sh CONSOLE_LOG
log=$1
pattern='WARNING:|BUG:|BUG |KASAN|UBSAN|kmemleak: .*(new suspected|unreferenced)|unreferenced object|possible circular locking|possible recursive locking|inconsistent lock state|DEBUG_LOCKS_WARN_ON|INFO: task .* blocked|Call Trace:|Kernel panic|Oops|general protection fault|ODEBUG|TIMEOUT:'
if grep -Eq "$pattern" "$log"; then
	echo "console: $(basename "$(dirname "$log")"): kernel reports found:" >&2
	grep -En "$pattern" "$log" | head -n 20 >&2
	exit 1
fi
grep -q 'cxlsr: done' "$log" || { echo "console: guest never reached the end of its run" >&2; exit 1; }
exit 0
