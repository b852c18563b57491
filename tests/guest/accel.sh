# accel: cxl_test's mock CXL accelerator (accel_test=): "cxl_accel.9", a
# type-2 device without mailbox whose decoder platform firmware committed
# and locked over window 4, which sits on memory that memmap= set aside at
# ACCEL_HPA (profile cxl-accel), so that the mock driver (cxl_mock_accel)
# can write its pattern there. Region attach, locked regions, detach on
# unbind and on cxl_acpi removal, and the Soft Reserved policy for
# accelerator memory.
t_plan 38
. /tests/own.sh
. /tests/mock.sh

HPA=0x60000000
END=0x6fffffff
ACC=/sys/bus/platform/devices/cxl_accel.9
MAPPED="mapped $HPA-$END"

hotplug_on() { echo /sbin/hotplug >/proc/sys/kernel/hotplug; }
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
	echo >/proc/sys/kernel/hotplug
	if ! { modprobe cxl_mock_mem && modprobe cxl_test accel_hpa=$HPA "$@" &&
		modprobe cxl_acpi && no_acpi &&
		modprobe cxl_mock_accel; }; then
		hotplug_on
		return 1
	fi
	settle
	[ "${LOAD_ACPI:-1}" = 0 ] && return 0
	hotplug_on
	coldplug
	settle
}

# The accelerator first: its claimed, locked region goes with its memdev
unload() {
	hotplug_on
	if grep -q "^cxl_mock_accel " /proc/modules; then
		rmmod cxl_mock_accel || return 1
	fi
	mock_unload
}

