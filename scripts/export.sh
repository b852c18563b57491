#!/bin/bash
# Write base..HEAD of build/linux as numbered format-patch output, a cover
# letter and the series file. Byte-stable: no version/signature lines and
# the cover letter body is kept from patches/cover-letter.txt.
. "$(dirname "$0")/lib.sh"
out=${1:-$TOP/patches}
[ -d "$SRC/.git" ] || die "no build/linux: run 'make tree' first"
mkdir -p "$out"
rm -f "$out"/[0-9][0-9][0-9][0-9]-*.patch "$out/series"
n=$(git -C "$SRC" rev-list --count base..HEAD)
if [ "$n" -gt 0 ]; then
	git -C "$SRC" -c core.abbrev=12 -c diff.noprefix=false format-patch -q \
		--no-signature --zero-commit --cover-letter --numbered \
		--base=base -o "$out" base..HEAD >/dev/null
	# Keep the hand-written cover letter text.
	if [ -f "$TOP/patches/cover-letter.txt" ]; then
		python3 "$TOP/scripts/cover.py" "$out/0000-cover-letter.patch" \
			"$TOP/patches/cover-letter.txt" "$(git -C "$SRC" log -1 --format=%aD)"
	fi
	(cd "$out" && ls [0-9][0-9][0-9][0-9]-*.patch | grep -v '^0000-') >"$out/series"
else
	: >"$out/series"
fi
log "export: $n patches to ${out#"$TOP"/}"
