# shellcheck shell=sh
# cxl-qemu: QEMU's CXL device, Soft Reserved over CXL Window 0, window 1
# free, no committed region. Addresses are the profile's (GUEST_VARS).
t_plan 75
. /tests/own.sh
t_map after-boot

memdevs() { cxl list -M >/tmp/memdevs.json || { echo "ERROR: cxl list -M failed"; return 1; }; jq -r '.[].memdev' /tmp/memdevs.json; }
# klog_err REGEX: kernel log lines (since the last mark) at an error level
# or worse (the level is the raw prefix <facility * 8 + level>) that match
# REGEX
klog_err() {
	klog -r >/tmp/klog.raw || { cat /tmp/klog.raw; return 1; }
	awk -v re="$1" 'match($0, /^<[0-9]+>/) && substr($0, 2, RLENGTH - 2) % 8 <= 3 && $0 ~ re' /tmp/klog.raw
}

t_is "the boot memory map has the profile's Soft Reserved range" "$SR_START $SR_END" e820_sr
t_is "CXL Windows 0 and 1 are where the profile puts them" \
	"$W0_START $W0_END CXL Window 0 $W1_START $W1_END CXL Window 1" cxl_windows
t_is "the Soft Reserved range lies in CXL Window 0" "CXL Window 0" window_of "$SR_START" "$SR_END"
t_is "cxl list shows memdev mem0" mem0 memdevs
t_is "a root decoder for each window" "$W0_START $W1_START" root_decoders
t_check "mem0's endpoint port has decoders" sh -c 'ls -d /sys/bus/cxl/devices/endpoint*/decoder*.0'
t_none "no region was committed by firmware" region_names
t_check "cxl_acpi, cxl_pci and cxl_mem are loaded" sh -c 'lsmod | grep -q "^cxl_acpi" && lsmod | grep -q "^cxl_pci" && lsmod | grep -q "^cxl_mem"'
t_none "no memory in the window was onlined" onlined_in "$SR_START" "$SR_END"
t_is "dax_hmem owns the Soft Reserved range after the deferred decision" hmem owners_of "$SR_START" "$SR_END"
t_is "one dax device, dax_hmem's, spanning the Soft Reserved range" "$SR_START $SR_END hmem" dax_spans
t_check "the dax device sits under /sys/devices/platform/hmem.N, as in 6.12" \
	sh -c 'readlink -f /sys/bus/dax/devices/dax* | grep -q "^/sys/devices/platform/hmem\.[0-9]*/dax[0-9.]*$"'
t_dmesg "the deferral is logged" \
	'hmem_platform hmem_platform.0: 1 Soft Reserved range\(s\) in CXL windows: deciding'
t_dmesg "the per-range decision is logged with its reason" \
	"Soft Reserved $(memrange "$SR_START" "$SR_END") in CXL window $(memrange "$W0_START" "$W0_END"): owner dax_hmem, $(memrange "$SR_START" "$SR_END") not covered by a committed RAM region"
t_dmesg "the summary names dax_hmem" \
	'Soft Reserved in CXL windows: 0 of 1 ranges inside committed regions, dax_hmem owns them all'
# Counted once each: the general expressions that other profiles check
# to be absent (a reworded message fails both)
t_logcount "one decision was taken" 1 'Soft Reserved in CXL windows: '
t_logcount "one deferral, saying what it waits for" 1 'deciding their owner once CXL devices have probed'
t_logcount "one per-range decision line" 1 'Soft Reserved \[mem [^]]*\] in CXL window'
t_logcount "the range is named in that line only" 1 "Soft Reserved $(memrange "$SR_START" "$SR_END")"
t_dmesg "QEMU's CXL host bridge is found" 'host supports CXL'

# --- /proc/iomem: firmware's entry, in the window, dax_hmem below it
t_none "the declared Soft Reserved range has its entry in /proc/iomem" sr_missing
t_control sr_missing 0x1000-0x1fff
t_eq "one Soft Reserved entry in /proc/iomem" 1 "$(grep -c ': Soft Reserved$' /proc/iomem)"
t_is "/proc/iomem: CXL Window 0 > Soft Reserved > dax" \
	"CXL Window 0 > Soft Reserved > dax" iomem_chain_nokmem "$SR_START"
t_is "owner state (sysfs + /proc/iomem)" hmem owner_state "$SR_START" "$SR_END"

