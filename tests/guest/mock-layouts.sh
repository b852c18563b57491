# shellcheck shell=sh
# mock-layouts: the hostile layouts cxl_test lays out (hmem_test=4..8),
# each loaded in turn: the owner the policy gives, its log lines, the dax
# devices that tile each Soft Reserved range, every one of them usable (a
# dax driver bound, kmem here, which claims the memory in /proc/iomem), the
# /proc/iomem shape; and a memdev that arrives after the decision.
# Offsets are from the base of mock window 0, read from the topology; the
# ranges are the ones the mock declares (mock_sr).
t_plan 45
. /tests/own.sh
. /tests/mock.sh

# at OFFSET_MB: the address OFFSET_MB MiB into window 0; end_at: the last
# address before it; r OFFSET_MB END_MB: "START-END" of that part
at() { printf '%#x' $((W + $1 * 0x100000)); }
end_at() { printf '%#x' $((W + $1 * 0x100000 - 1)); }
r() { printf '%#x-%#x' $((W + $1 * 0x100000)) $((W + $2 * 0x100000 - 1)); }

# tiles START END: the dax devices over [START, END] as "OWNER:PARENT ..."
# in address order when they tile it exactly (no gap, no overlap, nothing
# beyond), else "bad: ..."
tiles() {
	[ -d /sys/bus/dax/devices ] || { echo "ERROR: no dax bus"; return 1; }
	dax_devices | while read -r _n s e o p; do
		[ $((s)) -le $(($2)) ] && [ $((e)) -ge $(($1)) ] && echo "$((s)) $((e)) $o:$p"
	done | sort -n | {
		pos=$(($1)) out='' bad=''
		while read -r s e op; do
			[ "$s" = "$pos" ] || bad="gap or overlap at $(printf %#x "$pos")"
			pos=$((e + 1)) out="$out $op"
		done
		[ "$pos" = $(($2 + 1)) ] || bad="${bad:-ends at $(printf %#x $((pos - 1)))}"
		if [ -n "$bad" ]; then echo "bad: $bad:$out"; else echo "${out# }"; fi
	}
}

# committed_ranges: "TYPE:START-END" of each committed region, in address
# order (the mock declares where its auto regions are, not their names:
# region ids come from one pool for all windows)
committed_ranges() {
	_out=$(regions -i) || { echo "$_out"; return 1; }
	echo "$_out" | jq -r '.[] | select(.decode_state == "commit") | "\(.resource) \(.size) \(.type)"' >/tmp/cr ||
		{ echo "ERROR: jq"; return 1; }
	while read -r _s _z _t; do
		printf '%d %s:%#x-%#x\n' $((_s)) "$_t" $((_s)) $((_s + _z - 1))
	done </tmp/cr | sort -n | cut -d' ' -f2
}
# layout N: load hmem_test=N, declare its ranges, wait for the decision
layout() {
	t_mark
	mock_load hmem_test="$1" || return 1
	mock_sr "$1" || return 1
	W=$(mock_w0) || { echo "$W"; return 1; }
	wait_decision
}
# refuse_resets: commit=0 fails (EBUSY) on every committed region: while
# dax_hmem owns their memory they keep their decoders
refuse_resets() {
	_out=$(regions -i) || { echo "$_out"; return 1; }
	_rs=$(echo "$_out" | jq -r '.[] | select(.decode_state == "commit") | .region') || return 1
	[ -n "$_rs" ] || { echo "no committed region"; return 1; }
	for _r in $_rs; do
		! echo 0 2>/dev/null >"/sys/bus/cxl/devices/$_r/commit" || { echo "$_r reset"; return 1; }
	done
}
KEPT=': dax_hmem owns the Soft Reserved memory in .*: not reset'
# t_layout LABEL START END: one row of the layout table (scripts/layouts.py):
# the owner(s) and number of the dax devices over the range, and how long
# the decision took from the deferral line to the summary line.
t_layout() {
	t=$(tiles "$2" "$3")
	own=$(echo "$t" | tr ' ' '\n' | cut -d: -f1 | sort -u | tr '\n' ' ' | sed 's/ $//')
	ms=$(klog | sed -n 's/^\[ *\([0-9.]*\)\].*\(deciding their owner\|Soft Reserved in CXL windows: \).*/\1/p' |
		awk 'NR == 1 { a = $1 } NR == 2 { printf "%d", ($1 - a) * 1000 }')
	echo "# cxlsr-layout $1 owner=$(echo "${own:-none}" | sed "s/\(hmem\|cxl\)/dax_\1/g") dax=$(echo "$t" | wc -w) decided_ms=${ms:--}" >>"$T_LINES"
}
# wait_usable START END N: wait for N dax devices over [START, END], each
# with a driver (the decision registers them after its summary line)
usable() { [ "$(dax_drivers "$1" "$2" | grep -cvx none)" = "$3" ]; }
wait_usable() { wait_until "$3 dax devices with a driver over $1-$2" 30 usable "$@"; }
# wait_refused N: wait for N dax regions refused (dax_cxl probes them when
# the decision has registered dax_hmem's devices)
REFUSED='dax_region[0-9]+: dax region .* refused: .* is a dax region of hmem'
refused() { [ "$(klog_count "$REFUSED")" = "$1" ]; }
wait_refused() { wait_until "$1 dax regions refused" 30 refused "$1"; }
# refusals: the dax regions refused and the HPA allocations without room
refusals() { t_diag "$(klog | grep -E 'could not reserve|refused' | sed 's/^\[[^]]*\] //')"; }

