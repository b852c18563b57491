# shellcheck shell=sh
# cxl-hmat-sr: cxl-hmat (HMAT, SRAT describes CXL Window 0 as hot-pluggable
# PXM 2) with Soft Reserved over only the first 128 MiB of window 0. hmat.c
# registers the whole window with dax_hmem; the decision must be about the
# Soft Reserved range alone, and dax_hmem must own exactly that range.
t_plan 16
. /tests/own.sh
t_map after-boot

# The machine the profile builds (not the kernel under test)
t_setup "the initrd SRAT upgrade took effect" log_has 'ACPI: Table Upgrade: override \[SRAT-'
t_setup "SRAT describes CXL Window 0 as hot-pluggable PXM 2" \
	log_has "SRAT: Node [0-9]+ PXM 2 $(memrange "$W0_START" "$W0_END") hotplug"
t_setup "HMAT is present" test -e /sys/firmware/acpi/tables/HMAT
t_is "CXL Window 0 is where SRAT says, window 1 where the profile says" \
	"$W0_START $W0_END CXL Window 0 $W1_START $W1_END CXL Window 1" cxl_windows
t_is "the boot memory map has the profile's Soft Reserved range" "$SR_START $SR_END" e820_sr
t_is "the Soft Reserved range lies in CXL Window 0" "CXL Window 0" window_of "$SR_START" "$SR_END"
t_none "no region was committed by firmware" region_names
t_none "no memory in the window was onlined" onlined_in "$W0_START" "$W0_END"

wait_state "$SR_START" "$SR_END" hmem
t_diag "$(dmesg | grep -E 'hmem|Soft Reserved' | head -n 10)"
t_dmesg "the deferral counts one range" \
	'hmem_platform hmem_platform.0: 1 Soft Reserved range\(s\) in CXL windows: deciding'
t_logcount "exactly one per-range decision line" 1 'Soft Reserved \[mem [^]]*\] in CXL window'
t_dmesg "it names exactly the Soft Reserved range" \
	"Soft Reserved $(memrange "$SR_START" "$SR_END") in CXL window $(memrange "$W0_START" "$W0_END"): owner dax_hmem, $(memrange "$SR_START" "$SR_END") not covered by a committed RAM region"
t_absent "it never names the whole window as Soft Reserved" "Soft Reserved $(memrange "$W0_START" "$W0_END")"
t_dmesg "the summary says dax_hmem owns them all" \
	'Soft Reserved in CXL windows: 0 of 1 ranges inside committed regions, dax_hmem owns them all'
t_logcount "one decision was taken" 1 'Soft Reserved in CXL windows: '
t_is "one dax device, dax_hmem's, spanning exactly the Soft Reserved range" "$SR_START $SR_END hmem" dax_spans
t_is "owner state (sysfs + /proc/iomem)" hmem owner_state "$SR_START" "$SR_END"
t_none "the rest of the window is nobody's" owners_of "$((SR_END + 1))" "$W0_END"
t_is "one Soft Reserved entry in /proc/iomem, exactly the range" \
	"$(printf '%x-%x : Soft Reserved' "$SR_START" "$SR_END")" iomem_entries 'Soft Reserved'
t_diag "$(grep -A 4 ': CXL Window 0$' /proc/iomem)"
t_is "/proc/iomem: CXL Window 0 > Soft Reserved > dax" "CXL Window 0 > Soft Reserved > dax" iomem_chain_nokmem "$SR_START"
