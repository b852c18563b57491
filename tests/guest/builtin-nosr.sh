# builtin-nosr: the debug kernel (CXL and DAX built in, KASAN, lockdep,
# kmemleak, DEBUG_OBJECTS) on cxl-hmat's layout: CXL, HMAT, SRAT describes
# CXL Window 0, nothing Soft Reserved. Nothing to decide: no decision is
# logged and dax_cxl never waits.
t_plan 14
. /tests/own.sh
t_map after-boot

t_builtin_drivers
t_eq "nothing is Soft Reserved in the boot memory map" "" "$(sr_ranges)"
t_eq "CXL Window 0 is where SRAT says" "$W0_START $W0_END CXL Window 0" "$(cxl_windows | head -n 1)"
t_absent "no deferral is logged" 'deciding their owner once CXL devices have probed'
t_absent "no summary is logged" 'Soft Reserved in CXL windows: '
t_eq "no dax device at boot" "" "$(dax_devices)"
w0_ram_region
t_eq "dax_cxl owns it: one dax device under the region" "$W0_START $W0_END cxl $r" \
	"$(dax_devices | awk '{print $2, $3, $4, $5}')"
t_absent "dax_cxl did not wait for dax_hmem" 'waiting for dax_hmem to decide'
t_setup "remove the region" rmregion "$r"
t_eq "no dax device is left" "" "$(dax_devices)"
