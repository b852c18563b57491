#!/bin/bash
# Generate the guest initramfs: busybox, kmod as /sbin/modprobe (the kernel's
# modprobe_path), ndctl built by scripts/build-ndctl.sh (cxl, daxctl, ndctl and
# its test suite), bash, jq, kexec and the tools those tests use, with their
# libraries, the guest tests, and one module tree (plain, or with the
# cxl_test mocks).
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
# GNU tools where busybox's differ from what ndctl's tests expect
# (busybox mktemp wants six X's, ndctl's cxl-labels.sh gives four)
rm -f "$root/bin/mktemp"
cp /usr/bin/mktemp "$root/bin/mktemp"
cp /bin/kmod "$root/sbin/kmod"
for t in modprobe insmod rmmod lsmod depmod modinfo; do
	ln -sf kmod "$root/sbin/$t"
done
# ndctl as scripts/build-ndctl.sh built and installed it (tools, libraries, conf)
N=$BUILD/ndctl
[ -x "$N/root/usr/bin/cxl" ] || die "no ndctl in $N: run scripts/build-ndctl.sh (make build)"
cp -a "$N/root/usr" "$N/root/etc" "$root/"
rm -rf "$root/usr/include" "$root/usr/share/bash-completion" "$root/usr/lib/x86_64-linux-gnu/pkgconfig"
# ndctl's test suite (make peer): its scripts and its build tree's programs,
# at the paths build/ndctl/tests.tsv names once /ndctl is substituted.
mkdir -p "$root/ndctl/src" "$root/ndctl/build"
cp -a "$N/src/test" "$root/ndctl/src/"
(cd "$N/build" && find . -path '*.p' -prune -o \( -type f -perm -u+x -o -name '*.so*' \) -print0 |
	cpio --null -pdm --quiet "$root/ndctl/build")
sed "s|$N/|/ndctl/|g" "$N/tests.tsv" >"$root/ndctl/tests.tsv"
# ndctl's check_dmesg() reads the kernel log with journalctl: there is no
# journal here, the stand-in prints the kernel log, newest line first (-r)
cat >"$root/usr/bin/journalctl" <<'JC'
#!/bin/sh
dmesg | tac
JC
# ... and "udevadm settle": /init's uevent helper stands in for udev
cat >"$root/usr/bin/udevadm" <<'UA'
#!/bin/sh
[ "$1" = settle ] || { echo "udevadm $*: only 'settle' exists in this guest" >&2; exit 1; }
. /tests/testlib.sh
settle
UA
chmod +x "$root/usr/bin/journalctl" "$root/usr/bin/udevadm"
bins="/usr/bin/jq /bin/bash /usr/bin/keyctl /usr/bin/uuidgen /sbin/kexec"
for b in $bins; do
	[ -x "$b" ] || die "$b missing: run 'make deps'"
	mkdir -p "$root$(dirname "$b")"
	cp "$b" "$root$b"
done
# Shared libraries of the dynamic binaries, and the loader (ndctl's own
# libraries resolve to its build, not to the host's).
# shellcheck disable=SC2086 # the list of binaries
LD_LIBRARY_PATH=$N/root/usr/lib/x86_64-linux-gnu ldd /bin/kmod /usr/bin/mktemp $bins "$N"/root/usr/bin/* |
	awk '/=> \//{print $3} /^[ \t]*\/lib/{print $1}' | grep -v "^$N/" |
	sort -u | while read -r lib; do
	mkdir -p "$root$(dirname "$lib")"
	cp -L "$lib" "$root$lib"
done
mkdir -p "$root/etc/daxctl.conf.d"

cp -a "$modroot/lib/modules" "$root/lib/"
# KEXEC_KERNEL (a profile's): the kernel a suite kexecs into (guest/init)
if [ -n "${KEXEC_KERNEL:-}" ]; then
	mkdir -p "$root/boot"
	cp "$KEXEC_KERNEL" "$root/boot/vmlinuz"
fi
cp "$TOP/guest/init" "$root/init"
mkdir -p "$root/tests"
cp "$TOP"/tests/guest/*.sh "$TOP"/guest/*.sh "$root/tests/"
chmod +x "$root/init" "$root"/tests/*.sh

(cd "$root" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
