#!/bin/sh
# Every control of every step has an accessible name, read through AT-SPI as a screen
# reader would (tests/a11y/check-names.py) on the demo application.
set -u
cli="$1"
app="$2"
here=$(dirname "$0")
if ! /usr/bin/python3 -c 'import pyatspi' 2>/dev/null; then
  echo "1..0 # SKIP python3-pyatspi is not installed"; exit 0
fi
if [ -z "${DISPLAY:-}" ]; then
  echo "1..0 # SKIP no display"; exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM # killed (a timeout): still through the EXIT trap
"$cli" demo "$tmp/demo.zhizao" >/dev/null || { echo "1..1"; echo "not ok 1 - demo"; exit 1; }
# AT-SPI needs the bridge this suite otherwise turns off
unset NO_AT_BRIDGE
# not exec: the EXIT trap removes the folder afterwards
/usr/bin/python3 "$here/check-names.py" "$app" "$tmp/demo.zhizao"
