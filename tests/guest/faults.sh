# faults: the decision under injected failures, on cxl_test's hmem_test=1
# layout (one Soft Reserved range, exactly the auto-assembled region0: a
# fresh load gives it to dax_cxl). failslab fails every slab allocation
# whose call stack passes through one function (its stack trace filter,
# require-start/require-end, from /proc/kallsyms):
#  - the work item's own bookkeeping (windows, ranges, verdicts),
#  - the snapshot of committed regions (cxl_region_committed_ranges),
#  - the decision's sort indices (hmem_decide),
#  - the probe of the region (cxl_region_probe).
# A decision that fails on a fresh load falls back as documented: dax_hmem
# owns the range and a log line says why. One that fails while dax_cxl
# already holds the range (a rebind of hmem_platform) leaves it to dax_cxl:
# the first claim wins, dax_hmem's dax region is refused and says so.
# Never two owners, never none, nothing leaks (kmemleak at the end); and
# without the fault the next decision gives the fresh answer again.
t_plan 16
. /tests/own.sh
fs=/sys/kernel/debug/failslab

. /tests/mock.sh
load() {
	t_mark
	mock_load "$@"
}
unload() { mock_unload; }
sr0() { # START END of the mock Soft Reserved range
	s=$(cxl list -D -d root 2>/dev/null | jq -r '[.[] | .resource] | min')
	printf '0x%x 0x%x\n' "$s" $((s + 0x20000000 - 1))
}
# sym_range NAME: "START END" (hex) of a text symbol (or of its one
# compiler-made clone, NAME.isra.0 and the like), up to the next symbol
sym_range() {
	sort /proc/kallsyms | awk -v n="$1" '
		f && $1 != a { print "0x" a, "0x" $1; exit }
		!f && ($3 == n || index($3, n ".") == 1) && ($2 == "t" || $2 == "T") { f = 1; a = $1 }'
}
# arm FUNCTION [EXCEPT]: fail every slab allocation made under FUNCTION,
# except those made under EXCEPT
arm() {
	req=$(sym_range "$1") rej="0 0"
	[ -z "${2:-}" ] || rej=$(sym_range "$2")
	set -- $req $rej
	[ $# = 4 ] || return 1
	echo "$1" >$fs/require-start
	echo "$2" >$fs/require-end
	echo "$3" >$fs/reject-start
	echo "$4" >$fs/reject-end
	echo 10 >$fs/stacktrace-depth
	echo N >$fs/ignore-gfp-wait
	echo 0 >$fs/verbose
	echo 1 >$fs/interval
	echo 100 >$fs/probability
	echo -1 >$fs/times
}
disarm() { echo 0 >$fs/probability && echo 0 >$fs/times; }
rebind() {
	echo hmem_platform.1 >/sys/bus/platform/drivers/hmem_platform/unbind
	t_mark
	echo hmem_platform.1 >/sys/bus/platform/drivers/hmem_platform/bind
	settle
}

t_setup "kmemleak: scan, then forget what it found" kmemleak_forget

# 1. The work item's own allocations (hmem_walk() is inlined into it), but
# not those of the devices it registers (the fallback itself), on a fresh
# load: dax_hmem owns the range
t_setup "modprobe dax_hmem (its symbols for the filter)" modprobe dax_hmem
t_setup "failslab under hmem_decide_work" arm hmem_decide_work hmem_register_device
t_setup "cxl_test hmem_test=1 loads, the decision's allocations failing" load hmem_test=1
disarm
read -r s e <<EOT
$(sr0)
EOT
t_eq "its allocations fail: dax_hmem owns the range" hmem "$(owner_state $s $e)"
t_dmesg "the log says why" 'out of memory, dax_hmem owns all Soft Reserved ranges'
t_setup "rebind hmem_platform.1 without the fault" rebind
wait_state $s $e cxl
t_eq "without the fault: dax_cxl owns the range (a fresh load's answer)" cxl "$(owner_state $s $e)"

# 2. The snapshot of committed regions, while dax_cxl holds the range
t_setup "failslab under cxl_region_committed_ranges" arm cxl_region_committed_ranges
t_setup "rebind hmem_platform.1 with the fault" rebind
disarm
t_dmesg "the snapshot fails, the log says why" \
	'cannot compare Soft Reserved ranges with CXL regions \(-12\), dax_hmem owns them all'
t_dmesg "dax_hmem's dax region is refused: dax_cxl holds the range" \
	"dax region $(memrange $s $e) refused: .* is a dax region of dax_region0 \\(cxl_dax_region\\)"
t_eq "dax_cxl keeps the range" cxl "$(owner_state $s $e)"
t_setup "rebind hmem_platform.1 without the fault" rebind
wait_state $s $e cxl
t_eq "without the fault: dax_cxl owns the range" cxl "$(owner_state $s $e)"

# 2b. The decision's own sort indices (hmem_decide()), the same way
t_setup "failslab under hmem_decide" arm hmem_decide
t_setup "rebind hmem_platform.1 with the fault" rebind
disarm
t_dmesg "the decision cannot sort, the log says why" \
	'cannot compare Soft Reserved ranges with CXL regions \(-12\), dax_hmem owns them all'
t_eq "dax_cxl keeps the range" cxl "$(owner_state $s $e)"
t_setup "rebind hmem_platform.1 without the fault" rebind
wait_state $s $e cxl
t_setup "unload" unload

# 3. The region's probe, during the load that assembles it
t_setup "failslab under cxl_region_probe" arm cxl_region_probe
t_setup "cxl_test hmem_test=1 loads, region0's probe failing" load hmem_test=1
disarm
read -r s e <<EOT
$(sr0)
EOT
t_check "region0 is committed" sh -c 'cxl list -R -i | jq -e ".[] | select(.region == \"region0\")"'
t_check "region0 has no driver (its probe failed)" test ! -e /sys/bus/cxl/devices/region0/driver
t_eq "dax_hmem owns the range" hmem "$(owner_state $s $e)"
t_dmesg "the log says why" "owner dax_hmem, $(memrange $s $e) not covered by a committed RAM region"
t_setup "probe region0 again, without the fault" sh -c 'echo region0 >/sys/bus/cxl/drivers/cxl_region/bind'
settle
t_eq "region0 probed late: dax_hmem keeps the range" hmem "$(owner_state $s $e)"
# A RAM region that finds System RAM (dax_hmem's range onlined by kmem)
# in its range publishes no dax region (as in 6.12): dax_cxl could never
# take it, so it must not count as covering the range.
want=hmem
[ -e /sys/bus/cxl/devices/region0/dax_region0 ] && want=cxl
t_diag "region0 $([ $want = cxl ] && echo has || echo has no) dax region"
t_setup "rebind hmem_platform.1" rebind
wait_state $s $e $want
t_eq "decided again: owner $want, never none" $want "$(owner_state $s $e)"
t_setup "unload" unload
n=$(kmemleak_new)
t_eq "kmemleak: no unreferenced object after the faults" 0 "$n"
[ "$n" = 0 ] || t_diag "$(head -n 40 /sys/kernel/debug/kmemleak)"
