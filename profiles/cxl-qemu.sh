# QEMU's own CXL emulation: pxb-cxl host bridge, one root port, a 256 MiB
# volatile cxl-type3 device and a 4 GiB fixed memory window ("CXL Window 0").
# memmap= adds the first 256 MiB of the window to the memory map and turns
# it into Soft Reserved, as firmware would. No firmware commits a decoder
# here, so no region exists at boot and the window is not backed: memory in
# it must never be onlined (memhp_default_state=offline).
PROFILE_DESC="QEMU CXL type-3 device, Soft Reserved over the start of CXL Window 0, no committed region"
MODSET=plain
CXL_WINDOW=0x110000000
QEMU_ARGS=(
	-machine q35,cxl=on -m 2G -smp 2
	-object memory-backend-ram,id=m0,size=1G -numa node,nodeid=0,memdev=m0
	-object memory-backend-ram,id=m1,size=1G -numa node,nodeid=1,memdev=m1
	-object memory-backend-ram,id=cxl-vmem0,share=on,size=256M
	-device pxb-cxl,bus_nr=12,bus=pcie.0,id=cxl.1
	-device cxl-rp,port=0,bus=cxl.1,id=root_port13,chassis=0,slot=2
	-device cxl-type3,bus=root_port13,volatile-memdev=cxl-vmem0,id=cxl-vmem0
	-M cxl-fmw.0.targets.0=cxl.1,cxl-fmw.0.size=4G
)
KCMDLINE="memmap=0x10000000@$CXL_WINDOW memmap=0x10000000%$CXL_WINDOW-1+0xefffffff memhp_default_state=offline"
GUEST_TESTS="cxl-qemu"
