# Hostile layout 3: Soft Reserved RAM outside every CXL window (on NUMA
# node 1, as in sr-only) plus Soft Reserved memory filling CXL Window 0.
# The outside range is dax_hmem's at once, without a decision; the window
# range is decided (no committed region: dax_hmem).
. "$TOP/profiles/cxl-qemu.sh"
PROFILE_DESC="QEMU CXL, Soft Reserved outside every window (node 1 RAM) and over CXL Window 0"
O_START=0x60000000 O_END=0x6fffffff
SR_LIST="$O_START-$O_END $W0_START-$W0_END"
# one of them in CXL Window 0
LAYOUT_INWIN=1
GUEST_VARS="W0_START W0_END O_START O_END LAYOUT_INWIN"
KCMDLINE="memmap=$(printf '%#x' $((O_END - O_START + 1)))%$O_START-1+0xefffffff $(sr_memmap $W0_START $W0_END) memhp_default_state=offline cxlsr.LAYOUT_OWNER=hmem"
