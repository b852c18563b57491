# cxl_test helpers shared by the reload and faults suites (POSIX sh, sourced
# after lib.sh): load and unload the mock topology, and kmemleak around a
# stretch of work.

# mock_load ARGS...: load cxl_test with ARGS (hmem_test=N ...), then let
# udev-like coldplug and settle finish.
mock_load() {
	modprobe cxl_mock_mem && modprobe cxl_test "$@" || return 1
	coldplug
	settle
}

# mock_unload: dax drivers, regions, then the mock modules; fails (with a
# diagnostic) if any of them is still loaded. cxl_acpi and cxl_mem stay:
# cxl_test's modules depend on them.
mock_unload() {
	for m in kmem device_dax dax_cxl dax_hmem; do
		grep -q "^$m " /proc/modules && rmmod $m
	done
	for r in /sys/bus/cxl/devices/region*; do
		[ -e "$r" ] || continue
		dec=$(basename "$(dirname "$(readlink -f "$r")")")
		echo "${r##*/}" >/sys/bus/cxl/devices/$dec/delete_region
	done
	for m in cxl_test cxl_mock_mem; do
		grep -q "^$m " /proc/modules && { rmmod $m || t_diag "rmmod $m: $(grep "^$m " /proc/modules)"; }
	done
	settle
	left=$(grep -o "^\(cxl_test\|cxl_mock_mem\|dax_hmem\|dax_cxl\) " /proc/modules | tr '\n' ' ')
	[ -z "$left" ] || t_diag "still loaded: $left"
	[ -z "$left" ]
}

# kmemleak_forget: scan, then forget what boot and earlier suites left.
kmemleak_forget() {
	echo scan >/sys/kernel/debug/kmemleak && echo clear >/sys/kernel/debug/kmemleak
}

# kmemleak_new: scan (twice, objects must age) and print how many
# unreferenced objects were found since kmemleak_forget.
kmemleak_new() {
	echo scan >/sys/kernel/debug/kmemleak
	echo scan >/sys/kernel/debug/kmemleak
	grep -c '^unreferenced object' /sys/kernel/debug/kmemleak
}
