# shellcheck shell=sh
# cxl-test: cxl_test's mock topology, with and without the Soft Reserved
# mock (hmem_test=), each layout loaded in turn. Expected ranges are the
# ones the mock declares (mock_sr), from the base of mock window 0, which
# only the topology knows.
t_plan 131
. /tests/own.sh
. /tests/mock.sh

# Region 0 auto-assembles at the base of mock window 0 (cxl_mem.0 + .4).
load() {
	t_mark
	mock_load "$@"
}

# Regions go first: on 6.12, unloading cxl_test with a partially assembled
# auto region (fail_autoassemble=1) oopses in cxl_region_detach().
delete_regions() {
	for r in /sys/bus/cxl/devices/region*; do
		[ -e "$r" ] || continue
		dec=$(basename "$(dirname "$(readlink -f "$r")")")
		echo "${r##*/}" >"/sys/bus/cxl/devices/$dec/delete_region"
	done
}

unload() {
	for m in kmem device_dax dax_cxl dax_hmem; do
		grep -q "^$m " /proc/modules && rmmod "$m"
	done
	delete_regions
	for m in kmem device_dax dax_cxl dax_hmem cxl_test cxl_mock_mem cxl_mem \
		cxl_pmem cxl_port cxl_pci cxl_acpi cxl_core cxl_mock; do
		grep -q "^$m " /proc/modules && rmmod "$m"
	done
	rm -f /tmp/mock_w0
	settle
	left=$(grep -o "^\(cxl\|dax\)[a-z_]*" /proc/modules | tr '\n' ' ')
	[ -z "$left" ] || t_diag "still loaded: $left"
	! grep -q "^cxl_test \|^cxl_mock \|^dax_hmem \|^dax_cxl " /proc/modules
}

# targets_of REGION: the memdevs behind REGION's targets, in their order
targets_of() {
	for _t in "/sys/bus/cxl/devices/$1"/target*; do
		memdev_of "$(cat "$_t")"
	done
}

# spare_memdevs USED...: the memdevs of decoder0.0 bound to cxl_mem (cxl_test
# also has memdevs with no port topology) that are not among USED
spare_memdevs() {
	cxl list -M -d decoder0.0 | jq -s -r 'flatten | .[].memdev' | while read -r _m; do
		[ -e "/sys/bus/cxl/devices/$_m/driver" ] || continue
		case " $* " in *" $_m "*) ;; *) echo "$_m" ;; esac
	done
}

# committed_sorted: the committed regions on one line, sorted
committed_sorted() { committed_regions | sort | tr '\n' ' ' | sed 's/ $//'; }

# write_refused FILE VALUE ERR: writing VALUE to FILE fails with ERR
# (as sh words it, e.g. "busy")
write_refused() {
	[ -e "$1" ] || { echo "no $1"; return 1; }
	! sh -c "echo $2 >$1" 2>/tmp/w_err && grep -qi "$3" /tmp/w_err
}

# region_is REGION: "DECODE_STATE SIZE" of REGION (cxl list)
region_is() {
	_out=$(regions -i -r "$1") || { echo "$_out"; return 1; }
	echo "$_out" | jq -r '.[] | "\(.decode_state) \(.size)"' || { echo "ERROR: jq"; return 1; }
}

# --- no Soft Reserved: dax_cxl binds without waiting
t_setup "cxl_test loads (no Soft Reserved)" load
wait_dax_of region0
t_check "cxl_acpi.0 mock root is bound" test -e /sys/bus/platform/devices/cxl_acpi.0/driver
t_check "cxl list shows mock memdevs" sh -c 'cxl list -M | jq -e "length >= 4"'
t_is "no Soft Reserved: region0 is auto-assembled, committed, 512 MiB" "commit 536870912" region_is region0
t_is "no Soft Reserved: dax_cxl's dax device is region0, at the base of window 0" \
	"$(w0_range 0 512)" dax_ranges cxl
t_absent "no Soft Reserved: dax_cxl did not wait" 'waiting for dax_hmem to decide'
t_absent "no Soft Reserved: no ownership decision" "$DECIDING"
t_map no-soft-reserved
t_setup "unload" unload

