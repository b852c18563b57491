#!/bin/bash
# build/linux: a git work tree whose first commit is the pristine base
# (tag "base") with patches/series applied on top by git am.
# Idempotent; never throws away work that is not in patches/.
. "$(dirname "$0")/lib.sh"

series_files() {
	grep -v '^\s*\(#\|$\)' "$TOP/patches/series" 2>/dev/null | sed "s|^|$TOP/patches/|" || true
}
series_hash() {
	{ cat "$TOP/base.conf"; series_files | xargs -r cat; } | sha256sum | cut -d' ' -f1
}
apply_series() {
	local files
	files=$(series_files)
	if [ -n "$files" ]; then
		# shellcheck disable=SC2086
		git -C "$SRC" am -q --keep-cr $files || {
			git -C "$SRC" am --abort || true
			die "git am failed; the tree is left at base"
		}
	fi
	git -C "$SRC" rev-parse HEAD >"$BUILD/applied-head"
	series_hash >"$BUILD/applied-series"
	log "tree: base + $(git -C "$SRC" rev-list --count base..HEAD) patches"
}

mkdir -p "$BUILD"
if [ ! -d "$SRC/.git" ]; then
	read -r version sha < <("$TOP/scripts/fetch-base.sh")
	log "extracting $BASE_PKG $version"
	rm -rf "$BUILD/linux.tmp" && mkdir -p "$BUILD/linux.tmp"
	tar -C "$BUILD/linux.tmp" --strip-components=1 -xf "$BASE_TARBALL"
	git -C "$BUILD/linux.tmp" init -q -b main
	git -C "$BUILD/linux.tmp" config user.name "cxlsr"
	git -C "$BUILD/linux.tmp" config user.email "cxlsr@localhost"
	# Debian's tarball .gitignore ends in "/*": add everything explicitly.
	git -C "$BUILD/linux.tmp" add -A -f
	GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z" \
		git -C "$BUILD/linux.tmp" commit -q -m "Linux $BASE_PKG $version" \
		-m "Pristine base, tarball sha256 $sha"
	git -C "$BUILD/linux.tmp" tag base
	mv "$BUILD/linux.tmp" "$SRC"
	apply_series
	exit 0
fi

# Existing tree: refuse to lose uncommitted or unexported work.
if [ -n "$(git -C "$SRC" status --porcelain --untracked-files=no)" ]; then
	die "build/linux has uncommitted changes: commit them (then make export) or stash them"
fi
[ "$(series_hash)" = "$(cat "$BUILD/applied-series" 2>/dev/null)" ] &&
	[ "$(git -C "$SRC" rev-parse HEAD)" = "$(cat "$BUILD/applied-head" 2>/dev/null)" ] && {
	log "tree: up to date"
	exit 0
}
if [ "$(git -C "$SRC" rev-parse HEAD)" != "$(cat "$BUILD/applied-head" 2>/dev/null)" ]; then
	# Commits made in the tree: fine if they are exactly what patches/ holds.
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	"$TOP/scripts/export.sh" "$tmp" >/dev/null
	if diff -rq -x cover-letter.txt "$tmp" "$TOP/patches" >/dev/null; then
		git -C "$SRC" rev-parse HEAD >"$BUILD/applied-head"
		series_hash >"$BUILD/applied-series"
		log "tree: up to date (exported)"
		exit 0
	fi
	[ "${FORCE:-0}" = 1 ] ||
		die "build/linux has commits that are not in patches/: run 'make export', or FORCE=1 to discard them"
fi
log "tree: patches/ changed, re-applying the series"
git -C "$SRC" checkout -q -B main base
git -C "$SRC" reset -q --hard base
apply_series
