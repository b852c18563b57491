# QEMU's own CXL emulation: pxb-cxl host bridge, one root port, a
# cxl-type3 device with 256 MiB volatile and 256 MiB persistent capacity
# and two 256 MiB fixed memory windows ("CXL Window 0" and "CXL Window 1").
# memmap= adds window 0 to the memory map and turns it into Soft Reserved, as
# firmware would; window 1 is what firmware left to the OS. No firmware
# commits a decoder here, so no region exists at boot and a window is only
# backed where a region is committed: nothing is onlined at boot
# (memhp_default_state=offline), the suite onlines a committed region only.
PROFILE_DESC="QEMU CXL type-3 device, Soft Reserved over CXL Window 0, window 1 free, no committed region"
MODSET=plain
# The layout, passed to the guest suites on the kernel command line
# (GUEST_VARS, as cxlsr.NAME=VALUE) so that no suite re-types an address.
W0_START=0x110000000 W0_END=0x11fffffff W1_START=0x120000000 W1_END=0x12fffffff
SR_START=$W0_START SR_END=$W0_END
SR_LIST="$SR_START-$SR_END"
GUEST_VARS="W0_START W0_END W1_START W1_END SR_START SR_END"
# The CXL devices and windows, shared with the cxl-hmat profiles
CXL_DEVICE_ARGS=(
	-object memory-backend-ram,id=cxl-vmem0,share=on,size=256M
	-object memory-backend-ram,id=cxl-pmem0,share=on,size=256M
	-object memory-backend-ram,id=cxl-lsa0,share=on,size=1M
	-device pxb-cxl,bus_nr=12,bus=pcie.0,id=cxl.1
	-device cxl-rp,port=0,bus=cxl.1,id=root_port13,chassis=0,slot=2
	-device cxl-type3,bus=root_port13,volatile-memdev=cxl-vmem0,persistent-memdev=cxl-pmem0,lsa=cxl-lsa0,id=cxl-vmem0
	-M cxl-fmw.0.targets.0=cxl.1,cxl-fmw.0.size=256M,cxl-fmw.1.targets.0=cxl.1,cxl-fmw.1.size=256M
)
# The host bridge has HDM decoders, as one with several root ports must
# (hdm_for_passthrough=true; cxl-hmat and cxl-qemu-edges keep QEMU's
# default, a passthrough host bridge without them): a region's decoders
# survive the kexec suite's reboot, and the next kernel assembles the
# region from them (6.12 cannot assemble one through a passthrough bridge).
QEMU_ARGS=(
	-machine q35,cxl=on -m 2G -smp 2
	-object memory-backend-ram,id=m0,size=1G -numa node,nodeid=0,memdev=m0
	-object memory-backend-ram,id=m1,size=1G -numa node,nodeid=1,memdev=m1
	"${CXL_DEVICE_ARGS[@]/%id=cxl.1/id=cxl.1,hdm_for_passthrough=true}"
)
KCMDLINE="$(sr_memmap $SR_START $SR_END) memhp_default_state=offline"
# kexec reboots into this kernel (KEXEC_KERNEL: its image in the initramfs)
KEXEC_KERNEL=1
