#!/bin/bash
# Generate the guest initramfs: busybox, kmod as /sbin/modprobe (the kernel's
# modprobe_path), ndctl's cxl, daxctl, jq with their libraries, the guest
# tests, and one module tree (plain, or with the cxl_test mocks).
# Usage: mkinitramfs.sh MODROOT OUTPUT
. "$(dirname "$0")/lib.sh"
modroot=$1 out=$2
[ -d "$modroot/lib/modules" ] || die "no modules in $modroot: build first"
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,lib,lib64,etc,proc,sys,dev,tmp,run,root}
cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list); do
	case $applet in
	modprobe | insmod | rmmod | lsmod | depmod | modinfo | busybox) continue ;;
	esac
	ln -sf busybox "$root/bin/$applet"
done
cp /bin/kmod "$root/sbin/kmod"
for t in modprobe insmod rmmod lsmod depmod modinfo; do
	ln -sf kmod "$root/sbin/$t"
done
for b in /usr/bin/cxl /usr/bin/daxctl /usr/bin/jq; do
	[ -x "$b" ] || die "$b missing: run 'make deps'"
	cp "$b" "$root/usr/bin/"
done
# Shared libraries of the dynamic binaries, and the loader.
ldd /bin/kmod /usr/bin/cxl /usr/bin/daxctl /usr/bin/jq | awk '/=> \//{print $3} /^[ \t]*\/lib/{print $1}' |
	sort -u | while read -r lib; do
	mkdir -p "$root$(dirname "$lib")"
	cp -L "$lib" "$root$lib"
done
mkdir -p "$root/etc/daxctl.conf.d"

cp -a "$modroot/lib/modules" "$root/lib/"
cp "$TOP/tests/guest/init" "$root/init"
mkdir -p "$root/tests"
cp "$TOP"/tests/guest/*.sh "$root/tests/"
chmod +x "$root/init" "$root"/tests/*.sh

(cd "$root" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
