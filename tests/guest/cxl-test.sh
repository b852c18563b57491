# cxl-test: cxl_test's mock topology auto-assembles a 2-way 512 MiB region.
. /tests/own.sh

t_check "cxl_mock_mem and cxl_test load" sh -c 'modprobe cxl_mock_mem && modprobe cxl_test'
coldplug
settle
t_check "cxl_acpi.0 mock root is bound" test -e /sys/bus/platform/devices/cxl_acpi.0/driver
t_check "cxl list shows mock memdevs" sh -c 'cxl list -M | jq -e "length >= 4"'
regions=$(cxl list -R 2>/dev/null)
t_diag "$(echo "$regions" | jq -c '.[]?')"
t_check "an auto-assembled region exists" sh -c "echo '$regions' | jq -e 'length >= 1'"
t_eq "region0 is 512 MiB" 536870912 "$(echo "$regions" | jq '.[] | select(.region == "region0") | .size')"
t_check "a dax device sits under the CXL region" sh -c ". /tests/own.sh; dax_devices | grep -q \" cxl region\""
