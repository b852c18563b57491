# shellcheck shell=sh
# Ownership helpers shared by the report and the suites (POSIX sh, sourced).
# Probes print what they find and fail, printing "ERROR: ...", when the
# tool behind them fails (testlib.sh's t_is, t_some, t_none).

# sr_ranges: the Soft Reserved ranges the profile lays out (SR_LIST,
# "START-END ..."; a cxl_test suite sets it for the layout it loads), one
# "START END" a line: what the suites expect, never read from the kernel.
sr_ranges() {
	for _r in $(echo "${SR_LIST:-}" | tr , ' '); do
		printf '%d %#x %#x\n' "$((${_r%-*}))" "$((${_r%-*}))" "$((${_r#*-}))"
	done | sort -n | cut -d' ' -f2-
}

# e820_sr: the Soft Reserved ranges of the boot memory map as the kernel
# dumped it (BIOS-e820 and memmap= "user:" lines), one "START END" a line.
e820_sr() {
	dmesg >/tmp/boot.log
	grep -q 'Linux version ' /tmp/boot.log || { echo "ERROR: the boot's first lines have left the log buffer"; return 1; }
	sed -n 's/.*\(BIOS-e820\|user\): \[mem \(0x[0-9a-f]*\)-\(0x[0-9a-f]*\)\] soft reserved.*/\2 \3/p' /tmp/boot.log |
		while read -r s e; do printf '%d %#x %#x\n' "$s" "$s" "$e"; done | sort -nu | cut -d' ' -f2-
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

# dax_spans: "START END OWNER" of each dax device with a range.
dax_spans() { dax_devices | while read -r _n s e o _p; do echo "$s $e $o"; done; }

# owners_of START END: the owners ("hmem" / "cxl", space separated, sorted)
# of dax devices that overlap [START, END].
owners_of() {
	dax_devices | while read -r _n s e o _p; do
		[ $((s)) -le $(($2)) ] && [ $((e)) -ge $(($1)) ] && echo "$o"
	done | sort -u | tr '\n' ' ' | sed 's/ $//'
}

# windows: "START END NAME" of each CXL window in /proc/iomem.
cxl_windows() {
	sed -n 's/^ *\([0-9a-f]*\)-\([0-9a-f]*\) : \(CXL Window [0-9]*\)$/0x\1 0x\2 \3/p' /proc/iomem
}

# root_decoders: the start of each root decoder (a CXL window as the CXL
# core sees it), hex, in address order.
root_decoders() {
	cxl list -D -d root >/tmp/roots.json || { echo "ERROR: cxl list -D failed"; return 1; }
	jq -r '.[].resource' /tmp/roots.json | sort -n | while read -r a; do printf '%#x\n' "$a"; done
}

# window_named NAME: "START END NAME" of the CXL window called NAME.
window_named() { cxl_windows | grep -- " $1\$" || true; }

# decision_of START END: the owner ("dax_hmem", "dax_cxl") that each
# per-range decision line of the kernel log (since the last mark) names
# for the Soft Reserved range START-END, one a line.
decision_of() {
	klog >/tmp/klog.out || { cat /tmp/klog.out; return 1; }
	sed -n "s/.*Soft Reserved $(memrange "$1" "$2") in CXL window [^:]*: owner \(dax_[a-z]*\).*/\1/p" /tmp/klog.out
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

# iomem_chain ADDR: the /proc/iomem entries that hold ADDR, outermost first,
# joined by " > ", with dax device names shortened to "dax".
iomem_chain() {
	sed -n 's/^ *\([0-9a-f]*\)-\([0-9a-f]*\) : \(.*\)$/\1 \2 \3/p' /proc/iomem |
		while read -r s e name; do
			[ $((0x$s)) -le $(($1)) ] && [ $((0x$e)) -ge $(($1)) ] && echo "$name"
		done | sed 's/^dax[0-9]*\.[0-9]*$/dax/' | tr '\n' '|' | sed 's/|$//; s/|/ > /g'
}

# iomem_chain_nokmem ADDR: iomem_chain without a last "System RAM (kmem)"
# (whether kmem onlined the dax device does not matter there).
iomem_chain_nokmem() { iomem_chain "$1" | sed 's/ > System RAM (kmem)$//'; }

# region_start REGION: the region's HPA base (hex), from sysfs.
region_start() {
	is_region "$1" || { echo "ERROR: no region '$1'"; return 1; }
	printf '%#x\n' "$(cat "/sys/bus/cxl/devices/$1/resource")"
}

# iomem_entries NAME: the /proc/iomem lines of the entries called NAME,
# without their indentation.
iomem_entries() { sed -n "s/^ *\(.*: $1\)\$/\1/p" /proc/iomem; }

# modules_matching REGEX: the /proc/modules lines of the modules whose
# name matches ^(REGEX).
# (none where the kernel has no module support)
modules_matching() { [ ! -e /proc/modules ] || grep -E "^($1)" /proc/modules || true; }

# hmem_platforms: the hmem_platform devices, by name.
hmem_platforms() { for _d in /sys/bus/platform/devices/hmem_platform.*; do [ ! -e "$_d" ] || echo "${_d##*/}"; done; }

# iomem_has START END NAME: /proc/iomem has an entry NAME at exactly START-END.
iomem_has() {
	grep -q "^ *$(printf '%x' $(($1)))-$(printf '%x' $(($2))) : $3\$" /proc/iomem
}

# sr_missing: the declared Soft Reserved ranges (sr_ranges) that have no
# "Soft Reserved" entry of exactly their range in /proc/iomem (nothing when
# every one has, which must hold at any time, owned or not). No declared
# range is an error: there would be nothing to check.
# Given START-END arguments, checks those instead.
sr_missing() (
	[ $# = 0 ] || SR_LIST="$*"
	[ -n "$(sr_ranges)" ] || { echo "ERROR: no Soft Reserved range declared (SR_LIST)"; return 1; }
	sr_ranges | while read -r s e; do
		iomem_has "$s" "$e" "Soft Reserved" || echo "$s-$e"
	done
)

# owner_state START END: who owns the Soft Reserved range, checked against
# both sysfs and /proc/iomem: "hmem", "cxl", "none", or "bad: <why>".
# Owned means exactly one dax device spans the range. Whoever owns it, and
# when nobody does, /proc/iomem keeps firmware's "Soft Reserved" entry for
# the range, as 6.12 does, and dax_kmem's entries nest below it.
owner_state() {
	devs=$(dax_devices | while read -r n s e o _p; do
		[ $((s)) -le $(($2)) ] && [ $((e)) -ge $(($1)) ] && echo "$n $s $e $o"
	done)
	n=$(echo "$devs" | grep -c .)
	if ! iomem_has "$1" "$2" "Soft Reserved"; then
		echo "bad: no Soft Reserved entry for the range in /proc/iomem"
		return
	fi
	chain=$(iomem_chain "$1")
	case $chain in
	*" > dax"*) case $chain in
		*"Soft Reserved > dax"*) ;;
		*) echo "bad: dax entry outside Soft Reserved: $chain"; return ;;
		esac ;;
	esac
	if [ "$n" -gt 1 ]; then
		echo "bad: $n dax devices overlap the range: $(echo "$devs" | tr '\n' ';')"
		return
	fi
	if [ "$n" = 0 ]; then
		echo none
		return
	fi
	# shellcheck disable=SC2086 # one device: its four fields
	set -- $devs "$1" "$2"
	if [ $(($2)) != $(($5)) ] || [ $(($3)) != $(($6)) ]; then
		echo "bad: $1 covers $2-$3 only"
		return
	fi
	case $4 in
	hmem | cxl) echo "$4" ;;
	*) echo "bad: owner $4" ;;
	esac
}

