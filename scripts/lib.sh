# Shared settings for the harness scripts (sourced, not run).
set -euo pipefail
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$TOP/build
SRC=$BUILD/linux
OBJ=$BUILD/obj
. "$TOP/base.conf"
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
# scripts/b4util.py imports b4: run it with the interpreter b4 runs with
b4py() { "$(sed -n '1s/^#! *//p' "$(command -v b4)")" "$TOP/scripts/b4util.py" "$@"; }
