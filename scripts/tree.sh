#!/bin/bash
# build/linux: a git work tree whose first commit is the pristine base
# (tag "base"), then the series of base.conf in order on one branch (the
# last series' b4 prep branch): for each, b4's cover letter commit, then
# patches/NAME/series by git am.
# Idempotent; never throws away work that is not in patches/.
. "$(dirname "$0")/lib.sh"

# series_files NAME: the patch files of one series, in order
series_files() {
	grep -v '^\s*\(#\|$\)' "$TOP/patches/$1/series" 2>/dev/null | sed "s|^|$TOP/patches/$1/|" || true
}
am() { git -C "$SRC" am -q --keep-cr --committer-date-is-author-date "$@"; }
series_hash() {
	local i name
	{
		cat "$TOP/base.conf"
		for ((i = 0; i < NR_SERIES; i++)); do
			name=$(series_get "$i" 0)
			cat "$TOP/patches/$name/cover-letter.txt"
			[ ! -d "$TOP/patches/$name/v1" ] || cat "$TOP/patches/$name/v1"/*
			series_files "$name" | xargs -r cat
		done
	} | sha256sum | cut -d' ' -f1
}
# A revision as sent (patches/NAME/v1), tagged the way "b4 send" tags a
# sent revision, so that "b4 prep --compare-to v1" can show the range-diff.
tag_v1() { # NAME BRANCH CHANGE-ID
	local files subject
	files=$(grep -v '^\s*\(#\|$\)' "$TOP/patches/$1/v1/series" | sed "s|^|$TOP/patches/$1/v1/|")
	git -C "$SRC" checkout -q -B v1 base
	# shellcheck disable=SC2086
	am $files || die "git am of patches/$1/v1 failed"
	subject=$(sed -n 's/^Subject: \[PATCH [0-9]*\/[0-9]*\] //p' "$TOP/patches/$1/v1/0000-cover-letter.patch")
	git -C "$SRC" tag -f -a "sent/${2#b4/}-v1" -m "$subject" \
		-m "base-commit: $(git -C "$SRC" rev-parse base)" \
		-m "change-id: $3" >/dev/null
}

# set_committer NAME: b4 signs a cover letter as the committer: make that
# the author of the series' first patch; $date: its cover letter's date
set_committer() {
	local first author addr
	first=$(series_files "$1" | head -n 1) date=
	[ -n "$first" ] || return 0
	{ read -r author; read -r addr; read -r date; } < <(b4py author "$first")
	git -C "$SRC" config user.name "$author"
	git -C "$SRC" config user.email "$addr"
}

# One branch, WORK_BRANCH: base, then for each series the cover letter
# commit b4 tracks it with (text from patches/NAME/cover-letter.txt, its
# base branch the series before it), then its patches. Each series'
# branch is left at its last commit.
apply_series() {
	local i name branch change_id rev files base_branch date total=0
	git -C "$SRC" config b4.prep-cover-strategy commit
	# "b4 send -o" only writes files, but wants a transport configured
	git -C "$SRC" config sendemail.smtpserver /bin/false
	git -C "$SRC" branch -f "$SERIES_BASE_BRANCH" base
	for ((i = 0; i < NR_SERIES; i++)); do
		name=$(series_get "$i" 0) branch=$(series_get "$i" 1)
		set_committer "$name"
		[ ! -d "$TOP/patches/$name/v1" ] || tag_v1 "$name" "$branch" "$(series_get "$i" 2)"
	done
	git -C "$SRC" checkout -q -B "$WORK_BRANCH" base
	base_branch=$SERIES_BASE_BRANCH
	for ((i = 0; i < NR_SERIES; i++)); do
		name=$(series_get "$i" 0) branch=$(series_get "$i" 1)
		change_id=$(series_get "$i" 2) rev=$(series_get "$i" 3)
		files=$(series_files "$name")
		set_committer "$name"
		b4py cover-commit "$TOP/patches/$name/cover-letter.txt" \
			"$change_id" "$rev" "$base_branch" |
			GIT_AUTHOR_DATE="${date:+@$date}" GIT_COMMITTER_DATE="${date:+@$date}" \
			git -C "$SRC" commit -q --allow-empty -F -
		if [ -n "$files" ]; then
			# shellcheck disable=SC2086
			am $files || {
				git -C "$SRC" am --abort || true
				die "git am of $name failed; the tree is left before it"
			}
		fi
		[ "$branch" = "$WORK_BRANCH" ] || git -C "$SRC" branch -f "$branch" HEAD
		base_branch=$branch total=$((total + $(echo "$files" | grep -c .)))
	done
	git -C "$SRC" rev-parse HEAD >"$BUILD/applied-head"
	series_hash >"$BUILD/applied-series"
	log "tree: base + $NR_SERIES series, $total patches ($WORK_BRANCH)"
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
	if [ "$(git -C "$SRC" symbolic-ref -q --short HEAD)" = "$WORK_BRANCH" ] &&
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
