# Soft Reserved ranges that ignore CXL window boundaries, as firmware
# memory maps may: two 512 MiB windows, range A runs from below window 0
# into it, range B from the end of window 0 into window 1. memmap= adds
# each range to the memory map and turns it into Soft Reserved. cxl_acpi
# expands window 0 over both and trims window 1 to start after B.
. "$TOP/profiles/cxl-qemu.sh"
PROFILE_DESC="QEMU CXL, Soft Reserved across a window's start and across two windows"
CXL_DEVICE_ARGS=("${CXL_DEVICE_ARGS[@]:0:${#CXL_DEVICE_ARGS[@]}-2}"
	-M cxl-fmw.0.targets.0=cxl.1,cxl-fmw.0.size=512M,cxl-fmw.1.targets.0=cxl.1,cxl-fmw.1.size=512M)
QEMU_ARGS=(
	-machine q35,cxl=on -m 2G -smp 2
	-object memory-backend-ram,id=m0,size=1G -numa node,nodeid=0,memdev=m0
	-object memory-backend-ram,id=m1,size=1G -numa node,nodeid=1,memdev=m1
	"${CXL_DEVICE_ARGS[@]}"
)
SR_A=0x108000000 SR_B=0x128000000
KCMDLINE="memmap=0x10000000@$SR_A memmap=0x10000000%$SR_A-1+0xefffffff"
KCMDLINE="$KCMDLINE memmap=0x10000000@$SR_B memmap=0x10000000%$SR_B-1+0xefffffff"
KCMDLINE="$KCMDLINE memhp_default_state=offline"
GUEST_TESTS="cxl-qemu-edges"
