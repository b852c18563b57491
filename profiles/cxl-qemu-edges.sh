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
W0_START=0x110000000 W0_END=0x12fffffff W1_START=0x130000000 W1_END=0x14fffffff
A_START=0x108000000 A_END=0x117ffffff B_START=0x128000000 B_END=0x137ffffff
SR_LIST="$A_START-$A_END $B_START-$B_END"
GUEST_VARS="W0_START W0_END W1_START W1_END A_START A_END B_START B_END"
KCMDLINE="$(sr_memmap $A_START $A_END) $(sr_memmap $B_START $B_END) memhp_default_state=offline"
