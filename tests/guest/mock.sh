# shellcheck shell=sh
# cxl_test helpers shared by the cxl_test suites (POSIX sh, sourced after
# testlib.sh and own.sh): load and unload the mock topology, the Soft Reserved
# ranges a layout declares, waits for the decision, and probes (testlib.sh's
# t_is, t_some, t_none) of what the mock topology has.

# mock_load ARGS...: load cxl_test with ARGS (hmem_test=N ...), then let
# udev-like coldplug and settle finish. What happens asynchronously after
# that (the decision, region assembly) is the caller's to wait for.
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
		grep -q "^$m " /proc/modules && rmmod "$m"
	done
	for r in /sys/bus/cxl/devices/region*; do
		[ -e "$r" ] || continue
		dec=$(basename "$(dirname "$(readlink -f "$r")")")
		echo "${r##*/}" >"/sys/bus/cxl/devices/$dec/delete_region"
	done
	for m in cxl_test cxl_mock_mem; do
		grep -q "^$m " /proc/modules && { rmmod "$m" || t_diag "rmmod $m: $(grep "^$m " /proc/modules)"; }
	done
	rm -f /tmp/mock_w0
	settle
	left=$(grep -o "^\(cxl_test\|cxl_mock_mem\|dax_hmem\|dax_cxl\) " /proc/modules | tr '\n' ' ')
	[ -z "$left" ] || t_diag "still loaded: $left"
	[ -z "$left" ]
}

# mock_w0: the base of mock window 0, which only the topology knows: the
# start of its root decoder, decoder0.0. Cached in /tmp/mock_w0 (until
# mock_unload) for when cxl_acpi is unbound; neither there is an error.
mock_w0() {
	if _b=$(cat /sys/bus/cxl/devices/decoder0.0/start 2>/dev/null) && [ -n "$_b" ]; then
		echo "$_b" >/tmp/mock_w0
	elif ! _b=$(cat /tmp/mock_w0 2>/dev/null) || [ -z "$_b" ]; then
		echo "ERROR: no decoder0.0 and no cached base of mock window 0"
		return 1
	fi
	printf '%#x\n' $((_b))
}

# w0_range FROM_MB TO_MB: "START-END" (hex, END inclusive) of [FROM_MB,
# TO_MB) MiB into mock window 0.
w0_range() {
	_b=$(mock_w0) || { echo "$_b"; return 1; }
	printf '%#x-%#x\n' $((_b + $1 * 0x100000)) $((_b + $2 * 0x100000 - 1))
}

# mock_sr N: set SR_LIST (own.sh's sr_ranges, sr_missing) to the Soft
# Reserved ranges cxl_test lays out with hmem_test=N, as its source
# declares them (the comment "Soft Reserved mock: with hmem_test=N" in
# tools/testing/cxl/test/cxl.c): offsets from the base of mock window 0.
# 9 and 10 (with accel_test) add the accelerator's memory, all of window 4,
# at ACCEL_HPA (the accel_hpa= the suite loaded cxl_test with), 256 MiB.
# SR_LIST is in address order. Without the window's base, or for another N, SR_LIST is left empty (which
# sr_missing fails on) and mock_sr fails.
mock_sr() {
	SR_LIST=
	case $1 in
	1 | 3 | 8 | 9) _l="0:512" ;;
	2 | 10) _l="0:512 512:768" ;;
	4 | 7) _l="0:768" ;;
	5) _l="0:1024" ;;
	6) _l="0:256" ;;
	*) echo "ERROR: hmem_test=$1: no such Soft Reserved layout"; return 1 ;;
	esac
	_sl=
	for _r in $_l; do
		_x=$(w0_range "${_r%:*}" "${_r#*:}") || { echo "$_x"; return 1; }
		_sl="$_sl $_x"
	done
	case $1 in 9 | 10)
		[ -n "${ACCEL_HPA:-}" ] || { echo "ERROR: hmem_test=$1: no ACCEL_HPA"; return 1; }
		_sl="$_sl $(printf '%#x-%#x' $((ACCEL_HPA)) $((ACCEL_HPA + 0x10000000 - 1)))"
		;;
	esac
	# in address order, as sr_ranges lists them
	SR_LIST=$(for _x in $_sl; do printf '%d %s\n' $((${_x%-*})) "$_x"; done |
		sort -n | cut -d' ' -f2 | tr '\n' ' ' | sed 's/ $//')
	echo "hmem_test=$1: Soft Reserved $SR_LIST"
}