# wait_state START END WANT: wait for an asynchronous decision to reach
# owner_state WANT (a failure after 30 s).
state_is() { [ "$(owner_state "$1" "$2")" = "$3" ]; }
wait_state() { wait_until "owner $3 of $1-$2" 30 state_is "$@"; }

# wait_dax_of REGION: wait for dax_cxl to create REGION's dax device.
has_dax_of() { [ -n "$1" ] && dax_devices | grep -q " cxl $1\$"; }
wait_dax_of() { wait_until "a dax device of region '$1'" 30 has_dax_of "$1"; }

# is_region NAME: NAME is a region in sysfs (an empty NAME is not).
is_region() { [ -n "$1" ] && [ -e "/sys/bus/cxl/devices/$1" ] && case $1 in region[0-9]*) ;; *) false ;; esac; }

# w0_ram_region: on the QEMU CXL profiles, make a 256 MiB RAM region of mem0
# in CXL Window 0 (decoder0.0), check that it exists and wait for its dax
# device; the region's name is left in $r.
w0_ram_region() {
	gran=$(cat /sys/bus/cxl/devices/decoder0.0/interleave_granularity)
	r=$(mkregion decoder0.0 "$gran" 0x10000000 mem0 2>&1)
	t_diag "RAM region in window 0: $r"
	t_check "a RAM region in window 0 is created" is_region "$r"
	settle
	wait_dax_of "$r"
}

