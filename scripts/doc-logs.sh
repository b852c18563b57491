#!/bin/bash
# The log lines that Documentation/driver-api/cxl/soft-reserved.rst shows
# must be lines the kernel really prints: each example must match a line
# of some guest console log of this run, numbers aside (device numbers and
# addresses differ between layouts).
# Usage: doc-logs.sh RUN_DIR...  (check.sh's runs, after every profile ran;
# DOC=FILE checks another document)
. "$(dirname "$0")/lib.sh"
[ $# -gt 0 ] || die "doc-logs: no run directories"
doc=${DOC:-$SRC/Documentation/driver-api/cxl/soft-reserved.rst}
[ -f "$doc" ] || die "no $doc"
norm() { sed -E 's/^\[ *[0-9.]+\] //; s/0x[0-9a-f]+/X/g; s/[0-9]+/N/g'; }
seen=$(for d in "$@"; do cat "$d/console.log" 2>/dev/null || true; done | tr -d '\r' | norm | sort -u)
bad=0 n=0
while IFS= read -r line; do
	n=$((n + 1))
	if ! grep -qxF -- "$(echo "$line" | norm)" <<<"$seen"; then
		echo "doc-logs: not printed by any guest: $line" >&2
		bad=$((bad + 1))
	fi
done < <(sed -nE 's/^  ((hmem_platform|(platform|hmem) hmem\.[0-9]+:|cxl_dax_region|cxl region[0-9]+:|dax_cxl:|Soft Reserved \[mem) .*)$/\1/p' "$doc")
echo "doc-logs: $n example lines, $bad not seen in the guest logs"
[ "$n" -gt 0 ] && [ $bad = 0 ]
