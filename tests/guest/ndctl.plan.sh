# The plan of the ndctl suite: the tests cxlsr.ndctl= selects, plus the
# check that there are any (see ndctl.sh).
. /tests/lib.sh
echo $(($(ndctl_tests | wc -l) + 1))
