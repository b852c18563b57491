# shellcheck shell=sh
# load-order (cxl-qemu, cxlsr.noudev=1): dax_hmem alone must bring in the
# CXL drivers that enumerate windows, memdevs and endpoints.
t_plan 19
. /tests/own.sh
decided() { [ "$(klog_count 'Soft Reserved in CXL windows: ')" -gt 0 ]; }

t_setup "the kernel's modprobe is kmod at /sbin/modprobe" [ "$(cat /proc/sys/kernel/modprobe)" = /sbin/modprobe ]
t_setup "cxl_acpi and hmem_platform are asked to probe asynchronously (the profile's point)" \
	sh -c 'grep -q cxl_acpi.async_probe=1 /proc/cmdline && grep -q driver_async_probe=hmem_platform /proc/cmdline'
t_none "no CXL or dax module is loaded before dax_hmem" modules_matching 'cxl|dax'
t_setup "modprobe dax_hmem" modprobe dax_hmem
wait_until "the decision after modprobe dax_hmem" 60 decided
t_dmesg "the decision was taken, over the one range in CXL windows" 'Soft Reserved in CXL windows: 0 of 1 ranges inside committed regions, dax_hmem owns them all'
for m in cxl_acpi cxl_pci cxl_mem cxl_port; do
	t_some "dax_hmem loaded $m" modules_matching "$m "
done
t_check "the endpoint port of mem0 was enumerated" sh -c 'ls -d /sys/bus/cxl/devices/endpoint*'
t_is "dax_hmem owns the Soft Reserved range" hmem owners_of "$SR_START" "$SR_END"

t_is "initramfs generators pack cxl_pci and cxl_mem with it (weak dependencies)" "cxl_mem cxl_pci" \
	sh -c '/sbin/modinfo -F weakdep dax_hmem | sort | tr "\n" " " | sed "s/ \$//"'

# Every decision (hmem_platform.0 bound again) requests the CXL drivers
# that are modules, loaded or not: cxl_acpi only while its windows are not
# published (it has not bound), then cxl_pci and cxl_mem; one whose module
# is gone is loaded again; one that cannot be loaded is named in the log,
# and the decision goes on without it. The kernel's requests go through a
# wrapper that logs them.
printf '#!/bin/sh\necho "$*" >>/tmp/modprobe.calls\nexec /sbin/modprobe "$@"\n' >/tmp/modprobe-log
chmod +x /tmp/modprobe-log
: >/tmp/modprobe.calls
# decide: bind hmem_platform.0 and wait for its decision
decide() {
	t_mark
	echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/bind
	wait_until "the decision after binding hmem_platform.0" 60 decided
}
modprobe_calls() { tr '\n' ' ' </tmp/modprobe.calls | sed 's/ $//'; }
t_setup "unbind hmem_platform.0" sh -c 'echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/unbind'
echo /tmp/modprobe-log >/proc/sys/kernel/modprobe
decide
t_dmesg "the decision is taken again" 'dax_hmem owns them all'
t_is "cxl_acpi bound: it requested cxl_pci and cxl_mem, in that order" \
	"-q -- cxl_pci -q -- cxl_mem" modprobe_calls
t_setup "unbind hmem_platform.0" sh -c 'echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/unbind'
t_setup "rmmod cxl_acpi" rmmod cxl_acpi
: >/tmp/modprobe.calls
decide
t_is "cxl_acpi gone: it requested cxl_acpi, cxl_pci and cxl_mem, in that order" \
	"-q -- cxl_acpi -q -- cxl_pci -q -- cxl_mem" modprobe_calls
t_setup "unbind hmem_platform.0" sh -c 'echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/unbind'
t_setup "rmmod cxl_pci" rmmod cxl_pci
decide
t_some "cxl_pci, unloaded, is loaded again by the decision" modules_matching "cxl_pci "
t_dmesg "and the decision is taken once more" 'dax_hmem owns them all'
t_setup "unbind hmem_platform.0" sh -c 'echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/unbind'
t_setup "rmmod cxl_pci" rmmod cxl_pci
mkdir -p /etc/modprobe.d
echo "install cxl_pci /bin/false" >/etc/modprobe.d/cxlsr-refuse.conf
decide
rm /etc/modprobe.d/cxlsr-refuse.conf
echo /sbin/modprobe >/proc/sys/kernel/modprobe
t_dmesg "a request that fails is logged, naming the driver and modprobe's wait status" \
	'could not load cxl_pci \(256\), deciding without it'
t_dmesg "and the decision goes on without it" 'dax_hmem owns them all'
t_none "cxl_pci stayed unloaded" modules_matching "cxl_pci "
t_setup "modprobe cxl_pci" modprobe cxl_pci
# Weak dependencies stay when dax_hmem goes (a softdep would be unloaded)
t_setup "modprobe -r dax_hmem" modprobe -r dax_hmem
for m in cxl_pci cxl_mem; do
	t_some "modprobe -r dax_hmem leaves $m loaded" modules_matching "$m "
done
