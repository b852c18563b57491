# shellcheck shell=sh
# reload: a soak through unload/load orders on cxl_test. After every step
# each mock Soft Reserved range must be owned by exactly one dax device,
# shown as such in /proc/iomem (owner_state), or by none right after a
# step that released it on purpose; after each reload the owner must be
# the one a fresh load gives. cxl_test's modules depend on cxl_acpi and
# cxl_mem, so those are unbound and bound instead of unloaded (the
# cxl-qemu suite unloads the real modules).
t_plan 7
. /tests/own.sh
. /tests/mock.sh
CYCLES=${CYCLES:-8}

load() { mock_load "$@"; }
unload() { mock_unload; }

unbind() { echo "$2" >"/sys/bus/$1/drivers/$3/unbind"; }
bind() { echo "$2" >"/sys/bus/$1/drivers/$3/bind"; }
memdevs() {
	for m in /sys/bus/cxl/drivers/cxl_mem/mem*; do
		[ -e "$m" ] && echo "${m##*/}"
	done
}

# Each order is "release; restore". RELEASES=1 marks a release that may
# leave a range without owner (the admin let go of it on purpose).
step() { # ORDER HALF
	case $1/$2 in
	dax_cxl/1) rmmod dax_cxl ;;
	dax_cxl/2) modprobe dax_cxl ;;
	dax_hmem/1) rmmod dax_hmem ;;
	dax_hmem/2) modprobe dax_hmem ;;
	hmem_platform/1) unbind platform hmem_platform.1 hmem_platform ;;
	hmem_platform/2) bind platform hmem_platform.1 hmem_platform ;;
	cxl_acpi/1) unbind platform cxl_acpi.0 cxl_acpi ;;
	cxl_acpi/2) bind platform cxl_acpi.0 cxl_acpi ;;
	cxl_mem/1) MEMS=$(memdevs); for m in $MEMS; do unbind cxl "$m" cxl_mem; done ;;
	cxl_mem/2) for m in $MEMS; do bind cxl "$m" cxl_mem; done ;;
	cxl_pci/1) rmmod cxl_pci ;;
	cxl_pci/2) modprobe cxl_pci ;;
	# unloading right after loading waits for the decision
	hmem_quick/1) rmmod dax_hmem && modprobe dax_hmem && rmmod dax_hmem ;;
	hmem_quick/2) modprobe dax_hmem ;;
	# both dax drivers away, back in the other order
	both/1) rmmod dax_hmem && rmmod dax_cxl ;;
	both/2) modprobe dax_cxl && modprobe dax_hmem ;;
	esac
}

ORDERS="dax_cxl dax_hmem hmem_platform cxl_acpi cxl_mem cxl_pci hmem_quick both"

# may_release ORDER OWNER: can the release half leave the range unowned?
may_release() {
	case $1/$2 in
	dax_cxl/cxl | both/*) return 0 ;;
	dax_hmem/hmem | hmem_platform/hmem | hmem_quick/hmem) return 0 ;;
	cxl_acpi/cxl | cxl_mem/cxl) return 0 ;;
	esac
	return 1
}

# soak: CYCLES release/restore cycles, the owner of each declared range
# (SR_LIST) checked after each half against FRESH (the owners a fresh load
# gives, in the ranges' order)
soak() {
	fresh=$FRESH
	nr=$(echo "$fresh" | wc -w)
	sr_ranges >/tmp/soak.ranges
	[ "$(grep -c . /tmp/soak.ranges)" = "$nr" ] || { t_diag "ranges: $SR_LIST, owners: $fresh"; return 1; }
	bad=0 i=0 t0=$(date +%s)
	while [ $i -lt "$CYCLES" ]; do
		# shellcheck disable=SC2086 # the orders are words
		set -- $ORDERS
		shift $((i % $#))
		o=$1
		for half in 1 2; do
			step "$o" $half >/tmp/step.out 2>&1 || {
				t_diag "cycle $i $o/$half: $(cat /tmp/step.out)"
				bad=$((bad + 1))
			}
			settle
			j=0
			for want in $fresh; do
				s=$(sr_start $j) e=$(sr_end $j)
				[ $half = 2 ] && wait_state "$s" "$e" "$want"
				got=$(owner_state "$s" "$e")
				ok=0
				[ "$got" = "$want" ] && ok=1
				[ $half = 1 ] && [ "$got" = none ] && may_release "$o" "$want" && ok=1
				if [ $ok = 0 ]; then
					t_diag "cycle $i $o/$half range $j: want $want, got $got"
					bad=$((bad + 1))
				fi
				j=$((j + 1))
			done
		done
		i=$((i + 1))
	done
	t_diag "$CYCLES cycles ($nr ranges) in $(($(date +%s) - t0)) s"
	[ $bad = 0 ]
}

# committed_starts: the start of each committed region
committed_starts() {
	_out=$(regions -i) || { echo "$_out"; return 1; }
	echo "$_out" | jq -r '.[] | select(.decode_state == "commit") | .resource' |
		while read -r _s; do printf '%#x\n' "$_s"; done
}

# owners: the owner_state of each declared range, in order
owners() {
	sr_ranges | while read -r s e; do owner_state "$s" "$e"; done
}

kmemleak_start

t_mark
t_setup "cxl_test hmem_test=2 loads" load hmem_test=2
t_setup "the Soft Reserved layout of hmem_test=2" mock_sr 2
FRESH="hmem hmem"
wait_decision
wait_state "$(sr_start 0)" "$(sr_end 0)" hmem
wait_state "$(sr_start 1)" "$(sr_end 1)" hmem
t_is "fresh load: dax_hmem owns both ranges" "$FRESH" owners
t_check "soak, hmem_test=2: $CYCLES cycles" soak
# A region assembled late over dax_hmem's range (the cxl_acpi and cxl_mem
# orders tear region0 down; dax_hmem owns its memory, so its decoders
# stay and it is assembled again) is an ordinary runtime event: it
# assembles, and its dax region loses to dax_hmem's claim (the soak
# checked the one owner after every step).
t_is "after the soak: the auto region is assembled again, committed, over the covered range" \
	"$(sr_start 0)" committed_starts
# hmem_quick unloads dax_hmem right after loading it: every decision that
# was started either finished or was stopped by the unload, and said so.
started=$(klog_count 'deciding their owner once CXL devices have probed')
finished=$(klog_count 'Soft Reserved in CXL windows: .* owns them all')
stopped=$(klog_count 'in CXL windows: left undecided, unbinding')
t_diag "decisions started: $started, finished: $finished, stopped: $stopped"
t_count "every decision started finished, or the unload stopped it and said so" "$started" \
	"$((finished + stopped))"
t_setup "unload" unload

t_mark
t_setup "cxl_test hmem_test=1 loads" load hmem_test=1
t_setup "the Soft Reserved layout of hmem_test=1" mock_sr 1
FRESH="cxl"
wait_decision
wait_state "$(sr_start 0)" "$(sr_end 0)" cxl
t_is "fresh load: dax_cxl owns the range" "$FRESH" owners
t_check "soak, hmem_test=1: $CYCLES cycles" soak
t_setup "unload" unload
t_kmemleak "kmemleak: no unreferenced object after the soak ($CYCLES cycles x 2 layouts)"