# --- hmem_test=1: one Soft Reserved range, exactly region0 -> CXL owns it.
# dax_cxl is loaded first, so that region0's dax region probes while the
# range is undecided (the mock marks it so from cxl_test's init, as
# firmware's map is known before CXL enumerates; the decision waits for
# CXL to settle): dax_cxl must wait for the decision.
t_setup "modprobe dax_cxl" modprobe dax_cxl
t_setup "cxl_test hmem_test=1 loads" load hmem_test=1
t_setup "the Soft Reserved layout of hmem_test=1" mock_sr 1
s=$(sr_start 0) e=$(sr_end 0)
wait_decision
wait_state "$s" "$e" cxl
t_check "1: hmem_platform.1 is bound to dax_hmem" test -e /sys/bus/platform/devices/hmem_platform.1/driver
t_is "1: region0 is committed" region0 committed_regions
t_is "1: dax_cxl owns the Soft Reserved range (sysfs + /proc/iomem)" cxl owner_state "$s" "$e"
t_is "1: region0's dax region is bound to dax_cxl" cxl_dax_region driver_of dax_region0
t_none "1: no dax device under an hmem.N device" dax_ranges hmem
t_dmesg "1: the decision waits for CXL devices to probe" "$DECIDING"
t_dmesg "1: per-range line says inside region0" "Soft Reserved $(memrange "$s" "$e") in CXL window .*: owner dax_cxl, inside region0"
t_dmesg "1: dax_cxl waited for dax_hmem's decision" 'waiting for dax_hmem to decide'
t_dmesg "1: summary names dax_cxl" "all 1 ranges inside committed regions, dax_cxl owns them all"
t_some "1: cxl_pci, unloaded before, was loaded by the decision" modules_matching "cxl_pci "
t_is "1: the Soft Reserved entry stays in /proc/iomem, the only one" "$SR_LIST" sr_entries
t_is "1: /proc/iomem at the range" "CXL Window 0 > region0 > Soft Reserved > dax" iomem_chain_nokmem "$s"
t_map covered-cxl-owns

# Once per boot (per cxl_test load here): CXL owns region0's range from
# this decision on. Bound again, dax_hmem replays the decision; once
# region0 is destroyed (its decoders reset), a reloaded dax_hmem still
# leaves the range alone: no decoder routes it any more.
CXL_SINCE="Soft Reserved $(memrange "$s" "$e"): CXL's for this boot, not dax_hmem's"
CXL_ALL1='all 1 ranges inside committed regions, dax_cxl owns them all'
t_mark
t_setup "unbind and bind hmem_platform.1" sh -c 'echo hmem_platform.1 >/sys/bus/platform/drivers/hmem_platform/unbind &&
	echo hmem_platform.1 >/sys/bus/platform/drivers/hmem_platform/bind'
wait_klog "the replayed decision" "$CXL_SINCE"
t_absent "1: bound again: no decision taken again" "$CXL_ALL1"
t_logcount "1: bound again: one line says the range is CXL's" 1 "$CXL_SINCE"
t_is "1: bound again: region0's dax region stays dax_cxl's" cxl owner_state "$s" "$e"
gran0=$(cat /sys/bus/cxl/devices/region0/interleave_granularity)
targets0=$(targets_of region0)
t_setup "cxl disable-region region0; cxl destroy-region region0" \
	sh -c 'cxl disable-region region0 && cxl destroy-region -f region0'
t_none "1: region0 destroyed: no committed region" committed_regions
t_mark
t_setup "rmmod dax_hmem; modprobe dax_hmem" sh -c 'rmmod dax_hmem && modprobe dax_hmem'
wait_klog "the replayed decision after the reload" "$CXL_SINCE"
t_none "1: region0 destroyed, dax_hmem reloaded: no dax_hmem device" dax_ranges hmem
t_logcount "1: region0 destroyed, dax_hmem reloaded: the line logged once" 1 "$CXL_SINCE"
t_is "1: region0 destroyed, dax_hmem reloaded: nobody owns the range" none owner_state "$s" "$e"
# Re-partitioning without a reboot: the range CXL owned is the lowest free
# space of window 0 again, for a region with region0's targets and size.
# shellcheck disable=SC2086 # the targets, one word each
r=$(mkregion decoder0.0 "$gran0" $((e - s + 1)) $targets0 2>&1)
t_diag "region0 again ($targets0, granularity $gran0): $r"
t_check "1, recreated: cxl create-region with region0's targets and size" is_region "$r"
t_is "1, recreated: it gets region0's range, the Soft Reserved range" "$(printf '%#x' "$s")" region_start "$r"
settle
wait_dax_of "$r"
t_is "1, recreated: dax_cxl's dax device is the range" "$(printf '%#x-%#x' "$s" "$e")" dax_of "$r"
t_is "1, recreated: /proc/iomem: Soft Reserved under the new region" \
	"CXL Window 0 > $r > Soft Reserved > dax" iomem_chain_nokmem "$s"
t_is "1, recreated: the Soft Reserved entry stays, the only one" "$SR_LIST" sr_entries
t_map recreated-cxl-owns
t_setup "unload" unload

# load_nodax ARGS...: load cxl_test with ARGS while uevents cannot load
# dax_hmem (or dax_cxl, which would request it: kmod ignores install rules
# for dax_hmem, which has a softdep): this load's decision is still to take.
load_nodax() {
	! grep -q "^dax_hmem " /proc/modules || rmmod dax_hmem || return 1
	printf 'blacklist dax_hmem\nblacklist dax_cxl\n' >/etc/modprobe.d/cxlsr-late.conf
	mock_load "$@"
	_rc=$?
	rm -f /etc/modprobe.d/cxlsr-late.conf
	[ $_rc = 0 ] || return 1
	! grep -q "^dax_hmem " /proc/modules || { echo "ERROR: dax_hmem is loaded"; return 1; }
}