# --- 4: one range over two contiguous committed regions (union) -> CXL
t_setup "cxl_test hmem_test=4 loads" layout 4
s=$(at 0) e=$(end_at 768)
wait_usable "$s" "$e" 2
t_is "4: two committed RAM regions, the auto regions" "ram:$(r 0 512) ram:$(r 512 768)" committed_ranges
t_dmesg "4: the range is inside 2 contiguous regions" \
	"Soft Reserved $(memrange "$s" "$e") in CXL window .*: owner dax_cxl, inside 2 contiguous regions region[0-9]+\.\.region[0-9]+"
t_dmesg "4: dax_cxl owns them all" "all 1 ranges inside committed regions, dax_cxl owns them all"
t_is "4: two dax_cxl devices tile the range, one per region" "$(r 0 512) $(r 512 768)" dax_ranges cxl
t_is "4: kmem drives both" "kmem kmem" dax_drivers "$s" "$e"
refusals
t_is "4: /proc/iomem" "CXL Window 0 > Soft Reserved > region0 > dax" iomem_chain_nokmem "$s"
t_none "4: the Soft Reserved entry stays" sr_missing
t_map union-cxl-owns
t_layout "cxl_test hmem_test=4: union-cxl-owns" "$s" "$e"

# --- 14: a memdev that arrives after the decision (unbound and bound
# again: a new memdev), and a region made on it next to the range
# memdevs of the regions' targets (endpoint decoders)
in_regions() {
	for t in /sys/bus/cxl/devices/region*/target[0-9]*; do
		[ -e "$t" ] || continue
		d=$(cat "$t")
		[ -n "$d" ] && memdev_of "$d"
	done
}
t_diag "memdevs in regions: $(in_regions | tr '\n' ' ')"
hot=$(cxl list -M -d decoder0.0 | jq -s -r 'flatten | .[] | "\(.memdev) \(.host)"' |
	while read -r m h; do in_regions | grep -qx "$m" || { echo "$h"; break; }; done)
t_diag "hot-added device: $hot"
t_mark
t_setup "remove $hot" sh -c "echo '$hot' >/sys/bus/platform/drivers/cxl_mock_mem/unbind"
settle
t_setup "add $hot back" sh -c "echo '$hot' >/sys/bus/platform/drivers/cxl_mock_mem/bind"
settle
mem=$(cxl list -M | jq -r ".[] | select(.host == \"$hot\") | .memdev")
wait_until "an endpoint of '$mem'" 30 endpoint_of "$mem"
t_check "14: the added device's memdev has an endpoint" endpoint_of "$mem"
rg=$(mkregion decoder0.0 4096 0x10000000 "$mem" 2>&1)
t_diag "region on $mem: $rg"
settle
wait_dax_of "$rg"
t_is "14: a region on it gets a dax_cxl device next to the range, outside Soft Reserved memory" \
	"$(r 768 1024)" dax_of "$rg"
t_absent "14: no new decision" "$DECIDING"
t_absent "14: dax_cxl did not wait for it" 'waiting for dax_hmem to decide'
t_is "14: the range stays CXL's, the new region's device next to it" "$(r 0 512) $(r 512 768) $(r 768 1024)" dax_ranges cxl
t_setup "remove the region" rmregion "$rg"
t_setup "unload" mock_unload
# the positive control of sr_missing: cxl_test took its Soft Reserved
# entry away with it
t_is "4, unloaded: the mock's Soft Reserved entry went with cxl_test" "$SR_LIST" sr_missing

# --- 5: one range over two committed regions and the hole between them
t_setup "cxl_test hmem_test=5 loads" layout 5
s=$(at 0) e=$(end_at 1024)
wait_usable "$s" "$e" 3
wait_refused 2
t_dmesg "5: the hole is named" \
	"Soft Reserved $(memrange "$s" "$e") in CXL window .*: owner dax_hmem, $(memrange "$(at 512)" "$(end_at 768)") not covered by a committed RAM region"
t_dmesg "5: dax_hmem owns them all" "0 of 1 ranges inside committed regions, dax_hmem owns them all"
t_dmesg "5: registered in 3 parts" "Soft Reserved $(memrange "$s" "$e"): registered in 3 parts, cut where the CXL regions inside it begin and end"
t_is "5: three dax_hmem devices tile the range, cut where the regions begin and end" \
	"$(r 0 512) $(r 512 768) $(r 768 1024)" dax_ranges hmem
