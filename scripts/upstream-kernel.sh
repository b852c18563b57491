#!/bin/bash
# Fetch Debian's prebuilt kernel (make bench's "upstream"): linux-binary-X
# (the bzImage) and linux-modules-X, newest X in UPSTREAM_SUITE, with
# "apt-get download" through a private apt configuration under
# build/apt-UPSTREAM_SUITE (the host's own sources stay Debian 12; apt
# checks each .deb against the suite's signed index). Unpacks into
# build/upstream: vmlinuz, and modroot/lib/modules/X holding the CXL, DAX
# and NVDIMM modules and what they depend on (depmod run on that subset),
# for scripts/mkinitramfs.sh. Quick no-op when current.
. "$(dirname "$0")/lib.sh"
U=$BUILD/upstream
APT=$BUILD/apt-$UPSTREAM_SUITE
want=$UPSTREAM_KERNEL
if [ -s "$U/vmlinuz" ] && [ "$(cat "$U/release" 2>/dev/null)" = "$want" ]; then
	exit 0
fi
mkdir -p "$APT"/lists/partial "$APT"/cache/archives/partial "$U/dl"
echo "deb http://deb.debian.org/debian $UPSTREAM_SUITE main" >"$APT/sources.list"
log "upstream: apt-get update ($UPSTREAM_SUITE)"
aptq apt-get update >&2 || die "apt-get update for $UPSTREAM_SUITE failed"
if ! aptq apt-cache show "linux-binary-$want" 2>/dev/null | grep -q "^Version: $UPSTREAM_KERNEL_VERSION$"; then
	got=$(aptq apt-cache search --names-only '^linux-binary-[0-9].*-amd64$' | cut -d' ' -f1 |
		grep -Ev -- '-(cloud|rt)-amd64$' | sed 's/^linux-binary-//' | sort -V | tail -n1)
	[ -n "$got" ] || die "no linux-binary-*-amd64 in $UPSTREAM_SUITE"
	cat >&2 <<MSG
************************************************************************
* WARNING: the measured upstream kernel $want ($UPSTREAM_KERNEL_VERSION)
* is no longer in $UPSTREAM_SUITE. Using $got instead; its figures are
* not comparable with the README's. Update base.conf once measured.
************************************************************************
MSG
	want=$got
fi
rm -rf "$U/dl"/*.deb "$U/x"
(cd "$U/dl" && aptq apt-get download "linux-binary-$want" "linux-modules-$want" >&2) ||
	die "apt-get download linux-binary-$want linux-modules-$want failed"
mkdir -p "$U/x"
for d in "$U"/dl/*.deb; do
	dpkg-deb -x "$d" "$U/x"
done
mods=$U/x/usr/lib/modules/$want
[ -f "$mods/vmlinuz" ] || die "linux-binary-$want: no vmlinuz"
# The modules the guests load, with their dependencies, as modprobe
# resolves them in the full tree.
depmod -b "$U/x/usr" "$want" 2>/dev/null
rm -rf "$U/modroot"
dst=$U/modroot/lib/modules/$want
mkdir -p "$dst"
for m in cxl_acpi cxl_pci cxl_mem cxl_port cxl_pmem cxl_core dax_hmem dax_cxl device_dax kmem dax_pmem; do
	modprobe -d "$U/x/usr" -S "$want" --show-depends "$m" 2>/dev/null || true
done | awk '$1 == "insmod" { print $2 }' | sort -u | while read -r ko; do
	rel=${ko#"$mods"/}
	mkdir -p "$dst/$(dirname "$rel")"
	cp "$ko" "$dst/$rel"
done
cp "$mods/modules.builtin" "$mods/modules.builtin.modinfo" "$mods/modules.order" "$dst/" 2>/dev/null || true
depmod -b "$U/modroot" "$want" 2>/dev/null
[ -n "$(find "$dst" -name 'dax_hmem.ko*')" ] || die "linux-modules-$want: no dax_hmem module"
cp "$mods/vmlinuz" "$U/vmlinuz"
(cd "$U/dl" && sha256sum ./*.deb) >"$U/sha256"
rm -rf "$U/x"
echo "$want" >"$U/release"
log "upstream: $want, $(find "$dst" -name '*.ko*' | wc -l) modules in $U/modroot"