# load_late_hmem DELAY_MS ARGS...: the order udev gives on a server
# (memdevs, then the CXL root, cxl_acpi, then dax_hmem), with this load's
# decision still to take. cxl_test is loaded by load_nodax, with its
# platform devices left unbound (drivers_autoprobe 0): no region may be
# assembled and torn down before dax_hmem decides, since a reset region's
# range is CXL's for good. Then the mock memdevs are probed, endpoint probes made
# DELAY_MS slow, the root bound, and dax_hmem and dax_cxl loaded.
load_late_hmem() {
	_delay=$1
	shift
	echo 0 >/sys/bus/platform/drivers_autoprobe
	load_nodax "$@"
	_rc=$?
	echo 1 >/sys/bus/platform/drivers_autoprobe
	[ $_rc = 0 ] || return 1
	for _d in /sys/bus/platform/devices/*; do
		case ${_d##*/} in cxl_acpi.* | hmem_platform.*) continue ;; esac
		[ -e "$_d/driver" ] || echo "${_d##*/}" >/sys/bus/platform/drivers_probe
	done
	settle
	echo "$_delay" >/sys/module/cxl_test/parameters/attach_delay_ms &&
		echo cxl_acpi.0 >/sys/bus/platform/drivers/cxl_acpi/bind &&
		modprobe dax_hmem && modprobe dax_cxl
}

# The order udev gives: memdevs (cxl_pci, cxl_mem) are there before the CXL
# root (cxl_acpi), whose probe queues the bus rescan that attaches them and
# assembles region0. dax_hmem decides right after cxl_acpi binds; the
# decision must wait for that rescan, every time. attach_delay_ms makes
# each endpoint probe as slow as on real devices, so that the rescan is
# still running when dax_hmem's work starts. A fresh cxl_test load each
# time: the decision is taken once per load.
UDEV_ORDER_RUNS=${UDEV_ORDER_RUNS:-3}
udev_order() {
	bad=0 i=0
	while [ $i -lt "$UDEV_ORDER_RUNS" ]; do
		n=$(decisions)
		if ! load_late_hmem 150 hmem_test=1; then
			bad=$((bad + 1))
			t_diag "run $i: cxl_test or dax_hmem did not load in udev order"
		fi
		wait_decision "$n" || bad=$((bad + 1))
		wait_state "$s" "$e" cxl
		got=$(owner_state "$s" "$e")
		[ "$got" = cxl ] || { bad=$((bad + 1)); t_diag "run $i: owner $got"; }
		i=$((i + 1))
		[ $i = "$UDEV_ORDER_RUNS" ] || mock_unload || bad=$((bad + 1))
	done
	echo 0 >/sys/module/cxl_test/parameters/attach_delay_ms
	t_diag "udev order: $UDEV_ORDER_RUNS runs, $bad not owned by CXL"
	[ $bad = 0 ]
}
t_mark
t_check "1: udev order (memdevs, then cxl_acpi, then dax_hmem) x$UDEV_ORDER_RUNS: CXL owns every time" udev_order
t_eq "1: every udev-order decision named dax_cxl" "$UDEV_ORDER_RUNS $UDEV_ORDER_RUNS" \
	"$(klog_count 'Soft Reserved in CXL windows: ') $(klog_count 'dax_cxl owns them all')"

# Unbinding and binding region0's memdevs tears region0 down (its decoders
# reset): a reloaded dax_hmem leaves the range alone, as after a destroy.
memdevs_of_region0() {
	for t in /sys/bus/cxl/devices/region0/target*; do
		memdev_of "$(cat "$t")"
	done
}
unbind_memdevs() {
	_m=$(memdevs_of_region0)
	[ -n "$_m" ] || { echo "ERROR: no memdev behind region0"; return 1; }
	for _x in $_m; do echo "$_x" >/sys/bus/cxl/drivers/cxl_mem/unbind || return 1; done
	echo "$_m" >/tmp/memdevs_unbound
}
rebind_memdevs() {
	unbind_memdevs || return 1
	while read -r _x; do
		echo "$_x" >/sys/bus/cxl/drivers/cxl_mem/bind || return 1
	done </tmp/memdevs_unbound
	settle
}
t_setup "unbind and bind region0's memdevs" rebind_memdevs
t_mark
t_setup "rmmod dax_hmem; modprobe dax_hmem" sh -c 'rmmod dax_hmem && modprobe dax_hmem'
wait_klog "the replayed decision after the reload" "$CXL_SINCE"
t_none "1: memdevs bound again, dax_hmem reloaded: no dax_hmem device" dax_ranges hmem
t_logcount "1: memdevs bound again, dax_hmem reloaded: the line logged once" 1 "$CXL_SINCE"
t_setup "unload" unload

