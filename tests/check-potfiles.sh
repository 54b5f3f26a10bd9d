#!/bin/sh
# Every file with translatable strings is listed in po/POTFILES, and every listed file exists.
set -eu
cd "$1"
status=0
for f in $(grep -rlE '(\b_\(|\bN_\(|\bC_\(|\bNC_\(|ngettext\(|translatable="yes")' \
             app ui resources --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' \
           | grep -v '\.gresource\.xml' | sort); do
  if ! grep -qxF "$f" po/POTFILES; then
    echo "$f has translatable strings but is not listed in po/POTFILES"
    status=1
  fi
done
grep -v '^#' po/POTFILES | grep -v '^$' | while read -r f; do
  [ -f "$f" ] || { echo "po/POTFILES lists $f, which does not exist"; exit 1; }
done || status=1
# The schema and desktop entry carry translatable text without _(): list them too
for f in resources/*.desktop.in resources/*.metainfo.xml.in resources/*.gschema.xml; do
  grep -qxF "$f" po/POTFILES || { echo "$f is not listed in po/POTFILES"; status=1; }
done
exit $status