# The region at the accelerator's address, if any
accel_region() {
	for r in /sys/bus/cxl/devices/region*; do
		[ -e "$r" ] || continue
		[ "$(($(cat "$r/resource" 2>/dev/null || echo 0)))" = "$((HPA))" ] && echo "$r"
	done
	return 0
}
state() { cat $ACC/accel_state 2>/dev/null; }
memdev() { basename "$(ls -d $ACC/mem* 2>/dev/null | head -n 1)"; }
busy() { # busy FILE VALUE: writing VALUE to FILE fails with EBUSY
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
t_check "a region was assembled from the committed type-2 decoder" test -n "$R"
t_eq "its endpoint decoder is locked" 1 "$(cat /sys/bus/cxl/devices/$(cat "$R/target0" 2>/dev/null)/locked 2>/dev/null)"
t_check "commit=0 on the locked region fails with EBUSY" busy "$R/commit" 0
t_eq "the region stays committed" 1 "$(cat "$R/commit" 2>/dev/null)"
t_check "a window for type-2 devices only offers no region deletion" \
	sh -c "! test -w /sys/bus/cxl/devices/$(basename "$(dirname "$(readlink -f "$R")")")/delete_region"
t_check "no dax region below the accelerator's region" sh -c "! ls '$R' | grep -q dax_region"
t_eq "no dax device over the accelerator's memory" "" "$(owners_of $HPA $END)"
t_check "/proc/iomem: CXL Window > region over the accelerator's memory" \
	sh -c ". /tests/own.sh; iomem_chain $HPA | grep -q '^CXL Window [0-9]* > region[0-9]*'"
t_diag "iomem at $HPA: $(iomem_chain $HPA)"

# --- a user unbinds cxl_mem: the driver detaches before the region goes
MEM=$(memdev)
t_mark
t_setup "unbind $MEM from cxl_mem" sh -c "echo $MEM >/sys/bus/cxl/drivers/cxl_mem/unbind"
settle
t_eq "the driver was told to stop using the memory" detached "$(state)"
t_dmesg "it let go of the range" "detached: $HPA-$END no longer used"
t_eq "the region went with the endpoint" "" "$(accel_region)"
t_setup "bind $MEM to cxl_mem again" sh -c "echo $MEM >/sys/bus/cxl/drivers/cxl_mem/bind"
settle
t_check "the locked decoder assembles the region again" test -n "$(accel_region)"
t_check "unclaimed, it still refuses commit=0: it is locked" busy "$(accel_region)/commit" 0
t_eq "it is not claimed: no dax device either" "" "$(owners_of $HPA $END)"
t_setup "unload" unload

# --- cxl_acpi goes away while attached (unbound: cxl_test holds the
# module): detach first, the region goes once (kill_regions), the
# endpoint's later teardown does not release it again (no WARN: the
# console check fails the run on one)
t_setup "load again" load accel_test=1
t_eq "mapped again" "$MAPPED" "$(state)"
MEM=$(memdev)
t_mark
t_setup "unbind cxl_acpi" sh -c 'echo cxl_acpi.0 >/sys/bus/platform/drivers/cxl_acpi/unbind'
settle
t_eq "the driver was told to stop using the memory" detached "$(state)"
t_dmesg "it let go of the range" "detached: $HPA-$END no longer used"
t_eq "the region is gone" "" "$(accel_region)"
t_check "the memdev lost its endpoint: cxl_mem unbound" sh -c "! test -e /sys/bus/cxl/drivers/cxl_mem/$MEM"
t_setup "unload" unload

# --- no CXL topology: attach fails cleanly, the device goes on
LOAD_ACPI=0
t_setup "cxl_test and cxl_mock_accel, without cxl_acpi" load accel_test=1
LOAD_ACPI=1
t_eq "the accelerator goes on without CXL memory" "no cxl memory (-6)" "$(state)"
t_dmesg "the memdev found no topology to attach to" 'no CXL port topology to attach to'
t_eq "its memdev was unregistered again" "" "$(memdev)"
t_setup "unload" unload

# --- Soft Reserved over the accelerator and over region0 (covered): CXL
# owns region0's range, the accelerator keeps its own, dax_hmem has none.
# accel_test=1: window 4 admits type-2 devices only, so its memory is the
# accelerator's whether or not its driver attached yet.
t_setup "accel_test=1 hmem_test=9 loads" load accel_test=1 hmem_test=9
s=$(printf '0x%x' "$(cat /sys/bus/cxl/devices/region0/resource)")
e=$(printf '0x%x' $((s + 0x20000000 - 1)))
t_dmesg "the accelerator's range is left to its driver" "Soft Reserved \[mem $HPA-$END\] in CXL window \[mem [0-9a-fx-]+\]: accelerator memory \(decoder[0-9.]+\), left to its driver"
t_dmesg "region0's range decides alone: dax_cxl" "all 1 ranges inside committed regions, dax_cxl owns them all"
t_eq "dax_cxl owns region0's range" cxl "$(owners_of $s $e)"
t_eq "no dax device over the accelerator's memory" "" "$(owners_of $HPA $END)"
t_check "no hmem.N device over the accelerator's memory" sh -c "! grep -q '^ *60000000-6fffffff : hmem' /proc/iomem"
t_eq "the accelerator mapped its memory" "$MAPPED" "$(state)"
t_setup "unload" unload

# --- plus a Soft Reserved range in no region: dax_hmem owns the type-3
# ranges, never the accelerator's. accel_test=2: window 4 admits type-3
# devices too, so only the accelerator's committed region tells.
t_setup "accel_test=2 hmem_test=10 loads" load accel_test=2 hmem_test=10
t_dmesg "the accelerator's region is left to its driver" "Soft Reserved \[mem $HPA-$END\] in CXL window \[mem [0-9a-fx-]+\]: accelerator memory \(region[0-9]+\), left to its driver"
t_dmesg "the other two decide: dax_hmem" "1 of 2 ranges inside committed regions, dax_hmem owns them all"
t_eq "dax_hmem owns region0's range" hmem "$(owners_of $s $e)"
t_eq "dax_hmem owns the range in no region" hmem "$(owners_of $((e + 1)) $((e + 0x10000000)))"
t_eq "no dax device over the accelerator's memory" "" "$(owners_of $HPA $END)"
t_eq "the accelerator mapped its memory" "$MAPPED" "$(state)"
# window 4 admits type-3 devices now: region deletion is offered
R=$(accel_region)
dec=$(basename "$(dirname "$(readlink -f "$R")")")
t_check "deleting the locked region fails with EBUSY" busy /sys/bus/cxl/devices/$dec/delete_region "${R##*/}"
t_check "the region is still there" test -e "$R"
t_setup "unload" unload
