# shellcheck shell=sh
# accel: cxl_test's mock CXL accelerator (accel_test=): "cxl_accel.9", a
# type-2 device without mailbox whose decoder platform firmware committed
# and locked over window 4, which sits on memory that memmap= set aside at
# ACCEL_HPA (profile cxl-accel), so that the mock driver (cxl_mock_accel)
# can write its pattern there. Region attach, locked regions, detach on
# unbind and on cxl_acpi removal, and the Soft Reserved policy for
# accelerator memory.
t_plan 79
. /tests/own.sh
. /tests/mock.sh

HPA=0x60000000
END=0x6fffffff
# shellcheck disable=SC2034 # mock_sr's hmem_test=9 and 10
ACCEL_HPA=$HPA
ACC=/sys/bus/platform/devices/cxl_accel.9
CXL=/sys/bus/cxl/devices
MAPPED="mapped $HPA-$END"

# LOAD_ACPI=0: no CXL topology (cxl_test needs the cxl_acpi module: unbind)
no_acpi() {
	[ "${LOAD_ACPI:-1}" = 0 ] || return 0
	echo cxl_acpi.0 >/sys/bus/platform/drivers/cxl_acpi/unbind
}

# A fixed order, as a platform that wants its accelerator to keep its
# memory arranges it: the CXL topology (cxl_acpi), the accelerator's
# driver (it attaches as it probes), then whatever udev loads (dax_hmem
# decides then). LOAD_ACPI=0 leaves cxl_acpi out, and everything else.
load() {
	t_mark
	uevent_helper_off
	if ! { modprobe cxl_mock_mem && modprobe cxl_test accel_hpa=$HPA "$@" &&
		modprobe cxl_acpi && no_acpi &&
		modprobe cxl_mock_accel; }; then
		uevent_helper_on
		return 1
	fi
	settle
	[ "${LOAD_ACPI:-1}" = 0 ] && return 0
	uevent_helper_on
	coldplug
	settle
}

# The accelerator first: its claimed, locked region goes with its memdev
unload() {
	uevent_helper_on
	if grep -q "^cxl_mock_accel " /proc/modules; then
		rmmod cxl_mock_accel || return 1
	fi
	mock_unload
}

# Probes.
# accel_region: the region at the accelerator's address, if any
accel_region() {
	[ -d $CXL ] || { echo "ERROR: no CXL bus"; return 1; }
	for r in "$CXL"/region*; do
		[ -e "$r" ] || continue
		[ "$(($(cat "$r/resource" 2>/dev/null || echo 0)))" = "$((HPA))" ] && echo "${r##*/}"
	done
	return 0
}
has_accel_region() { [ -n "$(accel_region)" ]; }
# state: the accelerator driver's state
state() { cat $ACC/accel_state 2>/dev/null || echo "ERROR: no $ACC/accel_state"; }
# accel_driver: the accelerator's driver, "unbound" when none
accel_driver() {
	[ -d $ACC ] || { echo "ERROR: no $ACC"; return 1; }
	if [ -e $ACC/driver ]; then basename "$(readlink -f $ACC/driver)"; else echo unbound; fi
}
# memdev: the accelerator's memdev
memdev() {
	[ -d $ACC ] || { echo "ERROR: no $ACC"; return 1; }
	for m in "$ACC"/mem*; do
		[ -e "$m" ] && echo "${m##*/}"
	done
	return 0
}
# region_attr REGION ATTR: REGION's sysfs attribute ATTR
region_attr() {
	is_region "$1" || { echo "ERROR: no region '$1'"; return 1; }
	cat "$CXL/$1/$2" || { echo "ERROR: no $1/$2"; return 1; }
}
# target_locked REGION: "locked" of REGION's first target (an endpoint decoder)
target_locked() {
	_d=$(region_attr "$1" target0) || { echo "$_d"; return 1; }
	[ -n "$_d" ] || { echo "ERROR: region '$1' has no target0"; return 1; }
	cat "$CXL/$_d/locked" || { echo "ERROR: no $_d/locked"; return 1; }
}
# root_of REGION: REGION's root decoder (a CXL window)
root_of() {
	is_region "$1" || { echo "ERROR: no region '$1'"; return 1; }
	basename "$(dirname "$(readlink -f "$CXL/$1")")"
}
# deletion_offered REGION: "delete_region" when the window REGION is in
# offers region deletion (the attribute is there and writable)
deletion_offered() {
	_w=$(root_of "$1") || { echo "$_w"; return 1; }
	[ -d "$CXL/$_w" ] || { echo "ERROR: no $_w"; return 1; }
	[ ! -w "$CXL/$_w/delete_region" ] || echo delete_region
}
refused() { # refused CMD...: CMD fails, saying the device is busy (EBUSY)
	if "$@" >/tmp/t_err 2>&1; then
		echo "$* succeeded"
		return 1
	fi
	cat /tmp/t_err
	grep -qi 'busy' /tmp/t_err
}
busy() { # busy FILE VALUE: writing VALUE to FILE (which exists) fails with EBUSY
	[ -e "$1" ] || { echo "no $1"; return 1; }
	if sh -c "echo $2 >$1" 2>/tmp/t_err; then
		echo "writing $2 to $1 succeeded"
		return 1
	fi
	cat /tmp/t_err
	grep -qi 'busy' /tmp/t_err
}

