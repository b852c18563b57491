# Soft Reserved ownership series for Linux 6.12: build, boot, test.
# See README.md. Everything lands under build/ (never committed).

S := scripts
PROFILE ?= cxl-qemu
export KASAN DEB_CONFIG
# Each phase's time (scripts/timed.sh, gate.sh), for the table make check ends with;
# a new make check starts it afresh (.ci/run, which times deps first, keeps it).
export PHASES := $(CURDIR)/build/phases.txt
ifneq ($(filter check check-full,$(MAKECMDGOALS)),)
ifndef PHASES_KEEP
$(shell rm -f build/phases.txt)
endif
endif

.PHONY: all report deps ndctl peer deb bench debug kasan soak tree build config check check-full selftest guest-tests lint bisect matrix matrix-base export run shell clean distclean check-mutants help

## make: build the patched kernel, boot it on cxl-qemu, print the ownership report
all: report

report: build
	@$(S)/timed.sh "guest report ($(PROFILE))" $(S)/run-qemu.sh $(PROFILE) report || \
		{ tail -n 40 build/runs/$(PROFILE)/console.log; exit 1; }
	@grep -v '^# cxlsr-map ' build/runs/$(PROFILE)/results.log
	@mkdir -p build/report && $(S)/mapsvg.py build/runs/$(PROFILE)/results.log \
		build/report/$(PROFILE).svg "$(PROFILE) after boot"
	@$(S)/check-console.sh build/runs/$(PROFILE)/console.log
	@echo "Memory map picture: build/report/$(PROFILE).svg"

## make deps: install the Debian packages the harness needs (root)
deps:
	@$(S)/timed.sh deps $(S)/deps.sh

## make ndctl: ndctl (cxl, daxctl, its unit tests) from Debian 13's source package
ndctl: deps
	@$(S)/timed.sh ndctl $(S)/build-ndctl.sh

## make tree: build/linux = pristine base (tag "base") + every series of base.conf (patches/NAME/series)
tree: deps
	@$(S)/timed.sh tree $(S)/tree.sh

config: tree
	@$(S)/build.sh config

## make build: kernel, modules and the cxl_test modules (O=build/obj, ccache)
build: tree ndctl
	@$(S)/timed.sh build $(S)/build.sh all

## make check: build, gates (the host checkers' fixtures, lint, bisect, CI part of the
## matrix, deb), the built-in kernel, tests/index's ci runs (guest suites + KUnit); closes with "gates: N passed,
## N failed" and the guest's test cases, "N passed, N failed" (what CI runs)
check: build
	@rm -rf build/gates
	@$(S)/gate.sh host-checkers tests/host/run.sh
	@$(S)/gate.sh lint $(S)/lint.sh
	@$(S)/gate.sh bisect $(S)/bisect.sh ci
	@$(S)/gate.sh matrix-ci $(S)/matrix.sh ci
	@$(S)/gate.sh deb env DEB_CONFIG=test $(S)/deb.sh
	@$(S)/timed.sh "rebuild after gates" $(S)/build.sh all
	@$(S)/timed.sh "built-in kernel" env FLAVOR=builtin $(S)/build.sh all
	@[ "$(CHECK_SET)" != full ] || $(S)/timed.sh "debug kernel" env FLAVOR=debug $(S)/build.sh all
	@COUNT_GATES=1 $(S)/check.sh $(PROFILES)

## make check-full: make check with every run of tests/index (its "full" ones too: ~5 min
## more), then make bench's quick mode (phase bench-quick: the
## base test kernel and Debian's kernel booted once per case, so that the benchmark
## cannot rot; ~4 min warm, ~5 min more cold; out of CI, its figures assert nothing)
check-full:
	@$(MAKE) --no-print-directory check CHECK_SET=full
	@$(S)/timed.sh bench-quick env BENCH_REPS=1 BENCH_CONFIG=test $(S)/bench.sh

## make selftest: the host-side result checkers against their fixtures (tests/host/)
selftest: tree
	@tests/host/run.sh

guest-tests:
	@$(S)/check.sh $(PROFILES)

