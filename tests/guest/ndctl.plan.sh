# shellcheck shell=sh
# The plan of the ndctl suite: the tests cxlsr.ndctl= selects (none is a
# bail-out, see ndctl.sh).
. /tests/testlib.sh
n=$(ndctl_tests | wc -l)
echo $((n))
