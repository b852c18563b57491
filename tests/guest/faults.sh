# shellcheck shell=sh
# faults: the decision under injected failures, on cxl_test's hmem_test=1
# layout (one Soft Reserved range, exactly the auto-assembled region0: a
# fresh load gives it to dax_cxl). failslab fails every slab allocation
# whose call stack passes through one function (its stack trace filter,
# require-start/require-end, from /proc/kallsyms):
#  - the work item's own bookkeeping (windows, ranges, verdicts),
#  - the snapshot of committed regions (cxl_region_committed_ranges),
#  - the probe of the region (cxl_region_probe).
# Each fault on a fresh load (the decision is taken once per load). A walk
# that fails decides nothing (the probe fails); a decision that fails
# falls back as documented: dax_hmem owns the range and a log line says
# why, and that is the load's decision, replayed by later binds. Never
# two owners, never none but for an undecided range, nothing leaks
# (kmemleak at the end).
t_plan 21
. /tests/own.sh
. /tests/mock.sh

load() {
	t_mark
	mock_load "$@"
}
unload() { mock_unload; }
# platform_driver_of DEV: the driver a platform device is bound to, if any
platform_driver_of() {
	[ -e "/sys/bus/platform/devices/$1" ] || { echo "ERROR: no $1"; return 1; }
	[ ! -e "/sys/bus/platform/devices/$1/driver" ] ||
		basename "$(readlink "/sys/bus/platform/devices/$1/driver")"
}
rebind() {
	echo hmem_platform.1 >/sys/bus/platform/drivers/hmem_platform/unbind
	t_mark
	echo hmem_platform.1 >/sys/bus/platform/drivers/hmem_platform/bind
	settle
}
CANNOT='cannot compare Soft Reserved ranges with CXL regions \(-12\), dax_hmem owns them all'

kmemleak_start

# 1. hmem_platform's probe, but not the devices it registers, on a fresh
# load: its only allocation is the list of committed regions that replayed
# ranges are cut around; none is replayed on a fresh load, so the failure
# changes nothing: the probe succeeds, and the decision gives region0's
# range to CXL as without the fault.
t_setup "modprobe dax_hmem (its symbols for the filter)" modprobe dax_hmem
t_setup "failslab under dax_hmem_platform_probe" arm dax_hmem_platform_probe hmem_register_device
t_setup "cxl_test hmem_test=1 loads, the probe's allocations failing" load hmem_test=1
wait_decision
disarm
t_setup "the Soft Reserved layout of hmem_test=1" mock_sr 1
s=$(sr_start 0) e=$(sr_end 0)
wait_state "$s" "$e" cxl
t_is "1: its allocations fail: hmem_platform.1 is bound all the same" hmem_platform platform_driver_of hmem_platform.1
t_dmesg "1: the decision is taken as without the fault" \
	"Soft Reserved in CXL windows: all 1 ranges inside committed regions, dax_cxl owns them all"
t_is "1: dax_cxl owns the range" cxl owner_state "$s" "$e"
t_absent "1: the comparison did not fail" "$CANNOT"
t_setup "unload" unload

# 2. The snapshot of committed regions, on a fresh load: the documented
# fallback, dax_hmem owns the range; it is the load's decision, which a
# bind without the fault replays.
t_setup "failslab under cxl_walk_committed_regions" arm cxl_walk_committed_regions
t_setup "cxl_test hmem_test=1 loads, the snapshot failing" load hmem_test=1
wait_klog "the snapshot to fail" "$CANNOT"
disarm
t_setup "the Soft Reserved layout of hmem_test=1" mock_sr 1
wait_state "$s" "$e" hmem
t_dmesg "2: the snapshot fails, the log says why" "$CANNOT"
t_some "2: as an error" klog_errors "$CANNOT"
t_is "2: dax_hmem owns the range, as documented" hmem owner_state "$s" "$e"
t_dmesg "2: region0's dax region is refused: dax_hmem holds the range" \
	"dax_region0: dax region $(memrange "$s" "$e") refused: .* is a dax region of hmem"
t_setup "rebind hmem_platform.1 without the fault" rebind
wait_state "$s" "$e" hmem
t_logcount "2: bound again: the load's decision is replayed" 1 \
	"Soft Reserved $(memrange "$s" "$e"): dax_hmem's since this boot's decision, registered again"
t_is "2: bound again: dax_hmem keeps the range" hmem owner_state "$s" "$e"
t_setup "unload" unload

# 3. The region's probe, during the load that assembles it
t_setup "failslab under cxl_region_probe" arm cxl_region_probe
t_setup "cxl_test hmem_test=1 loads, region0's probe failing" load hmem_test=1
wait_decision
disarm
t_setup "the Soft Reserved layout of hmem_test=1 (region0's probe failing)" mock_sr 1
s=$(sr_start 0) e=$(sr_end 0)
wait_state "$s" "$e" hmem
t_is "3: region0 is committed" region0 committed_regions
t_is "3: region0 has no driver (its probe failed)" unbound driver_of region0
t_is "3: dax_hmem owns the range" hmem owner_state "$s" "$e"
t_dmesg "3: the log says why" "owner dax_hmem, $(memrange "$s" "$e") not covered by a committed RAM region"
# kmem, the driver of dax_hmem's dax devices, adds System RAM over the range
t_is "3: kmem drives dax_hmem's dax device" kmem dax_drivers "$s" "$e"
t_setup "probe region0 again, without the fault" sh -c 'echo region0 >/sys/bus/cxl/drivers/cxl_region/bind'
settle
t_is "3: region0 probed late is bound" cxl_region driver_of region0
t_is "3: region0 probed late: dax_hmem keeps the range" hmem owner_state "$s" "$e"
# A RAM region that finds System RAM (dax_hmem's range, added by kmem) in
# its range publishes no dax region (as in 6.12): dax_cxl could never
# take it. A rebind replays the load's decision: dax_hmem keeps it.
t_none "3: region0 probed late publishes no dax region (System RAM in its range)" dax_region_of region0
t_setup "rebind hmem_platform.1" rebind
wait_state "$s" "$e" hmem
t_logcount "3: bound again: the load's decision is replayed" 1 \
	"Soft Reserved $(memrange "$s" "$e"): dax_hmem's since this boot's decision, registered again"
t_is "3: bound again: owner dax_hmem, never none" hmem owner_state "$s" "$e"
t_setup "unload" unload
t_kmemleak "kmemleak: no unreferenced object after the faults"
