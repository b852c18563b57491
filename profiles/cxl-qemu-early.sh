# cxl-qemu with soft_reserved=early: plan B, Soft Reserved is published at
# boot as in 6.12, and stays when dax_hmem lets go of it.
. "$TOP/profiles/cxl-qemu.sh"
PROFILE_DESC="cxl-qemu with soft_reserved=early (Soft Reserved published at boot)"
KCMDLINE="$KCMDLINE soft_reserved=early"
GUEST_TESTS="cxl-qemu-early"
