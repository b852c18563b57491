# load-order (cxl-qemu, cxlsr.noudev=1): dax_hmem alone must bring in the
# CXL drivers that enumerate windows, memdevs and endpoints.
t_plan 10
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
