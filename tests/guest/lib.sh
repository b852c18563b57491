# Guest test helpers (POSIX sh, sourced). A suite is a script in /tests that
# calls the t_* functions; run_suite wraps its results as a KTAP subtest.

# busybox sh runs its own applets before it searches $PATH: modprobe,
# rmmod and insmod would be busybox's, which ignore softdeps and
# modprobe.d. udev, systemd and operators run kmod, as the kernel's
# request_module() does (/sbin/modprobe): so do the suites.
modprobe() { /sbin/modprobe "$@"; }
rmmod() { /sbin/rmmod "$@"; }
insmod() { /sbin/insmod "$@"; }

# coldplug: load the drivers of every device there is, as udev's coldplug
# does at boot. One cat over all uevent files: a process per device costs
# about 10 s under TCG once cxl_test has added its 250 devices.
coldplug() {
	cat /sys/bus/*/devices/*/uevent 2>/dev/null | sed -n 's/^MODALIAS=//p' |
		sort -u | xargs -r /sbin/modprobe -q -a 2>/dev/null
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
# t_count DESC EXPECTED ACTUAL: t_eq for counts that must be > 0 (a count
# compared with another is worthless when both are 0).
t_count() {
	if [ "$2" -gt 0 ] 2>/dev/null && [ "$2" = "$3" ]; then
		t_ok "$1"
	else
		t_fail "$1"
		t_diag "expected count '$2' (> 0), got '$3'"
	fi
}

# The kernel log is never cleared (helpers read the boot log): a step
# starts with t_mark, which writes "cxlsr-mark N" to /dev/kmsg; klog prints
# the log from the last mark of the running suite on (all of it before).
# N counts on across the suites of a boot, so that a suite never reads
# from the mark of one that ran before it.
t_mark() {
	m=$(($(cat /tmp/t_mark 2>/dev/null || echo 0) + 1))
	echo "$m" >/tmp/t_mark
	echo "cxlsr-mark $m" >/dev/kmsg
}
klog() {
	m=$(cat /tmp/t_mark 2>/dev/null || echo 0)
	if [ "$m" -gt "$(cat /tmp/t_mark_start 2>/dev/null || echo 0)" ]; then
		dmesg "$@" | sed -n "/cxlsr-mark $m\$/,\$p"
	else
		dmesg "$@"
	fi
}
# klog_count REGEX: lines of klog matching the extended REGEX.
klog_count() { klog | grep -Ec -- "$1"; }

# t_dmesg DESC REGEX: the kernel log (since the last mark) has a line
# matching the extended REGEX.
t_dmesg() {
	if klog | grep -Eq -- "$2"; then
		t_ok "$1"
		echo "# t_present: $2" >>$T_LINES
	else
		t_fail "$1"
		t_diag "no kernel log line matches /$2/"
	fi
}
# t_absent DESC REGEX: no line of the kernel log (since the last mark)
# matches REGEX. Every REGEX used here must be shown present by a t_dmesg
# with the very same REGEX somewhere (check.sh checks it over all
# profiles), so that a reworded message cannot make this pass forever.
t_absent() {
	echo "# t_absent: $2" >>$T_LINES
	if klog | grep -Eq -- "$2"; then
		t_fail "$1"
		t_diag "$(klog | grep -E -- "$2" | head -n 3)"
	else
		t_ok "$1"
	fi
}

# t_setup DESC CMD...: a setup or teardown step (load, unload, bind), not a
# test: on failure the suite bails out ("Bail out!") and fails.
t_setup() {
	desc=$1
	shift
	"$@" >/tmp/t_out 2>&1 && return 0
	[ ! -s /tmp/t_out ] || t_diag "$(tail -n 20 /tmp/t_out)"
	echo "Bail out! setup step failed: $desc" >>$T_LINES
	exit 4
}

# t_plan N: the number of tests the suite runs, its first statement.
# run_suite prints it before the suite runs; kunit.py fails a suite whose
# results do not match it (one that stops early, or runs more).
t_plan() { :; }

# run_suite NUM NAME: run /tests/NAME.sh, print it as a KTAP subtest: the
# header and the plan first, then the results.
run_suite() {
	: >$T_LINES
	echo "$(cat /tmp/t_mark 2>/dev/null || echo 0)" >/tmp/t_mark_start
	# a suite whose size depends on the machine computes it in NAME.plan.sh
	if [ -f "/tests/$2.plan.sh" ]; then
		plan=$(sh "/tests/$2.plan.sh")
	else
		plan=$(sed -n 's/^t_plan \([0-9][0-9]*\)$/\1/p' "/tests/$2.sh" | head -n 1)
	fi
	echo "    KTAP version 1"
	echo "    # Subtest: $2"
	if [ -z "$plan" ]; then
		echo "    1..1"
		echo "    not ok 1 $2 declares no plan (t_plan N)"
		echo "not ok $1 $2"
		return
	fi
	echo "    1..$plan"
	# shellcheck disable=SC2016
	timeout "${SUITE_TIMEOUT:-300}" sh -c '. /tests/lib.sh; [ ! -f /tmp/profile.env ] || . /tmp/profile.env
		. "/tests/$0.sh"; t_finish' "$2" >/tmp/t_suite 2>&1
	rc=$?
	n=$(grep -c '^\(not \)\?ok ' $T_LINES)
	case $rc in
	0 | 3) ;;
	4) ;; # bailed out: the plan is not met, kunit.py reports the rest missing
	*)
		echo "# $2 exited with status $rc" >>$T_LINES
		sed 's/^/# /' /tmp/t_suite | tail -n 20 >>$T_LINES
		;;
	esac
	sed 's/^/    /' $T_LINES
	if [ $rc -eq 0 ] && [ "$n" = "$plan" ]; then
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
# print each suite's debugfs results as a KTAP subtest numbered NUM. A
# built-in suite (KUnit ran it at boot) is named by its suite name instead.
run_kunit() {
	ls /sys/kernel/debug/kunit 2>/dev/null | sort >/tmp/k_before
	if [ -f "/sys/kernel/debug/kunit/$2/results" ]; then
		: >/tmp/k_err
		echo "$2" >>/tmp/k_after
		suites=$2
	else
		modprobe "$2" 2>/tmp/k_err
		ls /sys/kernel/debug/kunit 2>/dev/null | sort >/tmp/k_after
		suites=
		for s in $(cat /tmp/k_after); do
			grep -qx "$s" /tmp/k_before || suites="$suites $s"
		done
	fi
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

# ndctl_tests: the lines of /ndctl/tests.tsv that cxlsr.ndctl= selects
# ("all", the default, or comma-separated test names).
ndctl_tests() {
	only=all
	for arg in $(cat /proc/cmdline); do
		case $arg in cxlsr.ndctl=*) only=${arg#*=} ;; esac
	done
	while IFS="$(printf '\t')" read -r name rest; do
		case ",$only," in ,all,|*,"$name",*) printf '%s\t%s\n' "$name" "$rest" ;; esac
	done </ndctl/tests.tsv
}
