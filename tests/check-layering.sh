#!/bin/sh
# app/core includes no GTK, cairo, pango or poppler; app/dossier, app/demo, app/review and app/cli include no GTK.
set -eu
cd "$1"
status=0
if grep -rnE '#\s*include\s*[<"](gtk/|gdk/|adwaita|cairo|pango|poppler|gsk/)' app/core; then
  echo "app/core must not include GTK, cairo, pango or poppler"; status=1
fi
if grep -rnE '#\s*include\s*[<"](gtk/|gdk/|adwaita|gsk/)' app/dossier app/demo app/review app/cli; then
  echo "app/dossier, app/demo, app/review and app/cli must not include GTK"; status=1
fi
exit $status
