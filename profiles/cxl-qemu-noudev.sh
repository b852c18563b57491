# cxl-qemu without udev: nothing autoloads drivers, the test loads only
# dax_hmem. Shows what dax_hmem itself must request (request_module()) for
# the CXL topology to be enumerated before it decides.
. "$TOP/profiles/cxl-qemu.sh"
PROFILE_DESC="cxl-qemu, no uevent helper and no coldplug: only dax_hmem is loaded"
# Asked to probe asynchronously: cxl_acpi (async_probe=1: its module load
# does not wait for its probe), whose windows dax_hmem must still see, and hmem_platform,
# which dax_hmem probes synchronously anyway (its gate must be closed
# when dax_hmem's init returns; nothing in its probe waits for modules)
KCMDLINE="$KCMDLINE cxlsr.noudev=1 cxl_acpi.async_probe=1 driver_async_probe=hmem_platform"
