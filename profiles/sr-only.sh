# Soft Reserved RAM and no CXL at all: the classic HMEM case.
# Node 1's upper 256 MiB (0x60000000-0x6fffffff) is converted from usable
# RAM to Soft Reserved by memmap=; dax_hmem must turn it into a dax device.
PROFILE_DESC="Soft Reserved RAM on NUMA node 1, no CXL"
MODSET=plain
QEMU_ARGS=(
	-machine q35 -m 2G -smp 2
	-object memory-backend-ram,id=m0,size=1G -numa node,nodeid=0,memdev=m0
	-object memory-backend-ram,id=m1,size=1G -numa node,nodeid=1,memdev=m1
)
SR_START=0x60000000 SR_END=0x6fffffff
SR_LIST="$SR_START-$SR_END"
GUEST_VARS="SR_START SR_END"
# RAM of node 1 converted to Soft Reserved (no memmap=...@: it is RAM already)
KCMDLINE="memmap=$(printf '%#x' $((SR_END - SR_START + 1)))%$SR_START-1+0xefffffff memhp_default_state=online"
