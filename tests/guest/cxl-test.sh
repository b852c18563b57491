# cxl-test: cxl_test's mock topology, with and without the Soft Reserved
# mock (hmem_test=), each layout loaded in turn. Addresses come from the
# mock topology itself (cxl list), never typed here.
t_plan 59
. /tests/own.sh

# Region 0 auto-assembles at the base of mock window 0 (cxl_mem.0 + .4).
load() {
	t_mark
	modprobe cxl_mock_mem && modprobe cxl_test "$@" || return 1
	coldplug
	settle
}

# Regions go first: on 6.12, unloading cxl_test with a partially assembled
# auto region (fail_autoassemble=1) oopses in cxl_region_detach().
delete_regions() {
	for r in /sys/bus/cxl/devices/region*; do
		[ -e "$r" ] || continue
		dec=$(basename "$(dirname "$(readlink -f "$r")")")
		echo "${r##*/}" >/sys/bus/cxl/devices/$dec/delete_region
	done
}

unload() {
	for m in kmem device_dax dax_cxl dax_hmem; do
		grep -q "^$m " /proc/modules && rmmod $m
	done
	delete_regions
	for m in kmem device_dax dax_cxl dax_hmem cxl_test cxl_mock_mem cxl_mem \
		cxl_pmem cxl_port cxl_pci cxl_acpi cxl_core cxl_mock; do
		grep -q "^$m " /proc/modules && rmmod $m
	done
	settle
	left=$(grep -o "^\(cxl\|dax\)[a-z_]*" /proc/modules | tr '\n' ' ')
	[ -z "$left" ] || t_diag "still loaded: $left"
	! grep -q "^cxl_test \|^cxl_mock \|^dax_hmem \|^dax_cxl " /proc/modules
}

memdev_of() { cxl list -M | jq -r ".[] | select(.host == \"$1\") | .memdev"; }
nr_sr_entries() { grep -c ': Soft Reserved$' /proc/iomem; }

region0() { cxl list -R 2>/dev/null | jq -r '.[] | select(.region == "region0")'; }
sr_of() { # START END of mock Soft Reserved range N (0-based)
	s=$(cxl list -D -d root 2>/dev/null | jq -r '[.[] | .resource] | min')
	[ "$1" = 0 ] && printf '0x%x 0x%x\n' "$s" $((s + 0x20000000 - 1))
	[ "$1" = 1 ] && printf '0x%x 0x%x\n' $((s + 0x20000000)) $((s + 0x30000000 - 1))
}

# --- no Soft Reserved: dax_cxl binds without waiting
t_setup "cxl_test loads (no Soft Reserved)" load
t_check "cxl_acpi.0 mock root is bound" test -e /sys/bus/platform/devices/cxl_acpi.0/driver
t_check "cxl list shows mock memdevs" sh -c 'cxl list -M | jq -e "length >= 4"'
t_eq "region0 is auto-assembled, 512 MiB" 536870912 "$(region0 | jq '.size')"
t_check "a dax device sits under the CXL region" sh -c '. /tests/own.sh; dax_devices | grep -q " cxl region0"'
t_absent "dax_cxl did not wait" 'waiting for dax_hmem to decide'
t_absent "no ownership decision without Soft Reserved" 'Soft Reserved in CXL windows: '
t_map no-soft-reserved
t_setup "unload" unload

