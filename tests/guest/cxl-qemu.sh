# cxl-qemu: QEMU's CXL device, Soft Reserved over CXL Window 0, window 1
# free, no committed region.
t_plan 61
. /tests/own.sh
t_map after-boot

t_eq "boot memory map has the Soft Reserved range" "$SR_START $SR_END" \
	"$(sr_ranges | tr '\n' ' ' | sed 's/ $//')"
t_check "CXL Window 0 is in /proc/iomem" grep -q 'CXL Window 0' /proc/iomem
t_eq "the Soft Reserved range lies in CXL Window 0" "CXL Window 0" "$(window_of $SR_START $SR_END)"
t_eq "cxl list shows memdev mem0" mem0 "$(cxl list -M | jq -r '.[0].memdev')"
t_check "a root decoder exists" sh -c 'cxl list -D -d root | jq -e "length > 0"'
t_check "mem0's endpoint port has decoders" sh -c 'ls -d /sys/bus/cxl/devices/endpoint*/decoder*.0'
t_eq "no region was committed by firmware" 0 "$(cxl list -R | jq 'length')"
t_check "cxl_acpi, cxl_pci and cxl_mem are loaded" sh -c 'lsmod | grep -q "^cxl_acpi" && lsmod | grep -q "^cxl_pci" && lsmod | grep -q "^cxl_mem"'
t_eq "no memory in the window was onlined" "" "$(onlined_in $SR_START $SR_END)"
t_eq "dax_hmem owns the Soft Reserved range after the deferred decision" hmem \
	"$(owners_of $SR_START $SR_END)"
t_eq "exactly one dax device" 1 "$(dax_devices | wc -l)"
t_eq "the dax device spans the Soft Reserved range" "$SR_START $SR_END" \
	"$(dax_devices | awk '{print $2, $3}')"
t_check "the dax device sits under /sys/devices/platform/hmem.N, as in 6.12" \
	sh -c 'readlink -f /sys/bus/dax/devices/dax* | grep -q "^/sys/devices/platform/hmem\.[0-9]*/dax[0-9.]*$"'
t_dmesg "the deferral is logged" \
	'hmem_platform hmem_platform.0: 1 Soft Reserved range\(s\) in CXL windows: deciding'
t_dmesg "the per-range decision is logged with its reason" \
	"Soft Reserved $(memrange $SR_START $SR_END) in CXL window $(memrange $W0_START $W0_END): owner dax_hmem, $(memrange $SR_START $SR_END) not covered by a committed RAM region"
t_dmesg "the summary names dax_hmem" \
	'Soft Reserved in CXL windows: 0 of 1 ranges inside committed regions, dax_hmem owns them all'
t_eq "one decision was taken" 1 "$(klog_count 'Soft Reserved in CXL windows: ')"
# The messages other profiles check to be absent, present here where they
# must be (the same expressions: a reworded message fails both)
t_dmesg "QEMU's CXL host bridge is found" 'host supports CXL'
t_dmesg "the deferral says what it waits for" 'deciding their owner once CXL devices have probed'
t_dmesg "a per-range decision is logged" 'Soft Reserved \[mem [^]]*\] in CXL window'
t_dmesg "a summary is logged" 'Soft Reserved in CXL windows: '
t_dmesg "the range is named as Soft Reserved" "Soft Reserved $(memrange $SR_START $SR_END)"

# --- /proc/iomem: firmware's entry, in the window, dax_hmem below it
t_eq "every Soft Reserved range of the memory map is in /proc/iomem" "" "$(sr_missing)"
t_eq "one Soft Reserved entry in /proc/iomem" 1 "$(grep -c ': Soft Reserved$' /proc/iomem)"
t_check "/proc/iomem: CXL Window 0 > Soft Reserved > dax" \
	sh -c ". /tests/own.sh; iomem_chain $SR_START | grep -q '^CXL Window 0 > Soft Reserved > dax'"
t_diag "iomem at $SR_START: $(iomem_chain $SR_START)"
t_eq "owner state (sysfs + /proc/iomem)" hmem "$(owner_state $SR_START $SR_END)"

# --- window 0 is all Soft Reserved, window 1 is free: RAM regions made
# with "cxl create-region -t ram", as an operator would.
create() { cxl create-region -d "$1" -m mem0 -w 1 -t ram -s 256M 2>&1; }
t_mark
out=$(create decoder0.0)
t_diag "cxl create-region in window 0: $out"
t_eq "no region over the Soft Reserved range" 0 "$(regions | jq 'length')"
t_check "cxl create-region fails with ERANGE, as in 6.12" \
	sh -c "echo '$out' | grep -q 'set_size failed: Numerical result out of range'"
