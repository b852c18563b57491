#!/bin/bash
# Boot the test kernel on a machine profile under TCG.
# Usage: run-qemu.sh PROFILE [tests|report|shell|srat]
# Writes build/runs/PROFILE/{console.log,results.log}. Exits 124 on timeout.
# A profile's SRAT_ADD ("base:size:pxm ...") adds memory affinity entries to
# the firmware's SRAT through the initrd table upgrade (srat-upgrade.sh,
# which boots once in srat mode to dump the SRAT and caches it).
. "$(dirname "$0")/lib.sh"
profile=$1 mode=${2:-tests}
pf=$TOP/profiles/$profile.sh
[ -f "$pf" ] || die "no profile $profile (profiles/: $(cd "$TOP/profiles" && echo *.sh | sed 's/\.sh//g'))"
# shellcheck source=/dev/null
. "$pf"
guest_vars=
for v in ${GUEST_VARS:-}; do
	guest_vars="$guest_vars cxlsr.$v=$(printf '%#x' "$((${!v}))")"
done
# SR_LIST ("START-END ..."): the Soft Reserved ranges the profile lays out,
# what the suites expect to find (cxlsr.SR_LIST=START-END,...)
# shellcheck disable=SC2086 # one word per range
[ -z "${SR_LIST:-}" ] || guest_vars="$guest_vars cxlsr.SR_LIST=$(echo $SR_LIST | tr ' ' ,)"
# The suites: tests/index's for this machine and kernel, or the caller's
GUEST_TESTS=${GUEST_TESTS_OVERRIDE:-}
if [ -z "$GUEST_TESTS" ] && [ "$mode" = tests ]; then
	GUEST_TESTS=$(index_suites "$(run_name "$profile")")
fi
# The debug kernel (KASAN and friends) runs 2-3 times slower under TCG;
# initcall_debug logs every initcall and probe, so a suite can check what
# happened in which order.
if [ "${FLAVOR:-series}" = debug ]; then
	TIMEOUT=$((${TIMEOUT:-600} * 3))
	KCMDLINE="$KCMDLINE initcall_debug cxlsr.suite_timeout=900"
elif [ "${FLAVOR:-series}" = builtin ]; then
	KCMDLINE="$KCMDLINE initcall_debug"
elif [ "${FLAVOR:-series}" = kasan ]; then
	TIMEOUT=$((${TIMEOUT:-600} * 3))
fi
# make bench boots other kernels: BZIMAGE, its module tree BOOT_MODROOT and
# the run directory RUN_DIR; REUSE_INITRD=1 keeps the initramfs of the
# previous boot in RUN_DIR (same kernel, same guest files).
bz=${BZIMAGE:-$OBJ/arch/x86/boot/bzImage}
[ -f "$bz" ] || die "no kernel: run 'make build'"
case $MODSET in
plain) modroot=$MODROOT ;;
cxltest) modroot=$MODROOT-cxltest ;;
*) die "profile $profile: bad MODSET $MODSET" ;;
esac
modroot=${BOOT_MODROOT:-$modroot}
run=${RUN_DIR:-$RUNS/$profile}
mkdir -p "$run"
rm -f "$run"/*.log
# srat mode is srat-upgrade.sh's dump boot: it reuses the initramfs just built
if { [ "$mode" != srat ] && [ "${REUSE_INITRD:-0}" != 1 ]; } || [ ! -s "$run/initramfs.gz" ]; then
	KEXEC_KERNEL=${KEXEC_KERNEL:+$bz} "$TOP/scripts/mkinitramfs.sh" "$modroot" "$run/initramfs.gz"
fi
initrd=$run/initramfs.gz
if [ -n "${SRAT_ADD:-}" ] && [ "$mode" != srat ]; then
	"$TOP/scripts/srat-upgrade.sh" "$profile" "$run/srat-upgrade.cpio"
	cat "$run/srat-upgrade.cpio" "$run/initramfs.gz" >"$run/initrd"
	initrd=$run/initrd
fi

accel="-accel tcg -cpu max"
[ "${KVM:-0}" = 1 ] && accel="-accel kvm -cpu host"
timeout=${TIMEOUT:-600}
serial=(-serial "file:$run/console.log")
[ "$mode" = shell ] && serial=(-serial mon:stdio)
log "boot $profile ($mode): $PROFILE_DESC"
start=$(date +%s)
rc=0
# shellcheck disable=SC2086
timeout --foreground "$timeout" qemu-system-x86_64 $accel -nodefaults -display none -no-reboot \
	"${QEMU_ARGS[@]}" "${serial[@]}" -serial "file:$run/results.log" \
	-kernel "$bz" -initrd "$initrd" \
	-append "console=ttyS0,115200 panic=-1 oops=panic loglevel=7 log_buf_len=8M $KCMDLINE cxlsr.run=$mode cxlsr.tests=$(echo $GUEST_TESTS | tr ' ' ,)$guest_vars ${EXTRA_CMDLINE:-}" ||
	rc=$?
log "boot $profile: $(($(date +%s) - start)) s, qemu exit $rc"
[ $rc = 124 ] && echo "TIMEOUT: $profile did not power off within ${timeout}s" >>"$run/console.log"
exit $rc
