#!/bin/bash
# Write the series on build/linux's work branch to patches/NAME/, each the
# way it would be mailed: "b4 prep --auto-to-cc" fills To/Cc
# (get_maintainer.pl), "b4 prep --compare-to v1" gives the range-diff
# where a v1 was sent, "b4 send -o" writes the messages ([PATCH vN n/m],
# base-commit:, change-id:). The work branch holds every series, each
# starting at its cover letter commit: each series' branch is set to its
# last commit, and b4 runs on it (in a worktree, but for the last series).
# Byte-stable: b4's clock is pinned to the newest patch's author date
# (b4util.py run).
. "$(dirname "$0")/lib.sh"
out=${1:-$TOP/patches}
[ -d "$SRC/.git" ] || die "no build/linux: run 'make tree' first"
[ "$(git -C "$SRC" symbolic-ref -q --short HEAD)" = "$WORK_BRANCH" ] ||
	die "build/linux is not on $WORK_BRANCH: run 'make tree'"
command -v b4 >/dev/null || die "no b4: run 'make deps'"
tmp=$(mktemp -d)
wt=$BUILD/export-wt
cleanup() {
	git -C "$SRC" worktree remove -f "$wt" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

# Commit ids show in the range-diff: make them depend on the series only
# (commits amended in build/linux carry the time of the amend)
git -C "$SRC" rebase -q --committer-date-is-author-date base
# The cover letter commits are the empty ones, one per series
mapfile -t covers < <(git -C "$SRC" rev-list --reverse base..HEAD | while read -r c; do
	! git -C "$SRC" diff --quiet "$c^" "$c" || echo "$c"
done)
[ "${#covers[@]}" = "$NR_SERIES" ] ||
	die "build/linux: ${#covers[@]} cover letter commits for $NR_SERIES series in base.conf"

total=0
for ((i = 0; i < NR_SERIES; i++)); do
	name=$(series_get "$i" 0) branch=$(series_get "$i" 1)
	dir=$SRC
	if [ "$branch" != "$WORK_BRANCH" ]; then
		git -C "$SRC" branch -f "$branch" "${covers[$((i + 1))]}^"
		git -C "$SRC" worktree remove -f "$wt" 2>/dev/null || true
		git -C "$SRC" worktree add -q "$wt" "$branch"
		dir=$wt
	fi
	b4u() { (cd "$dir" && b4py "$@"); }
	rm -rf "$tmp/out"
	b4u run -q prep --auto-to-cc >/dev/null
	b4u run -q send --no-sign -o "$tmp/out" >/dev/null
	# a single patch goes out without a cover letter message
	cover=$(ls "$tmp/out"/0000-*.eml 2>/dev/null || true)
	if [ -n "$cover" ] &&
		git -C "$SRC" rev-parse -q --verify "refs/tags/sent/${branch#b4/}-v1" >/dev/null; then
		b4u run -q prep --compare-to v1 >"$tmp/range-diff"
		b4py add-range-diff "$cover" "$tmp/range-diff"
	fi
	mkdir -p "$out/$name"
	rm -f "$out/$name"/[0-9][0-9][0-9][0-9]-*.patch "$out/$name"/[0-9][0-9][0-9][0-9]-*.eml "$out/$name/series"
	cp "$tmp/out"/*.eml "$out/$name/"
	(cd "$out/$name" && printf '%s\n' [0-9][0-9][0-9][0-9]-*.eml | grep -v '^0000-') >"$out/$name/series"
	# The cover letter text, To/Cc included, back to where make tree reads it
	b4u cover-text >"$out/$name/cover-letter.txt"
	n=$(grep -c . "$out/$name/series") total=$((total + n))
	log "export: $name, $n patches to ${out#"$TOP"/}/$name"
done
log "export: $NR_SERIES series, $total patches"
