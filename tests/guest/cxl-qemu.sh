# cxl-qemu: QEMU's CXL device, Soft Reserved over the start of the window,
# no committed region.
. /tests/own.sh
SR_START=0x110000000 SR_END=0x11fffffff

t_eq "boot memory map has the Soft Reserved range" "$SR_START $SR_END" \
	"$(sr_ranges | tr '\n' ' ' | sed 's/ $//')"
t_check "CXL Window 0 is in /proc/iomem" grep -q 'CXL Window 0' /proc/iomem
t_eq "the Soft Reserved range lies in CXL Window 0" "CXL Window 0" "$(window_of $SR_START $SR_END)"
t_eq "cxl list shows memdev mem0" mem0 "$(cxl list -M | jq -r '.[0].memdev')"
t_check "a root decoder exists" sh -c 'cxl list -D -d root | jq -e "length > 0"'
t_check "mem0's endpoint port has decoders" sh -c 'ls -d /sys/bus/cxl/devices/endpoint*/decoder*.0'
t_eq "no region was committed by firmware" 0 "$(cxl list -R | jq 'length')"
t_check "cxl_acpi, cxl_pci and cxl_mem are loaded" sh -c 'lsmod | grep -q "^cxl_acpi" && lsmod | grep -q "^cxl_pci" && lsmod | grep -q "^cxl_mem"'
bs=$((0x$(cat /sys/devices/system/memory/block_size_bytes)))
online=
for b in $(seq $((SR_START / bs)) $((SR_END / bs))); do
	grep -q '^online' /sys/devices/system/memory/memory$b/state 2>/dev/null && online="$online memory$b"
done
t_eq "no memory in the window was onlined" "" "$online"
t_eq "dax_hmem owns the Soft Reserved range after the deferred decision" hmem \
	"$(owners_of $SR_START $SR_END)"
t_eq "exactly one dax device" 1 "$(dax_devices | wc -l)"
t_eq "the dax device spans the Soft Reserved range" "$SR_START $SR_END" \
	"$(dax_devices | awk '{print $2, $3}')"
t_check "the dax device sits under hmem_platform.0" \
	sh -c 'readlink -f /sys/bus/dax/devices/dax* | grep -q "/hmem_platform.0/hmem.[0-9]*/dax[0-9.]*$"'
t_dmesg "the deferral is logged" \
	'hmem_platform hmem_platform.0: 1 Soft Reserved range\(s\) in CXL windows: deciding'
t_dmesg "the per-range decision is logged with its reason" \
	'Soft Reserved \[mem 0x110000000-0x11fffffff\] in CXL window \[mem 0x110000000-0x20fffffff\]: owner dax_hmem, \[mem 0x110000000-0x11fffffff\] not covered by a committed region'
t_dmesg "the summary names dax_hmem" \
	'Soft Reserved in CXL windows: 0 of 1 ranges inside committed regions, dax_hmem owns them all'
t_eq "one decision was taken" 1 "$(dmesg | grep -c 'Soft Reserved in CXL windows:')"