# Unbinding hmem_platform.1 while its decision waits for CXL to settle
# (slow endpoint probes) stops the decision: none is logged and no
# dax_hmem device registered. Nothing decides then, so region0 gets
# dax_cxl's device, as without dax_hmem, and dax_cxl's claim makes the
# range CXL's for the load: a new bind replays that.
unbind_while_waiting() {
	t_mark
	load_late_hmem 500 hmem_test=1 || return 1
	wait_klog "the decision to wait for CXL" "$DECIDING" &&
		echo hmem_platform.1 >/sys/bus/platform/drivers/hmem_platform/unbind
	echo 0 >/sys/module/cxl_test/parameters/attach_delay_ms
	settle
}
t_setup "modprobe dax_cxl" modprobe dax_cxl
t_setup "unbind hmem_platform.1 while its decision waits for CXL" unbind_while_waiting
wait_dax_of region0
t_eq "1: unbound while waiting: no decision taken" 0 "$(decisions)"
t_none "1: unbound while waiting: no dax_hmem device" dax_ranges hmem
t_is "1: unbound while waiting: region0 gets dax_cxl's device" cxl owner_state "$s" "$e"
t_dmesg "1: unbound while waiting: the log says the range was left undecided" \
	'1 Soft Reserved range\(s\) in CXL windows: left undecided, unbinding'
t_mark
echo hmem_platform.1 >/sys/bus/platform/drivers/hmem_platform/bind
wait_klog "the replayed record" "$CXL_SINCE"
t_logcount "1: bound again: dax_cxl took the undecided range, it stays CXL's (one line)" 1 "$CXL_SINCE"
t_setup "unload" unload

