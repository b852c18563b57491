# cxl-hmat: HMAT present, the SRAT (upgraded through the initrd) describes
# CXL Window 0 as hot-pluggable PXM 2, and nothing is Soft Reserved. hmat.c
# registers the window with dax_hmem; that must not be taken for Soft
# Reserved memory: no decision, no hmem device, dax_cxl never waits.
t_plan 21
. /tests/own.sh
t_map after-boot

t_dmesg "the initrd SRAT upgrade took effect" 'ACPI: Table Upgrade: override \[SRAT-'
t_dmesg "SRAT describes CXL Window 0 as hot-pluggable PXM 2" \
	"SRAT: Node [0-9]+ PXM 2 $(memrange $W0_START $W0_END) hotplug"
t_check "HMAT is present" test -e /sys/firmware/acpi/tables/HMAT
t_diag "$(dmesg | grep -i 'srat\|hmat\|Table Upgrade' | head -n 20)"
t_eq "CXL Window 0 is where SRAT says" "$W0_START $W0_END CXL Window 0" "$(cxl_windows | head -n 1)"
t_eq "nothing is Soft Reserved in the boot memory map" "" "$(sr_ranges)"
t_eq "no Soft Reserved entry in /proc/iomem" 0 "$(grep -c 'Soft Reserved' /proc/iomem)"
t_absent "no deferral is logged" 'deciding their owner once CXL devices have probed'
t_absent "no per-range decision is logged" 'Soft Reserved \[mem [^]]*\] in CXL window'
t_absent "no summary is logged" 'Soft Reserved in CXL windows: '
t_diag "$(dmesg | grep -E 'hmem|Soft Reserved' | head -n 10)"
t_check "HMAT's targets that are not Soft Reserved are not tracked: no hmem_platform device" \
	sh -c '! ls -d /sys/bus/platform/devices/hmem_platform.* 2>/dev/null'
t_check "dax_hmem was not loaded for them" sh -c '! grep -q "^dax_hmem " /proc/modules'
t_eq "no dax device at boot" "" "$(dax_devices)"
t_eq "no region was committed by firmware" 0 "$(regions | jq 'length')"

# A RAM region over all of window 0 (mem0's 256 MiB volatile capacity):
# dax_cxl must create its dax device at once.
w0_ram_region
t_eq "dax_cxl owns it: one dax device under the region" "$W0_START $W0_END cxl $r" \
	"$(dax_devices | awk '{print $2, $3, $4, $5}')"
t_check "the dax device sits under $r's dax_region" \
	sh -c "readlink -f /sys/bus/dax/devices/dax* | grep -q '/$r/dax_region[0-9]*/dax[0-9.]*\$'"
t_eq "owner of the window (sysfs), no Soft Reserved entry anywhere" "cxl 0" \
	"$(owners_of $W0_START $W0_END) $(grep -c ": Soft Reserved$" /proc/iomem)"
t_absent "dax_cxl did not wait for dax_hmem" 'waiting for dax_hmem to decide'
t_eq "still no hmem dax device" "" "$(dax_devices | awk '$4 == "hmem"')"
t_setup "remove the region" rmregion "$r"
t_eq "no region is left" 0 "$(regions | jq 'length')"
t_eq "no dax device is left" "" "$(dax_devices)"
