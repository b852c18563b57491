# shellcheck shell=sh
# kexec-after: the kernel the kexec suite booted, with its region over the
# profile's Soft Reserved range still committed. That kernel finds the
# range Soft Reserved again, assembles the region from its decoders and
# gives the range to CXL, as a boot over firmware's region would.
t_plan 6
. /tests/own.sh

t_check "booted by kexec" grep -q ' cxlsr.resume=' /proc/cmdline
t_is "the memory map has the profile's Soft Reserved range again" "$SR_START $SR_END" e820_sr
t_diag "$(cd /sys/bus/cxl/devices && grep -H . decoder*/start decoder*/size decoder*/locked 2>/dev/null)"
wait_state "$SR_START" "$SR_END" cxl
r=$(region_names | head -n 1)
t_is "a region is assembled from the committed decoders" "$SR_START" region_start "$r"
t_dmesg "the decision: inside the region, owner dax_cxl" \
	"Soft Reserved $(memrange "$SR_START" "$SR_END") in CXL window $(memrange "$W0_START" "$W0_END"): owner dax_cxl, inside region[0-9]+"
t_is "dax_cxl owns the range" cxl owner_state "$SR_START" "$SR_END"
t_is "/proc/iomem: CXL Window 0 > region > Soft Reserved > dax" \
	"CXL Window 0 > $r > Soft Reserved > dax" iomem_chain_nokmem "$SR_START"
t_map after-kexec
