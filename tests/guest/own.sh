# Ownership helpers shared by the report and the suites (POSIX sh, sourced).

# Soft Reserved ranges of the boot memory map, one "START END" (hex) a line.
# Read from the kernel's e820 dump, so the answer does not depend on what
# /proc/iomem chose to publish.
sr_ranges() {
	dmesg | sed -n 's/.*\(BIOS-e820\|user\): \[mem \(0x[0-9a-f]*\)-\(0x[0-9a-f]*\)\] soft reserved.*/\2 \3/p' |
		while read -r s e; do printf '0x%x 0x%x\n' "$s" "$e"; done | sort -u
}

# DAX devices with a range: "NAME START END OWNER PARENT" a line.
# OWNER is hmem (under an hmem platform device) or cxl (under a CXL region).
dax_devices() {
	for d in /sys/bus/dax/devices/dax*; do
		[ -e "$d" ] || continue
		name=${d##*/}
		size=$(cat "$d/size")
		[ "$size" -gt 0 ] || continue
		start=$(cat "$d/resource")
		end=$(printf '0x%x' $((start + size - 1)))
		path=$(readlink -f "$d")
		case $path in
		*/hmem.*) owner=hmem parent=$(echo "$path" | sed 's|.*/\(hmem\.[0-9]*\)/.*|\1|') ;;
		*/region[0-9]*) owner=cxl parent=$(echo "$path" | sed 's|.*/\(region[0-9]*\)/.*|\1|') ;;
		*) owner=other parent=${path#/sys/devices/} ;;
		esac
		echo "$name $(printf '0x%x' "$start") $end $owner $parent"
	done
}

# owners_of START END: the owners ("hmem" / "cxl", space separated, sorted)
# of dax devices that overlap [START, END].
owners_of() {
	dax_devices | while read -r n s e o p; do
		[ $((s)) -le $(($2)) ] && [ $((e)) -ge $(($1)) ] && echo "$o"
	done | sort -u | tr '\n' ' ' | sed 's/ $//'
}

# windows: "START END NAME" of each CXL window in /proc/iomem.
cxl_windows() {
	sed -n 's/^ *\([0-9a-f]*\)-\([0-9a-f]*\) : \(CXL Window [0-9]*\)$/0x\1 0x\2 \3/p' /proc/iomem
}

# window_of START END: the name of the CXL window the range touches, if any.
window_of() {
	cxl_windows | while read -r s e name; do
		[ $((s)) -le $(($2)) ] && [ $((e)) -ge $(($1)) ] && echo "$name"
	done | head -n 1
}

# daxpaths: the sysfs path of every dax device, one a line.
daxpaths() {
	for d in /sys/bus/dax/devices/dax*; do
		[ -e "$d" ] && readlink -f "$d"
	done
}
