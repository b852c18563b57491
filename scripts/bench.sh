#!/bin/bash
# make bench: time the series against the pristine base and against
# Debian's newest prebuilt kernel (upstream's own deferral), on the same
# QEMU machines, in one run, and write build/bench/report.md and plots.
#   P1  sr-only (Soft Reserved, no CXL): boot to /init, and modprobe
#       dax_hmem to its first dax device; series against base
#   P2  cxl-qemu (Soft Reserved over a CXL window): udev's coldplug to the
#       first dax device, and the last CXL probe to the decision; series,
#       base and upstream
#   P4  the decision's whole work item (workqueue tracepoints) on the
#       largest layouts there are: layout-many (16 ranges in a QEMU CXL
#       window) and cxl_test's hmem_test=4 (a range over two committed
#       regions); the series' test kernel, which cxl_test needs
# BENCH_REPS (default 5) repetitions of every boot, interleaved (kernel A,
# kernel B, kernel A, ...) so that a machine that slows down mid-run slows
# every kernel alike. BENCH_CONFIG=bench (default) times kernels built from
# configs/bench.config (qemu.config without lockdep, kmemleak and friends:
# FLAVOR=bench, bench-base); BENCH_CONFIG=test times the test kernels that
# make check has built (CI's quick mode, BENCH_REPS=1: the benchmark must
# run, its figures are not the point).
. "$(dirname "$0")/lib.sh"
REPS=${BENCH_REPS:-5}
B=$BUILD/bench
case ${BENCH_CONFIG:-bench} in
bench) fs=bench fb=bench-base ;;
test) fs=series fb=base ;;
*) die "BENCH_CONFIG=${BENCH_CONFIG}: bench or test" ;;
esac
rm -rf "$B"
mkdir -p "$B/raw"

t0=$(date +%s)
FLAVOR=$fs "$TOP/scripts/build.sh" kernel
FLAVOR=$fb "$TOP/scripts/build.sh" kernel
# P4 boots cxl_test: the test kernel and its mock modules
"$TOP/scripts/build.sh" all
"$TOP/scripts/upstream-kernel.sh"
log "bench: kernels ready in $(($(date +%s) - t0)) s"

# boot KERNEL CASE PROFILE REP EXTRA_CMDLINE: one measured boot
boot() {
	local k=$1 c=$2 p=$3 rep=$4 extra=$5 env=()
	case $k in
	series) env=("FLAVOR=$fs") ;;
	series-test) env=(FLAVOR=series) ;;
	base) env=("FLAVOR=$fb") ;;
	upstream)
		env=(BZIMAGE="$BUILD/upstream/vmlinuz" BOOT_MODROOT="$BUILD/upstream/modroot")
		# upstream logs its decision at debug level
		extra="$extra dax_hmem.dyndbg=+p"
		;;
	esac
	local run=$B/run/$k-$c-$p
	# the initramfs of the first boot of a kernel and profile is reused
	mkdir -p "$run"
	env "${env[@]}" RUN_DIR="$run" REUSE_INITRD=1 TIMEOUT=300 GUEST_TESTS_OVERRIDE="${c:0:2}" \
		EXTRA_CMDLINE="cxlsr.noudev=1 $extra" "$TOP/scripts/run-qemu.sh" "$p" bench >"$run/boot.out" 2>&1 ||
		log "bench: $k $c rep $rep: qemu exit $? (see $run/console.log)"
	cp "$run/results.log" "$B/raw/$c-$k-$rep.log"
	cp "$run/console.log" "$B/raw/$c-$k-$rep.console"
	grep -q '^BENCH-DMESG-END' "$B/raw/$c-$k-$rep.log" ||
		die "bench: $k $c rep $rep printed no kernel log (see $run/console.log)"
}

t0=$(date +%s)
for rep in $(seq "$REPS"); do
	log "bench: repetition $rep of $REPS"
	# alternate which kernel goes first, too
	if [ $((rep % 2)) = 1 ]; then ks="series base"; else ks="base series"; fi
	for k in $ks; do
		boot "$k" p1 sr-only "$rep" "initcall_debug"
	done
	if [ $((rep % 2)) = 1 ]; then ks="series base upstream"; else ks="upstream base series"; fi
	for k in $ks; do
		boot "$k" p2 cxl-qemu "$rep" "initcall_debug"
	done
done
log "bench: P1 and P2 in $(($(date +%s) - t0)) s"
t0=$(date +%s)
for rep in $(seq "$REPS"); do
	boot series-test p4many layout-many "$rep" ""
	boot series-test p4mock cxl-test "$rep" "cxlsr.BENCH_P4_MOCK=4"
done
log "bench: P4 in $(($(date +%s) - t0)) s"

{
	echo "machine	$(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB"
	echo "qemu	$(qemu-system-x86_64 --version | head -n1)"
	echo "config	${BENCH_CONFIG:-bench}"
	echo "reps	$REPS"
	echo "upstream	$(cat "$BUILD/upstream/release") ($UPSTREAM_SUITE)"
	sed 's/^/upstream-deb	/' "$BUILD/upstream/sha256"
	echo "series	$(git -C "$BUILD/linux" describe --always HEAD) ($(git -C "$BUILD/linux" rev-list --count base..HEAD) commits on $BASE_PKG $BASE_VERSION)"
} >"$B/meta.tsv"
python3 "$TOP/scripts/bench-report.py" "$B"
# the full benchmark's report is docs/bench.md (the quick mode's is not)
[ "${BENCH_REPS:-5}" -lt 5 ] || cp "$B/report.md" "$TOP/docs/bench.md"
