#!/bin/bash
# make matrix: the tristate matrix of DEV_DAX_HMEM, DEV_DAX_CXL, CXL_BUS,
# CXL_ACPI, CXL_PCI, CXL_REGION and CXL_MEM. Every combination is resolved with
# olddefconfig on top of the test config and checked against the rules;
# the distinct resulting configs are built and linked (vmlinux + modules).
# full also resolves every combination without m values with
# CONFIG_MODULES=n, and builds RANDCONFIGS (default 2) seeded randconfigs
# with the options the series is about reachable (KCONFIG_ALLCONFIG); each
# seed is printed, RAND_SEEDS="S..." replays them.
# Usage: [MATRIX_BUILD=0] [RANDCONFIGS=N] [RAND_SEEDS="S..."] matrix.sh [full|ci] [SRCDIR]
#   ci:   only the combinations with DEV_DAX_HMEM=y are resolved, none is
#         built: the all-built-in config is the built-in kernel's, which
#         make check builds and boots (fits CI)
#   SRCDIR defaults to build/linux; pass build/base/linux to run on the base.
. "$(dirname "$0")/lib.sh"
mode=${1:-full} src=${2:-$SRC}
[ -f "$OBJ/.config" ] || die "no $OBJ/.config: run 'make build' first"
work=$BUILD/matrix-$(basename "$src")
rm -rf "$work" && mkdir -p "$work"
t0=$(date +%s)

syms="DEV_DAX_HMEM DEV_DAX_CXL CXL_BUS CXL_ACPI CXL_PCI CXL_REGION CXL_MEM"
# Requested combinations; children never above their parent (CXL_BUS, and
# CXL_PCI for CXL_MEM): olddefconfig would clamp them into duplicates.
# CXL_PORT has no prompt and follows CXL_BUS.
combos() {
	for bus in n m y; do
		for acpi in n m y; do for pci in n m y; do for reg in n y; do
		for dcxl in n m y; do for hmem in n m y; do for mem in n m y; do
			[ $bus = n ] && { [ $acpi$pci$reg$dcxl = nnnn ] || continue; }
			case $pci$mem in nm | ny | my) continue ;; esac
			# ci: CXL_MEM only varies where the rules let it differ
			[ "$mode" = ci ] && [ $pci != y ] && [ $mem != $pci ] && continue
			[ $bus = m ] && { [ $acpi = y ] || [ $pci = y ] || [ $dcxl = y ]; } && continue
			[ "$mode" = ci ] && [ $hmem != y ] && continue
			# ci: DEV_DAX_CXL depends on CXL_REGION: without it, every
			# DEV_DAX_CXL value resolves to n, a duplicate
			[ "$mode" = ci ] && [ $reg = n ] && [ $dcxl != n ] && continue
			# ci: with regions, DEV_DAX_CXL as high as CXL_BUS lets it
			# be: no rule reads a lower value with DEV_DAX_HMEM=y (the
			# rules on DEV_DAX_HMEM's values hold whatever DEV_DAX_CXL is)
			[ "$mode" = ci ] && [ $reg = y ] && [ $dcxl != $bus ] && continue
			echo "$hmem $dcxl $bus $acpi $pci $reg $mem y"
			# full: without module support too, where nothing is m
			if [ "$mode" = full ] && [[ "$hmem$dcxl$bus$acpi$pci$mem" != *m* ]]; then
				echo "$hmem $dcxl $bus $acpi $pci $reg $mem n"
			fi
		done; done; done; done; done; done
	done
}

resolve() { # one combination -> "requested => resolved" line
	# shellcheck disable=SC2086 # split the combination into its values
	set -- $1
	local d; d=$(mktemp -d -p "$work")
	cp "$OBJ/.config" "$d/.config"
	# DAX and DEV_DAX built in, so that DEV_DAX_HMEM=y is reachable at all.
	"$src/scripts/config" --file "$d/.config" --set-val DAX y --set-val DEV_DAX y \
		--set-val DEV_DAX_HMEM "$1" \
		--set-val DEV_DAX_CXL "$2" --set-val CXL_BUS "$3" --set-val CXL_ACPI "$4" \
		--set-val CXL_PCI "$5" --set-val CXL_REGION "$6" --set-val CXL_MEM "$7" \
		--set-val MODULES "$8"
	make -s -C "$src" O="$work/kconfig$SLOT" ARCH=x86_64 KCONFIG_CONFIG="$d/.config" \
		olddefconfig >/dev/null 2>&1
	local got="" s v
	for s in $syms CXL_PMEM CXL_REGION_INVALIDATION_TEST NVDIMM_SECURITY_TEST DEBUG_FS MODULES; do
		v=$(sed -n "s/^CONFIG_$s=//p" "$d/.config")
		got="$got ${v:-n}"
	done
	echo "$* =>$got"
	mkdir -p "$work/configs"
	cp "$d/.config" "$work/configs/$(echo "$got" | tr -d ' ')"
	rm -rf "$d"
}
export -f resolve
export OBJ src work syms
# One kconfig build directory per parallel slot, its conf built once: each
# combination then costs one olddefconfig, not a build of the kconfig tools.
for i in $(seq 0 $((JOBS - 1))); do
	mkdir -p "$work/kconfig$i"
	cp "$OBJ/.config" "$work/kconfig$i/.config"
	make -s -C "$src" O="$work/kconfig$i" ARCH=x86_64 olddefconfig >/dev/null 2>&1
