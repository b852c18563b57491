# layout's plan: 6 + 2 per Soft Reserved range the profile lays out
. /tmp/profile.env
echo $((6 + 2 * LAYOUT_NR))
