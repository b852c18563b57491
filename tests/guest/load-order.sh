# load-order (cxl-qemu, cxlsr.noudev=1): dax_hmem alone must bring in the
# CXL drivers that enumerate windows, memdevs and endpoints.
t_plan 14
. /tests/own.sh
mods() { lsmod | awk '/^(cxl|dax)/ {print $1}' | sort | tr '\n' ' ' | sed 's/ $//'; }

t_eq "the kernel's modprobe is kmod at /sbin/modprobe" /sbin/modprobe "$(cat /proc/sys/kernel/modprobe)"
t_eq "no CXL or dax module is loaded before dax_hmem" "" "$(mods)"
t_check "cxl_acpi and hmem_platform are asked to probe asynchronously" \
	sh -c 'grep -q cxl_acpi.async_probe=1 /proc/cmdline && grep -q driver_async_probe=hmem_platform /proc/cmdline'
t_setup "modprobe dax_hmem" modprobe dax_hmem
i=0
while [ $i -lt 60 ] && [ "$(klog_count 'Soft Reserved in CXL windows: ')" = 0 ]; do
	sleep 1
	i=$((i + 1))
done
t_dmesg "the decision was taken, with the range in CXL Window 0" 'Soft Reserved in CXL windows: 0 of 1 ranges inside committed regions, dax_hmem owns them all'
for m in cxl_acpi cxl_pci cxl_mem cxl_port; do
	t_check "dax_hmem loaded $m" sh -c "lsmod | grep -q '^$m '"
done
t_check "the endpoint port of mem0 was enumerated" sh -c 'ls -d /sys/bus/cxl/devices/endpoint*'
t_eq "dax_hmem owns the Soft Reserved range" hmem "$(owners_of $SR_START $SR_END)"

# A second decision (hmem_platform.0 bound again) finds every CXL driver
# live and runs no modprobe; one whose module is gone is requested again.
# The kernel's requests go through a wrapper that logs them.
printf '#!/bin/sh\necho "$*" >>/tmp/modprobe.calls\nexec /sbin/modprobe "$@"\n' >/tmp/modprobe-log
chmod +x /tmp/modprobe-log
# decide: bind hmem_platform.0 and wait for its decision
decide() {
	t_mark
	echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/bind
	i=0
	while [ $i -lt 60 ] && [ "$(klog_count 'Soft Reserved in CXL windows: ')" = 0 ]; do
		sleep 1
		i=$((i + 1))
	done
}
t_setup "unbind hmem_platform.0" sh -c 'echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/unbind'
echo /tmp/modprobe-log >/proc/sys/kernel/modprobe
decide
t_dmesg "the decision is taken again" 'dax_hmem owns them all'
t_eq "no modprobe ran for the CXL drivers, all live" "" "$(cat /tmp/modprobe.calls 2>/dev/null)"
t_setup "unbind hmem_platform.0" sh -c 'echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/unbind'
t_setup "rmmod cxl_pci" rmmod cxl_pci
decide
echo /sbin/modprobe >/proc/sys/kernel/modprobe
t_eq "cxl_pci, unloaded, is requested again, and only it" "-q -- cxl_pci" "$(cat /tmp/modprobe.calls 2>/dev/null)"
t_dmesg "and the decision is taken once more" 'dax_hmem owns them all'
