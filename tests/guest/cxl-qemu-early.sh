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
t_check "and, as in 6.12, it keeps CXL out of the window (ERANGE)" \
	sh -c "echo '$out' | grep -q 'out of range'"
t_check "bind hmem_platform.0" sh -c 'echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/bind'
settle
t_eq "dax_hmem owns the range again" hmem "$(owner_state $SR_START $SR_END)"
t_eq "still one Soft Reserved entry" 1 "$(grep -c ': Soft Reserved$' /proc/iomem)"
