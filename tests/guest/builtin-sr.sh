# shellcheck shell=sh
# builtin-sr: a kernel with CXL and DAX built in (make check: the built-in
# kernel, lockdep, kmemleak, DEBUG_OBJECTS; make check-full: the debug
# kernel, also KASAN and no module support) on cxl-qemu's layout: Soft Reserved over CXL
# Window 0, window 1 free, no committed region. Built in, drivers/dax
# initialises before drivers/cxl: the decision must still see the window
# and wait for the CXL devices.
t_plan 33
. /tests/own.sh
t_map after-boot

t_setup "every driver of the decision is built in" builtin_drivers
t_none "no CXL or DAX module is loaded" modules_matching 'cxl|dax'
t_is "the boot memory map has the profile's Soft Reserved range" "$SR_START $SR_END" e820_sr
t_is "the Soft Reserved range lies in CXL Window 0" "CXL Window 0" window_of "$SR_START" "$SR_END"
# A decision taken before cxl_acpi published the window would have found
# the range outside every window and registered it without a word.
t_dmesg "the deferral is logged" \
	'hmem_platform hmem_platform.0: 1 Soft Reserved range\(s\) in CXL windows: deciding'
t_dmesg "the decision saw CXL Window 0 (it waited for cxl_acpi)" \
	"Soft Reserved $(memrange "$SR_START" "$SR_END") in CXL window $(memrange "$W0_START" "$W0_END"): owner dax_hmem, $(memrange "$SR_START" "$SR_END") not covered by a committed RAM region"
t_dmesg "the summary names dax_hmem" \
	'Soft Reserved in CXL windows: 0 of 1 ranges inside committed regions, dax_hmem owns them all'
t_logcount "one decision was taken" 1 'Soft Reserved in CXL windows: '
# initcall_debug (the profile's debug command line) logs every initcall
# and every probe: the order in the log is the order things happened.
first() { dmesg | grep -n -E -- "$1" | head -n 1 | cut -d: -f1; }
before() { [ -n "$(first "$1")" ] && [ -n "$(first "$2")" ] && [ "$(first "$1")" -lt "$(first "$2")" ]; }
t_check "link order: dax_hmem initialises before cxl_pci" \
	before 'calling +dax_hmem_init' 'calling +cxl_pci_driver_init'
for dev in ACPI0017:00 mem0 endpoint[0-9]+; do
	t_check "the decision came after the probe of $dev" \
		before "probe of $dev returned 0" 'Soft Reserved in CXL windows: '
done
t_is "owner state (sysfs + /proc/iomem)" hmem owner_state "$SR_START" "$SR_END"
# Built in, cxl_acpi publishes its windows at subsys_initcall_sync, after
# arch/x86/pci (linked after drivers/) had e820 insert the Soft Reserved
# entries: the same nesting as with modules (at subsys_initcall the
# windows came first and Soft Reserved grew around them).
t_is "/proc/iomem: CXL Window 0 > Soft Reserved > dax, as with modules" \
	"CXL Window 0 > Soft Reserved > dax" iomem_chain_nokmem "$SR_START"
t_none "the Soft Reserved range has its entry in /proc/iomem" sr_missing

# A region in the free window: dax_cxl takes it at once.
t_mark
out=$(cxl create-region -d decoder0.0 -m mem0 -w 1 -t ram -s 256M 2>&1)
t_diag "cxl create-region in window 0: $out"
t_none "no region over dax_hmem's range" region_names
t_dmesg "the kernel names the Soft Reserved range in the way" \
	"refused: no room outside Soft Reserved $(memrange "$SR_START" "$SR_END")"
out=$(cxl create-region -d decoder0.1 -m mem0 -w 1 -t ram -s 256M 2>&1)
t_check "cxl create-region in window 1 succeeds" sh -c "echo '$out' | grep -q 'created 1 region'"
r=$(region_names | head -n 1)
settle
wait_dax_of "$r"
dev=$(dax_devices | awk -v r="$r" '$4 == "cxl" && $5 == r {print $1}')
t_check "dax_cxl gives it a dax device" test -n "$dev"
t_check "daxctl reconfigure-device -m system-ram $dev" daxctl reconfigure-device -m system-ram "$dev"
t_check "daxctl reconfigure-device -m devdax -f $dev" daxctl reconfigure-device -m devdax -f "$dev"
t_setup "cxl destroy-region" cxl destroy-region -f "$r"
t_is "dax_hmem still owns window 0" hmem owner_state "$SR_START" "$SR_END"

# Unbind and bind the drivers that cannot be unloaded here.
t_setup "unbind hmem_platform.0" sh -c 'echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/unbind'
t_is "unbound: the range is released" none owner_state "$SR_START" "$SR_END"
t_mark
t_setup "bind hmem_platform.0" sh -c 'echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/bind'
settle
wait_state "$SR_START" "$SR_END" hmem
t_dmesg "bound again: the boot's decision is replayed" \
	"Soft Reserved $(memrange "$SR_START" "$SR_END"): dax_hmem's since this boot's decision, registered again \\(1 part\\(s\\)\\)"
t_absent "bound again: no decision taken again" \
	'Soft Reserved in CXL windows: 0 of 1 ranges inside committed regions, dax_hmem owns them all'
t_is "bound again: dax_hmem owns the range" hmem owner_state "$SR_START" "$SR_END"
t_setup "unbind cxl_acpi" sh -c 'echo ACPI0017:00 >/sys/bus/platform/drivers/cxl_acpi/unbind'
t_none "cxl_acpi unbound: no CXL window" cxl_windows
t_is "cxl_acpi unbound: dax_hmem keeps the range" hmem owner_state "$SR_START" "$SR_END"
t_setup "bind cxl_acpi" sh -c 'echo ACPI0017:00 >/sys/bus/platform/drivers/cxl_acpi/bind'
settle
t_is "cxl_acpi bound again: CXL Window 0 is back" "CXL Window 0" window_of "$SR_START" "$SR_END"
t_is "cxl_acpi bound again: dax_hmem keeps the range" hmem owner_state "$SR_START" "$SR_END"
t_map after-rebinds

# The hand-over to CXL and back under lockdep and kmemleak (KASAN too in
# the debug kernel): a
# region over the range, disabled, then the range back to dax_hmem.
h=$(hmem_of "$SR_START")
# its memory out of the way first: kmem added it (offline)
for d in $(dax_devices | awk -v p="$h" '$5 == p { print $1 }'); do
	daxctl reconfigure-device -m devdax -f "$d" >/dev/null 2>&1
done
t_setup "echo cxl > $h/owner" sh -c "echo cxl >/sys/bus/platform/devices/$h/owner"
t_is "handed to CXL: nobody owns the range" none owner_state "$SR_START" "$SR_END"
r=$(cxl create-region -d decoder0.0 -m mem0 -w 1 -t ram -s 256M 2>/dev/null | jq -r '.region')
t_is "handed to CXL: a region covers the range" "$SR_START" region_start "$r"
settle
wait_dax_of "$r"
t_is "handed to CXL: dax_cxl owns it" cxl owner_state "$SR_START" "$SR_END"
t_setup "cxl disable-region $r; echo dax_hmem > $h/owner" \
	sh -c "cxl disable-region $r && echo dax_hmem >/sys/bus/platform/devices/$h/owner"
settle
wait_state "$SR_START" "$SR_END" hmem
t_is "handed back: dax_hmem owns the range" hmem owner_state "$SR_START" "$SR_END"
t_map after-hand-over-and-back