# sr_start J, sr_end J: START, END of range J (0-based, in address order)
# of SR_LIST.
sr_start() { sr_ranges | awk -v j="$1" 'NR == j + 1 { print $1 }'; }
sr_end() { sr_ranges | awk -v j="$1" 'NR == j + 1 { print $2 }'; }

# wait_klog WHAT REGEX: wait for a line of the kernel log since the last
# mark to match REGEX (testlib.sh's log_has; a failure after 60 s).
wait_klog() { wait_until "$1" 60 log_has "$2"; }

# DECIDING: the first line of a decision (its absence, no decision at all,
# is checked with this very regex: its present twin is in cxl-test).
# shellcheck disable=SC2034 # used by the suites
DECIDING='Soft Reserved range\(s\) in CXL windows: deciding their owner'

# decisions: how many decisions (their summary line) the kernel log has
# since the last mark. wait_decision [N]: wait for more than N (default
# 0): the next decision's summary line.
decisions() { klog_count 'Soft Reserved in CXL windows: '; }
decided_more() {
	_d=$(decisions)
	[ "$_d" -gt "$1" ] 2>/dev/null
}
wait_decision() { wait_until "the decision's summary line (more than ${1:-0} since the mark)" 60 decided_more "${1:-0}"; }

# Probes.

# dax_ranges OWNER: "START-END" of each dax device OWNER (hmem or cxl,
# dax_devices in own.sh) has, in address order.
dax_ranges() {
	[ -d /sys/bus/dax/devices ] || { echo "ERROR: no dax bus"; return 1; }
	dax_devices | while read -r _n _s _e _o _p; do
		[ "$_o" = "$1" ] && printf '%d %#x-%#x\n' $((_s)) $((_s)) $((_e))
	done | sort -n | cut -d' ' -f2
}

# dax_of REGION: "START-END" of REGION's dax devices.
dax_of() {
	is_region "$1" || { echo "ERROR: no region '$1'"; return 1; }
	dax_devices | while read -r _n _s _e _o _p; do
		[ "$_o $_p" = "cxl $1" ] && printf '%#x-%#x\n' $((_s)) $((_e))
	done
	return 0
}

# dax_drivers START END: the driver of each dax device over [START, END]
# ("none" for one without), in address order.
dax_drivers() {
	[ -d /sys/bus/dax/devices ] || { echo "ERROR: no dax bus"; return 1; }
	dax_devices | while read -r _n _s _e _o _p; do
		if [ $((_s)) -gt $(($2)) ] || [ $((_e)) -lt $(($1)) ]; then continue; fi
		_d=none
		[ -e "/sys/bus/dax/devices/$_n/driver" ] &&
			_d=$(basename "$(readlink -f "/sys/bus/dax/devices/$_n/driver")")
		echo "$((_s)) $_d"
	done | sort -n | cut -d' ' -f2
}

# driver_of DEV: the driver a CXL bus device (region, dax_region, memdev)
# is bound to, "unbound" when none; an error when there is no such device.
# memdev_of DECODER: the memdev behind an endpoint decoder (decoderE.N is
# a decoder of port endpointE, whose uport is the memdev)
memdev_of() {
	basename "$(readlink -f "/sys/bus/cxl/devices/endpoint$(echo "$1" | sed 's/^decoder\([0-9]*\)\..*/\1/')/uport")"
}

