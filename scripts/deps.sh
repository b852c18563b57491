#!/bin/bash
# Install what the harness needs from Debian (QEMU 10 from bookworm-backports).
# Quick no-op when everything is there.
. "$(dirname "$0")/lib.sh"
pkgs=(build-essential bc bison flex libelf-dev libssl-dev dwarves cpio kmod xz-utils
	python3 ccache sparse busybox-static jq git b4 dpkg-dev
	meson ninja-build pkgconf libkmod-dev libudev-dev uuid-dev libjson-c-dev libkeyutils-dev
	libiniparser-dev libtraceevent-dev libtracefs-dev keyutils uuid-runtime debhelper rsync fakeroot gnuplot-nox shellcheck
	kexec-tools)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
qemu_ok() {
	qemu-system-x86_64 --version 2>/dev/null | grep -Eq 'version ([1-9][0-9]|[89])\.'
}
if [ ${#missing[@]} -eq 0 ] && qemu_ok; then
	exit 0
fi
[ "$(id -u)" = 0 ] || die "missing packages (${missing[*]} qemu>=8): run 'make deps' as root"
export DEBIAN_FRONTEND=noninteractive
# kexec-tools is for the guests: the host keeps rebooting through firmware
echo 'kexec-tools kexec-tools/load_kexec boolean false' | debconf-set-selections
src=/etc/apt/sources.list.d/bookworm-backports.sources
if ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
	cat >"$src" <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
log "deps: apt-get install ${missing[*]} qemu-system-x86 (backports)"
apt-get update -q >&2
[ ${#missing[@]} -eq 0 ] || apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
qemu_ok || apt-get install -y -q --no-install-recommends -t bookworm-backports \
	qemu-system-x86 >&2
qemu_ok || die "QEMU >= 8 (bookworm-backports) did not install"
