# Hostile layout 4: sixteen small Soft Reserved ranges (8 MiB every 16 MiB,
# so that the memory map keeps them apart) in CXL Window 0. One decision
# for all of them, one line per range, sixteen dax devices.
. "$TOP/profiles/cxl-qemu.sh"
PROFILE_DESC="QEMU CXL, sixteen 8 MiB Soft Reserved ranges in CXL Window 0"
# every range in CXL Window 0
LAYOUT_INWIN=16
GUEST_VARS="W0_START W0_END LAYOUT_INWIN"
KCMDLINE= SR_LIST=
for i in $(seq 0 $((LAYOUT_INWIN - 1))); do
	s=$((W0_START + i * 0x1000000))
	SR_LIST="$SR_LIST $(printf '%#x-%#x' $s $((s + 0x800000 - 1)))"
	KCMDLINE="$KCMDLINE $(sr_memmap $s $((s + 0x800000 - 1)))"
done
KCMDLINE="${KCMDLINE# } memhp_default_state=offline cxlsr.LAYOUT_OWNER=hmem"
