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
got_sha=$(sha256sum "$BASE_TARBALL" | cut -d' ' -f1)
if [ "$got_version" != "$BASE_VERSION" ]; then
	cat >&2 <<MSG
************************************************************************
* WARNING: pinned base $BASE_PKG $BASE_VERSION is no longer in the archive.
* Building against $got_version instead (sha256 $got_sha).
* Update base.conf once the series is verified on it.
************************************************************************
MSG
elif [ "$got_sha" != "$BASE_SHA256" ]; then
	die "$BASE_TARBALL: sha256 $got_sha, base.conf pins $BASE_SHA256"
fi
echo "$got_version $got_sha"
