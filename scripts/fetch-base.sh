#!/bin/bash
# Make sure the pinned base tarball is installed and verified.
# Falls back to the newest linux-source-6.12 only when the archive dropped
# the pinned version, and says so loudly.
. "$(dirname "$0")/lib.sh"

have_pinned() {
	[ "$(dpkg-query -W -f='${Version}' "$BASE_PKG" 2>/dev/null)" = "$BASE_VERSION" ] &&
		[ -f "$BASE_TARBALL" ]
}

if ! have_pinned; then
	log "installing $BASE_PKG=$BASE_VERSION"
	if ! apt-get install -y -q --no-install-recommends "$BASE_PKG=$BASE_VERSION" >&2; then
		apt-get update -q >&2 || true
		apt-get install -y -q --no-install-recommends "$BASE_PKG=$BASE_VERSION" >&2 ||
			apt-get install -y -q --no-install-recommends "$BASE_PKG" >&2 ||
			die "cannot install $BASE_PKG"
	fi
fi

got_version=$(dpkg-query -W -f='${Version}' "$BASE_PKG")
check_pinned "$BASE_PKG" "$BASE_VERSION" "$got_version" "$BASE_TARBALL" "$BASE_SHA256"
echo "$got_version $(sha256sum "$BASE_TARBALL" | cut -d' ' -f1)"
