# Guest test helpers (POSIX sh, sourced). A suite is a script in /tests that
# calls the t_* functions; run_suite wraps its results as a KTAP subtest.

coldplug() {
	for u in /sys/bus/*/devices/*/uevent; do
		sed -n 's/^MODALIAS=//p' "$u" 2>/dev/null
	done | sort -u | xargs -r modprobe -q -a 2>/dev/null
	return 0
}

# Wait until no modprobe runs and no new uevent came for a second.
settle() {
	last= tries=0
	while [ $tries -lt 120 ]; do
		seq=$(cat /sys/kernel/uevent_seqnum)
		if [ "$seq" = "$last" ] && ! pidof modprobe kmod hotplug >/dev/null; then
			return 0
		fi
		last=$seq tries=$((tries + 1))
		sleep 1
	done
	echo "settle: still busy after 120s" >&2
}

# Results of the running suite.
T_N=0 T_FAILED=0 T_LINES=/tmp/t_lines

t_ok() { T_N=$((T_N + 1)); echo "ok $T_N $*" >>$T_LINES; }
t_fail() {
	T_N=$((T_N + 1)) T_FAILED=1
	echo "not ok $T_N $*" >>$T_LINES
}
t_skip() { T_N=$((T_N + 1)); echo "ok $T_N $1 # SKIP $2" >>$T_LINES; }
t_diag() { echo "$*" | sed 's/^/# /' >>$T_LINES; }
# t_check DESC CMD...: passes when CMD succeeds.
t_check() {
	desc=$1
	shift
	if "$@" >/tmp/t_out 2>&1; then
		t_ok "$desc"
	else
		t_fail "$desc"
		t_diag "$(tail -n 20 /tmp/t_out)"
	fi
}
# t_eq DESC EXPECTED ACTUAL
t_eq() {
	if [ "$2" = "$3" ]; then
		t_ok "$1"
	else
		t_fail "$1"
		t_diag "expected '$2', got '$3'"
	fi
}
# t_dmesg DESC REGEX: the kernel log has a line matching REGEX.
t_dmesg() {
	if dmesg | grep -Eq -- "$2"; then
		t_ok "$1"
	else
		t_fail "$1"
		t_diag "no kernel log line matches /$2/"
	fi
}

# run_suite NUM NAME: run /tests/NAME.sh, print it as a KTAP subtest.
run_suite() {
	: >$T_LINES
	timeout "${SUITE_TIMEOUT:-300}" sh -c ". /tests/lib.sh; . /tests/$2.sh; t_finish" >/tmp/t_suite 2>&1
	rc=$?
	echo "    KTAP version 1"
	echo "    # Subtest: $2"
	n=$(grep -c '^\(not \)\?ok ' $T_LINES)
	if [ $rc -ne 0 ] && [ "$rc" != 3 ]; then
		n=$((n + 1))
		echo "not ok $n $2 exited with status $rc" >>$T_LINES
		sed 's/^/# /' /tmp/t_suite | tail -n 20 >>$T_LINES
	fi
	echo "    1..$n"
	sed 's/^/    /' $T_LINES
	if [ $rc -eq 0 ] && [ "$n" -gt 0 ]; then
		echo "ok $1 $2"
	else
		echo "not ok $1 $2"
	fi
}

# Last call of a suite: exit 3 when a case failed, 0 otherwise.
t_finish() {
	[ $T_FAILED = 0 ] || exit 3
	exit 0
}

# run_kunit NUM MODULE: load a KUnit test module (KUnit runs it at load) and
# print each suite's debugfs results as a KTAP subtest numbered NUM.
run_kunit() {
	ls /sys/kernel/debug/kunit 2>/dev/null | sort >/tmp/k_before
	modprobe "$2" 2>/tmp/k_err
	ls /sys/kernel/debug/kunit 2>/dev/null | sort >/tmp/k_after
	suites=
	for s in $(cat /tmp/k_after); do
		grep -qx "$s" /tmp/k_before || suites="$suites $s"
	done
	if [ -z "$suites" ]; then
		echo "    KTAP version 1"
		echo "    # Subtest: $2"
		echo "    1..1"
		echo "    not ok 1 module $2 registered no KUnit suite"
		sed 's/^/    # /' /tmp/k_err
		echo "not ok $1 $2"
		return
	fi
	for s in $suites; do
		r=/sys/kernel/debug/kunit/$s/results
		# The file is a whole KTAP run of one suite: drop its header,
		# keep the (indented) suite, renumber the suite's result line.
		sed '1,2d;$d' "$r"
		tail -n 1 "$r" | sed -E "s/^(not ok|ok) [0-9]+ /\1 $1 /"
	done
}
