# shellcheck shell=sh
# layout's plan: 7 + 2 per Soft Reserved range the profile lays out, + 2
# when some range lies outside every window
. /tmp/profile.env
nr=$(echo "$SR_LIST" | tr ',' ' ' | wc -w)
echo $((7 + 2 * nr + 2 * (nr > LAYOUT_INWIN)))
