# cxl-hmat (HMAT, SRAT describes CXL Window 0 as hot-pluggable PXM 2) with
# Soft Reserved memory over only the first 128 MiB of window 0, made with
# memmap= as in cxl-qemu (every byte added is converted). hmat.c registers
# the whole window with dax_hmem; the ownership decision must be about the
# Soft Reserved 128 MiB only.
. "$TOP/profiles/cxl-hmat.sh"
PROFILE_DESC="QEMU CXL type-3 device, HMAT, SRAT describes CXL Window 0, Soft Reserved over its first 128 MiB"
SR_START=$W0_START SR_END=0x117ffffff
SR_LIST="$SR_START-$SR_END"
GUEST_VARS="W0_START W0_END W1_START W1_END SR_START SR_END"
KCMDLINE="$(sr_memmap $SR_START $SR_END) memhp_default_state=offline"