# --- attach: claim, map, pattern; the region is locked and never dax
t_setup "cxl_test accel_test=1 loads, then cxl_acpi and cxl_mock_accel" load accel_test=1
t_eq "the accelerator mapped its region and read its pattern back" "$MAPPED" "$(state)"
t_dmesg "the claim is logged" "region[0-9]+ \[mem $HPA-$END\] claimed by cxl_accel"
R=$(accel_region)
t_some "a region was assembled from the committed type-2 decoder" accel_region
t_is "its endpoint decoder is locked" 1 target_locked "$R"
t_check "commit=0 on the locked region fails with EBUSY" busy "$CXL/$R/commit" 0
t_is "the region stays committed" 1 region_attr "$R" commit
t_none "a window for type-2 devices only offers no region deletion" deletion_offered "$R"
t_none "no dax region below the accelerator's region" dax_region_of "$R"
t_none "no dax device over the accelerator's memory" owners_of $HPA $END
# every operation on a locked region (driver-api/cxl lists them)
t_check "cxl destroy-region on the locked region fails with EBUSY" refused cxl destroy-region -f "$R"
t_check "after cxl destroy-region: the region is still there" is_region "$R"
t_check "writing size of the locked region fails with EBUSY" busy "$CXL/$R/size" 0
t_check "writing interleave_ways of the locked region fails with EBUSY" busy "$CXL/$R/interleave_ways" 2
t_check "writing interleave_granularity of the locked region fails with EBUSY" busy "$CXL/$R/interleave_granularity" 256
t_check "emptying a target of the claimed region fails with EBUSY" busy "$CXL/$R/target0" ""
t_is "after that: the claimed region is still committed" 1 region_attr "$R" commit
t_setup "cxl disable-region $R" cxl disable-region "$R"
t_is "disabled: the locked region stays committed" 1 region_attr "$R" commit
t_eq "disabled: the accelerator still has its memory" "$MAPPED" "$(state)"
t_setup "cxl enable-region $R" cxl enable-region "$R"
t_is "enabled again: bound to cxl_region" cxl_region driver_of "$R"
t_check "/proc/iomem: CXL Window > region over the accelerator's memory" \
	sh -c ". /tests/own.sh; iomem_chain $HPA | grep -q '^CXL Window [0-9]* > region[0-9]*'"
t_diag "iomem at $HPA: $(iomem_chain $HPA)"

# --- a user unbinds cxl_mem: the driver detaches before the region goes
t_some "the accelerator registered a memdev" memdev
MEM=$(memdev)
t_mark
t_setup "unbind $MEM from cxl_mem" sh -c "echo '$MEM' >/sys/bus/cxl/drivers/cxl_mem/unbind"
settle
t_eq "cxl_mem unbound: the driver was told to stop using the memory" detached "$(state)"
t_dmesg "cxl_mem unbound: it let go of the range" "detached: $HPA-$END no longer used"
t_none "cxl_mem unbound: the region went with the endpoint" accel_region
t_setup "bind $MEM to cxl_mem again" sh -c "echo '$MEM' >/sys/bus/cxl/drivers/cxl_mem/bind"
settle
wait_until "the accelerator's region" 30 has_accel_region
t_some "cxl_mem bound again: the locked decoder assembles the region again" accel_region
t_check "cxl_mem bound again: unclaimed, it still refuses commit=0: it is locked" busy "$CXL/$(accel_region)/commit" 0
t_none "cxl_mem bound again: not claimed, no dax device either" owners_of $HPA $END
t_setup "unload" unload

