#!/bin/bash
# Build the ACPI initrd upgrade for a profile's SRAT_ADD: an uncompressed
# newc cpio holding kernel/firmware/acpi/srat.aml, to be placed before the
# main initramfs (the kernel's CONFIG_ACPI_TABLE_UPGRADE).
# QEMU's SRAT only depends on the machine, so the firmware's SRAT is taken
# from one boot in "srat" mode (the guest writes it in base64 to ttyS1) and
# cached in build/srat/KEY.orig, KEY a hash of QEMU_ARGS and the QEMU
# version, for every kernel (test, debug, base) that boots the machine.
# Usage: srat-upgrade.sh PROFILE OUTPUT
. "$(dirname "$0")/lib.sh"
profile=$1 out=$2
# shellcheck source=/dev/null
. "$TOP/profiles/$profile.sh"
[ -n "${SRAT_ADD:-}" ] || die "profile $profile has no SRAT_ADD"
run=$RUNS/$profile
key=$({ printf '%s\n' "${QEMU_ARGS[@]}"; qemu-system-x86_64 --version | head -n 1; } | sha256sum | cut -c1-16)
orig=$BUILD/srat/$key.orig
# one dump per key, also with two guests booting the machine at once
mkdir -p "$BUILD/srat"
exec {lock}>"$orig.lock"
flock "$lock"
if [ ! -s "$orig" ]; then
	log "srat: dumping $profile's firmware SRAT (key $key)"
	TIMEOUT=120 "$TOP/scripts/run-qemu.sh" "$profile" srat
	tr -d '\r' <"$run/results.log" | sed -n '/^SRAT-BEGIN$/,/^SRAT-END$/{/^SRAT-/d;p}' | base64 -d >"$orig.tmp"
	[ "$(head -c 4 "$orig.tmp")" = SRAT ] || die "srat: no SRAT in $run/results.log"
	mv "$orig.tmp" "$orig"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/kernel/firmware/acpi"
# shellcheck disable=SC2086
python3 "$TOP/scripts/mksrat.py" "$orig" "$tmp/kernel/firmware/acpi/srat.aml" $SRAT_ADD
cp "$tmp/kernel/firmware/acpi/srat.aml" "$run/srat.aml"
(cd "$tmp" && find kernel | LC_ALL=C sort | cpio -o -H newc --quiet) >"$out"
log "srat: upgrade adds $SRAT_ADD to $(stat -c %s "$orig")-byte SRAT"
