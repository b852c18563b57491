# cxl-qemu-nohmem (module_blacklist=dax_hmem): Soft Reserved over CXL
# Window 0 and no dax_hmem to decide its owner. The range must stay in
# /proc/iomem as "Soft Reserved", exactly as in 6.12, and keep CXL regions
# off it; a region elsewhere must get its dax device at once: dax_cxl asks
# for dax_hmem, cannot have it, says so once, and does not wait.
t_plan 14
. /tests/own.sh
t_map after-boot

t_check "dax_hmem is blacklisted" grep -q 'module_blacklist=dax_hmem' /proc/cmdline
t_check "dax_hmem is not loaded" sh -c '! grep -q "^dax_hmem " /proc/modules'
t_check "hmem_platform.0 exists, unbound" sh -c \
	'test -e /sys/bus/platform/devices/hmem_platform.0 && ! test -e /sys/bus/platform/devices/hmem_platform.0/driver'
t_absent "no decision was taken" 'Soft Reserved in CXL windows: '
t_eq "every Soft Reserved range of the memory map is in /proc/iomem" "" "$(sr_missing)"
t_eq "/proc/iomem at the range: window and Soft Reserved, as in 6.12" \
	"CXL Window 0 > Soft Reserved" "$(iomem_chain $SR_START)"
t_eq "nobody owns the range" none "$(owner_state $SR_START $SR_END)"

# A region in window 0 would have to sit on the Soft Reserved range
gran=$(cat /sys/bus/cxl/devices/decoder0.0/interleave_granularity)
out=$(mkregion decoder0.0 "$gran" 0x10000000 mem0 2>&1)
t_diag "RAM region in window 0: $out"
t_check "no region is placed over the Soft Reserved range" sh -c \
	". /tests/own.sh; ! regions | jq -e '.[] | select(.resource == $((SR_START)))'"
t_dmesg "the kernel names the Soft Reserved range in the way" \
	"refused: no room outside Soft Reserved $(memrange $SR_START $SR_END)"

# A RAM region in window 1 gets its dax device without waiting
r=$(mkregion decoder0.1 "$gran" 0x10000000 mem0 2>&1)
t_diag "RAM region in window 1: $r"
t_check "a RAM region in window 1 is created" test -e "/sys/bus/cxl/devices/$r"
settle
wait_dax_of "$r"
t_check "dax_cxl gives it a dax device" sh -c ". /tests/own.sh; dax_devices | grep -q ' cxl $r\$'"
t_absent "nothing waited for dax_hmem" 'waiting for dax_hmem to decide'
t_eq "dax_cxl said once that dax_hmem is unavailable" 1 \
	"$(klog_count 'dax_cxl: dax_hmem unavailable')"
t_setup "remove the region" rmregion "$r"
t_eq "the Soft Reserved range is untouched" none "$(owner_state $SR_START $SR_END)"
