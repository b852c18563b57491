# cxl-qemu without udev: nothing autoloads drivers, the test loads only
# dax_hmem. Shows what dax_hmem itself must request (request_module()) for
# the CXL topology to be enumerated before it decides.
. "$TOP/profiles/cxl-qemu.sh"
PROFILE_DESC="cxl-qemu, no uevent helper and no coldplug: only dax_hmem is loaded"
# hmem_platform probes asynchronously: nothing in its probe may wait for
# module loading (request_module() warns from async context)
KCMDLINE="$KCMDLINE cxlsr.noudev=1 driver_async_probe=hmem_platform"
GUEST_TESTS="load-order"
