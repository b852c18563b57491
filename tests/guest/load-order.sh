# shellcheck shell=sh
# load-order (cxl-qemu, cxlsr.noudev=1): dax_hmem alone must bring in the
# CXL drivers that enumerate windows, memdevs and endpoints.
t_plan 18
. /tests/own.sh
decided() { [ "$(klog_count 'Soft Reserved in CXL windows: ')" -gt 0 ]; }

t_setup "the kernel's modprobe is kmod at /sbin/modprobe" [ "$(cat /proc/sys/kernel/modprobe)" = /sbin/modprobe ]
t_setup "cxl_acpi and hmem_platform are asked to probe asynchronously (the profile's point)" \
	sh -c 'grep -q cxl_acpi.async_probe=1 /proc/cmdline && grep -q driver_async_probe=hmem_platform /proc/cmdline'
t_none "no CXL or dax module is loaded before dax_hmem" modules_matching 'cxl|dax'
# The kernel's module requests go through a wrapper that logs them.
printf '#!/bin/sh\necho "$*" >>/tmp/modprobe.calls\nexec /sbin/modprobe "$@"\n' >/tmp/modprobe-log
chmod +x /tmp/modprobe-log
: >/tmp/modprobe.calls
modprobe_calls() { tr '\n' ' ' </tmp/modprobe.calls | sed 's/ $//'; }
echo /tmp/modprobe-log >/proc/sys/kernel/modprobe
t_setup "modprobe dax_hmem" modprobe dax_hmem
wait_until "the decision after modprobe dax_hmem" 60 decided
t_dmesg "the decision was taken, over the one range in CXL windows" 'Soft Reserved in CXL windows: 0 of 1 ranges inside committed regions, dax_hmem owns them all'
for m in cxl_acpi cxl_pci cxl_mem cxl_port; do
	t_some "dax_hmem loaded $m" modules_matching "$m "
done
# dax_hmem's init requests cxl_acpi (also its softdep) and waits for its
# probe, asynchronous here; the decision then requests cxl_pci and cxl_mem.
t_some "the requests went through the logging modprobe" modprobe_calls
t_check "dax_hmem requested cxl_acpi, then cxl_pci and cxl_mem, in that order" \
	sh -c 'tr "\n" " " </tmp/modprobe.calls | grep -Eqx -- "-q -- cxl_acpi -q -- cxl_pci -q -- cxl_mem "'
t_check "the endpoint port of mem0 was enumerated" sh -c 'ls -d /sys/bus/cxl/devices/endpoint*'
t_is "dax_hmem owns the Soft Reserved range" hmem owners_of "$SR_START" "$SR_END"

t_is "initramfs generators pack cxl_pci and cxl_mem with it (weak dependencies)" "cxl_mem cxl_pci" \
	sh -c '/sbin/modinfo -F weakdep dax_hmem | sort | tr "\n" " " | sed "s/ \$//"'

# The decision is taken once per boot: hmem_platform.0 bound again, with
# the CXL drivers gone or not, replays it and requests nothing.
# rebind: bind hmem_platform.0 again, wait for its replayed range
rebind() {
	: >/tmp/modprobe.calls
	t_mark
	echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/bind
	wait_state "$SR_START" "$SR_END" hmem
}
REPLAYED="Soft Reserved $(memrange "$SR_START" "$SR_END"): dax_hmem's since this boot's decision, registered again"
t_setup "rmmod cxl_acpi" sh -c 'echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/unbind && rmmod cxl_acpi'
rebind
t_dmesg "cxl_acpi gone, bound again: the boot's decision is replayed" "$REPLAYED"
t_none "cxl_acpi gone, bound again: no module requested" modprobe_calls
t_is "cxl_acpi gone, bound again: dax_hmem owns the range" hmem owners_of "$SR_START" "$SR_END"
t_setup "modprobe cxl_acpi" modprobe cxl_acpi
t_setup "rmmod cxl_pci" sh -c 'echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/unbind && rmmod cxl_pci'
rebind
t_none "cxl_pci gone, bound again: it stays unloaded" modules_matching "cxl_pci "
t_dmesg "cxl_pci gone, bound again: the boot's decision is replayed" "$REPLAYED"
echo /sbin/modprobe >/proc/sys/kernel/modprobe
t_setup "modprobe cxl_pci" modprobe cxl_pci
# Weak dependencies stay when dax_hmem goes (a softdep would be unloaded)
t_setup "modprobe -r dax_hmem" modprobe -r dax_hmem
for m in cxl_pci cxl_mem; do
	t_some "modprobe -r dax_hmem leaves $m loaded" modules_matching "$m "
done
