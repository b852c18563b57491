#!/bin/bash
# make peer: ndctl's own "cxl" unit tests (profile ndctl-cxl) on the
# pristine base and on the series, same config, same ndctl, one table.
# A test that passes on the base and fails on the series fails the run.
# The base half is cached under build/runs-base, keyed by the base, the
# config fragments and ndctl; PEER_FRESH=1 reruns it.
. "$(dirname "$0")/lib.sh"
profile=ndctl-cxl
export NDCTL_TESTS=all
key=$({ echo "$BASE_VERSION $BASE_SHA256 $NDCTL_VERSION $NDCTL_SHA256"; cat "$TOP"/configs/qemu.config \
	"$TOP/profiles/$profile.sh" "$TOP/tests/guest/ndctl.sh" "$TOP/tests/guest/testlib.sh"; } | sha256sum | cut -c1-16)
base_run=$BUILD/runs-base/$profile
"$TOP/scripts/build-ndctl.sh"
if [ "${PEER_FRESH:-0}" = 1 ] || [ "$(cat "$base_run/key" 2>/dev/null)" != "$key" ] ||
	[ ! -s "$base_run/results.log" ]; then
	t0=$(date +%s)
	FLAVOR=base "$TOP/scripts/build.sh" all
	log "peer: base kernel built in $(($(date +%s) - t0)) s"
	FLAVOR=base "$TOP/scripts/check.sh" "$profile" || true
	echo "$key" >"$base_run/key"
else
	log "peer: base results cached ($base_run, key $key)"
fi
series_run=$BUILD/runs/$profile
if [ "${PEER_SERIES_RUN:-1}" = 1 ]; then
	"$TOP/scripts/check.sh" "$profile" || true
fi
python3 "$TOP/scripts/peer-table.py" "$base_run/results.log" "$series_run/results.log" |
	tee "$BUILD/peer.md"
{ printf "# make peer: ndctl's cxl tests, base and series\n\nWritten by make peer (%s, %s).\n\n" \
	"$(date -u +%F)" "$(git -C "$TOP" rev-parse --short HEAD)"; cat "$BUILD/peer.md"; } >"$TOP/docs/peer.md"
