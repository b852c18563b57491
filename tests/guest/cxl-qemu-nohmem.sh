# shellcheck shell=sh
# cxl-qemu-nohmem (module_blacklist=dax_hmem): Soft Reserved over CXL
# Window 0 and no dax_hmem to decide its owner. The range must stay in
# /proc/iomem as "Soft Reserved", exactly as in 6.12, and keep CXL regions
# off it; a region elsewhere must get its dax device at once: dax_cxl asks
# for dax_hmem, cannot have it, says so once, and does not wait.
t_plan 14
. /tests/own.sh
t_map after-boot

t_setup "dax_hmem is blacklisted (the profile's point)" grep -q 'module_blacklist=dax_hmem' /proc/cmdline
t_none "dax_hmem is not loaded" modules_matching "dax_hmem "
t_is "hmem_platform.0 exists" hmem_platform.0 hmem_platforms
t_check "hmem_platform.0 is not bound" test ! -e /sys/bus/platform/devices/hmem_platform.0/driver
t_absent "no decision was taken" 'Soft Reserved in CXL windows: '
t_none "the Soft Reserved range has its entry in /proc/iomem" sr_missing
t_is "/proc/iomem at the range: window and Soft Reserved, as in 6.12" \
	"CXL Window 0 > Soft Reserved" iomem_chain "$SR_START"
t_is "nobody owns the range" none owner_state "$SR_START" "$SR_END"

# A region in window 0 would have to sit on the Soft Reserved range
gran=$(cat /sys/bus/cxl/devices/decoder0.0/interleave_granularity)
out=$(mkregion decoder0.0 "$gran" 0x10000000 mem0 2>&1)
t_diag "RAM region in window 0: $out"
t_none "no region is placed over the Soft Reserved range" region_names
t_dmesg "the kernel names the Soft Reserved range in the way" \
	"refused: no room outside Soft Reserved $(memrange "$SR_START" "$SR_END")"

# A RAM region in window 1 gets its dax device without waiting
r=$(mkregion decoder0.1 "$gran" 0x10000000 mem0 2>&1)
t_diag "RAM region in window 1: $r"
t_is "a RAM region at the start of window 1 is created" "$W1_START" region_start "$r"
settle
wait_dax_of "$r"
t_check "dax_cxl gives it a dax device" has_dax_of "$r"
t_absent "nothing waited for dax_hmem" 'waiting for dax_hmem to decide'
t_logcount "dax_cxl said once that dax_hmem is unavailable" 1 'dax_cxl: dax_hmem unavailable'
t_setup "remove the region" rmregion "$r"
t_is "the Soft Reserved range is untouched" none owner_state "$SR_START" "$SR_END"