# --- cxl_acpi goes away while attached (unbound: cxl_test holds the
# module): the driver core unbinds the accelerator's driver first (the
# claim's device link); its memdev goes, @detach runs, the claim's action
# unregisters the region once, and kill_regions() finds it gone (no WARN:
# the console check fails the run on one)
t_setup "load again" load accel_test=1
t_eq "mapped again" "$MAPPED" "$(state)"
MEM=$(memdev)
t_mark
t_setup "unbind cxl_acpi" sh -c 'echo cxl_acpi.0 >/sys/bus/platform/drivers/cxl_acpi/unbind'
settle
t_eq "cxl_acpi unbound: the accelerator's driver was unbound first" unbound "$(accel_driver)"
t_dmesg "cxl_acpi unbound: it let go of the range" "detached: $HPA-$END no longer used"
t_none "cxl_acpi unbound: the region is gone" accel_region
t_none "cxl_acpi unbound: its memdev went with its driver" memdev
t_setup "bind cxl_acpi again" sh -c 'echo cxl_acpi.0 >/sys/bus/platform/drivers/cxl_acpi/bind'
settle
t_setup "bind the accelerator's driver again" sh -c "echo cxl_accel.9 >/sys/bus/platform/drivers/cxl_accel/bind"
settle
t_eq "cxl_acpi and the driver bound again: the locked decoders' region is mapped again" "$MAPPED" "$(state)"
t_is "cxl_acpi and the driver bound again: its endpoint decoder is still locked" 1 target_locked "$(accel_region)"
t_setup "unload" unload

# --- cxl_acpi goes away while the accelerator's probe is between its
# claim and its first write (hold=1), over decoders firmware did not lock
# (accel_test=3), which a teardown resets: the accelerator's driver goes
# first, once its probe is done, so no write lands after the reset. The
# unbind either ends (nothing waited for the probe) or waits for it.
ACCEL_P=/sys/module/cxl_mock_accel/parameters
# load_held ARGS: load's order, the accelerator's probe held after its claim
load_held() {
	t_mark
	uevent_helper_off
	modprobe cxl_mock_mem && modprobe cxl_test accel_hpa=$HPA "$@" &&
		modprobe cxl_acpi || return 1
	modprobe cxl_mock_accel hold=1 &
	wait_klog "the accelerator's held probe" "claimed $HPA-$END, holding"
}
# unbind_waits PID FUNCTION: PID has ended, or it sleeps in FUNCTION (the
# top of its kernel stack)
unbind_waits() {
	kill -0 "$1" 2>/dev/null || return 0
	cat "/proc/$1/stack" >/tmp/unbind.stack 2>&1
	head -n 1 /tmp/unbind.stack | grep -q " $2+"
}
# wait_unbind PID FUNCTION: unbind_waits, its stack printed on a timeout
wait_unbind() {
	wait_until "the unbind" 60 unbind_waits "$@" || { cat /tmp/unbind.stack; return 1; }
}
t_setup "accel_test=3 loads, the accelerator's probe held after its claim" load_held accel_test=3
sh -c 'echo cxl_acpi.0 >/sys/bus/platform/drivers/cxl_acpi/unbind' &
UNBIND=$!
t_setup "the cxl_acpi unbind ends or waits for the held probe" \
	wait_unbind $UNBIND wait_for_device_probe
t_setup "release the held probe" sh -c "echo 0 >$ACCEL_P/hold"
wait
settle
t_eq "cxl_acpi unbound during the probe: no write after the decoders were reset" 0 "$(cat $ACCEL_P/late_writes)"
t_eq "cxl_acpi unbound during the probe: the accelerator's driver went first" unbound "$(accel_driver)"
t_dmesg "cxl_acpi unbound during the probe: it let go of the range" "detached: $HPA-$END no longer used"
t_none "cxl_acpi unbound during the probe: the region is gone" accel_region
t_setup "bind cxl_acpi again" sh -c 'echo cxl_acpi.0 >/sys/bus/platform/drivers/cxl_acpi/bind'
uevent_helper_on
settle
t_setup "unload" unload