t_is "5: kmem drives all three" "kmem kmem kmem" dax_drivers "$s" "$e"
refusals
t_logcount "5: both regions' dax regions refused" 2 "$REFUSED"
t_is "5: both regions stay committed, as breadcrumbs" "ram:$(r 0 512) ram:$(r 768 1024)" committed_ranges
t_is "5: /proc/iomem in the hole" "CXL Window 0 > Soft Reserved > dax" iomem_chain_nokmem "$(at 512)"
t_is "5: /proc/iomem in a region" "CXL Window 0 > Soft Reserved > region0 > dax" iomem_chain_nokmem "$s"
t_map hole-hmem-owns
t_layout "cxl_test hmem_test=5: hole-hmem-owns" "$s" "$e"
t_mark
t_check "5: commit=0 is refused on every committed region (dax_hmem owns their memory)" refuse_resets
t_logcount "5: one line per refused reset, naming dax_hmem" 2 "$KEPT"
t_setup "unload" mock_unload

# --- 6: the range inside a larger region -> dax_hmem (dax_cxl's device
# could not claim the region: the range's entry sits inside it)
t_setup "cxl_test hmem_test=6 loads" layout 6
s=$(at 0) e=$(end_at 256)
wait_usable "$s" "$e" 1
wait_refused 1
t_dmesg "6: the region reaching beyond is named" \
	"Soft Reserved $(memrange "$s" "$e") in CXL window .*: owner dax_hmem, region0 $(memrange "$s" "$(end_at 512)") reaches beyond Soft Reserved memory"
t_is "6: one dax_hmem device is exactly the range" "$SR_LIST" dax_ranges hmem
t_is "6: kmem drives it" kmem dax_drivers "$s" "$e"
refusals
t_dmesg "6: region0's dax region refused" "dax_region0: dax region .* refused: .* is a dax region of hmem"
t_is "6: /proc/iomem" "CXL Window 0 > region0 > Soft Reserved > dax" iomem_chain_nokmem "$s"
t_map region-larger-hmem-owns
t_layout "cxl_test hmem_test=6: region-larger-hmem-owns" "$s" "$e"
t_mark
t_check "6: commit=0 is refused on every committed region (dax_hmem owns their memory)" refuse_resets
t_logcount "6: one line per refused reset, naming dax_hmem" 1 "$KEPT"
t_setup "unload" mock_unload

# --- 7: the range larger than the region
t_setup "cxl_test hmem_test=7 loads" layout 7
s=$(at 0) e=$(end_at 768)
wait_usable "$s" "$e" 2
wait_refused 1
t_dmesg "7: the uncovered tail is named" \
	"Soft Reserved $(memrange "$s" "$e") in CXL window .*: owner dax_hmem, $(memrange "$(at 512)" "$e") not covered by a committed RAM region"
t_dmesg "7: registered in 2 parts" "Soft Reserved $(memrange "$s" "$e"): registered in 2 parts, cut where the CXL regions inside it begin and end"
t_is "7: two dax_hmem devices tile the range, cut where region0 ends" "$(r 0 512) $(r 512 768)" dax_ranges hmem
t_is "7: kmem drives both" "kmem kmem" dax_drivers "$s" "$e"
refusals
t_dmesg "7: region0's dax region refused" "dax_region0: dax region .* refused: .* is a dax region of hmem"
t_is "7: /proc/iomem in the region" "CXL Window 0 > Soft Reserved > region0 > dax" iomem_chain_nokmem "$s"
t_map range-larger-hmem-owns
t_layout "cxl_test hmem_test=7: range-larger-hmem-owns" "$s" "$e"
t_mark
t_check "7: commit=0 is refused on every committed region (dax_hmem owns their memory)" refuse_resets
t_logcount "7: one line per refused reset, naming dax_hmem" 1 "$KEPT"
t_setup "unload" mock_unload

# --- 8: a PMEM region over Soft Reserved memory: firmware says
# conventional memory, the decoders say persistent: they disagree, and
# dax_hmem owns the range as firmware described it
t_setup "cxl_test hmem_test=8 loads" layout 8
s=$(at 0) e=$(end_at 512)
wait_usable "$s" "$e" 1
t_is "8: region0 is a committed PMEM region" "pmem:$(r 0 512)" committed_ranges
t_dmesg "8: not covered by a committed RAM region" \
	"Soft Reserved $(memrange "$s" "$e") in CXL window .*: owner dax_hmem, $(memrange "$s" "$e") not covered by a committed RAM region"
t_is "8: one dax_hmem device is exactly the range" "$SR_LIST" dax_ranges hmem
t_is "8: kmem drives it" kmem dax_drivers "$s" "$e"
refusals
t_absent "8: dax_cxl never waited (no RAM region)" 'waiting for dax_hmem to decide'
t_is "8: /proc/iomem" "CXL Window 0 > Persistent Memory > region0 > Soft Reserved > dax" iomem_chain_nokmem "$s"
t_map pmem-hmem-owns
t_layout "cxl_test hmem_test=8: pmem-hmem-owns" "$s" "$e"
t_setup "unload" mock_unload
