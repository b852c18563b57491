# tools/testing/cxl: cxl_test's mock topology with its auto-assembled
# 2-way 512 MiB RAM region. The mock windows are not backed by memory:
# never online them (memhp_default_state=offline).
PROFILE_DESC="cxl_test mock topology (auto-assembled region)"
MODSET=cxltest
QEMU_ARGS=(-machine q35 -m 2G -smp 2)
KCMDLINE="memhp_default_state=offline"
GUEST_TESTS="cxl-test reload"
