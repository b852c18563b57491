# tools/testing/cxl with its mock CXL accelerator (cxl_test accel_test=):
# window 4 is placed on 256 MiB of guest memory that memmap= sets aside, so
# that the accelerator's driver can map it and write to it. The other mock
# windows are not backed by memory: never online them.
PROFILE_DESC="cxl_test mock accelerator (type-2) over memory set aside"
MODSET=cxltest
QEMU_ARGS=(-machine q35 -m 2G -smp 2)
KCMDLINE='memhp_default_state=offline memmap=256M$0x60000000'
TIMEOUT=${TIMEOUT:-900}
