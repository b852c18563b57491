# layout: a memory map firmware could hand us (the profile's memmap= and
# windows), checked the same way whatever its shape: every Soft Reserved
# range of the boot memory map gets the one owner the policy gives
# (LAYOUT_OWNER), exactly one dax device, firmware's "Soft Reserved" entry
# in /proc/iomem; ranges in CXL windows get one decision line each and one
# summary, ranges outside every window are registered at once, unlogged.
# LAYOUT_NR (the number of Soft Reserved ranges the profile lays out)
# sizes the plan: 6 + 2 per range (layout.plan.sh).
. /tests/own.sh
t_map after-boot

nr=$(sr_ranges | wc -l)
t_eq "the boot memory map has the $((LAYOUT_NR)) Soft Reserved ranges laid out" $((LAYOUT_NR)) "$nr"
t_eq "every Soft Reserved range is in /proc/iomem" "" "$(sr_missing)"
t_eq "one dax device per range" "$nr" "$(dax_devices | wc -l)"
inwin=0
for r in $(sr_ranges | tr ' ' :); do
	s=${r%:*} e=${r#*:}
	[ -z "$(window_of "$s" "$e")" ] || inwin=$((inwin + 1))
done
t_diag "$nr Soft Reserved ranges, $inwin of them in CXL windows"
t_eq "one decision when a range is in a window, none otherwise" "$([ $inwin -gt 0 ] && echo 1 || echo 0)" \
	"$(klog_count 'Soft Reserved in CXL windows: ')"
t_eq "the deferral counts the ranges in windows" "$([ $inwin -gt 0 ] && echo $inwin)" \
	"$(klog | sed -n 's/.*: \([0-9]*\) Soft Reserved range(s) in CXL windows: deciding.*/\1/p' | head -n 1)"
t_eq "the summary names dax_$LAYOUT_OWNER" "$([ $inwin -gt 0 ] && echo "dax_$LAYOUT_OWNER")" \
	"$(klog | sed -n 's/.*Soft Reserved in CXL windows: .*, \(dax_[a-z]*\) owns them all/\1/p' | head -n 1)"
for r in $(sr_ranges | tr ' ' :); do
	s=${r%:*} e=${r#*:}
	t_eq "$(memrange "$s" "$e" | tr -d '\\'): owner" "$LAYOUT_OWNER" "$(owner_state "$s" "$e")"
	if [ -n "$(window_of "$s" "$e")" ]; then
		t_eq "$(memrange "$s" "$e" | tr -d '\\'): one decision line" 1 \
			"$(klog_count "Soft Reserved $(memrange "$s" "$e") in CXL window .*: owner dax_$LAYOUT_OWNER")"
	else
		t_eq "$(memrange "$s" "$e" | tr -d '\\'): outside every window, registered unlogged" 0 \
			"$(klog_count "Soft Reserved $(memrange "$s" "$e") in CXL window")"
	fi
done
