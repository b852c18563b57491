#!/bin/bash
# Run every profile's guest tests, parse the KTAP with the kernel's own
# kunit.py, check each console for splats. The closing count line counts
# the guest's test cases (kernel behaviour) only; the line before it, the
# harness's own checks: each console, gate, doc-logs and twins.
# Usage: [CHECK_SET=ci|full] check.sh [RUN...]   (RUN: a run of tests/index,
# PROFILE, builtin/PROFILE or debug/PROFILE; default: tests/index's ci runs, CHECK_SET=full:
# all of them)
. "$(dirname "$0")/lib.sh"
kunit=$SRC/tools/testing/kunit/kunit.py
profiles=("$@")
if [ ${#profiles[@]} = 0 ]; then
	mapfile -t profiles < <(index_runs "${CHECK_SET:-ci}")
fi
# GUEST_JOBS guests at a time (default: one per two host cores, at least
# two): a TCG guest keeps about one host core busy (its second vCPU idles),
# so two at once take about 40% less wall time on two cores. Each profile's
# report is printed whole as its run ends; the longest suites start first.
jobs=${GUEST_JOBS:-$(($(nproc) / 2 > 2 ? $(nproc) / 2 : 2))}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || die "GUEST_JOBS=$jobs: a positive number of guests"
pass=0 fail=0 skip=0 rundirs=()
gpass=0 gfail=0
# gate CMD...: one check of the harness, counted on the "gates:" line
gate() { if "$@"; then gpass=$((gpass + 1)); else gfail=$((gfail + 1)); fi; }
# run_profile PROFILE OUT: boot it, parse its KTAP, check its console;
# OUT gets "run-dir passed failed skipped console-ok".
run_profile() {
	local p=$1 out=$2 t0 name run svg parse_rc p_ok p_bad bad p_skip console=0 desc
	t0=$(date +%s)
	case $p in
	builtin/* | debug/*)
		name=${p#*/} run=$BUILD/runs-${p%%/*}/${p#*/} svg=$BUILD/report/${p#*/}-${p%%/*}.svg
		FLAVOR=${p%%/*} "$TOP/scripts/run-qemu.sh" "$name" tests || true
		;;
	*)
		name=$p run=$RUNS/$p svg=$BUILD/report/$p${FLAVOR:+-$FLAVOR}.svg
		"$TOP/scripts/run-qemu.sh" "$p" tests || true
		;;
	esac
	rm -f "$run/results.json"
	parse_rc=1 p_bad=0
	if [ -s "$run/results.log" ]; then
		parse_rc=0
		python3 "$kunit" parse --json="$run/results.json" "$run/results.log" \
			>"$run/parse.txt" 2>&1 || parse_rc=$?
		sed -n '/=====/,$p' "$run/parse.txt" | { grep -v '^\s*$' || true; } | sed "s|^|[$p] |" | tail -n 60
		if [ ! -s "$run/results.json" ] || grep -Eq 'ERROR|CRASHED|missing|Traceback' "$run/parse.txt"; then
			echo "[$p] kunit.py reported a broken result stream:" >&2
			{ grep -E 'ERROR|CRASHED|missing' "$run/parse.txt" || true; } | head >&2
			p_bad=1
		fi
	else
		echo "[$p] no results from the guest" >&2
		p_bad=1
	fi
	read -r p_ok bad p_skip < <(python3 "$TOP/scripts/count.py" "$run/results.json" "$run/failed.txt")
	[ "$p_bad" -eq 0 ] || echo "(the result stream is broken or missing: $run/parse.txt)" >>"$run/failed.txt"
	p_bad=$((p_bad + bad))
	# kunit.py failing with no failed case counted: the stream itself is bad.
	[ "${parse_rc:-1}" -ne 0 ] && [ "$p_bad" -eq 0 ] && p_bad=1 &&
		echo "(kunit.py parse failed: $run/parse.txt)" >>"$run/failed.txt"
	"$TOP/scripts/check-console.sh" "$run/console.log" && console=1 ||
		echo "(console check failed: $run/console.log)" >>"$run/failed.txt"
	sed "s|^|[$p] |" "$run/failed.txt" >"$out.failed"
	if grep -q 'cxlsr-map ' "$run/results.log" 2>/dev/null; then
		mkdir -p "$BUILD/report"
		desc=$(bash -c ". '$TOP/scripts/lib.sh' && . '$TOP/profiles/$name.sh' && echo \"\$PROFILE_DESC\"")
		python3 "$TOP/scripts/mapsvg.py" "$run/results.log" "$svg" "$p: $desc" &&
			log "profile $p: memory map picture in ${svg#"$TOP"/}"
	fi
	log "profile $p: $p_ok passed, $p_bad failed, $p_skip skipped ($(($(date +%s) - t0)) s)"
	echo "$run $p_ok $p_bad $p_skip $console $(($(date +%s) - t0))" >"$out.tmp"
	mv "$out.tmp" "$out"
}
# tests/index's order (the longest first, the short ones fill in beside them)
order=("${profiles[@]}")
res=$(mktemp -d)
trap 'rm -rf "$res"' EXIT
# report [final]: print and count each run that has ended, as it ends;
# final (all have ended): a run with no result is counted as lost
declare -A done_runs=()
report() {
	local i run p_ok p_bad p_skip console secs
	for i in "${!order[@]}"; do
		[ -z "${done_runs[$i]:-}" ] || continue
		if [ -e "$res/$i" ]; then
			cat "$res/$i.log"
			read -r run p_ok p_bad p_skip console secs <"$res/$i"
			echo "| ${order[$i]} | $p_ok | $p_bad | $secs s |" >>"$res/times"
			pass=$((pass + p_ok)) fail=$((fail + p_bad)) skip=$((skip + p_skip))
			if [ "$console" = 1 ]; then gpass=$((gpass + 1)); else gfail=$((gfail + 1)); fi
			rundirs[i]=$run	# by index: the layouts table in profile order
		elif [ "${1:-}" = final ]; then
			cat "$res/$i.log"
			echo "[${order[$i]}] the harness lost this run" | tee -a "$res/$i.failed" >&2
			fail=$((fail + 1)) gfail=$((gfail + 1))
		else
			continue
		fi
		done_runs[$i]=1
	done
}
t_all=$(date +%s)
for i in "${!order[@]}"; do
	while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
		wait -n || true
		report partial
	done
	run_profile "${order[$i]}" "$res/$i" >"$res/$i.log" 2>&1 &
done
while [ -n "$(jobs -rp)" ]; do
	wait -n || true
	report partial
done
report final
echo "Layouts (the boot memory map of each run):"
rundirs=("${rundirs[@]}")
python3 "$TOP/scripts/layouts.py" "${rundirs[@]}"
printf '== phase %-20s %4d s\n' "guest tests:" $(($(date +%s) - t_all))
[ -z "${PHASES:-}" ] || printf '%s\t%d\t%s\n' "guest tests" $(($(date +%s) - t_all)) "$jobs at a time" >>"$PHASES"
# With every profile run: the documented log lines are the printed ones.
if [ $# -eq 0 ]; then
	gate "$TOP/scripts/doc-logs.sh" "${rundirs[@]}"
	gate "$TOP/scripts/twins.sh" "${rundirs[@]}"
fi
# Gates run by 'make check' (lint, bisect, matrix) count as one check each.
for g in ${COUNT_GATES:+"$BUILD"/gates/*}; do
	[[ -f $g && $g != *.log ]] || continue
	if [ "$(cat "$g")" = pass ]; then gpass=$((gpass + 1)); else gfail=$((gfail + 1)); echo "gate ${g##*/} failed (build/gates/${g##*/}.log)"; fi
done
# The closing lines, the ones CI shows: the phase table, what failed, the counts
if [ -s "${PHASES:-}" ]; then
	echo "Phases (this make check):"
	awk -F'\t' '{ printf "  %-22s %5d s  %s\n", $1, $2, $3; t += $2 } END { printf "  %-22s %5d s (%d min)\n", "total", t, (t + 59) / 60 }' "$PHASES"
fi
# where SUITE CASE: the suite's file, and the line whose text names CASE
# (its description, less the prefixes a loop adds), when one does
where() {
	local file=$TOP/tests/guest/$1.sh c=$2 n=
	[ -f "$file" ] || return 0
	while :; do
		[ ${#c} -lt 12 ] || n=$(grep -n -m1 -F -- "$c" "$file" | cut -d: -f1)
		[ -n "${n:-}" ] || [[ $c != *": "* ]] || { c=${c#*: }; continue; }
		break
	done
	echo " (tests/guest/$1.sh${n:+:$n})"
}
cat "$res"/*.failed 2>/dev/null | while IFS= read -r l; do
	rest=${l#*] } suite=${rest%%: *}
	echo "failed: $l$(where "$suite" "${rest#*: }")"
done
echo "gates: $gpass passed, $gfail failed"
line="$pass passed, $fail failed"
[ $skip -gt 0 ] && line="$line, $skip skipped"
echo "$line"
# make check (every CI run, the gates counted): the figures go to docs/ci.md
if [ $# -eq 0 ] && [ -n "${COUNT_GATES:-}" ] && [ -s "${PHASES:-}" ]; then
	{
		printf '# make check: the last run\n\nWritten by make check (%s, %s, %s, %d cores, %s ccache).\n\n' \
			"$(date -u '+%F %H:%M')" "$(git -C "$TOP" rev-parse --short HEAD)" "${CHECK_SET:-ci}" "$(nproc)" \
			"$([ -n "${CI_COLD:-}" ] && echo "an empty" || echo "a used")"
		echo '| phase | seconds | |'
		echo '| --- | --- | --- |'
		awk -F'\t' '{ printf "| %s | %d | %s |\n", $1, $2, $3; t += $2 } END { printf "| total | %d (%d min) | |\n", t, (t + 59) / 60 }' "$PHASES"
		printf '\n| run (tests/index) | passed | failed | wall time, %s at a time |\n| --- | --- | --- | --- |\n' "$jobs"
		cat "$res/times"
		printf '\ngates: %s passed, %s failed; %s\n' "$gpass" "$gfail" "$line"
	} >"$TOP/docs/ci.md"
fi
[ $fail -eq 0 ] && [ $gfail -eq 0 ] && [ $pass -gt 0 ]
