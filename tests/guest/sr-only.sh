# shellcheck shell=sh
# sr-only: Soft Reserved RAM, no CXL. dax_hmem must own the range, as in 6.12.
t_plan 15
. /tests/own.sh
t_map after-boot

daxctl_region_paths() {
	daxctl list -R >/tmp/daxctl.json || { echo "ERROR: daxctl list -R failed"; return 1; }
	jq -r '.[].path' /tmp/daxctl.json
}
t_is "the boot memory map has exactly the profile's Soft Reserved range" "$SR_START $SR_END" e820_sr
t_none "no CXL window exists" cxl_windows
t_check "hmem_platform.0 is bound to dax_hmem" test -e /sys/bus/platform/devices/hmem_platform.0/driver
t_is "one dax device, dax_hmem's, spanning the range" "$SR_START $SR_END hmem" dax_spans
dev=$(dax_devices | awk '{print $1}')
t_eq "the dax device sits on NUMA node 1" 1 "$(cat "/sys/bus/dax/devices/$dev/target_node" 2>/dev/null)"
t_eq "kmem drives it" kmem "$(basename "$(readlink "/sys/bus/dax/devices/$dev/driver")")"
t_check "its memory is System RAM (kmem) under the Soft Reserved entry" \
	iomem_has "$SR_START" "$SR_END" "System RAM (kmem)"
t_is "/proc/iomem: Soft Reserved > dax > System RAM (kmem), at the top level" \
	"Soft Reserved > dax > System RAM (kmem)" iomem_chain "$SR_START"
t_some "its memory blocks are online (memhp_default_state=online)" onlined_in "$SR_START" "$SR_END"
t_is "owner state (sysfs + /proc/iomem)" hmem owner_state "$SR_START" "$SR_END"
t_none "the Soft Reserved range has its entry in /proc/iomem" sr_missing
t_is "daxctl lists one region at 6.12's sysfs path" "/platform/hmem.0" daxctl_region_paths
t_absent "no deferral is logged without CXL" 'deciding their owner once CXL devices have probed'
t_absent "no ownership decision is logged without CXL" 'Soft Reserved in CXL windows: '
t_absent "no CXL host bridge in the kernel log" 'host supports CXL'
