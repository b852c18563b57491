# load-order-nocxl (sr-only, cxlsr.noudev=1): without ACPI0017 no CXL window
# can appear, so dax_hmem registers its range without loading the drivers
# that assemble CXL regions (the softdep still loads cxl_acpi, as in 6.12).
t_plan 6
. /tests/own.sh
mods() { lsmod | awk '/^(cxl|dax)/ {print $1}' | sort | tr '\n' ' ' | sed 's/ $//'; }

t_eq "no CXL or dax module is loaded before dax_hmem" "" "$(mods)"
t_check "the platform has no ACPI0017 device" sh -c '! ls -d /sys/bus/acpi/devices/ACPI0017:*'
t_setup "modprobe dax_hmem" modprobe dax_hmem
i=0
while [ $i -lt 30 ] && [ -z "$(dax_devices)" ]; do
	sleep 1
	i=$((i + 1))
done
t_eq "dax_hmem owns the whole range" hmem "$(owners_of $SR_START $SR_END)"
for m in cxl_pci cxl_mem; do
	t_check "dax_hmem did not load $m" sh -c "! lsmod | grep -q '^$m '"
done
t_absent "no deferral is logged without CXL" 'deciding their owner once CXL devices have probed'