driver_of() {
	if [ -z "$1" ] || [ ! -e "/sys/bus/cxl/devices/$1" ]; then
		echo "ERROR: no CXL device '$1'"
		return 1
	fi
	if [ -e "/sys/bus/cxl/devices/$1/driver" ]; then
		basename "$(readlink -f "/sys/bus/cxl/devices/$1/driver")"
	else
		echo unbound
	fi
}

# dax_region_of REGION: the dax region (dax_regionN) REGION published.
dax_region_of() {
	is_region "$1" || { echo "ERROR: no region '$1'"; return 1; }
	for _d in "/sys/bus/cxl/devices/$1"/dax_region*; do
		[ -e "$_d" ] && echo "${_d##*/}"
	done
	return 0
}

# committed_regions: the names of the committed regions (enabled or not).
committed_regions() {
	_out=$(regions -i) || { echo "$_out"; return 1; }
	echo "$_out" | jq -r '.[] | select(.decode_state == "commit") | .region' ||
		{ echo "ERROR: jq"; return 1; }
}

# sr_entries: the "Soft Reserved" entries of /proc/iomem, "START-END" each,
# in address order.
sr_entries() {
	_io=$(cat /proc/iomem) || { echo "ERROR: cannot read /proc/iomem"; return 1; }
	echo "$_io" | sed -n 's/^ *\([0-9a-f]*\)-\([0-9a-f]*\) : Soft Reserved$/\1 \2/p' |
		while read -r _s _e; do printf '%d %#x-%#x\n' $((0x$_s)) $((0x$_s)) $((0x$_e)); done |
		sort -n | cut -d' ' -f2
}

# decided_ranges: "START-END" of each Soft Reserved range a decision since
# the last mark has a per-range line for, in log order.
decided_ranges() {
	klog >/tmp/klog.dr || { cat /tmp/klog.dr; return 1; }
	sed -n 's/.*Soft Reserved \[mem \(0x[0-9a-f]*\)-\(0x[0-9a-f]*\)\] in .*/\1 \2/p' /tmp/klog.dr |
		while read -r _s _e; do printf '%#x-%#x\n' $((_s)) $((_e)); done
}

# klog_errors REGEX: the lines of the kernel log since the last mark, at
# level emergency to error (0-3), that match REGEX.
klog_errors() {
	klog -r >/tmp/klog.raw || { cat /tmp/klog.raw; return 1; }
	grep -E -- "^<[0-3]>.*($1)" /tmp/klog.raw
	return 0
}

# failslab (CONFIG_FAILSLAB and its stack trace filter)
fs=/sys/kernel/debug/failslab
# sym_range NAME: "START END" (hex) of a text symbol (or of its one
# compiler-made clone, NAME.isra.0 and the like), up to the next symbol
sym_range() {
	sort /proc/kallsyms | awk -v n="$1" '
		f && $1 != a { print "0x" a, "0x" $1; exit }
		!f && ($3 == n || index($3, n ".") == 1) && ($2 == "t" || $2 == "T") { f = 1; a = $1 }'
}
# arm FUNCTION [EXCEPT]: fail every slab allocation made under FUNCTION,
# except those made under EXCEPT
arm() {
	req=$(sym_range "$1") rej="0 0"
	[ -z "${2:-}" ] || rej=$(sym_range "$2")
	# shellcheck disable=SC2086 # two words each
	set -- $req $rej
	[ $# = 4 ] || return 1
	echo "$1" >$fs/require-start
	echo "$2" >$fs/require-end
	echo "$3" >$fs/reject-start
	echo "$4" >$fs/reject-end
	echo 16 >$fs/stacktrace-depth
	echo N >$fs/ignore-gfp-wait
	echo 0 >$fs/verbose
	echo 1 >$fs/interval
	echo 100 >$fs/probability
	echo -1 >$fs/times
}
disarm() { echo 0 >$fs/probability && echo 0 >$fs/times; }