# --- hmem_test=1: one Soft Reserved range, exactly region0 -> CXL owns it.
# dax_cxl is loaded first, so that region0's dax region probes while the
# range is undecided (the mock marks it so from cxl_test's init, as
# firmware's map is known before CXL enumerates; the decision waits for
# CXL to settle): dax_cxl must wait for the decision.
t_setup "modprobe dax_cxl" modprobe dax_cxl
t_setup "cxl_test hmem_test=1 loads" load hmem_test=1
t_check "hmem_platform.1 is bound to dax_hmem" test -e /sys/bus/platform/devices/hmem_platform.1/driver
read -r s e <<EOT
$(sr_of 0)
EOT
t_eq "region0 committed" commit "$(region0 | jq -r '.decode_state // "commit"')"
t_eq "CXL owns the Soft Reserved range" cxl "$(owners_of $s $e)"
t_check "the dax device path is under cxl_acpi.0" sh -c '. /tests/own.sh; daxpaths | grep -q "/cxl_acpi.0/"'
t_check "no dax device under an hmem.N device" sh -c '. /tests/own.sh; ! daxpaths | grep -q "/platform/hmem\.[0-9]*/"'
t_dmesg "per-range line says inside region0" "Soft Reserved $(memrange $s $e) in CXL window .*: owner dax_cxl, inside region0"
t_dmesg "dax_cxl waited for dax_hmem's decision" 'waiting for dax_hmem to decide'
t_dmesg "summary names dax_cxl" "all 1 ranges inside committed regions, dax_cxl owns them all"
t_eq "owner state (sysfs + /proc/iomem)" cxl "$(owner_state $s $e)"
t_eq "the Soft Reserved entry stays in /proc/iomem" 1 "$(nr_sr_entries)"
t_check "/proc/iomem: CXL Window 0 > region0 > Soft Reserved > dax" \
	sh -c ". /tests/own.sh; iomem_chain $s | grep -q '^CXL Window 0 > region0 > Soft Reserved > dax'"
t_diag "iomem at $s: $(iomem_chain $s)"
t_map covered-cxl-owns

# The order udev gives: memdevs (cxl_pci, cxl_mem) are there before the CXL
# root (cxl_acpi), whose probe queues the bus rescan that attaches them and
# assembles region0. dax_hmem decides right after cxl_acpi binds; the
# decision must wait for that rescan, every time. attach_delay_ms makes
# each endpoint probe as slow as on real devices, so that the rescan is
# still running when dax_hmem's work starts.
UDEV_ORDER_RUNS=${UDEV_ORDER_RUNS:-6}
decisions() { klog_count 'Soft Reserved in CXL windows: '; }
udev_order() {
	echo 150 >/sys/module/cxl_test/parameters/attach_delay_ms
	bad=0 i=0
	while [ $i -lt "$UDEV_ORDER_RUNS" ]; do
		echo hmem_platform.1 >/sys/bus/platform/drivers/hmem_platform/unbind
		echo cxl_acpi.0 >/sys/bus/platform/drivers/cxl_acpi/unbind
		settle
		n=$(decisions) w=0
		echo cxl_acpi.0 >/sys/bus/platform/drivers/cxl_acpi/bind &&
			echo hmem_platform.1 >/sys/bus/platform/drivers/hmem_platform/bind
		while [ $w -lt 100 ] && [ "$(decisions)" = "$n" ]; do
			sleep 0.2
			w=$((w + 1))
		done
		wait_state $s $e cxl
		got=$(owner_state $s $e)
		[ "$got" = cxl ] || { bad=$((bad + 1)); t_diag "run $i: owner $got"; }
		i=$((i + 1))
	done
	echo 0 >/sys/module/cxl_test/parameters/attach_delay_ms
	t_diag "udev order: $UDEV_ORDER_RUNS runs, $bad not owned by CXL"
	[ $bad = 0 ]
}
t_mark
t_check "udev order (memdevs, then cxl_acpi, then dax_hmem) x$UDEV_ORDER_RUNS: CXL owns every time" udev_order
t_eq "every decision named dax_cxl" "$UDEV_ORDER_RUNS $UDEV_ORDER_RUNS" \
	"$(klog_count 'Soft Reserved in CXL windows: ') $(klog_count 'dax_cxl owns them all')"
t_setup "unload" unload

# --- hmem_test=3: HMAT also hands dax_hmem a target that is not Soft
# Reserved (an SRAT range spanning window 0): only the Soft Reserved range,
# which region0 covers, is decided, and CXL owns it.
t_setup "cxl_test hmem_test=3 loads" load hmem_test=3
read -r s e <<EOT
$(sr_of 0)
EOT
t_eq "CXL owns the Soft Reserved range" cxl "$(owner_state $s $e)"
t_eq "no dax device under an hmem.N device" 0 "$(daxpaths | grep -c '/platform/hmem\.[0-9]*/')"
t_eq "one range decided, exactly the Soft Reserved one" "$(memrange $s $e | tr -d '\\')" \
	"$(klog | sed -n 's/.*Soft Reserved \(\[mem [^]]*\]\) in CXL window.*/\1/p' | tr '\n' ' ' | sed 's/ $//')"