## make bench [BENCH_REPS=5] [BENCH_CONFIG=bench|test]: the series against the pristine
## base and Debian's newest prebuilt kernel under QEMU; writes build/bench/report.md
## and plots; not in make check (which runs BENCH_REPS=1 BENCH_CONFIG=test)
bench: build
	@$(S)/timed.sh bench $(S)/bench.sh

## make debug: the debug kernel (CXL and DAX built in, KASAN, lockdep, kmemleak,
## DEBUG_OBJECTS, no module support; build/obj-debug) on its runs of tests/index
debug: build
	@$(S)/timed.sh "debug kernel" env FLAVOR=debug $(S)/build.sh all
	@$(S)/check.sh debug/cxl-qemu debug/cxl-hmat debug/cxl-qemu-edges

## make kasan [KASAN_PROFILES="cxl-accel"]: the modular test kernel with KASAN
## (configs/kasan.config, build/obj-kasan) and cxl_test, booted on KASAN_PROFILES
## (cxl_test cannot run on the built-in debug kernel); not in make check
KASAN_PROFILES ?= cxl-accel
kasan: build
	@$(S)/timed.sh "kasan kernel" env FLAVOR=kasan $(S)/build.sh all
	@FLAVOR=kasan $(S)/check.sh $(KASAN_PROFILES)

## make soak [CYCLES=100]: cxl_test's reload soak (unload/load orders, the ownership
## invariant after every step, kmemleak after) for CYCLES cycles; not in make check
CYCLES ?= 100
soak: build
	@GUEST_TESTS_OVERRIDE=reload TIMEOUT=$$((900 + 40 * $(CYCLES))) \
		EXTRA_CMDLINE="cxlsr.CYCLES=$(CYCLES) cxlsr.suite_timeout=$$((600 + 40 * $(CYCLES)))" \
		$(S)/timed.sh "soak ($(CYCLES) cycles)" $(S)/check.sh cxl-test

## make lint: checkpatch --strict, sparse + W=1 (new warnings vs base), kernel-doc
lint: build
	@$(S)/timed.sh lint $(S)/lint.sh

## make bisect: build after each patch of the series
bisect: build
	@$(S)/timed.sh bisect $(S)/bisect.sh

## make check-mutants [MUTANTS=name...]: build and boot each tests/mutants/*.patch where it must be caught (~30 min; not in make check)
check-mutants: build
	@$(S)/timed.sh check-mutants $(S)/mutants.sh $(MUTANTS)

## make matrix: the whole Kconfig tristate matrix, every distinct config built
matrix: build
	@$(S)/timed.sh matrix $(S)/matrix.sh full

## make matrix-base: the same matrix on the pristine base (shows what the series fixes)
matrix-base: build
	@git -C build/linux worktree list | grep -q build/base/linux || \
		git -C build/linux worktree add -q --detach ../base/linux base
	@$(S)/timed.sh matrix-base $(S)/matrix.sh full build/base/linux

## make peer: ndctl's own cxl unit tests on the pristine base and on the series, one table
peer: build
	@$(S)/timed.sh peer $(S)/peer.sh

## make deb [DEB_CONFIG=/boot/config-x|test]: Debian packages of the patched kernel (bindeb-pkg)
deb: tree
	@$(S)/timed.sh deb $(S)/deb.sh

## make export: write each series of build/linux back to patches/NAME/ (b4 send -o)
export:
	@$(S)/export.sh

## make run PROFILE=x: boot a profile's tests and keep the logs in build/runs/x
run: build
	@$(S)/check.sh $(PROFILE)

## make shell PROFILE=x: boot a profile with a shell on the console
shell: build
	@$(S)/run-qemu.sh $(PROFILE) shell

clean:
	rm -rf build/obj build/runs build/modroot build/modroot-cxltest build/base/obj build/base/obj-bench build/runs-base \
		build/obj-bench build/modroot-bench build/modroot-bench-base build/runs-bench build/runs-bench-base build/bench \
		build/modroot-base build/modroot-base-cxltest build/obj-deb-* build/deb build/report

distclean:
	rm -rf build

help:
	@grep -h '^## ' $(MAKEFILE_LIST) | sed 's/^## //'
