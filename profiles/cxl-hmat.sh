# cxl-qemu's machine as a real CXL BIOS describes it: HMAT present, and an
# SRAT that gives CXL Window 0 its own hot-pluggable proximity domain (2).
# QEMU's SRAT never describes CXL windows, so run-qemu.sh upgrades SRAT
# through the initrd (SRAT_ADD, scripts/mksrat.py). hmat.c then hands the
# whole window to dax_hmem's hmem_register_resource() although none of it
# is Soft Reserved: there is no memmap= here. dax_hmem must ignore it and
# dax_cxl must not wait for it.
. "$TOP/profiles/cxl-qemu.sh"
PROFILE_DESC="QEMU CXL type-3 device, HMAT, SRAT describes CXL Window 0 (hot-pluggable PXM 2), no Soft Reserved"
QEMU_ARGS=(
	-machine q35,cxl=on,hmat=on -m 2G -smp 2
	-object memory-backend-ram,id=m0,size=1G -numa node,nodeid=0,memdev=m0,initiator=0
	-object memory-backend-ram,id=m1,size=1G -numa node,nodeid=1,memdev=m1,initiator=0
	-numa cpu,node-id=0,socket-id=0
	-numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=10
	-numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=10G
	-numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-latency,latency=20
	-numa hmat-lb,initiator=0,target=1,hierarchy=memory,data-type=access-bandwidth,bandwidth=5G
	"${CXL_DEVICE_ARGS[@]}"
)
# SRAT memory affinity entries to add, "base:size:pxm" (hot-pluggable|enabled)
SRAT_ADD="$W0_START:$(printf '%#x' $((W0_END - W0_START + 1))):2"
GUEST_VARS="W0_START W0_END W1_START W1_END"
SR_LIST=
KCMDLINE="memhp_default_state=offline"
