# shellcheck shell=sh
# cxl-hmat: HMAT present, the SRAT (upgraded through the initrd) describes
# CXL Window 0 as hot-pluggable PXM 2, and nothing is Soft Reserved. hmat.c
# registers the window with dax_hmem; that must not be taken for Soft
# Reserved memory: no decision, no hmem device, dax_cxl never waits.
t_plan 16
. /tests/own.sh
t_map after-boot

# The machine the profile builds (not the kernel under test)
t_setup "the initrd SRAT upgrade took effect" log_has 'ACPI: Table Upgrade: override \[SRAT-'
t_setup "SRAT describes CXL Window 0 as hot-pluggable PXM 2" \
	log_has "SRAT: Node [0-9]+ PXM 2 $(memrange "$W0_START" "$W0_END") hotplug"
t_setup "HMAT is present" test -e /sys/firmware/acpi/tables/HMAT
t_diag "$(dmesg | grep -i 'srat\|hmat\|Table Upgrade' | head -n 20)"
t_is "CXL Window 0 is where SRAT says, window 1 where the profile says" \
	"$W0_START $W0_END CXL Window 0 $W1_START $W1_END CXL Window 1" cxl_windows
t_none "nothing is Soft Reserved in the boot memory map" e820_sr
t_none "no Soft Reserved entry in /proc/iomem" iomem_entries 'Soft Reserved'
t_absent "no deferral is logged" 'deciding their owner once CXL devices have probed'
t_absent "no per-range decision is logged" 'Soft Reserved \[mem [^]]*\] in CXL window'
t_absent "no summary is logged" 'Soft Reserved in CXL windows: '
t_diag "$(dmesg | grep -E 'hmem|Soft Reserved' | head -n 10)"
t_none "HMAT's targets that are not Soft Reserved are not tracked: no hmem_platform device" hmem_platforms
t_none "dax_hmem was not loaded for them" modules_matching "dax_hmem "
t_none "no dax device at boot" dax_spans
t_none "no region was committed by firmware" region_names

# A RAM region over all of window 0 (mem0's 256 MiB volatile capacity):
# dax_cxl must create its dax device at once.
r=''
w0_ram_region
t_is "dax_cxl owns it: one dax device over the window" "$W0_START $W0_END cxl" dax_spans
t_check "the dax device sits under $r's dax_region" \
	sh -c "readlink -f /sys/bus/dax/devices/dax* | grep -q '/$r/dax_region[0-9]*/dax[0-9.]*\$'"
t_absent "dax_cxl did not wait for dax_hmem" 'waiting for dax_hmem to decide'
t_setup "remove the region" rmregion "$r"
t_none "no region is left" region_names
t_none "no dax device is left" dax_spans
