# mock-layouts: the hostile layouts cxl_test lays out (hmem_test=4..8),
# each loaded in turn: the owner the policy gives, its log lines, the dax
# devices that tile each Soft Reserved range, every one of them usable (a
# dax driver bound, which claims the memory in /proc/iomem), the
# /proc/iomem shape; and a memdev that arrives after the decision.
# Offsets are from the base of mock window 0, read from the topology.
t_plan 39
. /tests/own.sh
. /tests/mock.sh

w0() { cxl list -D -d root 2>/dev/null | jq -r '[.[] | .resource] | min'; }
M=0x100000
# at OFFSET_MB: the address OFFSET_MB MiB into window 0
at() { printf '%#x' $((W + $1 * M)); }
end_at() { printf '%#x' $((W + $1 * M - 1)); }

# tiles START END: the dax devices over [START, END] as "OWNER:PARENT ..."
# in address order when they tile it exactly (no gap, no overlap, nothing
# beyond), else "bad: ..."
tiles() {
	dax_devices | while read -r n s e o p; do
		[ $((s)) -le $(($2)) ] && [ $((e)) -ge $(($1)) ] && echo "$((s)) $((e)) $o:$p"
	done | sort -n | {
		pos=$(($1)) out= bad=
		while read -r s e op; do
			[ "$s" = "$pos" ] || bad="gap or overlap at $(printf %#x "$pos")"
			pos=$((e + 1)) out="$out $op"
		done
		[ "$pos" = $(($2 + 1)) ] || bad="${bad:-ends at $(printf %#x $((pos - 1)))}"
		if [ -n "$bad" ]; then echo "bad: $bad:$out"; else echo "${out# }"; fi
	}
}

# unbound START END: the dax devices over [START, END] without a driver
unbound() {
	dax_devices | while read -r n s e o p; do
		[ $((s)) -le $(($2)) ] && [ $((e)) -ge $(($1)) ] &&
			[ ! -e "/sys/bus/dax/devices/$n/driver" ] && echo "$n"
	done | tr '\n' ' ' | sed 's/ $//'
}

regions_in() { cxl list -R 2>/dev/null | jq -r '[.[]? | "\(.region):\(.type)"] | join(" ")'; }
decided() { klog_count 'Soft Reserved in CXL windows: '; }
layout() {
	t_mark
	mock_load hmem_test=$1
	n=0
	while [ $n -lt 40 ] && [ "$(decided)" = 0 ]; do sleep 0.5; n=$((n + 1)); done
	settle
	W=$(w0)
}
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
check_usable() { # LABEL START END
	t_eq "$1: every dax device over the range has a driver" "" "$(unbound "$2" "$3")"
	t_diag "$(klog | grep -E 'could not reserve|refused' | sed 's/^\[[^]]*\] //')"
}

# --- 4: one range over two contiguous committed regions (union) -> CXL
t_setup "cxl_test hmem_test=4 loads" layout 4
s=$(at 0) e=$(end_at 768)
rs=$(regions_in)
t_diag "regions: $rs"
t_eq "4: two committed RAM regions" "2 ram ram" "$(echo "$rs" | wc -w) $(echo "$rs" | tr ' ' '\n' | cut -d: -f2 | tr '\n' ' ' | sed 's/ $//')"
t_dmesg "4: the range is inside 2 contiguous regions" \
	"Soft Reserved $(memrange "$s" "$e") in CXL window .*: owner dax_cxl, inside 2 contiguous regions region[0-9]+\.\.region[0-9]+"
t_dmesg "4: dax_cxl owns them all" "all 1 ranges inside committed regions, dax_cxl owns them all"
t_eq "4: two dax_cxl devices tile the range, one per region" 2 "$(tiles "$s" "$e" | tr ' ' '\n' | grep -c '^cxl:region')"
check_usable 4 "$s" "$e"
t_eq "4: /proc/iomem" "CXL Window 0 > Soft Reserved > region0 > dax" "$(iomem_chain "$s" | sed 's/ > System RAM (kmem)$//')"
t_eq "4: the Soft Reserved entry stays" "" "$(sr_missing)"
t_map union-cxl-owns
t_layout "cxl_test hmem_test=4: union-cxl-owns" "$s" "$e"

