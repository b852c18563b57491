# Ownership report for an operator: who owns each Soft Reserved range, and why.
. /tests/own.sh
mib() { echo "$(( ($2 - $1 + 1) / 1048576 )) MiB"; }

echo "Soft Reserved ownership report"
echo "kernel $(uname -r), $(cxl --version | sed "s/^/ndctl /")"
echo
echo "Soft Reserved ranges (boot memory map) and their owner:"
ranges=$(e820_sr)
[ -n "$ranges" ] || echo "  none"
echo "$ranges" | while read -r s e; do
	[ -n "$s" ] || continue
	win=$(window_of "$s" "$e")
	owners=$(owners_of "$s" "$e")
	case $owners in
	hmem) who="dax_hmem" ;;
	cxl) who="dax_cxl (CXL region)" ;;
	"") who="NOBODY: no dax device covers it" ;;
	*) who="CONFLICT: $owners" ;;
	esac
	printf '  [mem %s-%s] %s, %s\n      owner: %s\n' "$s" "$e" "$(mib "$s" "$e")" \
		"${win:-outside any CXL window}" "$who"
done
echo
echo "CXL windows:"
w=$(cxl_windows)
[ -n "$w" ] && echo "$w" | while read -r s e name; do
	printf '  %s [mem %s-%s] %s\n' "$name" "$s" "$e" "$(mib "$s" "$e")"
done || echo "  none"
echo
echo "CXL regions:"
regions=$(cxl list -R 2>/dev/null | jq -r '.[]? | "  \(.region) [mem \(.resource|tostring)] size \(.size) \(.type // "") \(.decode_state // "")"' 2>/dev/null)
echo "${regions:-  none}"
echo
echo "DAX devices:"
d=$(dax_devices)
[ -n "$d" ] && echo "$d" | while read -r n s e o p; do
	drv=$(basename "$(readlink "/sys/bus/dax/devices/$n/driver" 2>/dev/null)" 2>/dev/null)
	state=
	if [ "$drv" = kmem ]; then
		bs=$((0x$(cat /sys/devices/system/memory/block_size_bytes)))
		on=0 all=0
		for b in $(seq $((s / bs)) $((e / bs))); do
			all=$((all + 1))
			grep -q '^online' "/sys/devices/system/memory/memory$b/state" 2>/dev/null && on=$((on + 1))
		done
		state=" ($on of $all memory blocks online)"
	fi
	printf '  %s [mem %s-%s] owner %s (%s), driver %s%s\n' "$n" "$s" "$e" "$o" "$p" "${drv:-none}" "$state"
done || echo "  none"
echo
echo "cxl list -RDMu (regions, decoders, memdevs):"
cxl list -RDMu 2>&1 | sed 's/^/  /'
echo
echo "daxctl list -RDu (dax regions and devices):"
daxctl list -RDu 2>&1 | sed 's/^/  /'
echo
echo "/proc/iomem (Soft Reserved, CXL and dax entries with their parents):"
awk '/Soft Reserved|CXL|dax|region|kmem|hmem/ { print "  " $0 }' /proc/iomem
echo
echo "Kernel log (ownership decisions):"
dmesg | grep -Ei 'soft reserved|hmem|dax|cxl.*(region|window)|deferring' | grep -v 'Command line' |
	sed 's/^/  /' | tail -n 40
echo
# For scripts/mapsvg.py (the Makefile leaves these lines out of the report)
map_snapshot after-boot | sed 's/^/# /'