# The same with cxl_mem unbinding the memdev: it waits for the memdev's
# lock, which the attach step holds; the driver is told to detach after.
t_setup "accel_test=3 loads, the probe held again" load_held accel_test=3
MEM=$(memdev)
sh -c "echo '$MEM' >/sys/bus/cxl/drivers/cxl_mem/unbind" &
UNBIND=$!
t_setup "the cxl_mem unbind ends or waits for the held probe" \
	wait_unbind $UNBIND device_release_driver_internal
t_setup "release the held probe" sh -c "echo 0 >$ACCEL_P/hold"
wait
settle
t_eq "cxl_mem unbound during the probe: no write after the decoders were reset" 0 "$(cat $ACCEL_P/late_writes)"
t_eq "cxl_mem unbound during the probe: the driver was told to stop using the memory" detached "$(state)"
t_none "cxl_mem unbound during the probe: the region is gone" accel_region
t_setup "unload" unload

# --- no CXL topology: attach fails cleanly, the device goes on
LOAD_ACPI=0
t_setup "cxl_test and cxl_mock_accel, without cxl_acpi" load accel_test=1
LOAD_ACPI=1
t_eq "no CXL topology: the accelerator goes on without CXL memory" "no cxl memory (-6)" "$(state)"
t_dmesg "no CXL topology: the memdev found no topology to attach to" 'no CXL port topology to attach to'
t_none "no CXL topology: its memdev was unregistered again" memdev
t_setup "unload" unload

