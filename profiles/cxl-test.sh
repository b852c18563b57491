# tools/testing/cxl: cxl_test's mock topology with its auto-assembled
# 2-way 512 MiB RAM region. The mock windows are not backed by memory:
# never online them (memhp_default_state=offline).
PROFILE_DESC="cxl_test mock topology (auto-assembled region)"
MODSET=cxltest
QEMU_ARGS=(-machine q35 -m 2G -smp 2)
# cxl-test's udev-order loop and the reload soak take minutes under TCG,
# more on a loaded machine: generous limits, a hang still ends the run
KCMDLINE="memhp_default_state=offline cxlsr.suite_timeout=900"
TIMEOUT=${TIMEOUT:-1500}