done
combos | xargs -P "$JOBS" --process-slot-var=SLOT -I{} bash -c 'resolve "{}"' >"$work/resolved.txt"

# Rules, on the resolved values.
violations=$(awk '{
	o = 10 # the first resolved value, after the 8 requested and "=>"
	hmem=$(o); dcxl=$(o+1); bus=$(o+2); acpi=$(o+3); pci=$(o+4); reg=$(o+5); mem=$(o+6)
	pmem=$(o+7); inv=$(o+8); sec=$(o+9); dbg=$(o+10); bad=""
	if (hmem == "y" && !((acpi == "y" && pci == "y") || (acpi == "n" && pci == "n")))
		bad = bad " HMEM=y-with-ACPI=" acpi "-PCI=" pci
	if (hmem == "y" && bus == "m") bad = bad " HMEM=y-with-CXL_BUS=m"
	# built-in dax_hmem decides before an initramfs could load cxl_mem
	if (hmem == "y" && mem == "m") bad = bad " HMEM=y-with-CXL_MEM=m"
	if (dcxl == "y" && hmem == "m") bad = bad " DAX_CXL=y-with-HMEM=m"
	# cxl_test (tools/testing/cxl/config_check.c) is built where the CXL
	# core, cxl_acpi and cxl_pmem are modules and regions are enabled.
	if (bus == "m" && acpi == "m" && pmem == "m" && reg == "y" && (inv != "y" || sec != "y" || dbg != "y"))
		bad = bad " cxl_test-settings"
	if (bad != "") print $0 " :" bad
}' "$work/resolved.txt")
nv=$(printf '%s' "$violations" | grep -c . || true)
tried=$(wc -l <"$work/resolved.txt")
distinct=$(find "$work/configs" -type f | wc -l)
[ "$nv" = 0 ] || { echo "$violations" | head -n 20 | sed 's/^/    rule broken: /'; }

# Builds of the distinct configs.
built=0 failed=0
if [ "${MATRIX_BUILD:-1}" = 0 ]; then
	list=
elif [ "$mode" = ci ]; then
	# The configuration the linux-cxl review found broken by hand, all
	# built in (dax_hmem links directly against cxl_core), is the built-in
	# kernel's (configs/builtin.config), which make check builds and boots.
	list=
else
	list=$(ls "$work/configs")
	# Seeded randconfigs: the options the series is about stay
	# reachable (KCONFIG_ALLCONFIG), everything else is drawn.
	cat >"$work/rand.allconfig" <<-EOF
		CONFIG_64BIT=y
		CONFIG_SMP=y
		CONFIG_ACPI=y
		CONFIG_X86_64_ACPI_NUMA=y
		CONFIG_ACPI_HMAT=y
		CONFIG_PCI=y
		CONFIG_EFI=y
		CONFIG_EFI_STUB=y
		CONFIG_EFI_SOFT_RESERVE=y
		CONFIG_NUMA=y
		CONFIG_MEMORY_HOTPLUG=y
		CONFIG_ZONE_DEVICE=y
		CONFIG_TRANSPARENT_HUGEPAGE=y
		CONFIG_DAX=y
		CONFIG_DEV_DAX=y
		CONFIG_CXL_BUS=y
	EOF
	seeds=${RAND_SEEDS:-$(for _ in $(seq 1 "${RANDCONFIGS:-2}"); do od -An -N4 -tx4 /dev/urandom; done)}
	for seed in $seeds; do
		seed=0x${seed#0x}
		mkdir -p "$work/rand"
		KCONFIG_SEED=$seed KCONFIG_ALLCONFIG=$work/rand.allconfig \
			make -s -C "$src" O="$work/rand" ARCH=x86_64 randconfig >/dev/null 2>&1 ||
			die "randconfig (seed $seed) failed"
		cp "$work/rand/.config" "$work/configs/rand-$seed"
		echo "matrix: randconfig seed $seed (replay: RAND_SEEDS=$seed make matrix)"
		list="$list rand-$seed"
	done
fi
mobj=$BUILD/obj-matrix
for c in $list; do
	t1=$(date +%s)
	mkdir -p "$mobj"
	cp "$work/configs/$c" "$mobj/.config"
	make -s -C "$src" O="$mobj" ARCH=x86_64 olddefconfig >/dev/null 2>&1
	targets=vmlinux
	grep -q '^CONFIG_MODULES=y' "$mobj/.config" && targets="vmlinux modules"
	# shellcheck disable=SC2086 # the targets
	if make -s -C "$src" O="$mobj" ARCH=x86_64 CC="ccache gcc" -j"$JOBS" $targets \
		>"$work/build-$c.log" 2>&1; then
		built=$((built + 1))
		echo "matrix: built $c ($(($(date +%s) - t1)) s)"
	else
		failed=$((failed + 1))
		echo "matrix: FAILED $c ($(($(date +%s) - t1)) s):"
		grep -E 'error|ERROR' "$work/build-$c.log" | head -n 5 | sed 's/^/    /'
	fi
done
echo "matrix ($mode, $(basename "$src")): $tried combinations, $distinct distinct configs, $nv rule violations, $built built, $failed failed ($(($(date +%s) - t0)) s)"
[ "$nv" = 0 ] && [ "$failed" = 0 ]
