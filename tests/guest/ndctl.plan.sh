# The plan of the ndctl suite: the tests cxlsr.ndctl= selects, plus the
# check that there are any (see ndctl.sh).
only=all
for arg in $(cat /proc/cmdline); do
	case $arg in cxlsr.ndctl=*) only=${arg#*=} ;; esac
done
n=0
while IFS="$(printf '\t')" read -r name _; do
	case ",$only," in ,all,|*,"$name",*) n=$((n + 1)) ;; esac
done </ndctl/tests.tsv
echo $((n + 1))
