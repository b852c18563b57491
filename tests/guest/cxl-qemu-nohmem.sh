# cxl-qemu-nohmem (module_blacklist=dax_hmem): Soft Reserved over CXL
# Window 0 and no dax_hmem to decide its owner. A RAM region made in
# window 0 must get its dax device at once: dax_cxl asks for dax_hmem,
# cannot have it, says so once, and does not wait.
. /tests/own.sh

t_check "dax_hmem is blacklisted" grep -q 'module_blacklist=dax_hmem' /proc/cmdline
t_check "dax_hmem is not loaded" sh -c '! grep -q "^dax_hmem " /proc/modules'
t_check "hmem_platform.0 exists, unbound" sh -c \
	'test -e /sys/bus/platform/devices/hmem_platform.0 && ! test -e /sys/bus/platform/devices/hmem_platform.0/driver'
t_eq "no decision was taken" 0 "$(dmesg | grep -c 'Soft Reserved in CXL windows:')"
w0_ram_region
t_check "dax_cxl gives it a dax device" sh -c ". /tests/own.sh; dax_devices | grep -q ' cxl $r\$'"
t_check "nothing waited for dax_hmem" sh -c '! dmesg | grep -q "waiting for dax_hmem"'
t_eq "dax_cxl said once that dax_hmem is unavailable" 1 \
	"$(dmesg | grep -c 'dax_cxl: dax_hmem unavailable')"
t_check "remove the region" rmregion "$r"