# --- window 0 is all Soft Reserved, window 1 is free: RAM regions made
# with "cxl create-region -t ram", as an operator would.
create() { cxl create-region -d "$1" -m mem0 -w 1 -t ram -s 256M 2>&1; }
t_mark
out=$(create decoder0.0)
t_diag "cxl create-region in window 0: $out"
t_none "no region over the Soft Reserved range" region_names
t_check "cxl create-region fails with ERANGE, as in 6.12" \
	sh -c "echo '$out' | grep -q 'set_size failed: Numerical result out of range'"
t_dmesg "the kernel names the Soft Reserved range in the way" \
	"HPA allocation of 0x0*10000000 in CXL Window 0 $(memrange "$W0_START" "$W0_END") refused: no room outside Soft Reserved $(memrange "$SR_START" "$SR_END")"
t_logcount "one line for the refused request" 1 'refused: no room outside'
t_none "the refusal is not logged as an error" klog_err 'refused: no room outside'
echo "<3>cxlsr: an error line, klog_err's control" >/dev/kmsg
t_control klog_err "klog_err's control"
out=$(create decoder0.1)
t_check "cxl create-region in window 1 succeeds" sh -c "echo '$out' | grep -q 'created 1 region'"
t_some "cxl list shows the new region" region_names
r=$(region_names | head -n 1)
t_is "the region lies at the start of window 1" "$W1_START" region_start "$r"
settle
wait_dax_of "$r"
dev=$(dax_devices | awk -v r="$r" '$4 == "cxl" && $5 == r {print $1}')
t_check "dax_cxl gives it a dax device at once" test -n "$dev"
t_is "dax_hmem still owns window 0" hmem owner_state "$SR_START" "$SR_END"
# daxctl on dax_cxl's device: online it as System RAM, then back to devdax
t_check "daxctl reconfigure-device -m system-ram $dev" daxctl reconfigure-device -m system-ram "$dev"
t_eq "kmem drives it" kmem "$(basename "$(readlink "/sys/bus/dax/devices/$dev/driver")")"
t_some "its memory blocks are online" onlined_in "$W1_START" "$W1_END"
t_is "/proc/iomem: CXL Window 1 > region > dax > System RAM (kmem)" \
	"CXL Window 1 > $r > dax > System RAM (kmem)" iomem_chain "$W1_START"
t_map window-1-region-online
t_check "daxctl reconfigure-device -m devdax -f $dev" daxctl reconfigure-device -m devdax -f "$dev"
t_eq "device_dax drives it" device_dax "$(basename "$(readlink "/sys/bus/dax/devices/$dev/driver")")"
t_none "no block of it is online" onlined_in "$W1_START" "$W1_END"
t_setup "cxl destroy-region" cxl destroy-region -f "$r"

# --- unbound: dax_hmem lets go, the range is Soft Reserved as in 6.12
t_setup "unbind hmem_platform.0" sh -c 'echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/unbind'
t_eq "unbound: the Soft Reserved entry stays" 1 "$(grep -c ': Soft Reserved$' /proc/iomem)"
t_is "unbound: /proc/iomem at the range: window and Soft Reserved" "CXL Window 0 > Soft Reserved" iomem_chain "$SR_START"
t_is "unbound: the range is released" none owner_state "$SR_START" "$SR_END"
t_mark
out=$(create decoder0.0)
t_diag "cxl create-region in window 0, dax_hmem unbound: $out"
t_none "unbound: still no region over the unowned Soft Reserved range" region_names
t_dmesg "unbound: the same line names it" "refused: no room outside Soft Reserved $(memrange "$SR_START" "$SR_END")"

# --- bound again: the boot's decision is replayed, not taken again
t_mark
t_setup "bind hmem_platform.0" sh -c 'echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/bind'
settle
wait_state "$SR_START" "$SR_END" hmem
t_dmesg "bound again: the boot's decision is replayed" \
	"Soft Reserved $(memrange "$SR_START" "$SR_END"): dax_hmem's since this boot's decision, registered again \\(1 part\\(s\\)\\)"
t_absent "bound again: no decision taken again" \
	'Soft Reserved in CXL windows: 0 of 1 ranges inside committed regions, dax_hmem owns them all'
t_is "bound again: dax_hmem owns the range" hmem owner_state "$SR_START" "$SR_END"