# --- 14: a memdev that arrives after the decision (unbound and bound
# again: a new memdev), and a region made on it next to the range
# memdevs of the regions' targets (endpoint decoders)
in_regions() {
	for t in /sys/bus/cxl/devices/region*/target[0-9]*; do
		[ -e "$t" ] || continue
		d=$(cat "$t")
		[ -n "$d" ] && basename "$(readlink -f "/sys/bus/cxl/devices/endpoint$(echo "$d" | sed 's/^decoder\([0-9]*\)\..*/\1/')/uport")"
	done
}
t_diag "memdevs in regions: $(in_regions | tr '\n' ' ')"
hot=$(cxl list -M -d decoder0.0 | jq -s -r 'flatten | .[] | "\(.memdev) \(.host)"' |
	while read -r m h; do in_regions | grep -qx "$m" || { echo "$h"; break; }; done)
t_diag "hot-added device: $hot"
t_mark
t_setup "remove $hot" sh -c "echo $hot >/sys/bus/platform/drivers/cxl_mock_mem/unbind"
settle
t_setup "add $hot back" sh -c "echo $hot >/sys/bus/platform/drivers/cxl_mock_mem/bind"
settle
mem=$(cxl list -M | jq -r ".[] | select(.host == \"$hot\") | .memdev")
t_check "14: the added device's memdev has an endpoint" sh -c ". /tests/own.sh; endpoint_of $mem"
r=$(mkregion decoder0.0 4096 0x10000000 "$mem" 2>&1)
t_diag "region on $mem: $r"
settle
wait_dax_of "$r"
t_check "14: a region on it next to the range gets a dax_cxl device" sh -c ". /tests/own.sh; dax_devices | grep -q ' cxl $r\$'"
t_eq "14: outside Soft Reserved memory" "$(at 768)" "$(dax_devices | awk -v r="$r" '$5 == r { print $2 }')"
t_eq "14: no new decision" 0 "$(decided)"
t_absent "14: dax_cxl did not wait for it" 'waiting for dax_hmem to decide'
t_eq "14: the range stays CXL's" 2 "$(tiles "$s" "$e" | tr ' ' '\n' | grep -c '^cxl:region')"
t_setup "remove the region" rmregion "$r"
t_setup "unload" mock_unload

# --- 5: one range over two committed regions and the hole between them
t_setup "cxl_test hmem_test=5 loads" layout 5
s=$(at 0) e=$(end_at 1024)
t_dmesg "5: the hole is named" \
	"Soft Reserved $(memrange "$s" "$e") in CXL window .*: owner dax_hmem, $(memrange "$(at 512)" "$(end_at 768)") not covered by a committed RAM region"
t_dmesg "5: dax_hmem owns them all" "0 of 1 ranges inside committed regions, dax_hmem owns them all"
t_dmesg "5: registered in 3 parts" "Soft Reserved $(memrange "$s" "$e"): registered in 3 parts, cut where the CXL regions inside it begin and end"
t_eq "5: three dax_hmem devices tile the range" "hmem hmem hmem" "$(tiles "$s" "$e" | sed 's/:hmem\.[0-9]*//g')"
check_usable 5 "$s" "$e"
t_eq "5: both regions' dax regions refused" 2 "$(klog_count 'dax_region[0-9]+: dax region .* refused: .* is a dax region of hmem')"
t_eq "5: both regions stay, as breadcrumbs" 2 "$(regions_in | wc -w)"
t_eq "5: /proc/iomem in the hole" "CXL Window 0 > Soft Reserved > dax" "$(iomem_chain "$(at 512)" | sed 's/ > System RAM (kmem)$//')"
t_eq "5: /proc/iomem in a region" "CXL Window 0 > Soft Reserved > region0 > dax" "$(iomem_chain "$s" | sed 's/ > System RAM (kmem)$//')"
t_map hole-hmem-owns
t_layout "cxl_test hmem_test=5: hole-hmem-owns" "$s" "$e"
t_setup "unload" mock_unload