# --- Soft Reserved over the accelerator and over region0 (covered): CXL
# owns region0's range, the accelerator keeps its own, dax_hmem has none.
# accel_test=1: window 4 admits type-2 devices only, so its memory is the
# accelerator's whether or not its driver attached yet.
t_setup "accel_test=1 hmem_test=9 loads" load accel_test=1 hmem_test=9
t_setup "the Soft Reserved layout of hmem_test=9" mock_sr 9
# region0's range (the accelerator's sorts first when window 4 is lower)
r0=$(w0_range 0 512)
s=${r0%-*} e=${r0#*-}
wait_decision
wait_state "$s" "$e" cxl
t_dmesg "9: the accelerator's range is left to its driver" "Soft Reserved \[mem $HPA-$END\] in CXL window \[mem [0-9a-fx-]+\]: accelerator memory \((region[0-9]+|window for accelerators only)\), left to its driver"
t_dmesg "9: region0's range decides alone: dax_cxl" "all 1 ranges inside committed regions, dax_cxl owns them all"
t_is "9: dax_cxl owns region0's range" cxl owners_of "$s" "$e"
t_is "9: region0 has its dax region" dax_region0 dax_region_of region0
t_none "9: no dax device over the accelerator's memory" owners_of $HPA $END
t_none "9: both Soft Reserved entries stay in /proc/iomem" sr_missing
t_eq "9: the accelerator mapped its memory" "$MAPPED" "$(state)"
t_setup "unload" unload

# --- plus a Soft Reserved range in no region: dax_hmem owns the type-3
# ranges, never the accelerator's. accel_test=2: window 4 admits type-3
# devices too, so only the accelerator's committed region tells.
t_setup "accel_test=2 hmem_test=10 loads" load accel_test=2 hmem_test=10
t_setup "the Soft Reserved layout of hmem_test=10" mock_sr 10
r0=$(w0_range 0 512) r1=$(w0_range 512 768)
s0=${r0%-*} e0=${r0#*-} s1=${r1%-*} e1=${r1#*-}
wait_decision
wait_state "$s0" "$e0" hmem
wait_state "$s1" "$e1" hmem
t_dmesg "10: the accelerator's region is left to its driver" "Soft Reserved \[mem $HPA-$END\] in CXL window \[mem [0-9a-fx-]+\]: accelerator memory \(region[0-9]+\), left to its driver"
t_dmesg "10: the other two decide: dax_hmem" "1 of 2 ranges inside committed regions, dax_hmem owns them all"
t_is "10: dax_hmem owns region0's range" hmem owners_of "$s0" "$e0"
t_is "10: dax_hmem owns the range in no region" hmem owners_of "$s1" "$e1"
t_none "10: no dax device over the accelerator's memory" owners_of $HPA $END
t_eq "10: the accelerator mapped its memory" "$MAPPED" "$(state)"
# window 4 admits type-3 devices now: region deletion is offered
R=$(accel_region)
t_is "10: window 4 admits type-3 devices: it offers region deletion" delete_region deletion_offered "$R"
t_check "10: deleting the locked region fails with EBUSY" busy "$CXL/$(root_of "$R")/delete_region" "$R"
t_check "10: the region is still there" is_region "$R"
t_setup "unload" unload

# --- the accelerator's driver loads after the decision (udev later, or an
# initramfs without it). accel_test=2: window 4 admits type-3 devices too,
# and without the driver no region tells the decision that the range is
# the accelerator's: dax_hmem takes all three ranges, and kmem adds the
# accelerator's (offline: memhp_default_state). The claim must refuse:
# handing the driver System RAM would have it write into memory kmem (or
# whoever onlines it) uses.
load_late() {
	t_mark
	uevent_helper_off
	if ! { modprobe cxl_mock_mem && modprobe cxl_test accel_hpa=$HPA "$@" &&
		modprobe cxl_acpi && modprobe kmem && modprobe dax_hmem; }; then
		uevent_helper_on
		return 1
	fi
	uevent_helper_on
	settle
}
# accel_kmem: kmem's System RAM entry over the accelerator's memory, if any
accel_kmem() { iomem_chain $HPA | grep -o 'System RAM (kmem)' || true; }
has_kmem() { [ -n "$(accel_kmem)" ]; }
t_setup "accel_test=2 hmem_test=10 loads, dax_hmem before the accelerator's driver" load_late accel_test=2 hmem_test=10
t_setup "the Soft Reserved layout of hmem_test=10" mock_sr 10
# what the checks below look at: its dax device, then kmem
hmem_has_accel() { [ "$(owners_of $HPA $END)" = hmem ]; }
wait_decision
wait_until "dax_hmem's dax device over the accelerator's range" 30 hmem_has_accel
wait_until "kmem over the accelerator's range" 30 has_kmem
t_is "late: dax_hmem owns the accelerator's range (nothing told the decision)" hmem owners_of $HPA $END
t_mark
t_setup "modprobe cxl_mock_accel after the decision" modprobe cxl_mock_accel
settle
t_eq "late: the claim is refused, nothing mapped or written" "no cxl memory (-16)" "$(state)"
t_dmesg "late: the log names the holder" "region[0-9]+ \[mem $HPA-$END\]: held by dax_hmem, not claimed"
t_dmesg "late: the accelerator goes on without it" "cxl_accel.9: no cxl memory \(-16\), going on without it"
t_is "late: dax_hmem keeps the accelerator's range" hmem owners_of $HPA $END
t_some "late: the range is still System RAM (kmem's)" accel_kmem
# The way back: kmem lets go, the administrator hands the range to CXL
# (driver-api/cxl), the accelerator's driver loads again and claims it.
h=$(hmem_of $HPA)
d=$(dax_devices | awk -v p="$h" '$5 == p { print $1 }')
t_setup "$d back to devdax: kmem removes its memory" daxctl reconfigure-device -m devdax -f "$d"
t_setup "echo cxl > $h/owner" sh -c "echo cxl >/sys/bus/platform/devices/$h/owner"
t_none "late, handed to CXL: no dax device over the accelerator's memory" owners_of $HPA $END
t_mark
t_setup "reload cxl_mock_accel" sh -c 'rmmod cxl_mock_accel && modprobe cxl_mock_accel'
settle
t_eq "late, handed to CXL: the claim succeeds, the pattern is written" "$MAPPED" "$(state)"
t_dmesg "late, handed to CXL: the claim is logged" "region[0-9]+ \[mem $HPA-$END\] claimed by cxl_accel"
t_none "late, handed to CXL: the range is no System RAM" accel_kmem
t_setup "unload" unload

# load_10: accel_test=2 hmem_test=10 loaded again in the fixed order, and
# decided (dax_hmem owns region0's range, $s0-$e0 of the first load)
load_10() {
	t_setup "accel_test=2 hmem_test=10 loads" load accel_test=2 hmem_test=10
	t_setup "the Soft Reserved layout of hmem_test=10" mock_sr 10
	wait_decision
	wait_state "$s0" "$e0" hmem
}

# --- the claim is recorded: with the accelerator's driver gone (its
# region with it), dax_hmem binding again still leaves the range to it;
# window 4 admits type-3 devices, so only the record tells.
load_10
t_setup "rmmod cxl_mock_accel" rmmod cxl_mock_accel
settle
t_none "driver gone: its region went with it" accel_region
HP=$(basename /sys/bus/platform/drivers/hmem_platform/hmem_platform.*)
t_setup "unbind $HP" sh -c "echo $HP >/sys/bus/platform/drivers/hmem_platform/unbind"
t_mark
t_setup "bind $HP" sh -c "echo $HP >/sys/bus/platform/drivers/hmem_platform/bind"
wait_decision
t_dmesg "driver gone, dax_hmem bound again: the claimed range stays the accelerator's" "Soft Reserved \[mem $HPA-$END\] in CXL window \[mem [0-9a-fx-]+\]: accelerator memory \(claimed by its driver\), left to its driver"
t_none "driver gone, dax_hmem bound again: no dax device over the accelerator's memory" owners_of $HPA $END
t_setup "unload" unload

# --- accel_test=3: the same late load, no decoder locked. The refused
# claim unregisters the memdev, which tears the region down: its decoders
# must stay committed, since dax_hmem's memory is behind them.
t_setup "accel_test=3 hmem_test=10 loads, dax_hmem before the accelerator's driver" load_late accel_test=3 hmem_test=10
t_setup "the Soft Reserved layout of hmem_test=10" mock_sr 10
wait_decision
wait_until "dax_hmem's dax device over the accelerator's range" 30 hmem_has_accel
t_mark
t_setup "modprobe cxl_mock_accel after the decision" modprobe cxl_mock_accel
settle
t_eq "unlocked, late: the claim is refused" "no cxl memory (-16)" "$(state)"
t_dmesg "unlocked, late: the region's decoders stay committed under dax_hmem's memory" "dax_hmem owns the Soft Reserved memory in \[mem $HPA-$END\]: decoders left committed"
t_is "unlocked, late: dax_hmem keeps the accelerator's range" hmem owners_of $HPA $END
t_setup "unload" unload

# --- the decision's snapshot of committed regions fails (failslab) while an
# accelerator's region is there and not claimed (cxl_mem bound again): a
# walk that allocates nothing still finds the accelerator's memory, and
# dax_hmem, which owns the rest as documented, does not take it.
CANNOT='cannot compare Soft Reserved ranges with CXL regions \(-12\), dax_hmem owns them all'
load_10
MEM=$(memdev)
t_setup "unbind $MEM from cxl_mem" sh -c "echo '$MEM' >/sys/bus/cxl/drivers/cxl_mem/unbind"
settle
t_setup "bind $MEM to cxl_mem again (its region back, not claimed)" sh -c "echo '$MEM' >/sys/bus/cxl/drivers/cxl_mem/bind"
settle
wait_until "the accelerator's region" 30 has_accel_region
HP=$(basename /sys/bus/platform/drivers/hmem_platform/hmem_platform.*)
t_setup "unbind $HP" sh -c "echo $HP >/sys/bus/platform/drivers/hmem_platform/unbind"
t_setup "failslab under cxl_walk_committed_regions" arm cxl_walk_committed_regions
t_mark
t_setup "bind $HP, the snapshot failing" sh -c "echo $HP >/sys/bus/platform/drivers/hmem_platform/bind"
wait_klog "the snapshot to fail" "$CANNOT"
disarm
settle
t_dmesg "failed snapshot: the accelerator's memory is left out all the same" "accelerator memory \[mem $HPA-$END\]: left out of the decision"
t_none "failed snapshot: no dax device over the accelerator's memory" owners_of $HPA $END
t_is "failed snapshot: dax_hmem keeps region0's range" hmem owners_of "$s0" "$e0"
t_setup "unload" unload
