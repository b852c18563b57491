# shellcheck shell=sh
# ndctl: ndctl's own "cxl" test suite (build/ndctl/tests.tsv, from "meson
# introspect --tests"), each script run as "meson test" runs it: its
# command, its environment (NDCTL, DAXCTL, TEST_PATH, DATA_PATH,
# LD_LIBRARY_PATH, paths moved under /ndctl), the build directory as working
# directory, its timeout. Exit 0 passes, 77 skips (ndctl's do_skip() says
# why), anything else fails. The scripts are not modified.
# cxlsr.ndctl=all (make peer) or a comma-separated list (ndctl_tests).
ndctl_tests >/tmp/ndctl.tests
# nothing selected is no suite at all: bail out (the plan is 0)
t_setup "cxlsr.ndctl= selects tests of ndctl's cxl suite" test -s /tmp/ndctl.tests
n=0
while IFS="$(printf '\t')" read -r name cmd env tmo; do
	n=$((n + 1))
	echo "cxlsr: ndctl test $name" >/dev/kmsg
	t0=$(cut -d. -f1 /proc/uptime)
	# shellcheck disable=SC2086
	(cd /ndctl/build && env $env timeout "$tmo" $cmd) </dev/null >/tmp/ndctl.out 2>&1
	rc=$?
	secs=$(($(cut -d. -f1 /proc/uptime) - t0))
	case $rc in
	0) t_ok "$name (${secs} s)" ;;
	77)
		# do_skip's message, else the last line the script printed
		why=$(grep -E '^kernel [^ ]*: ' /tmp/ndctl.out | tail -n 1 | sed 's/^kernel [^ ]*: //')
		[ -n "$why" ] || why="exit 77 after: $(grep -v '^+' /tmp/ndctl.out | tail -n 1)"
		t_skip "$name" "$why"
		;;
	*)
		t_fail "$name (exit $rc, ${secs} s)"
		t_diag "$(grep -v '^+' /tmp/ndctl.out | tail -n 15)"
		t_diag "$(tail -n 10 /tmp/ndctl.out)"
		;;
	esac
	modprobe -r cxl_test 2>/dev/null
done </tmp/ndctl.tests
t_diag "$n ndctl tests run"
