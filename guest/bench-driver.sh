#!/bin/sh
# make bench, inside the guest (cxlsr.run=bench cxlsr.tests=CASE, booted
# with cxlsr.noudev=1 so that nothing loads before the measured step). A
# step is framed by "cxlsr-bench:" lines written to /dev/kmsg: the kernel
# stamps them, as it stamps its own messages, and the host reads every
# time off the kernel log this prints at the end (scripts/bench-report.py).
#   p1: modprobe dax_hmem, then wait for its first dax device
#   p2: what udev does at boot (every device's driver, with the uevent
#       helper on), then wait for the first dax device and for quiet
#   p4: the decision's work item, start to end (workqueue tracepoints), on
#       the profile's layout, or on cxl_test's with cxlsr.BENCH_P4_MOCK=N
#       (hmem_test=N), udev on
. /tests/testlib.sh
[ -f /tmp/profile.env ] && . /tmp/profile.env

mark() { echo "cxlsr-bench: $*" >/dev/kmsg; }

# first_dax SECONDS: wait until a dax device exists. The host times it by
# the kernel's own line for the probe that created it (initcall_debug);
# the loop only waits, sleeping between looks so that it leaves the two
# vCPUs to the step it waits for.
first_dax() {
	read -r up _ </proc/uptime
	deadline=$((${up%.*} + $1))
	while :; do
		for f in /sys/bus/dax/devices/dax*; do
			if [ -e "$f" ]; then
				mark "first dax device ${f##*/}"
				return 0
			fi
		done
		sleep 0.005
		read -r up _ </proc/uptime
		if [ "${up%.*}" -ge "$deadline" ]; then
			mark "no dax device after $1 s"
			return 1
		fi
	done
}

case $1 in
p1)
	mark "start: modprobe dax_hmem"
	modprobe dax_hmem
	first_dax 30
	;;
p2)
	uevent_helper_on
	mark "start: coldplug"
	coldplug &
	first_dax "${BENCH_P2_WAIT:-20}"
	wait
	settle
	mark "settled"
	# which devices are CXL's, for "last CXL probe"
	for d in /sys/bus/cxl/devices/* /sys/bus/pci/drivers/cxl_pci/0*; do
		[ -e "$d" ] && echo "cxl-device ${d##*/}"
	done
	;;
p4)
	T=/sys/kernel/tracing
	echo 1 >$T/events/workqueue/workqueue_execute_start/enable
	echo 1 >$T/events/workqueue/workqueue_execute_end/enable
	uevent_helper_on
	mark "start: p4"
	if [ -n "${BENCH_P4_MOCK:-}" ]; then
		modprobe cxl_mock_mem && modprobe cxl_test "hmem_test=$BENCH_P4_MOCK"
	fi
	coldplug
	i=0
	while [ $i -lt 600 ] && ! dmesg | grep -q 'Soft Reserved in CXL windows: '; do
		sleep 0.1
		i=$((i + 1))
	done
	settle
	echo 0 >$T/tracing_on
	grep hmem_decide_work $T/trace | sed 's/^/trace /'
	;;
*)
	echo "bench: unknown case '$1'"
	;;
esac
echo "uname $(uname -r)"
echo "BENCH-DMESG-BEGIN"
dmesg
echo "BENCH-DMESG-END"
