# shellcheck shell=sh
# kexec: the next kernel reads the memory map kexec hands it, where the
# profile's range is still Soft Reserved, and gives the range to dax_hmem
# unless a committed region covers it. So a kexec reboot is refused while
# CXL has reset the decoders of a region over the range, and goes ahead
# once a region decodes it again: kexec-after checks the next kernel.
# On the QEMU-CXL machine (cxl-qemu profile), after the cxl-qemu suite.
t_plan 7
. /tests/own.sh

h=
for d in /sys/bus/platform/devices/hmem.*; do
	[ ! -e "$d/owner" ] || h=${d##*/}
done
t_check "the profile's Soft Reserved range has an hmem device" test -n "$h"
for d in $(dax_devices | awk '$4 == "hmem" { print $1 }'); do
	daxctl reconfigure-device -m devdax -f "$d" >/dev/null 2>&1
done
t_setup "the range handed to CXL" sh -c "echo cxl >/sys/bus/platform/devices/$h/owner"
create() { cxl create-region -d decoder0.0 -m mem0 -w 1 -t ram -s 256M; }
t_setup "cxl create-region over the range" create
r=$(region_names | head -n 1)
t_is "the region covers the range" "$SR_START" region_start "$r"
t_setup "cxl destroy-region $r (its decoders reset)" cxl destroy-region -f "$r"

# this kernel and its root file system (the next boot's, guest/init),
# with a command line on which a kexec that goes through fails the run
kexec_pack() {
	(cd / && find . -xdev | cpio -o -H newc >/tmp/kexec-initrd) 2>/dev/null &&
		kexec -l /boot/vmlinuz --initrd=/tmp/kexec-initrd \
			--command-line="$(cat /proc/cmdline) cxlsr.kexec_refused=1"
}
t_setup "kexec -l" kexec_pack
t_mark
t_check "kexec -e is refused (EBUSY) while no decoder routes the range" \
	sh -c '! kexec -e 2>/tmp/k_err && grep -qi busy /tmp/k_err'
t_diag "kexec -e: $(cat /tmp/k_err)"
t_dmesg "the log says why" \
	"Soft Reserved $(memrange "$SR_START" "$SR_END"): no decoder routes it since CXL reset its region, kexec refused"
t_is "the range stays CXL's" none owner_state "$SR_START" "$SR_END"

t_setup "cxl create-region over the range again" create
r=$(region_names | head -n 1)
t_is "the new region covers the range" "$SR_START" region_start "$r"
wait_dax_of "$r"
t_is "dax_cxl owns the range" cxl owner_state "$SR_START" "$SR_END"
t_map before-kexec
t_diag "$(cd /sys/bus/cxl/devices && grep -H . decoder*/start decoder*/size 2>/dev/null)"
: >/tmp/kexec-next
