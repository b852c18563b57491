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

# h_fail WHAT: a failure of the harness itself (a wait that timed out, a
# lost log mark): printed to the kernel log, where the console check
# (scripts/check-console.sh) fails the run on it, and to the suite's
# diagnostics. (KMSG: tests/host/guest-lib.sh runs this on the host.)
h_fail() {
	echo "cxlsr: FAIL: $*" >"${KMSG:-/dev/kmsg}"
	echo "# FAIL: $*" >>"$T_LINES"
}

# wait_until WHAT SECONDS CMD...: wait for an event (CMD succeeds: a
# sysfs state, a log line), checking every 0.1 s; SECONDS later (by the
# clock: a check can be slow under TCG) it is a failure naming WHAT, and
# status 1.
uptime_s() { cut -d. -f1 /proc/uptime; }
wait_until() {
	_w_what=$1 _w_end=$(($(uptime_s) + $2))
	shift 2
	while ! "$@" >/dev/null 2>&1; do
		if [ "$(uptime_s)" -ge $_w_end ]; then
			h_fail "timed out waiting for $_w_what"
			return 1
		fi
		sleep 0.1
	done
}

# The uevent helper (/init's stand-in for udev) marks each uevent it has
# handled in /tmp/uevents/SEQNUM. uevent_helper_on/off switch it; settle
# waits, as "udevadm settle" does, until every uevent since it was switched
# on is handled and no modprobe (the helper's or the kernel's
# request_module()) runs.
uevent_helper_on() {
	rm -rf /tmp/uevents && mkdir /tmp/uevents
	echo /sbin/hotplug >/proc/sys/kernel/hotplug
	cat /sys/kernel/uevent_seqnum >/tmp/uevents.done
}
uevent_helper_off() { echo >/proc/sys/kernel/hotplug; }
settled() {
	_s_seq=$(cat /sys/kernel/uevent_seqnum)
	if grep -q . /proc/sys/kernel/hotplug; then
		_s_done=$(cat /tmp/uevents.done)
		while [ "$_s_done" -lt "$_s_seq" ] && [ -e "/tmp/uevents/$((_s_done + 1))" ]; do
			_s_done=$((_s_done + 1))
		done
		echo "$_s_done" >/tmp/uevents.done
		[ "$_s_done" -ge "$_s_seq" ] || return 1
	fi
	! pidof modprobe kmod hotplug >/dev/null &&
		[ "$(cat /sys/kernel/uevent_seqnum)" = "$_s_seq" ]
}
settle() { wait_until "uevents to be handled and modprobe to finish" 120 settled; }

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
# t_eq DESC EXPECTED ACTUAL: EXPECTED comes from what the profile declares
# or the suite sets up, never from the system under test, and is never
# empty (an absence is a t_none or a t_absent: they have present twins).
t_eq() {
	if [ -n "$2" ] && [ "$2" = "$3" ]; then
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

# Probes: functions that print what they find (a list, a state) and fail
# when the tool behind them fails, printing "ERROR: ..." so that a failed
# tool never reads as "nothing found". The checks below run a probe,
# check its status and its output, and leave a marker for scripts/twins.sh:
# every probe an absence check (t_none) relies on must be seen printing
# something in a passing check (t_is, t_some) somewhere in the same run.
# probe_key PROBE: the twin key of a probe, its name.
_probe() {
	_p_key="probe:$1"
	"$@" >/tmp/t_probe 2>/tmp/t_probe.err
	_p_rc=$?
	[ $_p_rc = 0 ] || { t_diag "$*: exit $_p_rc: $(cat /tmp/t_probe.err)"; return 1; }
}
# t_is DESC EXPECTED PROBE ARGS...: PROBE succeeds and prints EXPECTED
# (lines joined by spaces; EXPECTED never empty).
t_is() {
	_t_desc=$1 _t_want=$2
	shift 2
	if _probe "$@" && [ -n "$_t_want" ] &&
		[ "$(tr '\n' ' ' </tmp/t_probe | sed 's/ $//')" = "$_t_want" ]; then
		t_ok "$_t_desc"
		echo "# t_present: $_p_key" >>$T_LINES
	else
		t_fail "$_t_desc"
		t_diag "$*: expected '$_t_want', got '$(tr '\n' ' ' </tmp/t_probe | sed 's/ $//')'"
	fi
}
# t_some DESC PROBE ARGS...: PROBE succeeds and prints something.
t_some() {
	_t_desc=$1
	shift
	if _probe "$@" && [ -s /tmp/t_probe ]; then
		t_ok "$_t_desc"
		echo "# t_present: $_p_key" >>$T_LINES
	else
		t_fail "$_t_desc"
		t_diag "$*: printed nothing"
	fi
}
# t_none DESC PROBE ARGS...: an absence check: PROBE succeeds and prints
# nothing.
t_none() {
	_t_desc=$1
	shift
	echo "# t_absent: probe:$1" >>$T_LINES
	if _probe "$@" && [ ! -s /tmp/t_probe ]; then
		t_ok "$_t_desc"
	else
		t_fail "$_t_desc"
		t_diag "$*: $(head -n 5 /tmp/t_probe)"
	fi
}

# t_control PROBE ARGS...: a positive control of a probe that absence
# checks rely on, given an input where it must print something (not a
# test of the kernel: not counted; a control that fails is a harness
# failure, and the probe's absence checks then have no twin).
t_control() {
	if _probe "$@" && [ -s /tmp/t_probe ]; then
		echo "# t_control: $_p_key" >>$T_LINES
	else
		h_fail "control: $* printed nothing"
	fi
}

# The kernel log is never cleared (helpers read the boot log): a step
# starts with t_mark, which writes "cxlsr-mark N" to /dev/kmsg; klog prints
# the log from the last mark of the running suite on (all of it before).
# N counts on across the suites of a boot, so that a suite never reads
# from the mark of one that ran before it. A mark (or the start of the
# boot's log) that has left the log buffer is a failure: klog prints
# "ERROR: ..." and fails, never a shorter log. run-qemu.sh sizes the buffer
# (log_buf_len=) for the longest suite.
t_mark() {
	m=$(($(cat /tmp/t_mark 2>/dev/null || echo 0) + 1))
	echo "$m" >/tmp/t_mark
	echo "cxlsr-mark $m" >/dev/kmsg
}
# shellcheck disable=SC2120 # klog -r: dmesg's options
klog() {
	_k_m=$(cat /tmp/t_mark 2>/dev/null || echo 0)
	dmesg "$@" >/tmp/klog.all || { echo "ERROR: dmesg failed"; return 1; }
	if [ "$_k_m" -gt "$(cat /tmp/t_mark_start 2>/dev/null || echo 0)" ]; then
		_k_from="cxlsr-mark $_k_m\$"
	else
		_k_from='Linux version '
	fi
	if ! grep -q -- "$_k_from" /tmp/klog.all; then
		h_fail "klog: '$_k_from' has left the kernel log buffer"
		echo "ERROR: kernel log from '$_k_from' lost"
		return 1
	fi
	sed -n "/$_k_from/,\$p" /tmp/klog.all
}
# klog_count REGEX: lines of klog matching the extended REGEX ("ERROR: ..."
# when the log is lost).
klog_count() {
	klog >/tmp/klog.out || { cat /tmp/klog.out; return 1; }
	grep -Ec -- "$1" /tmp/klog.out
}

# log_has REGEX: the kernel log since the last mark has a line matching
# the extended REGEX (for setup steps; a check is t_dmesg).
log_has() { klog >/tmp/klog.out && grep -Eq -- "$1" /tmp/klog.out; }

# t_dmesg DESC REGEX: the kernel log (since the last mark) has a line
# matching the extended REGEX.
t_dmesg() {
	if klog >/tmp/klog.out && grep -Eq -- "$2" /tmp/klog.out; then
		t_ok "$1"
		echo "# t_present: $2" >>$T_LINES
	else
		t_fail "$1"
		t_diag "no kernel log line matches /$2/ ($(grep -m1 '^ERROR' /tmp/klog.out))"
	fi
}
# t_logcount DESC N REGEX: exactly N (> 0) lines of the kernel log since
# the last mark match REGEX; a present twin of REGEX, as t_dmesg.
t_logcount() {
	_l_n=$(klog_count "$3")
	if [ "$2" -gt 0 ] && [ "$_l_n" = "$2" ]; then
		t_ok "$1"
		echo "# t_present: $3" >>$T_LINES
	else
		t_fail "$1"
		t_diag "expected $2 kernel log lines matching /$3/, got '$_l_n'"
	fi
}
# t_absent DESC REGEX: no line of the kernel log (since the last mark)
# matches REGEX. Every REGEX used here must be shown present by a t_dmesg
# with the very same REGEX somewhere (scripts/twins.sh checks it over the
# run), so that a reworded message cannot make this pass forever.
t_absent() {
	echo "# t_absent: $2" >>$T_LINES
	if ! klog >/tmp/klog.out; then
		t_fail "$1"
		t_diag "$(cat /tmp/klog.out)"
	elif grep -Eq -- "$2" /tmp/klog.out; then
		t_fail "$1"
		t_diag "$(grep -E -- "$2" /tmp/klog.out | head -n 3)"
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
	cat /tmp/t_mark >/tmp/t_mark_start 2>/dev/null || echo 0 >/tmp/t_mark_start
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
	timeout "${SUITE_TIMEOUT:-300}" sh -c '. /tests/testlib.sh; [ ! -f /tmp/profile.env ] || . /tmp/profile.env
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
	# shellcheck disable=SC2012 # debugfs names are plain words
	ls /sys/kernel/debug/kunit 2>/dev/null | sort >/tmp/k_before
	if [ -f "/sys/kernel/debug/kunit/$2/results" ]; then
		: >/tmp/k_err
		echo "$2" >>/tmp/k_after
		suites=$2
	else
		modprobe "$2" 2>/tmp/k_err
		# shellcheck disable=SC2012 # debugfs names are plain words
		ls /sys/kernel/debug/kunit 2>/dev/null | sort >/tmp/k_after
		suites=
		# shellcheck disable=SC2013 # one word a line
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
	# shellcheck disable=SC2013 # the command line's words
	for arg in $(cat /proc/cmdline); do
		case $arg in cxlsr.ndctl=*) only=${arg#*=} ;; esac
	done
	while IFS="$(printf '\t')" read -r name rest; do
		case ",$only," in ,all,|*,"$name",*) printf '%s\t%s\n' "$name" "$rest" ;; esac
	done </ndctl/tests.tsv
}

