# shellcheck shell=sh
# load-order-nocxl (sr-only, cxlsr.noudev=1): without ACPI0017 no CXL window
# can appear, so dax_hmem registers its range without loading the drivers
# that assemble CXL regions (the softdep still loads cxl_acpi, as in 6.12).
t_plan 6
. /tests/own.sh

t_none "no CXL or dax module is loaded before dax_hmem" modules_matching 'cxl|dax'
t_setup "the platform has no ACPI0017 device (the profile's point)" sh -c '! ls -d /sys/bus/acpi/devices/ACPI0017:*'
t_setup "modprobe dax_hmem" modprobe dax_hmem
t_is "the range's dax device exists when modprobe dax_hmem returns, as in 6.12" \
	"$SR_START $SR_END hmem" dax_spans
t_is "dax_hmem owns the whole range" hmem owner_state "$SR_START" "$SR_END"
for m in cxl_pci cxl_mem; do
	t_none "dax_hmem did not load $m" modules_matching "$m "
done
t_absent "no deferral is logged without CXL" 'deciding their owner once CXL devices have probed'
