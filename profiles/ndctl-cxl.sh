# ndctl's own "cxl" unit tests (tests/guest/ndctl.sh) over cxl_test's mock
# topology, as ndctl's developers run them before they send a patch. No
# Soft Reserved mock: these are the tests of the CXL stack the series must
# not regress. The whole suite takes ~7 min under TCG, so "make check" runs
# the tests that create, check and destroy regions (~3 min); "make peer"
# runs all of them (NDCTL_TESTS=all) on the pristine base and on the series.
PROFILE_DESC="ndctl's cxl unit tests over cxl_test"
MODSET=cxltest
QEMU_ARGS=(-machine q35 -m 2G -smp 2)
NDCTL_TESTS=${NDCTL_TESTS:-cxl-region-sysfs.sh,cxl-create-region.sh,cxl-xor-region.sh,cxl-destroy-region.sh}
KCMDLINE="memhp_default_state=offline cxlsr.suite_timeout=1500 cxlsr.ndctl=$NDCTL_TESTS"
TIMEOUT=${TIMEOUT:-1800}
