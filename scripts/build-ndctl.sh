#!/bin/bash
# Build ndctl (cxl, daxctl, ndctl and its unit tests) from Debian's source
# package, pinned in base.conf, into build/ndctl:
#   src/    the pristine release (the orig tarball, sha256-checked)
#   build/  meson build tree (tools, libraries, test programs)
#   root/   "meson install" into DESTDIR, what the guests put in /usr
#   tests.tsv  ndctl's "cxl" suite as meson would run it (name, command, env)
# The source comes from "apt-get source" through a private apt configuration
# under build/apt-NDCTL_SUITE, so the host's own sources stay Debian 12.
# Quick no-op when the build is current.
. "$(dirname "$0")/lib.sh"
N=$BUILD/ndctl
APT=$BUILD/apt-$NDCTL_SUITE
stamp="$NDCTL_VERSION $NDCTL_SHA256 $(sha256sum "$0" | cut -c1-16)"
if [ "$(cat "$N/stamp" 2>/dev/null)" = "$stamp" ] && [ -x "$N/root/usr/bin/cxl" ]; then
	exit 0
fi

mkdir -p "$APT"/lists/partial "$APT"/cache/archives/partial "$N/dl"
echo "deb-src http://deb.debian.org/debian $NDCTL_SUITE main" >"$APT/sources.list"

orig=$N/dl/$NDCTL_ORIG
want_version=$NDCTL_VERSION
if [ "$(sha256sum "$orig" 2>/dev/null | cut -d' ' -f1)" != "$NDCTL_SHA256" ]; then
	log "ndctl: apt-get source ndctl=$NDCTL_VERSION ($NDCTL_SUITE)"
	aptq apt-get update >&2 || die "apt-get update for $NDCTL_SUITE sources failed"
	if ! aptq apt-cache showsrc "ndctl=$NDCTL_VERSION" 2>/dev/null | grep -q "^Version: $NDCTL_VERSION$"; then
		want_version=$(aptq apt-cache showsrc ndctl | sed -n 's/^Version: //p' | sort -V | tail -n1)
		[ -n "$want_version" ] || die "no ndctl source package in $NDCTL_SUITE"
	fi
	# The orig tarball is what we build; apt checks it against the signed
	# Sources index. The .dsc and Debian's packaging are not needed (some
	# mirrors lack them: a failure there is reported, not fatal).
	(cd "$N/dl" && aptq apt-get source --download-only "ndctl=$want_version" >&2) ||
		log "ndctl: apt-get source reported errors (see above); checking the orig tarball"
	orig=$(printf '%s\n' "$N"/dl/ndctl_*.orig.tar.* | sort -V | tail -n1)
	[ -f "$orig" ] || die "apt-get source ndctl=$want_version fetched no orig tarball"
fi
check_pinned "ndctl ($NDCTL_SUITE)" "$NDCTL_VERSION" "$want_version" "$orig" "$NDCTL_SHA256"

log "ndctl: meson build of $(basename "$orig")"
rm -rf "$N/src" "$N/build" "$N/root"
mkdir -p "$N/src"
tar -xf "$orig" -C "$N/src" --strip-components=1
# Debian's options, less documentation and systemd units; tests on.
meson setup "$N/build" "$N/src" -Dprefix=/usr -Dsysconfdir=/etc -Drootprefix=/usr \
	-Dlibdir=lib/x86_64-linux-gnu -Drootlibdir=/usr/lib/x86_64-linux-gnu -Ddocs=disabled -Dasciidoctor=disabled \
	-Dsystemd=disabled -Dtest=enabled -Dversion-tag="$NDCTL_VERSION" >"$N/setup.log" 2>&1 ||
	{ tail -n 30 "$N/setup.log" >&2; die "ndctl: meson setup failed"; }
ninja -C "$N/build" >"$N/build.log" 2>&1 || { tail -n 30 "$N/build.log" >&2; die "ndctl: build failed"; }
DESTDIR="$N/root" meson install -C "$N/build" --no-rebuild >"$N/install.log" 2>&1 ||
	{ tail -n 30 "$N/install.log" >&2; die "ndctl: meson install failed"; }

# ndctl's "cxl" suite exactly as "meson test --suite cxl" would run it.
meson introspect --tests "$N/build" | python3 -c '
import json, sys
for t in json.load(sys.stdin):
    if not any(s.split(":")[-1] == "cxl" for s in t["suite"]):
        continue
    env = " ".join("%s=%s" % kv for kv in sorted(t["env"].items()))
    print("\t".join([t["name"], " ".join(t["cmd"]), env, str(t["timeout"])]))
' >"$N/tests.tsv"
[ -s "$N/tests.tsv" ] || die "ndctl: no tests in the cxl suite"
"$N/root/usr/bin/cxl" --version >/dev/null 2>&1 ||
	LD_LIBRARY_PATH="$N/root/usr/lib/x86_64-linux-gnu" "$N/root/usr/bin/cxl" --version >&2
echo "$stamp" >"$N/stamp"
log "ndctl: $(wc -l <"$N/tests.tsv") cxl tests, tools in $N/root"
