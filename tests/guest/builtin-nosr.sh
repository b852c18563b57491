# shellcheck shell=sh
# builtin-nosr: the debug kernel (CXL and DAX built in, KASAN, lockdep,
# kmemleak, DEBUG_OBJECTS, no module support) on cxl-hmat's layout: CXL, HMAT, SRAT describes
# CXL Window 0, nothing Soft Reserved. Nothing to decide: no decision is
# logged and dax_cxl never waits.
t_plan 9
. /tests/own.sh
t_map after-boot

t_setup "every driver of the decision is built in" builtin_drivers
t_none "nothing is Soft Reserved in the boot memory map" e820_sr
t_is "CXL Window 0 is where SRAT says" "$W0_START $W0_END CXL Window 0" window_named 'CXL Window 0'
t_absent "no deferral is logged" 'deciding their owner once CXL devices have probed'
t_absent "no summary is logged" 'Soft Reserved in CXL windows: '
t_none "no dax device at boot" dax_spans
r=''
w0_ram_region
t_is "dax_cxl owns it: one dax device over the window" "$W0_START $W0_END cxl" dax_spans
t_absent "dax_cxl did not wait for dax_hmem" 'waiting for dax_hmem to decide'
t_setup "remove the region" rmregion "$r"
t_none "no dax device is left" dax_spans
