# cxl-qemu with dax_hmem blacklisted: nothing is going to decide who owns
# the Soft Reserved range, so nothing may wait for a decision either.
. "$TOP/profiles/cxl-qemu.sh"
PROFILE_DESC="cxl-qemu, module_blacklist=dax_hmem: dax_cxl must not wait for a decision"
KCMDLINE="$KCMDLINE module_blacklist=dax_hmem"
