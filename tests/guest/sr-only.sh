# sr-only: Soft Reserved RAM, no CXL. dax_hmem must own the range, as in 6.12.
t_plan 16
. /tests/own.sh
t_map after-boot

t_eq "boot memory map has exactly the one Soft Reserved range" \
	"$SR_START $SR_END" "$(sr_ranges | tr '\n' ' ' | sed 's/ $//')"
t_check "no CXL window exists" sh -c '! grep -q "CXL Window" /proc/iomem'
t_check "/proc/iomem shows Soft Reserved at the range" iomem_has $SR_START $SR_END "Soft Reserved"
t_check "hmem_platform.0 is bound to dax_hmem" test -e /sys/bus/platform/devices/hmem_platform.0/driver
t_eq "exactly one dax device" 1 "$(dax_devices | wc -l)"
t_eq "dax_hmem owns the whole range" "hmem" "$(owners_of $SR_START $SR_END)"
dev=$(dax_devices | awk '{print $1}')
t_eq "the dax device spans the range" "$SR_START $SR_END" "$(dax_devices | awk '{print $2, $3}')"
t_eq "the dax device sits on NUMA node 1" 1 "$(cat /sys/bus/dax/devices/$dev/target_node 2>/dev/null)"
t_eq "kmem drives it" kmem "$(basename "$(readlink /sys/bus/dax/devices/$dev/driver)")"
t_check "its memory is System RAM (kmem) under the Soft Reserved entry" \
	iomem_has $SR_START $SR_END "System RAM (kmem)"
t_eq "/proc/iomem: Soft Reserved > dax > System RAM (kmem), at the top level" \
	"Soft Reserved > dax > System RAM (kmem)" "$(iomem_chain $SR_START)"
t_eq "owner state (sysfs + /proc/iomem)" hmem "$(owner_state $SR_START $SR_END)"
t_eq "daxctl lists one region at 6.12's sysfs path" "/platform/hmem.0" \
	"$(daxctl list -R 2>/dev/null | jq -r ".[0].path")"
t_absent "no deferral is logged without CXL" 'deciding their owner once CXL devices have probed'
t_absent "no ownership decision is logged without CXL" 'Soft Reserved in CXL windows: '
t_absent "no CXL host bridge in the kernel log" 'host supports CXL'
