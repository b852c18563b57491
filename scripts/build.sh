#!/bin/bash
# Configure (allnoconfig + configs/ fragments) and build the test kernel,
# its modules and the cxl_test modules out of tree with ccache.
# Usage: build.sh [config|kernel|cxl_test|all]
. "$(dirname "$0")/lib.sh"
what=${1:-all}

fragments() {
	echo "$TOP/configs/qemu.config"
	if [ "${FLAVOR:-series}" = builtin ]; then
		echo "$TOP/configs/builtin.config"
	elif [ "${FLAVOR:-series}" = debug ]; then
		echo "$TOP/configs/builtin.config"
		echo "$TOP/configs/debug.config"
	elif [ "${FLAVOR:-series}" = bench ] || [ "${FLAVOR:-series}" = bench-base ]; then
		echo "$TOP/configs/bench.config"
	elif [ "${KASAN:-0}" = 1 ] || [ "${FLAVOR:-series}" = kasan ]; then
		echo "$TOP/configs/kasan.config"
	fi
	return 0
}

do_config() {
	# The built-in kernel differs from the test kernel only in the options
	# of configs/builtin.config: a copy of the test kernel's objects (time
	# stamps kept) leaves kbuild to compile only what those options touch
	# (fixdep tracks each object's options), where ccache could not help
	# (every object sees every option through autoconf.h).
	if [ "${FLAVOR:-series}" = builtin ] && [ ! -e "$OBJ/.config" ] && [ -e "$BUILD/obj/vmlinux" ]; then
		log "config: objects copied from the test kernel's (build/obj)"
		rm -rf "$OBJ" && cp -a "$BUILD/obj" "$OBJ" && rm -f "$OBJ/.config-stamp"
	fi
	mkdir -p "$OBJ"
	local stamp
	stamp=$({ fragments | xargs cat; git -C "$SRC" rev-parse HEAD:arch HEAD:drivers HEAD:lib HEAD:mm HEAD:init; } |
		sha256sum | cut -d' ' -f1)
	if [ -f "$OBJ/.config" ] && [ "$(cat "$OBJ/.config-stamp" 2>/dev/null)" = "$stamp" ]; then
		return 0
	fi
	log "config: allnoconfig + $(fragments | xargs -n1 basename | tr '\n' ' ')"
	kmake allnoconfig >/dev/null
	# shellcheck disable=SC2046
	(cd "$SRC" && ARCH=x86_64 scripts/kconfig/merge_config.sh -Q -m -O "$OBJ" \
		"$OBJ/.config" $(fragments)) >/dev/null
	kmake olddefconfig >/dev/null
	# Every requested option must have landed (a later fragment's value wins).
	local bad=0 line sym want got
	while IFS= read -r line; do
		case "$line" in CONFIG_*=*) ;; *) continue ;; esac
		sym=${line%%=*} want=${line#*=}
		got=$(grep -E "^$sym=|^# $sym is not set" "$OBJ/.config" || true)
		# the base lacks the symbols the series adds (its KUnit tests)
		case ${FLAVOR:-series} in *base) [ -z "$got" ] ;; *) false ;; esac &&
			! grep -rqs --include='Kconfig*' "^config ${sym#CONFIG_}\$" "$SRC" && continue
		if [ "$want" = n ]; then
			[ -z "$got" ] || [ "$got" = "# $sym is not set" ] && continue
		else
			[ "$got" = "$line" ] && continue
		fi
		echo "config: requested $line, got '${got:-<absent>}'" >&2
		bad=1
	done < <(fragments | xargs cat | awk -F= '/^CONFIG_/ { last[$1] = $0 } END { for (s in last) print last[s] }')
	[ $bad = 0 ] || die "config fragments did not land (see above)"
	echo "$stamp" >"$OBJ/.config-stamp"
}

do_kernel() {
	rm -rf "$MODROOT"
	# the debug kernel has no module support: a module tree with only
	# the index of what is built in, which kmod (and through it daxctl,
	# which asks for device_dax) needs to know a module is built in
	if ! grep -q '^CONFIG_MODULES=y' "$OBJ/.config"; then
		log "build: bzImage (no module support)"
		kmake bzImage
		local rel
		rel=$(cat "$OBJ/include/config/kernel.release")
		mkdir -p "$MODROOT/lib/modules/$rel"
		cp "$OBJ/modules.builtin" "$OBJ/modules.builtin.modinfo" "$MODROOT/lib/modules/$rel/"
		: >"$MODROOT/lib/modules/$rel/modules.order"
		/sbin/depmod -b "$MODROOT" "$rel"
		return
	fi
	log "build: bzImage + modules"
	kmake bzImage modules
	kmake INSTALL_MOD_PATH="$MODROOT" INSTALL_MOD_STRIP=1 modules_install >/dev/null
}

do_cxl_test() {
	log "build: tools/testing/cxl (cxl_test)"
	kmake M="$SRC/tools/testing/cxl" modules
	rm -rf "$MODROOT-cxltest"
	cp -a "$MODROOT" "$MODROOT-cxltest"
	kmake M="$SRC/tools/testing/cxl" INSTALL_MOD_PATH="$MODROOT-cxltest" INSTALL_MOD_STRIP=1 \
		modules_install >/dev/null
}

case ${FLAVOR:-series} in *base) base_worktree ;; esac
case $what in
config) do_config ;;
kernel) do_config; do_kernel ;;
cxl_test) do_cxl_test ;;
all)
	do_config
	do_kernel
	# cxl_test wants a modular CXL core: not for the built-in and debug
	# kernels; make bench boots no cxl_test
	case ${FLAVOR:-series} in builtin | debug | bench*) ;; *) do_cxl_test ;; esac
	;;
*) die "usage: build.sh [config|kernel|cxl_test|all]" ;;
esac
