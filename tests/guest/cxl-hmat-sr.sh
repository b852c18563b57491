# cxl-hmat-sr: cxl-hmat (HMAT, SRAT describes CXL Window 0 as hot-pluggable
# PXM 2) with Soft Reserved over only the first 128 MiB of window 0. hmat.c
# registers the whole window with dax_hmem; the decision must be about the
# Soft Reserved range alone, and dax_hmem must own exactly that range.
t_plan 22
. /tests/own.sh
t_map after-boot

t_dmesg "the initrd SRAT upgrade took effect" 'ACPI: Table Upgrade: override \[SRAT-'
t_dmesg "SRAT describes CXL Window 0 as hot-pluggable PXM 2" \
	"SRAT: Node [0-9]+ PXM 2 $(memrange $W0_START $W0_END) hotplug"
t_check "HMAT is present" test -e /sys/firmware/acpi/tables/HMAT
t_eq "CXL Window 0 is where SRAT says" "$W0_START $W0_END CXL Window 0" "$(cxl_windows | head -n 1)"
t_eq "boot memory map has the Soft Reserved range" "$SR_START $SR_END" \
	"$(sr_ranges | tr '\n' ' ' | sed 's/ $//')"
t_eq "the Soft Reserved range lies in CXL Window 0" "CXL Window 0" "$(window_of $SR_START $SR_END)"
t_eq "no region was committed by firmware" 0 "$(regions | jq 'length')"
t_eq "no memory in the window was onlined" "" "$(onlined_in $W0_START $W0_END)"

wait_state $SR_START $SR_END hmem
t_diag "$(dmesg | grep -E 'hmem|Soft Reserved' | head -n 10)"
t_dmesg "the deferral counts one range" \
	'hmem_platform hmem_platform.0: 1 Soft Reserved range\(s\) in CXL windows: deciding'
t_eq "exactly one per-range decision line" 1 "$(klog_count 'Soft Reserved \[mem [^]]*\] in CXL window')"
t_dmesg "it names exactly the Soft Reserved range" \
	"Soft Reserved $(memrange $SR_START $SR_END) in CXL window $(memrange $W0_START $W0_END): owner dax_hmem, $(memrange $SR_START $SR_END) not covered by a committed RAM region"
t_absent "it never names the whole window as Soft Reserved" "Soft Reserved $(memrange $W0_START $W0_END)"
t_dmesg "the summary says dax_hmem owns them all" \
	'Soft Reserved in CXL windows: 0 of 1 ranges inside committed regions, dax_hmem owns them all'
t_eq "one decision was taken" 1 "$(klog_count 'Soft Reserved in CXL windows: ')"
t_eq "exactly one dax device" 1 "$(dax_devices | wc -l)"
t_eq "it is dax_hmem's and spans exactly the Soft Reserved range" "$SR_START $SR_END hmem" \
	"$(dax_devices | awk '{print $2, $3, $4}')"
t_eq "owner state (sysfs + /proc/iomem)" hmem "$(owner_state $SR_START $SR_END)"
t_eq "the rest of the window is nobody's" "" "$(owners_of $((SR_END + 1)) $W0_END)"
t_eq "one Soft Reserved entry in /proc/iomem" 1 "$(grep -c ': Soft Reserved$' /proc/iomem)"
t_eq "every Soft Reserved range of the memory map is in /proc/iomem" "" "$(sr_missing)"
t_check "it spans exactly the Soft Reserved range" \
	sh -c ". /tests/own.sh; iomem_has $SR_START $SR_END 'Soft Reserved'"
t_diag "$(grep -A 4 ': CXL Window 0$' /proc/iomem)"
t_check "/proc/iomem: CXL Window 0 > Soft Reserved > dax" \
	sh -c ". /tests/own.sh; iomem_chain $SR_START | grep -q '^CXL Window 0 > Soft Reserved > dax'"
t_diag "iomem at $SR_START: $(iomem_chain $SR_START)"
