# shellcheck shell=sh
# layout: a memory map firmware could hand us (the profile's memmap= and
# windows), checked the same way whatever its shape: every Soft Reserved
# range the profile lays out (SR_LIST) gets the one owner the policy gives
# (LAYOUT_OWNER), exactly one dax device, firmware's "Soft Reserved" entry
# in /proc/iomem; ranges in CXL Window 0 (the profile's W0_START-W0_END;
# LAYOUT_INWIN of them) get one decision line each and one summary, ranges
# outside every window are registered at once, unlogged. The plan is
# 6 + 2 per range (layout.plan.sh).
. /tests/own.sh
t_map after-boot

# in_w0 START END: the range touches the profile's CXL Window 0
in_w0() { [ $(($1)) -le $((W0_END)) ] && [ $(($2)) -ge $((W0_START)) ]; }
nr=$(sr_ranges | wc -l) inwin=0
for r in $(sr_ranges | tr ' ' :); do
	! in_w0 "${r%:*}" "${r#*:}" || inwin=$((inwin + 1))
done
t_setup "the profile's ranges in window 0 are LAYOUT_INWIN=$LAYOUT_INWIN" [ "$inwin" = "$((LAYOUT_INWIN))" ]
t_is "the boot memory map has the Soft Reserved ranges laid out" "$(sr_ranges | tr '\n' ' ' | sed 's/ $//')" e820_sr
t_is "CXL Window 0 is where the profile puts it" "$W0_START $W0_END CXL Window 0" window_named 'CXL Window 0'
t_none "every Soft Reserved range is in /proc/iomem" sr_missing
t_count "one dax device per range" "$nr" "$(dax_devices | wc -l)"
t_logcount "one decision" 1 'Soft Reserved in CXL windows: '
t_dmesg "the deferral counts the ranges in windows" \
	": $((LAYOUT_INWIN)) Soft Reserved range\\(s\\) in CXL windows: deciding"
for r in $(sr_ranges | tr ' ' :); do
	s=${r%:*} e=${r#*:}
	t_is "$(plainrange "$s" "$e"): owner" "$LAYOUT_OWNER" owner_state "$s" "$e"
	if in_w0 "$s" "$e"; then
		t_is "$(plainrange "$s" "$e"): one decision line, owner dax_$LAYOUT_OWNER" \
			"dax_$LAYOUT_OWNER" decision_of "$s" "$e"
	else
		t_none "$(plainrange "$s" "$e"): outside every window, registered unlogged" \
			decision_of "$s" "$e"
	fi
done
t_dmesg "the summary names dax_$LAYOUT_OWNER" "Soft Reserved in CXL windows: .*, dax_$LAYOUT_OWNER owns them all"

# Ranges outside every window are dax_hmem's at once, as in 6.12: after a
# reload their dax devices exist when modprobe dax_hmem returns. The
# decision is taken once per boot: the reload replays it, so every range
# has the dax devices it had (ranges, sizes and owners).
outside_spans() { dax_spans | while read -r s e o; do in_w0 "$s" "$e" || echo "$s $e $o"; done; }
if [ "$nr" -gt "$((LAYOUT_INWIN))" ]; then
	want=$(sr_ranges | while read -r s e; do in_w0 "$s" "$e" || echo "$s $e hmem"; done)
	sorted_spans() { dax_spans | sort; }
	boot=$(sorted_spans | tr '\n' ' ' | sed 's/ $//')
	t_setup "rmmod dax_hmem" rmmod dax_hmem
	t_mark
	t_setup "modprobe dax_hmem" modprobe dax_hmem
	t_is "outside every window: the dax devices exist when modprobe dax_hmem returns" \
		"$want" outside_spans
	settle
	t_is "after the reload: the dax devices of the boot's decision" "$boot" sorted_spans
fi