t_dmesg "the kernel names the Soft Reserved range in the way" \
	"HPA allocation of 0x0*10000000 in CXL Window 0 $(memrange $W0_START $W0_END) refused: no room outside Soft Reserved $(memrange $SR_START $SR_END)"
t_eq "one line for the refused request" 1 "$(klog_count 'refused: no room outside')"
# (its twin: the line above counts the same message at any level)
t_eq "the refusals are not logged as errors" 0 "$(klog -r | grep -Ec '^<[0-3]>.*refused: no room outside')"
w1=$(cxl list -D -d decoder0.1 | jq -s -r 'flatten | .[0].resource')
out=$(create decoder0.1)
t_check "cxl create-region in window 1 succeeds" sh -c "echo '$out' | grep -q 'created 1 region'"
r=$(regions | jq -r '.[0].region')
t_eq "the region lies in window 1" "$w1" "$(regions | jq -r '.[0].resource')"
settle
wait_dax_of "$r"
dev=$(dax_devices | awk -v r="$r" '$4 == "cxl" && $5 == r {print $1}')
t_check "dax_cxl gives it a dax device at once" test -n "$dev"
t_eq "dax_hmem still owns window 0" hmem "$(owner_state $SR_START $SR_END)"
# daxctl on dax_cxl's device: online it as System RAM, then back to devdax
W1_START=$(printf '0x%x' "$w1") W1_END=$(printf '0x%x' $((w1 + 0x10000000 - 1)))
t_check "daxctl reconfigure-device -m system-ram $dev" daxctl reconfigure-device -m system-ram "$dev"
t_eq "kmem drives it" kmem "$(basename "$(readlink /sys/bus/dax/devices/$dev/driver)")"
t_check "its memory blocks are online" test -n "$(onlined_in $W1_START $W1_END)"
t_eq "/proc/iomem: CXL Window 1 > region > dax > System RAM (kmem)" \
	"CXL Window 1 > $r > dax > System RAM (kmem)" "$(iomem_chain $W1_START)"
t_map window-1-region-online
t_check "daxctl reconfigure-device -m devdax -f $dev" daxctl reconfigure-device -m devdax -f "$dev"
t_eq "device_dax drives it" device_dax "$(basename "$(readlink /sys/bus/dax/devices/$dev/driver)")"
t_eq "no block of it is online" "" "$(onlined_in $W1_START $W1_END)"
t_setup "cxl destroy-region" cxl destroy-region -f "$r"

# --- unbound: dax_hmem lets go, the range is Soft Reserved as in 6.12
t_setup "unbind hmem_platform.0" sh -c 'echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/unbind'
t_eq "the Soft Reserved entry stays" 1 "$(grep -c ': Soft Reserved$' /proc/iomem)"
t_eq "/proc/iomem at the range: window and Soft Reserved" "CXL Window 0 > Soft Reserved" "$(iomem_chain $SR_START)"
t_eq "the range is released" none "$(owner_state $SR_START $SR_END)"
t_mark
out=$(create decoder0.0)
t_diag "cxl create-region in window 0, dax_hmem unbound: $out"
t_eq "still no region over the unowned Soft Reserved range" 0 "$(regions | jq 'length')"
t_dmesg "the same line names it" "refused: no room outside Soft Reserved $(memrange $SR_START $SR_END)"

# --- and back to a fresh boot's answer
t_mark
t_setup "bind hmem_platform.0" sh -c 'echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/bind'
settle
wait_state $SR_START $SR_END hmem
t_dmesg "the decision is taken again" 'dax_hmem owns them all'
t_eq "dax_hmem owns the range again" hmem "$(owner_state $SR_START $SR_END)"

# --- real module reloads, each back to a fresh boot's answer
modprobe dax_cxl
for m in cxl_acpi cxl_pci cxl_mem dax_cxl dax_hmem; do
	t_setup "rmmod $m" rmmod $m
	settle
	st=$(owner_state $SR_START $SR_END)
	want=hmem
	[ $m = dax_hmem ] && want=none
	t_eq "after rmmod $m: owner" $want "$st"
	t_setup "modprobe $m" modprobe $m
	settle
	wait_state $SR_START $SR_END hmem
	t_eq "after modprobe $m: dax_hmem owns the range" hmem "$(owner_state $SR_START $SR_END)"
done
t_eq "/proc/iomem after the reloads" "CXL Window 0 > Soft Reserved > dax" \
	"$(iomem_chain $SR_START | sed 's/ > System RAM (kmem)$//')"
t_eq "every Soft Reserved range is still in /proc/iomem" "" "$(sr_missing)"
