# shellcheck shell=sh
# layout's plan: 7 + 2 per Soft Reserved range the profile lays out
. /tmp/profile.env
echo $((7 + 2 * $(echo "$SR_LIST" | tr , '\n' | grep -c .)))