# kmemleak: reports only objects older than its minimum age (5 s), so a
# scan waits that out first. kmemleak_scan prints the reports of the
# objects found unreferenced (all that are reported and not cleared).
kmemleak_scan() {
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak
	echo scan >/sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak
}
# kmemleak_start: before a suite's own leak check: whatever is reported
# now leaked before the suite, which is a failure (in the kernel log:
# the console check fails the run on it); only then is it cleared, so
# that the suite's check counts its own leaks.
kmemleak_start() {
	kmemleak_scan >/tmp/kmemleak.before
	if [ -s /tmp/kmemleak.before ]; then
		h_fail "kmemleak: $(grep -c '^unreferenced object' /tmp/kmemleak.before) unreferenced objects before this suite"
		head -n 100 /tmp/kmemleak.before | while IFS= read -r l; do echo "$l" >/dev/kmsg; done
		echo clear >/sys/kernel/debug/kmemleak
	fi
}
# t_kmemleak DESC: no unreferenced object since kmemleak_start.
t_kmemleak() {
	kmemleak_scan >/tmp/kmemleak.now
	if [ -s /tmp/kmemleak.now ]; then
		t_fail "$1"
		t_diag "$(head -n 40 /tmp/kmemleak.now)"
	else
		t_ok "$1"
	fi
}
