# Soft Reserved ownership series for Linux 6.12: build, boot, test.
# See README.md. Everything lands under build/ (never committed).

S := scripts
PROFILE ?= cxl-qemu
export KASAN

.PHONY: all report deps tree build config check guest-tests export run shell clean distclean help

## make: build the patched kernel, boot it on cxl-qemu, print the ownership report
all: report

report: build
	@$(S)/timed.sh "guest report ($(PROFILE))" $(S)/run-qemu.sh $(PROFILE) report || \
		{ tail -n 40 build/runs/$(PROFILE)/console.log; exit 1; }
	@cat build/runs/$(PROFILE)/results.log
	@$(S)/check-console.sh build/runs/$(PROFILE)/console.log

## make deps: install the Debian packages the harness needs (root)
deps:
	@$(S)/timed.sh deps $(S)/deps.sh

## make tree: build/linux = pristine base (tag "base") + patches/series
tree: deps
	@$(S)/timed.sh tree $(S)/tree.sh

config: tree
	@$(S)/build.sh config

## make build: kernel, modules and the cxl_test modules (O=build/obj, ccache)
build: tree
	@$(S)/timed.sh build $(S)/build.sh all

## make check: build, then every profile's guest tests + KUnit; "N passed, N failed"
check: build guest-tests

guest-tests:
	@$(S)/check.sh $(PROFILES)

## make export: write build/linux base..HEAD back to patches/
export:
	@$(S)/export.sh

## make run PROFILE=x: boot a profile's tests and keep the logs in build/runs/x
run: build
	@$(S)/check.sh $(PROFILE)

## make shell PROFILE=x: boot a profile with a shell on the console
shell: build
	@$(S)/run-qemu.sh $(PROFILE) shell

clean:
	rm -rf build/obj build/runs build/modroot build/modroot-cxltest

distclean:
	rm -rf build

help:
	@grep -h '^## ' $(MAKEFILE_LIST) | sed 's/^## //'
