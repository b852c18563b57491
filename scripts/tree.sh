#!/bin/bash
# build/linux: a git work tree whose first commit is the pristine base
# (tag "base"), with the series on the b4 prep branch SERIES_BRANCH (see
# base.conf): b4's cover letter commit, then patches/series by git am.
# Idempotent; never throws away work that is not in patches/.
. "$(dirname "$0")/lib.sh"

series_files() {
	grep -v '^\s*\(#\|$\)' "$TOP/patches/series" 2>/dev/null | sed "s|^|$TOP/patches/|" || true
}
am() { git -C "$SRC" am -q --keep-cr --committer-date-is-author-date "$@"; }
series_hash() {
	{ cat "$TOP/base.conf" "$TOP/patches/cover-letter.txt" "$TOP/patches/v1"/*; series_files | xargs -r cat; } |
		sha256sum | cut -d' ' -f1
}
# v1 as sent, tagged the way "b4 send" tags a sent revision, so that
# "b4 prep --compare-to v1" can show the range-diff.
tag_v1() {
	local files subject
	files=$(grep -v '^\s*\(#\|$\)' "$TOP/patches/v1/series" | sed "s|^|$TOP/patches/v1/|")
	git -C "$SRC" checkout -q -B v1 base
	# shellcheck disable=SC2086
	am $files || die "git am of patches/v1 failed"
	subject=$(sed -n 's/^Subject: \[PATCH [0-9]*\/[0-9]*\] //p' "$TOP/patches/v1/0000-cover-letter.patch")
	git -C "$SRC" tag -f -a "sent/${SERIES_BRANCH#b4/}-v1" -m "$subject" \
		-m "base-commit: $(git -C "$SRC" rev-parse base)" \
		-m "change-id: $SERIES_CHANGE_ID" >/dev/null
}

# The b4 prep branch: base, the cover letter commit b4 tracks the series
# with (text from patches/cover-letter.txt), then patches/series.
apply_series() {
	local files first name addr date=
	files=$(series_files)
	first=$(echo "$files" | head -n 1)
	if [ -n "$first" ]; then
		# b4 signs the cover letter as the committer: the patches' author
		{ read -r name; read -r addr; read -r date; } < <(b4py author "$first")
		git -C "$SRC" config user.name "$name"
		git -C "$SRC" config user.email "$addr"
	fi
	git -C "$SRC" config b4.prep-cover-strategy commit
	# "b4 send -o" only writes files, but wants a transport configured
	git -C "$SRC" config sendemail.smtpserver /bin/false
	git -C "$SRC" branch -f "$SERIES_BASE_BRANCH" base
	tag_v1
	git -C "$SRC" checkout -q -B "$SERIES_BRANCH" base
	b4py cover-commit "$TOP/patches/cover-letter.txt" \
		"$SERIES_CHANGE_ID" "$SERIES_REVISION" "$SERIES_BASE_BRANCH" |
		GIT_AUTHOR_DATE="${date:+@$date}" GIT_COMMITTER_DATE="${date:+@$date}" \
		git -C "$SRC" commit -q --allow-empty -F -
	if [ -n "$files" ]; then
		# shellcheck disable=SC2086
		am $files || {
			git -C "$SRC" am --abort || true
			die "git am failed; the tree is left at the cover letter"
		}
	fi
	git -C "$SRC" rev-parse HEAD >"$BUILD/applied-head"
	series_hash >"$BUILD/applied-series"
	log "tree: base + cover letter + $(echo "$files" | grep -c .) patches ($SERIES_BRANCH)"
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
	if [ "$(git -C "$SRC" symbolic-ref -q --short HEAD)" = "$SERIES_BRANCH" ] &&
		"$TOP/scripts/export.sh" "$tmp" >/dev/null &&
		diff -rq -x cover-letter.txt -x v1 "$tmp" "$TOP/patches" >/dev/null; then
		git -C "$SRC" rev-parse HEAD >"$BUILD/applied-head"
		series_hash >"$BUILD/applied-series"
		log "tree: up to date (exported)"
		exit 0
	fi
	[ "${FORCE:-0}" = 1 ] ||
		die "build/linux has commits that are not in patches/: run 'make export', or FORCE=1 to discard them"
fi
log "tree: patches/ changed, re-applying the series"
git -C "$SRC" checkout -q --detach base
apply_series
