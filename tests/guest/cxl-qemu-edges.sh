# shellcheck shell=sh
# cxl-qemu-edges: Soft Reserved range A runs from below CXL Window 0 into
# it, range B from the end of window 0 into window 1 (two 512 MiB
# windows, no committed region; the addresses come from the profile). Both must
# stay visible in /proc/iomem, owned by dax_hmem, and no CXL region may be
# placed over either, in window 0 or in window 1.
t_plan 21
. /tests/own.sh
t_map after-boot

t_is "the boot memory map has both Soft Reserved ranges" "$A_START $A_END $B_START $B_END" e820_sr
t_is "root decoders for both windows" "$W0_START $W1_START" root_decoders
t_none "both ranges have their Soft Reserved entry in /proc/iomem" sr_missing
t_diag "$(grep -E 'CXL Window|Soft Reserved' /proc/iomem | tr '\n' ';')"
t_eq "/proc/iomem at A's start (below window 0)" "CXL Window 0 > Soft Reserved" \
	"$(iomem_chain "$A_START" | sed 's/ > dax.*//')"
t_eq "/proc/iomem at B's end (in window 1)" "CXL Window 0 > Soft Reserved" \
	"$(iomem_chain "$B_END" | sed 's/ > dax.*//')"
wait_state "$A_START" "$A_END" hmem
t_is "dax_hmem owns A" hmem owner_state "$A_START" "$A_END"
t_is "dax_hmem owns B" hmem owner_state "$B_START" "$B_END"
t_dmesg "the decision names both ranges" \
	'Soft Reserved in CXL windows: 0 of 2 ranges inside committed regions, dax_hmem owns them all'
t_dmesg "the log names the window as /proc/iomem shows it" \
	"Soft Reserved $(memrange "$B_START" "$B_END") in CXL window $(memrange "$A_START" "$B_END"): owner dax_hmem"

gran=$(cat /sys/bus/cxl/devices/decoder0.0/interleave_granularity)
# no_overlap REGION: the region exists and its HPA range touches neither A
# nor B
no_overlap() {
	is_region "$1" || { echo "no region '$1'"; return 1; }
	s=$(cat "/sys/bus/cxl/devices/$1/resource") z=$(cat "/sys/bus/cxl/devices/$1/size")
	e=$((s + z - 1))
	! { [ $((s)) -le $((A_END)) ] && [ $e -ge $((A_START)) ]; } &&
		! { [ $((s)) -le $((B_END)) ] && [ $e -ge $((B_START)) ]; }
}
# Window 0 has 256 MiB between A and B, but no 256 MiB-aligned room
t_mark
out=$(mkregion decoder0.0 "$gran" 0x10000000 mem0 2>&1)
t_diag "256 MiB RAM region in window 0: $out"
t_none "no region in window 0 (no aligned room beside A and B)" region_names
t_dmesg "the kernel names the Soft Reserved range in the way" \
	"HPA allocation of 0x0*10000000 in CXL Window 0 $(memrange "$W0_START" "$W0_END") refused: no room outside Soft Reserved $(memrange "$W0_START" "$A_END")"

# Window 1 begins with the tail of B: a region goes after it, 256 MiB aligned
r=$(mkregion decoder0.1 "$gran" 0x10000000 mem0 2>&1)
t_diag "256 MiB RAM region in window 1: $r"
t_check "a region in window 1 is created" is_region "$r"
t_check "it does not overlap B (or A)" no_overlap "$r"
t_is "it lies in the part of window 1 past B (256 MiB aligned)" \
	"$(printf '%#x' $(((B_END / 0x10000000 + 1) * 0x10000000)))" region_start "$r"
settle
wait_dax_of "$r"
t_check "dax_cxl owns it" has_dax_of "$r"
t_eq "dax_hmem still owns A and B" "hmem hmem" \
	"$(owner_state "$A_START" "$A_END") $(owner_state "$B_START" "$B_END")"
t_setup "remove the region" rmregion "$r"

# Unbound, the ranges are Soft Reserved as in 6.12 and still keep regions off
t_setup "unbind hmem_platform.0" sh -c 'echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/unbind'
t_eq "nobody owns A or B" "none none" \
	"$(owner_state "$A_START" "$A_END") $(owner_state "$B_START" "$B_END")"
t_none "unbound: both entries stay" sr_missing
r=$(mkregion decoder0.1 "$gran" 0x10000000 mem0 2>&1)
t_check "a region in window 1 is created, dax_hmem unbound" is_region "$r"
t_check "dax_hmem unbound: it does not overlap B" no_overlap "$r"
t_setup "remove the region" rmregion "$r"
t_setup "bind hmem_platform.0" sh -c 'echo hmem_platform.0 >/sys/bus/platform/drivers/hmem_platform/bind'
settle
wait_state "$A_START" "$A_END" hmem
t_eq "dax_hmem owns A and B again" "hmem hmem" \
	"$(owner_state "$A_START" "$A_END") $(owner_state "$B_START" "$B_END")"
