# cxl-qemu-early: soft_reserved=early brings back 6.12's boot-time
# "Soft Reserved" entries; the ownership decision is unchanged.
. /tests/own.sh
SR_START=0x110000000 SR_END=0x11fffffff

t_check "soft_reserved=early is on the command line" grep -q 'soft_reserved=early' /proc/cmdline
t_eq "dax_hmem owns the range" hmem "$(owner_state $SR_START $SR_END)"
t_eq "one Soft Reserved entry" 1 "$(grep -c ': Soft Reserved$' /proc/iomem)"
t_check "/proc/iomem: CXL Window 0 > Soft Reserved > dax" \
	sh -c ". /tests/own.sh; iomem_chain $SR_START | grep -q '^CXL Window 0 > Soft Reserved > dax'"
t_dmesg "the decision is logged" 'Soft Reserved in CXL windows: 0 of 1 ranges inside committed regions, dax_hmem owns them all'
t_check "unbind hmem_platform.0" sh -c 'echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/unbind'
t_eq "the boot-time entry stays" "CXL Window 0 > Soft Reserved" "$(iomem_chain $SR_START)"
dmesg -c >/dev/null
out=$(cxl create-region -d decoder0.0 -m mem0 -w 1 -t pmem -s 256M 2>&1)
t_diag "create-region in window 0: $out"
t_check "as in 6.12 it keeps CXL out of the window, now with EBUSY" \
	sh -c "echo '$out' | grep -q 'set_size failed: Device or resource busy'"
t_dmesg "the kernel names the Soft Reserved range in the way" \
	'refused: no room outside Soft Reserved \[mem 0x110000000-0x11fffffff\]'
# size_write ROOT_DECODER SIZE: what writing SIZE to a new PMEM region's
# size attribute answers (the HPA allocation), then delete the region.
size_write() {
	root=/sys/bus/cxl/devices/$1
	r=$(cat "$root/create_pmem_region") && echo "$r" >"$root/create_pmem_region" || return 1
	rd=/sys/bus/cxl/devices/$r
	cat "$root/interleave_granularity" >"$rd/interleave_granularity"
	echo 1 >"$rd/interleave_ways"
	cat /proc/sys/kernel/random/uuid >"$rd/uuid"
	(echo "$2" >"$rd/size") 2>&1 && echo ok
	echo "$r" >"$root/delete_region"
}
# Window 1 has no Soft Reserved memory: more than it holds is still ERANGE
out=$(size_write decoder0.1 0x20000000)
t_diag "512 MiB in the 256 MiB window 1: $out"
t_check "a window that is simply too small still says ERANGE" \
	sh -c "echo '$out' | grep -q 'out of range'"
out=$(size_write decoder0.0 0x10000000)
t_diag "256 MiB in window 0: $out"
t_check "window 0 through sysfs: EBUSY" sh -c "echo '$out' | grep -qi 'busy'"
t_eq "no region left" 0 "$(cxl list -R | jq 'length')"
t_check "bind hmem_platform.0" sh -c 'echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/bind'
settle
t_eq "dax_hmem owns the range again" hmem "$(owner_state $SR_START $SR_END)"
t_eq "still one Soft Reserved entry" 1 "$(grep -c ': Soft Reserved$' /proc/iomem)"