# A region reset before this load's first decision (dax_hmem not loaded
# yet; destroyed, or its memdevs unbound) leaves memory that no decoder
# routes any more: the decision must not give it to dax_hmem. Either way
# nothing brings region0 back, and nobody owns the range.
reset_before_decision() {
	t_mark
	load_nodax hmem_test=1 || return 1
	case $1 in
	destroy) cxl destroy-region -f region0 ;;
	*) unbind_memdevs ;;
	esac || return 1
	modprobe dax_hmem
}
for how in destroy:none unbind:none; do
	want=${how#*:} how=${how%:*}
	t_setup "region0 reset ($how) before dax_hmem loads" reset_before_decision "$how"
	wait_klog "the line for the reset region" "$CXL_SINCE"
	wait_state "$s" "$e" "$want"
	t_logcount "1: region0 reset ($how) before the decision: one line says the range is CXL's" 1 "$CXL_SINCE"
	t_none "1: region0 reset ($how) before the decision: no dax_hmem device" dax_ranges hmem
	t_is "1: region0 reset ($how) before the decision: owner $want" "$want" owner_state "$s" "$e"
	t_absent "1: region0 reset ($how) before the decision: no decision taken" "Soft Reserved in CXL windows: "
	t_setup "unload" unload
done

# --- hmem_test=3: HMAT also hands dax_hmem a target that is not Soft
# Reserved (an SRAT range spanning window 0): only the Soft Reserved range,
# which region0 covers, is decided, and CXL owns it.
# and cxl_pci cannot be loaded: the decision names it and goes on.
echo "install cxl_pci /bin/false" >/etc/modprobe.d/cxlsr-refuse.conf
t_setup "cxl_test hmem_test=3 loads" load hmem_test=3
t_setup "the Soft Reserved layout of hmem_test=3" mock_sr 3
s=$(sr_start 0) e=$(sr_end 0)
wait_decision
rm -f /etc/modprobe.d/cxlsr-refuse.conf
t_dmesg "3: a request that fails is logged, naming the driver and modprobe's wait status" \
	'could not load cxl_pci \(256\), deciding without it'
t_none "3: cxl_pci stayed unloaded" modules_matching "cxl_pci "
wait_state "$s" "$e" cxl
t_is "3: dax_cxl owns the Soft Reserved range" cxl owner_state "$s" "$e"
t_none "3: no dax device under an hmem.N device, none for the SRAT target" dax_ranges hmem
t_is "3: one range decided, exactly the Soft Reserved one" "$SR_LIST" decided_ranges
t_dmesg "3: summary names dax_cxl" "all 1 ranges inside committed regions, dax_cxl owns them all"
t_setup "unload" unload

# --- hmem_test=1 fail_autoassemble=1: region never commits -> HMEM owns it
t_setup "cxl_test hmem_test=1 fail_autoassemble=1 loads" load hmem_test=1 fail_autoassemble=1
t_setup "the Soft Reserved layout of hmem_test=1 (fail_autoassemble)" mock_sr 1
s=$(sr_start 0) e=$(sr_end 0)
wait_decision
wait_state "$s" "$e" hmem
t_none "1, fail_autoassemble: no committed region" committed_regions
t_is "1, fail_autoassemble: dax_hmem's one dax device is exactly the range" "$SR_LIST" dax_ranges hmem
t_dmesg "1, fail_autoassemble: per-range line names the uncovered part" "owner dax_hmem, $(memrange "$s" "$e") not covered by a committed RAM region"
t_is "1, fail_autoassemble: owner state (sysfs + /proc/iomem)" hmem owner_state "$s" "$e"
t_check "1, fail_autoassemble: /proc/iomem: Soft Reserved > dax inside CXL Window 0" \
	sh -c ". /tests/own.sh; iomem_chain $s | grep -q '^CXL Window 0 > .*Soft Reserved > dax'"
t_diag "iomem at $s: $(iomem_chain "$s")"
t_map uncovered-hmem-owns
t_setup "unload" unload

# --- hmem_test=2: one range covered, one not -> HMEM owns both
t_setup "cxl_test hmem_test=2 loads" load hmem_test=2
t_setup "the Soft Reserved layout of hmem_test=2" mock_sr 2
s0=$(sr_start 0) e0=$(sr_end 0) s1=$(sr_start 1) e1=$(sr_end 1)
wait_decision
wait_state "$s0" "$e0" hmem
wait_state "$s1" "$e1" hmem
t_is "2: dax_hmem's dax devices are exactly the two ranges" "$SR_LIST" dax_ranges hmem
t_none "2: no dax device of dax_cxl" dax_ranges cxl
t_is "2: region0 stays committed (not torn down)" region0 committed_regions
t_is "2: region0's dax region stays unbound, as a breadcrumb" unbound driver_of dax_region0
t_dmesg "2: dax_cxl lost, the log naming the owner" "dax_region0: dax region .* refused: .* is a dax region of hmem"
t_check "2: the refusal is an error (a firmware or driver conflict)" \
	sh -c "dmesg -r | grep -Eq '^<3>.*dax_region0: dax region .* refused: .* is a dax region of hmem'"
echo dax_region0 >/sys/bus/cxl/drivers_probe 2>/dev/null
t_logcount "2: reported once, not again when region0's dax region probes again" 1 \
	'dax_region0: dax region .* refused'
t_dmesg "2: summary: 1 of 2 covered, dax_hmem owns them all" "1 of 2 ranges inside committed regions, dax_hmem owns them all"
t_is "2: owner state of the covered range" hmem owner_state "$s0" "$e0"
t_is "2: owner state of the uncovered range" hmem owner_state "$s1" "$e1"
t_is "2: /proc/iomem at the covered range" "CXL Window 0 > region0 > Soft Reserved > dax" iomem_chain_nokmem "$s0"
t_is "2: /proc/iomem at the uncovered range" "CXL Window 0 > Soft Reserved > dax" iomem_chain_nokmem "$s1"
t_map mixed-hmem-owns-both

# Refusal: window 0 has 256 MiB left past dax_hmem's ranges. A 1-way
# 256 MiB region fits there and is none of dax_hmem's business; a 2-way
# 512 MiB one only fits over dax_hmem's ranges. RAM regions, through sysfs.
gran=$(regions -r region0 | jq -r '.[0].interleave_granularity')
# memdev behind region0's target N (an endpoint decoder)
target_memdev() { memdev_of "$(cat /sys/bus/cxl/devices/region0/target"$1")"; }
m0=$(target_memdev 0) m1=$(target_memdev 1)
t_diag "region0: granularity $gran, memdevs $m0 $m1"
t_mark
out=$(mkregion decoder0.0 "$gran" 0x20000000 "$m0" "$m1" 2>&1)
t_diag "2-way region in window 0: $out"
t_check "2: a 2-way region over dax_hmem's ranges fails with ERANGE, as in 6.12" \
	sh -c "echo '$out' | grep -qi 'out of range'"
t_dmesg "2: the kernel names the Soft Reserved range in the way" \
	"HPA allocation of 0x0*20000000 in CXL Window 0 \\[mem .*\\] refused: no room outside Soft Reserved $(memrange "$s0" "$e0")"
t_logcount "2: one line for the refused request" 1 'refused: no room outside Soft Reserved'
t_none "2: the refusal is not logged as an error" klog_errors 'refused: no room outside'
t_is "2: only region0 exists after the refusal" region0 region_names
free=$(spare_memdevs "$m0" "$m1" | head -n 1)
r=$(mkregion decoder0.0 "$gran" 0x10000000 "$free" 2>&1)
t_diag "1-way region with $free: $r"
settle
wait_dax_of "$r"
t_check "2: a 1-way region next to dax_hmem's ranges is created" is_region "$r"
t_is "2: dax_cxl owns it: its dax device is the rest of window 0" "$(w0_range 768 1024)" dax_of "$r"
t_eq "2: and dax_hmem still owns its ranges" "hmem hmem" "$(owner_state "$s0" "$e0") $(owner_state "$s1" "$e1")"
t_setup "remove it" rmregion "$r"

# Unbound, dax_hmem lets go: the ranges stay "Soft Reserved", as in 6.12
t_setup "unbind hmem_platform.1" sh -c 'echo hmem_platform.1 >/sys/bus/platform/drivers/hmem_platform/unbind'
settle
t_is "2, hmem_platform.1 unbound: both Soft Reserved entries stay" "$SR_LIST" sr_entries
t_eq "2, hmem_platform.1 unbound: both ranges are released" "none none" "$(owner_state "$s0" "$e0") $(owner_state "$s1" "$e1")"
t_is "2, hmem_platform.1 unbound: /proc/iomem at the covered range" "CXL Window 0 > region0 > Soft Reserved" iomem_chain_nokmem "$s0"
t_is "2, hmem_platform.1 unbound: region0's dax region is not bound behind the admin's back" \
	unbound driver_of dax_region0
# (cxl_dax_region has no bind file: the bus's drivers_probe does it)
# An unbind is not a hand-over: the range stays dax_hmem's record.
t_mark
t_setup "probe region0's dax region" sh -c 'echo dax_region0 >/sys/bus/cxl/drivers_probe'
settle
t_is "2, hmem_platform.1 unbound: region0's dax region does not take dax_hmem's range" \
	unbound driver_of dax_region0
t_dmesg "2, hmem_platform.1 unbound: the log says why" \
	"dax_region0: $(memrange "$s0" "$e0"): dax_hmem owns the Soft Reserved memory in it, not taken"
t_eq "2, hmem_platform.1 unbound: nobody owns either range" "none none" "$(owner_state "$s0" "$e0") $(owner_state "$s1" "$e1")"
t_setup "rmmod dax_cxl" rmmod dax_cxl
t_mark
t_setup "bind hmem_platform.1" sh -c 'echo hmem_platform.1 >/sys/bus/platform/drivers/hmem_platform/bind'
settle
wait_state "$s0" "$e0" hmem
t_eq "2, taken back: dax_hmem owns both ranges again" "hmem hmem" "$(owner_state "$s0" "$e0") $(owner_state "$s1" "$e1")"
t_logcount "2, taken back: the boot's decision replayed for both ranges" 2 \
	"Soft Reserved .*: dax_hmem's since this boot's decision, registered again \\(1 part\\(s\\)\\)"
t_absent "2, taken back: no decision taken again" "1 of 2 ranges inside committed regions, dax_hmem owns them all"
t_map after-rebind
t_mark
t_setup "modprobe dax_cxl" modprobe dax_cxl
settle
wait_klog "dax_region0's refusal" 'dax_region0: dax region .* refused'
t_eq "2, dax_cxl loaded again: region0's dax region lost again, dax_hmem keeps both" "hmem hmem" \
	"$(owner_state "$s0" "$e0") $(owner_state "$s1" "$e1")"

# While dax_hmem owns region0's memory, region0 keeps its decoders: a reset
# would pull memory kmem may have online from under it (on a server, a
# machine check), and a reload of dax_hmem registers it again.
KEPT="region0: dax_hmem owns the Soft Reserved memory in $(memrange "$s0" "$e0")"
t_mark
t_check "2: commit=0 on region0 is refused (EBUSY)" \
	sh -c 'echo 0 2>&1 >/sys/bus/cxl/devices/region0/commit | grep -q "busy"'
t_dmesg "2: the refusal names dax_hmem" "$KEPT: not reset"
t_check "2: cxl destroy-region region0 fails" sh -c '! cxl destroy-region -f region0'
t_check "2: deleting region0 is refused (EBUSY)" \
	sh -c 'echo region0 2>&1 >/sys/bus/cxl/devices/decoder0.0/delete_region | grep -q "busy"'
t_check "2: detaching region0's first target is refused (EBUSY)" \
	sh -c 'echo 2>&1 >/sys/bus/cxl/devices/region0/target0 | grep -q "busy"'
t_is "2: region0 stays committed" region0 committed_regions
t_setup "unbind region0's memdevs from cxl_mem" unbind_memdevs
t_dmesg "2: memdevs unbound: region0's decoders are left committed" "$KEPT: decoders left committed"
t_eq "2: memdevs unbound: dax_hmem keeps both ranges" "hmem hmem" \
	"$(owner_state "$s0" "$e0") $(owner_state "$s1" "$e1")"
t_setup "unload" unload

# A release while the decision runs: a pending range has no hmem.N device,
# so no owner attribute to write, until the decision registers it.
# owner_values: the owner attribute of every hmem.N device
owner_values() {
	for _f in /sys/bus/platform/devices/hmem.*/owner; do
		[ ! -e "$_f" ] || cat "$_f"
	done
}
t_mark
t_setup "cxl_test hmem_test=2, endpoint probes slow" load_late_hmem 500 hmem_test=2
wait_klog "the decision to wait for CXL" "$DECIDING"
t_none "while deciding: no owner attribute to write" owner_values
echo 0 >/sys/module/cxl_test/parameters/attach_delay_ms
wait_decision
t_is "decided: each range's hmem device has its owner attribute" "dax_hmem dax_hmem" owner_values
t_setup "unload" unload

# --- hmem_test=2 again: the administrator gives dax_hmem's memory to CXL
# and back ("Giving Soft Reserved memory back to CXL" in driver-api/cxl).
# The uncovered range, at 512 MiB into window 0, is where a 1-way 256 MiB
# region goes first once it is CXL's: region0 holds the first 512 MiB.
OWNER_LOG="Soft Reserved $(memrange "$s1" "$e1"): handed from"
t_setup "cxl_test hmem_test=2 loads" load hmem_test=2
wait_decision
wait_state "$s1" "$e1" hmem
h1=$(hmem_of "$s1")
t_diag "the uncovered range's device: $h1"
t_is "hand-over: the uncovered range's hmem device says dax_hmem owns it" dax_hmem cat "/sys/bus/platform/devices/$h1/owner"
d1=$(dax_devices | awk -v p="$h1" '$5 == p { print $1 }')
t_setup "its dax device to kmem (added, offline)" \
	sh -c "daxctl reconfigure-device -m system-ram --no-online -f $d1 >/dev/null 2>&1; true"
t_check "hand-over: the range's memory is System RAM (kmem)" \
	sh -c ". /tests/own.sh; iomem_chain $s1 | grep -q 'System RAM (kmem)'"
t_mark
t_check "hand-over: refused (EBUSY) while the memory is System RAM" \
	write_refused "/sys/bus/platform/devices/$h1/owner" cxl busy
t_dmesg "hand-over: the refusal says why" "Soft Reserved $(memrange "$s1" "$e1"): System RAM in it, not handed over"
t_is "hand-over refused: dax_hmem still owns it" hmem owner_state "$s1" "$e1"
t_setup "daxctl reconfigure-device -m devdax" daxctl reconfigure-device -m devdax -f "$d1"
t_mark
t_setup "echo cxl > $h1/owner" sh -c "echo cxl >/sys/bus/platform/devices/$h1/owner"
t_logcount "hand-over: one line says the range went from dax_hmem to CXL" 1 "$OWNER_LOG dax_hmem to CXL \\(1 part\\(s\\) released\\)"
t_is "hand-over: $h1 says cxl" cxl cat "/sys/bus/platform/devices/$h1/owner"
t_is "hand-over: nobody owns the range" none owner_state "$s1" "$e1"
t_is "hand-over: the covered range stays dax_hmem's (one range, not the window)" hmem owner_state "$s0" "$e0"
t_is "hand-over: both Soft Reserved entries stay" "$SR_LIST" sr_entries
t_check "hand-over: binding $h1 again is refused" \
	write_refused /sys/bus/platform/drivers/hmem/bind "$h1" busy
gran=$(cat /sys/bus/cxl/devices/region0/interleave_granularity)
m_used=$(targets_of region0)
# shellcheck disable=SC2086 # one word per memdev
free=$(spare_memdevs $m_used | head -n 1)
t_mark
r=$(mkregion decoder0.0 "$gran" 0x10000000 "$free" 2>&1)
t_diag "1-way region with $free: $r"
t_check "hand-over: cxl create-region over the range succeeds" is_region "$r"
t_is "hand-over: the new region starts at the range (first fit)" "$(printf '%#x' "$s1")" region_start "$r"
settle
wait_dax_of "$r"
t_is "hand-over: dax_cxl owns the range" cxl owner_state "$s1" "$e1"
t_is "hand-over: /proc/iomem: Soft Reserved under the new region" \
	"CXL Window 0 > $r > Soft Reserved > dax" iomem_chain_nokmem "$s1"
t_map handed-to-cxl

# Back to dax_hmem, only while a committed region decodes the range and
# nothing else holds it: not while the region's memory is System RAM, nor
# while dax_cxl's dax device is there
t_mark
t_check "hand-back: refused (EBUSY) while the region's memory is System RAM" \
	write_refused "/sys/bus/platform/devices/$h1/owner" dax_hmem busy
for d in $(dax_devices | awk -v p="$r" '$5 == p { print $1 }'); do
	daxctl reconfigure-device -m devdax -f "$d" >/dev/null 2>&1
done
t_check "hand-back: refused (EBUSY) while dax_cxl holds the region's memory" \
	write_refused "/sys/bus/platform/devices/$h1/owner" dax_hmem busy
t_dmesg "hand-back refused: the log says why" "$(memrange "$s1" "$e1"): held by another driver, stays CXL's"
t_is "hand-back refused: dax_cxl keeps the range" cxl owner_state "$s1" "$e1"
t_is "hand-back refused: $h1 still says cxl" cxl cat "/sys/bus/platform/devices/$h1/owner"
t_setup "cxl disable-region $r" cxl disable-region "$r"
t_mark
t_setup "echo dax_hmem > $h1/owner" sh -c "echo dax_hmem >/sys/bus/platform/devices/$h1/owner"
wait_state "$s1" "$e1" hmem
t_logcount "hand-back: one line says the range went from CXL to dax_hmem" 1 "$OWNER_LOG CXL to dax_hmem"
t_is "hand-back: dax_hmem's dax devices are the two ranges, as at boot" "$SR_LIST" dax_ranges hmem
t_check "hand-back: $r cannot be destroyed (dax_hmem owns its memory)" sh -c "! cxl destroy-region -f $r"
t_is "hand-back: $r stays committed" "region0 $r" committed_sorted
t_map handed-back-to-dax_hmem

# To CXL again, the region destroyed: nothing decodes the range, so
# nothing gives it to dax_hmem, and a new region gets it again.
for d in $(dax_devices | awk -v p="$h1" '$5 == p { print $1 }'); do
	daxctl reconfigure-device -m devdax -f "$d" >/dev/null 2>&1
done
t_setup "echo cxl > $h1/owner; cxl destroy-region $r" \
	sh -c "echo cxl >/sys/bus/platform/devices/$h1/owner && cxl destroy-region -f $r"
t_mark
t_check "destroyed: hand-back refused (ENXIO): no region decodes the range" \
	write_refused "/sys/bus/platform/devices/$h1/owner" dax_hmem "no such device"
t_dmesg "destroyed: the refusal says why" "Soft Reserved $(memrange "$s1" "$e1"): no committed region decodes all of it, stays CXL's"
t_setup "rmmod dax_hmem; modprobe dax_hmem" sh -c 'rmmod dax_hmem && modprobe dax_hmem'
wait_state "$s0" "$e0" hmem
t_is "destroyed, dax_hmem reloaded: nobody owns the range" none owner_state "$s1" "$e1"
t_is "destroyed, dax_hmem reloaded: dax_hmem has the covered range only" "$(printf '%#x-%#x' "$s0" "$e0")" dax_ranges hmem
r=$(mkregion decoder0.0 "$gran" 0x10000000 "$free" 2>&1)
t_is "destroyed: a new region gets the range again" "$(printf '%#x' "$s1")" region_start "$r"

# Two creates racing for the released range, each with a memdev of its own.
# Whatever order the kernel takes them in: each makes a region or fails
# with a message, no two regions overlap, and the range is whole under one
# region, dax_cxl's, or (the create that got it failed later) free again,
# nobody's.
# shellcheck disable=SC2086 # one word per memdev
free2=$(spare_memdevs $m_used "$free" | head -n 1)
t_setup "cxl destroy-region $r" cxl destroy-region -f "$r"
pids=
for m in "$free" "$free2"; do
	{
		cxl create-region -t ram -d decoder0.0 -g "$gran" -s 0x10000000 -w 1 -m "$m" \
			>"/tmp/race.$m" 2>"/tmp/race.$m.err"
		echo $? >"/tmp/race.$m.rc"
	} &
	pids="$pids $!"
done
# shellcheck disable=SC2086 # one word per pid
wait $pids
# race_outcome MEMDEV: the region its create made, or its error message, or
# its exit status (ndctl fails without a message when it finds no free
# endpoint decoder, as when the loser's memdev is still being let go of)
race_outcome() {
	jq -e -r .region "/tmp/race.$1" 2>/dev/null || grep -m1 . "/tmp/race.$1.err" ||
		{ [ "$(cat "/tmp/race.$1.rc")" != 0 ] && echo "failed (exit $(cat "/tmp/race.$1.rc"), no message)"; }
}
for m in "$free" "$free2"; do
	t_diag "racing create with $m: $(race_outcome "$m")"
done
settle
# race_regions: "START END NAME" of each region of decoder0.0, by address
race_regions() {
	for _r in /sys/bus/cxl/devices/decoder0.0/region*; do
		[ -e "$_r/resource" ] || continue
		_b=$(($(cat "$_r/resource"))) _z=$(($(cat "$_r/size")))
		[ "$_z" -gt 0 ] && printf '%d %d %s\n' "$_b" $((_b + _z - 1)) "${_r##*/}"
	done | sort -n
}
# regions_disjoint: each region ends before the next starts
regions_disjoint() { race_regions | awk 'NR > 1 && $1 <= end { bad = 1 } { end = $2 } END { exit bad || NR < 2 }'; }
# range_whole: the range under one region that starts at it, dax_cxl's,
# or under no region and nobody's
range_whole() {
	_rs=$(race_regions | awk -v s="$((s1))" '$1 == s { print $3 }')
	if [ -n "$_rs" ]; then
		wait_dax_of "$_rs" &&
			[ "$(iomem_chain_nokmem "$s1")" = "CXL Window 0 > $_rs > Soft Reserved > dax" ] &&
			[ "$(owner_state "$s1" "$e1")" = cxl ]
	else
		[ "$(iomem_chain "$s1")" = "CXL Window 0 > Soft Reserved" ] &&
			[ "$(owner_state "$s1" "$e1")" = none ]
	fi
}
race_each() { [ -n "$(race_outcome "$free")" ] && [ -n "$(race_outcome "$free2")" ]; }
t_check "racing creates: each made a region or failed" race_each
t_check "racing creates: no two regions of the window overlap" regions_disjoint
t_check "racing creates: the range is whole under one region, dax_cxl's, or free" range_whole
t_diag "racing creates: $(race_regions | xargs)"
t_setup "unload" unload
