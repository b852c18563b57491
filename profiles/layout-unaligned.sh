# Hostile layout 13: a Soft Reserved range that is not aligned to the
# memory block size (128 MiB here): 52 MiB starting 32 MiB into CXL
# Window 0. dax_hmem owns exactly that range.
. "$TOP/profiles/cxl-qemu.sh"
PROFILE_DESC="QEMU CXL, a 52 MiB Soft Reserved range 32 MiB into CXL Window 0 (not block aligned)"
SR_START=0x112000000 SR_END=0x1153fffff
SR_LIST="$SR_START-$SR_END"
LAYOUT_INWIN=1
GUEST_VARS="W0_START W0_END SR_START SR_END LAYOUT_INWIN"
KCMDLINE="$(sr_memmap $SR_START $SR_END) memhp_default_state=offline cxlsr.LAYOUT_OWNER=hmem"