t_dmesg "summary names dax_cxl" "all 1 ranges inside committed regions, dax_cxl owns them all"
t_setup "unload" unload

# --- hmem_test=1 fail_autoassemble=1: region never commits -> HMEM owns it
t_setup "cxl_test hmem_test=1 fail_autoassemble=1 loads" load hmem_test=1 fail_autoassemble=1
read -r s e <<EOT
$(sr_of 0)
EOT
t_check "no committed region" sh -c '! cxl list -R | jq -e ".[] | select(.decode_state == \"commit\")"'
t_eq "dax_hmem owns the Soft Reserved range" hmem "$(owners_of $s $e)"
t_check "the dax device path is /sys/devices/platform/hmem.N/daxX.Y" sh -c '. /tests/own.sh; daxpaths | grep -q "^/sys/devices/platform/hmem\.[0-9]*/dax"'
t_dmesg "per-range line names the uncovered part" "owner dax_hmem, $(memrange $s $e) not covered by a committed RAM region"
t_eq "owner state (sysfs + /proc/iomem)" hmem "$(owner_state $s $e)"
t_check "/proc/iomem: Soft Reserved > dax inside CXL Window 0" \
	sh -c ". /tests/own.sh; iomem_chain $s | grep -q '^CXL Window 0 > .*Soft Reserved > dax'"
t_diag "iomem at $s: $(iomem_chain $s)"
t_map uncovered-hmem-owns
t_setup "unload" unload

# --- hmem_test=2: one range covered, one not -> HMEM owns both
t_setup "cxl_test hmem_test=2 loads" load hmem_test=2
read -r s0 e0 <<EOT
$(sr_of 0)
EOT
read -r s1 e1 <<EOT
$(sr_of 1)
EOT
t_eq "dax_hmem owns the covered range too" hmem "$(owners_of $s0 $e0)"
t_eq "dax_hmem owns the uncovered range" hmem "$(owners_of $s1 $e1)"
t_eq "two dax devices, both under hmem.N devices" 2 "$(daxpaths | grep -c '^/sys/devices/platform/hmem\.[0-9]*/')"
t_check "region0 is still there (not torn down)" sh -c "cxl list -R | jq -e '.[] | select(.region == \"region0\")'"
t_check "region0's dax_region stays unbound as a breadcrumb" sh -c '! test -e /sys/bus/cxl/devices/dax_region0/driver'
t_dmesg "dax_cxl lost with -EBUSY naming the owner" "dax_region0: dax region .* refused: .* is a dax region of hmem"
t_dmesg "summary: 1 of 2 covered, dax_hmem owns them all" "1 of 2 ranges inside committed regions, dax_hmem owns them all"
t_eq "owner state of the covered range" hmem "$(owner_state $s0 $e0)"
t_eq "owner state of the uncovered range" hmem "$(owner_state $s1 $e1)"
t_eq "/proc/iomem at the covered range" "CXL Window 0 > region0 > Soft Reserved > dax" "$(iomem_chain $s0 | sed 's/ > System RAM (kmem)$//')"
t_map mixed-hmem-owns-both
t_eq "/proc/iomem at the uncovered range" "CXL Window 0 > Soft Reserved > dax" \
	"$(iomem_chain $s1 | sed 's/ > System RAM (kmem)$//')"

