# sr-only without udev: nothing autoloads drivers, the test loads only
# dax_hmem. On a platform that describes no CXL (no ACPI0017 device, the
# one cxl_acpi binds to) dax_hmem must not load CXL drivers or wait for
# them before registering its ranges.
. "$TOP/profiles/sr-only.sh"
PROFILE_DESC="sr-only, no uevent helper and no coldplug: only dax_hmem is loaded"
KCMDLINE="$KCMDLINE cxlsr.noudev=1"
