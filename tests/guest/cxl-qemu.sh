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
t_check "no memory in the window was onlined" sh -c '! grep -q "System RAM (kmem)" /proc/iomem'
t_diag "Soft Reserved owner: $(owners_of $SR_START $SR_END)"
