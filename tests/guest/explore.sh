. /tests/own.sh
dump() { t_diag "--- $*"; while IFS= read -r l; do t_diag "$l"; done; }
modprobe cxl_mock_mem && modprobe cxl_test hmem_test=1 fail_autoassemble=1
coldplug; settle
ls /sys/bus/cxl/devices/ | tr '\n' ' ' | dump devs
ls /sys/bus/cxl/devices/endpoint5/ | tr '\n' ' ' | dump ep5
cxl list -M -d decoder0.0 | jq -c '.[] | .memdev' | tr '\n' ' ' | dump mems0
cxl list -R | jq -c . | dump regions
(set -x; mkregion decoder0.0 4096 0x10000000 mem7) 2>&1 | dump mk
dmesg | tail -n 15 | dump dmesg
t_ok done