# --- real module reloads, each replaying the boot's decision
t_setup "modprobe dax_cxl" modprobe dax_cxl
for m in cxl_acpi cxl_pci cxl_mem dax_cxl dax_hmem; do
	t_setup "rmmod $m" rmmod $m
	settle
	want=hmem
	[ $m = dax_hmem ] && want=none
	t_is "after rmmod $m: owner" $want owner_state "$SR_START" "$SR_END"
	t_setup "modprobe $m" modprobe $m
	settle
	wait_state "$SR_START" "$SR_END" hmem
	t_is "after modprobe $m: dax_hmem owns the range" hmem owner_state "$SR_START" "$SR_END"
done
t_is "/proc/iomem after the reloads" "CXL Window 0 > Soft Reserved > dax" iomem_chain_nokmem "$SR_START"
t_none "after the reloads: the Soft Reserved entry is still in /proc/iomem" sr_missing

# --- the administrator gives window 0 to CXL and back ("Giving Soft
# Reserved memory back to CXL" in driver-api/cxl): a region over the range,
# dax_cxl's, online; back to dax_hmem only while the region decodes it.
h=$(hmem_of "$SR_START")
t_diag "the range's device: $h"
# its memory out of the way first: kmem added it (offline)
for d in $(dax_devices | awk -v p="$h" '$5 == p { print $1 }'); do
	daxctl reconfigure-device -m devdax -f "$d" >/dev/null 2>&1
done
t_mark
t_setup "echo cxl > $h/owner" sh -c "echo cxl >/sys/bus/platform/devices/$h/owner"
t_dmesg "hand-over: the log says the range went to CXL" \
	"platform $h: Soft Reserved $(memrange "$SR_START" "$SR_END"): handed from dax_hmem to CXL"
t_is "hand-over: nobody owns the range" none owner_state "$SR_START" "$SR_END"
t_none "hand-over: the Soft Reserved entry stays" sr_missing
out=$(create decoder0.0)
t_diag "cxl create-region in window 0, handed over: $out"
r=$(region_names | head -n 1)
t_is "hand-over: the region covers the range" "$W0_START" region_start "$r"
settle
wait_dax_of "$r"
t_is "hand-over: dax_cxl owns the range" cxl owner_state "$SR_START" "$SR_END"
t_is "hand-over: /proc/iomem: CXL Window 0 > region > Soft Reserved > dax" \
	"CXL Window 0 > $r > Soft Reserved > dax" iomem_chain_nokmem "$SR_START"
dev=$(dax_devices | awk -v r="$r" '$4 == "cxl" && $5 == r {print $1}')
t_check "hand-over: its memory goes online (daxctl -m system-ram)" daxctl reconfigure-device -m system-ram "$dev"
t_some "hand-over: memory blocks of the range are online" onlined_in "$SR_START" "$SR_END"
t_map window-0-handed-to-cxl
t_check "hand-back: refused (EBUSY) while the memory is System RAM" \
	sh -c "! echo dax_hmem 2>/tmp/w_err >/sys/bus/platform/devices/$h/owner && grep -qi busy /tmp/w_err"
t_setup "offline, cxl disable-region $r" sh -c "daxctl reconfigure-device -m devdax -f $dev && cxl disable-region $r"
t_mark
t_setup "echo dax_hmem > $h/owner" sh -c "echo dax_hmem >/sys/bus/platform/devices/$h/owner"
settle
wait_state "$SR_START" "$SR_END" hmem
t_is "hand-back: dax_hmem's dax device spans the range again" "$SR_START $SR_END hmem" dax_spans
t_check "hand-back: the region cannot be destroyed" sh -c "! cxl destroy-region -f $r"
t_map window-0-handed-back
for d in $(dax_devices | awk '$4 == "hmem" { print $1 }'); do
	daxctl reconfigure-device -m devdax -f "$d" >/dev/null 2>&1
done
t_setup "to CXL again, destroy the region" \
	sh -c "echo cxl >/sys/bus/platform/devices/$h/owner && cxl destroy-region -f $r"
t_check "destroyed: hand-back refused (ENXIO)" \
	sh -c "! echo dax_hmem 2>/tmp/w_err >/sys/bus/platform/devices/$h/owner && grep -qi 'no such device' /tmp/w_err"
t_setup "rmmod cxl_acpi" rmmod cxl_acpi
t_none "cxl_acpi unloaded: the Soft Reserved entry stays" sr_missing
t_is "cxl_acpi unloaded: nobody owns the range" none owner_state "$SR_START" "$SR_END"
t_setup "modprobe cxl_acpi" modprobe cxl_acpi
