#!/bin/bash
# make deb: Debian packages of the patched kernel (linux-image, -headers,
# -libc-dev) with the kernel's own bindeb-pkg, into build/deb/.
#   DEB_CONFIG=/boot/config-$(uname -r)  any kernel config to start from
#   DEB_CONFIG=test                      the test kernel's config (CI)
#   default: Debian's own 6.12 amd64 config (package linux-config-6.12),
#            so the result is a Debian kernel plus the series
#   DEB_DEBUG_INFO=keep                  keep the config's debug info (and BTF,
#                                        and the -dbg package); by default it is
#                                        turned off, which roughly halves a
#                                        Debian-config build and its disk use
# The config is completed with olddefconfig (new options at their defaults,
# the series' Kconfig rules applied); Debian's signing keys are dropped.
# Then the package must carry dax_hmem and the CXL drivers (as modules or
# built in), or the run fails.
. "$(dirname "$0")/lib.sh"
cfg=${DEB_CONFIG:-debian}
case $cfg in
test)
	[ -f "$OBJ/.config" ] || die "no $OBJ/.config: run 'make build' first"
	src_cfg=$OBJ/.config name=test
	;;
debian)
	dpkg-query -W -f='${Status}' linux-config-6.12 2>/dev/null | grep -q 'ok installed' ||
		apt-get install -y -q --no-install-recommends linux-config-6.12 >&2 ||
		die "cannot install linux-config-6.12 (Debian's 6.12 configs)"
	src_cfg=/usr/src/linux-config-6.12/config.amd64_none_amd64.xz name=debian
	;;
*) src_cfg=$cfg name=custom ;;
esac
[ -f "$src_cfg" ] || die "DEB_CONFIG: no such file $src_cfg"
obj=$BUILD/obj-deb-$name out=$BUILD/deb/$name
# The test config is packaged from the test kernel's own build directory:
# it has no signing keys and no debug info to drop, and a second build
# directory would only compile the same kernel again (~200 s, most of this
# gate). The packaging relinks vmlinux with the package's version string;
# 'make check' rebuilds the test kernel after the gates.
[ "$name" = test ] && obj=$OBJ
mkdir -p "$obj" "$out"
export KOBJ=$obj
if [ "$name" != test ]; then
	case $src_cfg in
	*.xz) xz -dc "$src_cfg" >"$obj/.config.new" ;;
	*) cp "$src_cfg" "$obj/.config.new" ;;
	esac
	cmp -s "$obj/.config.new" "$obj/.config.src" 2>/dev/null || {
		cp "$obj/.config.new" "$obj/.config.src"
		cp "$obj/.config.new" "$obj/.config"
	}
	# Debian's configs name its signing certificates, which only its build has.
	"$SRC/scripts/config" --file "$obj/.config" --set-str SYSTEM_TRUSTED_KEYS "" \
		--set-str SYSTEM_REVOCATION_KEYS "" --set-str MODULE_SIG_KEY "certs/signing_key.pem" \
		--set-str LOCALVERSION "-cxlsr"
	[ "${DEB_DEBUG_INFO:-}" = keep ] ||
		"$SRC/scripts/config" --file "$obj/.config" --enable DEBUG_INFO_NONE \
			--disable DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT --disable DEBUG_INFO_DWARF4 \
			--disable DEBUG_INFO_DWARF5 --disable DEBUG_INFO
	kmake olddefconfig
fi
# kernelrelease reads include/config/auto.conf: bring it up to date first
kmake syncconfig
version=$(kmake -s kernelrelease)
log "deb: bindeb-pkg of $version from $src_cfg in ${obj#"$TOP"/}"
pkgdir=$(dirname "$obj")	# where bindeb-pkg writes the packages
rm -f "$pkgdir"/linux-*.deb "$pkgdir"/linux-upstream_*
t0=$(date +%s)
kmake bindeb-pkg KDEB_PKGVERSION="$(kmake -s kernelversion)-1+cxlsr$(series_get $((NR_SERIES - 1)) 3)"
rm -f "$out"/*.deb
mv "$pkgdir"/linux-*.deb "$out/"
rm -f "$pkgdir"/linux-upstream_*
log "deb: built in $(($(date +%s) - t0)) s"
ls -l "$out"/*.deb
# The image package must carry the drivers this series is about.
img=$(printf '%s\n' "$out"/linux-image-*.deb | grep -v -- '-dbg_' | head -n 1)
contents=$(dpkg-deb -c "$img")
builtin=$(dpkg-deb --fsys-tarfile "$img" | tar -xOf - --wildcards '*/modules.builtin' 2>/dev/null || true)
missing=
for m in dax_hmem cxl_acpi cxl_pci cxl_core cxl_mem cxl_port dax_cxl; do
	if echo "$contents" | grep -q "/$m\.ko\(\.[a-z]*\)\?$"; then
		echo "  $m: module"
	elif echo "$builtin" | grep -q "/$m\.ko$"; then
		echo "  $m: built in"
	else
		echo "  $m: MISSING"
		missing="$missing $m"
	fi
done
[ -z "$missing" ] || die "$img lacks:$missing"
log "deb: $(basename "$img") carries dax_hmem and the CXL drivers"