# onlined_in START END: the memory blocks in [START, END] that are online,
# space separated (empty when none is).
onlined_in() {
	bs=$((0x$(cat /sys/devices/system/memory/block_size_bytes)))
	for b in $(seq $(($1 / bs)) $(($2 / bs))); do
		grep -q '^online' "/sys/devices/system/memory/memory$b/state" 2>/dev/null && echo "memory$b"
	done | tr '\n' ' ' | sed 's/ $//'
}

# endpoint_of MEMDEV: the endpoint port of a memdev.
endpoint_of() {
	for _ep in /sys/bus/cxl/devices/endpoint*; do
		[ "$(basename "$(readlink -f "$_ep/uport")")" = "$1" ] && basename "$_ep" && return 0
	done
	return 1
}

# mkregion ROOT_DECODER GRANULARITY SIZE MEMDEV...: "cxl create-region -t
# ram" (create, commit, enable), memdevs in position order; prints the new
# region's name, or cxl's error message and fails.
mkregion() {
	root=$1 gran=$2 size=$3
	shift 3
	out=$(cxl create-region -t ram -d "$root" -g "$gran" -s "$size" -w $# -m "$@" 2>/tmp/mkregion.err) &&
		echo "$out" | jq -e -r '.region' && return 0
	cat /tmp/mkregion.err
	return 1
}

# rmregion REGION: "cxl destroy-region -f" (disable, decommit, delete).
rmregion() {
	cxl destroy-region -f "$1" 2>&1
}

# regions: "cxl list -R" as an array, whatever ndctl printed for one region.
regions() {
	_out=$(cxl list -R "$@") || { echo "ERROR: cxl list -R $* failed"; return 1; }
	echo "$_out" | jq -s flatten
}
# region_names: the regions' names, one a line.
region_names() {
	_out=$(regions "$@") || { echo "$_out"; return 1; }
	echo "$_out" | jq -r '.[].region'
}

# map_snapshot LABEL: the memory map as scripts/mapsvg.py draws it, one
# "cxlsr-map LABEL KIND START END [NAME [OWNER]]" a line: CXL windows, Soft
# Reserved ranges (boot memory map and /proc/iomem), regions, dax devices
# with their owner, System RAM (kmem).
map_snapshot() {
	{
		cxl_windows | while read -r s e name; do echo "window $s $e $(echo "$name" | tr ' ' _)"; done
		{
			e820_sr
			sed -n 's/^ *\([0-9a-f]*\)-\([0-9a-f]*\) : Soft Reserved$/0x\1 0x\2/p' /proc/iomem
		} | while read -r s e; do printf 'sr 0x%x 0x%x\n' "$s" "$e"; done | sort -u
		cxl list -R 2>/dev/null | jq -r '.[]? | "\(.resource) \(.size) \(.region)"' 2>/dev/null |
			while read -r s z n; do printf 'region 0x%x 0x%x %s\n' "$s" $((s + z - 1)) "$n"; done
		dax_devices | while read -r n s e o _p; do echo "dax $s $e $n $o"; done
		sed -n 's/^ *\([0-9a-f]*\)-\([0-9a-f]*\) : System RAM (kmem)$/kmem 0x\1 0x\2/p' /proc/iomem
	} | sed "s/^/cxlsr-map $1 /"
}

# t_map LABEL: map_snapshot as KTAP diagnostics of the running suite.
t_map() { map_snapshot "$1" | sed 's/^/# /' >>"$T_LINES"; }

# plainrange START END: "[mem START-END]" as the kernel prints it, for names.
plainrange() { printf '[mem %#010x-%#010x]' "$(($1))" "$(($2))"; }

# memrange START END: "[mem START-END]" as the kernel prints it (%pr-like,
# at least 8 hex digits), escaped for grep -E.
memrange() { printf '\\[mem %#010x-%#010x\\]' "$(($1))" "$(($2))"; }

# builtin_drivers: bail out unless every driver of the decision is built
# in (listed in modules.builtin): the debug kernel's suites need it.
builtin_drivers() {
	for m in dax_hmem cxl_acpi cxl_pci cxl_mem dax_cxl; do
		grep -q "/$m\.ko\$" "/lib/modules/$(uname -r)/modules.builtin" || { echo "$m is not built in"; return 1; }
	done
}

# hmem_of START: the hmem.N device whose dax device starts at START
hmem_of() {
	for _d in /sys/bus/platform/devices/hmem.*; do
		[ -e "$_d/owner" ] || continue
		_x=$(dax_devices | awk -v p="${_d##*/}" '$5 == p { print $2 }')
		[ -n "$_x" ] && [ $((_x)) = $(($1)) ] && echo "${_d##*/}" && return 0
	done
	echo "ERROR: no hmem device with a dax device at $1"
	return 1
}
