#!/bin/bash
# Write the series on build/linux's b4 prep branch to patches/ the way it
# would be mailed: "b4 prep --auto-to-cc" fills To/Cc (get_maintainer.pl),
# "b4 prep --compare-to v1" gives the range-diff, "b4 send -o" writes the
# messages ([PATCH vN n/m], base-commit:, change-id:). Byte-stable: b4's
# clock is pinned to the newest patch's author date (b4util.py run).
. "$(dirname "$0")/lib.sh"
out=${1:-$TOP/patches}
[ -d "$SRC/.git" ] || die "no build/linux: run 'make tree' first"
[ "$(git -C "$SRC" symbolic-ref -q --short HEAD)" = "$SERIES_BRANCH" ] ||
	die "build/linux is not on $SERIES_BRANCH: run 'make tree'"
command -v b4 >/dev/null || die "no b4: run 'make deps'"
b4u() { (cd "$SRC" && b4py "$@"); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Commit ids show in the range-diff: make them depend on the series only
# (commits amended in build/linux carry the time of the amend)
git -C "$SRC" rebase -q --committer-date-is-author-date base
b4u run -q prep --auto-to-cc >/dev/null
b4u run -q prep --compare-to v1 >"$tmp/range-diff"
b4u run -q send --no-sign -o "$tmp/out" >/dev/null
cover=$(ls "$tmp/out"/0000-*.eml)
b4py add-range-diff "$cover" "$tmp/range-diff"

mkdir -p "$out"
rm -f "$out"/[0-9][0-9][0-9][0-9]-*.patch "$out"/[0-9][0-9][0-9][0-9]-*.eml "$out/series"
cp "$tmp/out"/*.eml "$out/"
(cd "$out" && printf '%s\n' [0-9][0-9][0-9][0-9]-*.eml | grep -v '^0000-') >"$out/series"
# The cover letter text, To/Cc included, back to where make tree reads it
b4u cover-text >"$out/cover-letter.txt"
log "export: $(grep -c . "$out/series") patches to ${out#"$TOP"/}"