# Refusal: window 0 has 256 MiB left past dax_hmem's ranges. A 1-way
# 256 MiB region fits there and is none of dax_hmem's business; a 2-way
# 512 MiB one only fits over dax_hmem's ranges. RAM regions, through sysfs.
gran=$(regions -r region0 | jq -r '.[0].interleave_granularity')
# memdev behind region0's target N (an endpoint decoder)
target_memdev() {
	d=$(cat /sys/bus/cxl/devices/region0/target$1)
	basename "$(readlink -f "/sys/bus/cxl/devices/endpoint$(echo "$d" | sed 's/^decoder\([0-9]*\)\..*/\1/')/uport")"
}
m0=$(target_memdev 0) m1=$(target_memdev 1)
t_diag "region0: granularity $gran, memdevs $m0 $m1"
t_mark
out=$(mkregion decoder0.0 "$gran" 0x20000000 "$m0" "$m1" 2>&1)
t_diag "2-way region in window 0: $out"
t_check "a 2-way region over dax_hmem's ranges fails with ERANGE, as in 6.12" \
	sh -c "echo '$out' | grep -qi 'out of range'"
t_dmesg "the kernel names the Soft Reserved range in the way" \
	"HPA allocation of 0x0*20000000 in CXL Window 0 \\[mem .*\\] refused: no room outside Soft Reserved $(memrange $s0 $e0)"
t_eq "one line for the refused request" 1 "$(klog_count 'refused: no room outside Soft Reserved')"
t_eq "the refusals are not logged as errors" 0 "$(klog -r | grep -Ec '^<[0-3]>.*refused: no room outside')"
t_eq "only region0 exists" region0 "$(regions | jq -r '.[].region' | tr '\n' ' ' | sed 's/ $//')"
free=$(cxl list -M -d decoder0.0 | jq -s -r 'flatten | .[].memdev' | grep -vx "$m0" | grep -vx "$m1" | head -n 1)
r=$(mkregion decoder0.0 "$gran" 0x10000000 "$free" 2>&1)
t_diag "1-way region with $free: $r"
settle
t_check "a 1-way region next to dax_hmem's ranges is created" test -e "/sys/bus/cxl/devices/$r"
t_check "dax_cxl owns it" sh -c ". /tests/own.sh; dax_devices | grep -q ' cxl $r\$'"
t_eq "and dax_hmem still owns its ranges" "hmem hmem" "$(owner_state $s0 $e0) $(owner_state $s1 $e1)"
t_setup "remove it" rmregion "$r"

# Unbound, dax_hmem lets go: the ranges stay "Soft Reserved", as in 6.12
t_setup "unbind hmem_platform.1" sh -c 'echo hmem_platform.1 >/sys/bus/platform/drivers/hmem_platform/unbind'
t_eq "both Soft Reserved entries stay" 2 "$(nr_sr_entries)"
t_eq "both ranges are released" "none none" "$(owner_state $s0 $e0) $(owner_state $s1 $e1)"
t_eq "/proc/iomem at the covered range" "CXL Window 0 > region0 > Soft Reserved" "$(iomem_chain $s0)"
t_check "region0's dax region is not bound behind the admin's back" \
	sh -c '! test -e /sys/bus/cxl/devices/dax_region0/driver'
# (cxl_dax_region has no bind file: the bus's drivers_probe does it)
t_check "the admin hands the covered range to dax_cxl" \
	sh -c 'echo dax_region0 >/sys/bus/cxl/drivers_probe'
t_eq "dax_cxl owns the covered range" cxl "$(owner_state $s0 $e0)"
t_eq "/proc/iomem at the covered range" "CXL Window 0 > region0 > Soft Reserved > dax" \
	"$(iomem_chain $s0 | sed 's/ > System RAM (kmem)$//')"
t_eq "nobody owns the uncovered range" none "$(owner_state $s1 $e1)"
t_map after-hand-off-to-dax_cxl
t_check "and takes it back: rmmod dax_cxl" rmmod dax_cxl
t_setup "bind hmem_platform.1" sh -c 'echo hmem_platform.1 >/sys/bus/platform/drivers/hmem_platform/bind'
settle
wait_state $s0 $e0 hmem
t_eq "dax_hmem owns both ranges again" "hmem hmem" "$(owner_state $s0 $e0) $(owner_state $s1 $e1)"
t_map after-hand-back-to-dax_hmem
t_setup "modprobe dax_cxl" modprobe dax_cxl
settle
t_eq "region0's dax region lost again: dax_hmem keeps both" "hmem hmem" \
	"$(owner_state $s0 $e0) $(owner_state $s1 $e1)"
t_setup "unload" unload