# --- 6: the range inside a larger region -> dax_hmem (dax_cxl's device
# could not claim the region: the range's entry sits inside it)
t_setup "cxl_test hmem_test=6 loads" layout 6
s=$(at 0) e=$(end_at 256)
t_dmesg "6: the region reaching beyond is named" \
	"Soft Reserved $(memrange "$s" "$e") in CXL window .*: owner dax_hmem, region0 $(memrange "$s" "$(end_at 512)") reaches beyond Soft Reserved memory"
t_eq "6: one dax_hmem device is exactly the range" hmem "$(tiles "$s" "$e" | sed 's/:hmem\.[0-9]*//g')"
check_usable 6 "$s" "$e"
t_dmesg "6: region0's dax region refused" "dax_region0: dax region .* refused: .* is a dax region of hmem"
t_eq "6: /proc/iomem" "CXL Window 0 > region0 > Soft Reserved > dax" "$(iomem_chain "$s" | sed 's/ > System RAM (kmem)$//')"
t_map region-larger-hmem-owns
t_layout "cxl_test hmem_test=6: region-larger-hmem-owns" "$s" "$e"
t_setup "unload" mock_unload

# --- 7: the range larger than the region
t_setup "cxl_test hmem_test=7 loads" layout 7
s=$(at 0) e=$(end_at 768)
t_dmesg "7: the uncovered tail is named" \
	"Soft Reserved $(memrange "$s" "$e") in CXL window .*: owner dax_hmem, $(memrange "$(at 512)" "$e") not covered by a committed RAM region"
t_dmesg "7: registered in 2 parts" "Soft Reserved $(memrange "$s" "$e"): registered in 2 parts, cut where the CXL regions inside it begin and end"
t_eq "7: two dax_hmem devices tile the range" "hmem hmem" "$(tiles "$s" "$e" | sed 's/:hmem\.[0-9]*//g')"
check_usable 7 "$s" "$e"
t_dmesg "7: region0's dax region refused" "dax_region0: dax region .* refused: .* is a dax region of hmem"
t_eq "7: /proc/iomem in the region" "CXL Window 0 > Soft Reserved > region0 > dax" "$(iomem_chain "$s" | sed 's/ > System RAM (kmem)$//')"
t_map range-larger-hmem-owns
t_layout "cxl_test hmem_test=7: range-larger-hmem-owns" "$s" "$e"
t_setup "unload" mock_unload

# --- 8: a PMEM region over Soft Reserved memory: firmware says
# conventional memory, the decoders say persistent: they disagree, and
# dax_hmem owns the range as firmware described it
t_setup "cxl_test hmem_test=8 loads" layout 8
s=$(at 0) e=$(end_at 512)
t_eq "8: region0 is a committed PMEM region" "region0:pmem" "$(regions_in)"
t_dmesg "8: not covered by a committed RAM region" \
	"Soft Reserved $(memrange "$s" "$e") in CXL window .*: owner dax_hmem, $(memrange "$s" "$e") not covered by a committed RAM region"
t_eq "8: one dax_hmem device is exactly the range" hmem "$(tiles "$s" "$e" | sed 's/:hmem\.[0-9]*//g')"
check_usable 8 "$s" "$e"
t_absent "8: dax_cxl never waited (no RAM region)" 'waiting for dax_hmem to decide'
t_eq "8: /proc/iomem" "CXL Window 0 > Persistent Memory > region0 > Soft Reserved > dax" "$(iomem_chain "$s" | sed 's/ > System RAM (kmem)$//')"
t_map pmem-hmem-owns
t_layout "cxl_test hmem_test=8: pmem-hmem-owns" "$s" "$e"
t_setup "unload" mock_unload
