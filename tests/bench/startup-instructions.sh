#!/bin/sh
# startup-instructions.sh BUILD_DIR PROJECT.zhizao — instructions from process start to the
# window's first painted frame, counted by callgrind (a count the busy host does not disturb),
# for the welcome window and for zhizao opening PROJECT (tests/bench/bench-evidence writes one
# with 1,000 evidence items), and their ratio.
#
# zhizao is started as tests/bench/startup.py starts it (GSK_RENDERER=cairo, LANGUAGE=en, ...)
# with ZHI_QUIT_AFTER_FIRST_FRAME=1: it quits once its window has painted its first frame, and
# callgrind dumps its counts when zhi_application_first_frame_painted () returns; what comes
# after (quitting) is not counted.  Prints figures; asserts nothing.  Run it under xvfb-run -a.
# LANGUAGE=zh_CN in the environment counts the Chinese window instead.  Each count is the
# median of RUNS starts (default 3): a start now and then differs from the others by some
# 65 M instructions in both windows alike (inside gtk_window_present: the surface's GL set-up
# under Xvfb, outside zhizao).
set -eu
build=$(cd "$1" && pwd)
project=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

count_once () { # name args...: prints the instructions up to the first frame
  name=$1
  shift
  rm -f "$out/$name".*
  env GSK_RENDERER=cairo LANGUAGE="${LANGUAGE:-en}" NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory \
    GSETTINGS_SCHEMA_DIR="$build/resources" ZHIZAO_LOCALEDIR="$build/po" \
    ZHI_QUIT_AFTER_FIRST_FRAME=1 \
    timeout 300 valgrind --tool=callgrind --dump-after=zhi_application_first_frame_painted \
    --callgrind-out-file="$out/$name.%p" "$build/ui/zhizao" "$@" >"$out/$name.log" 2>&1 || {
    echo "$name: zhizao under callgrind failed; its log:" >&2
    cat "$out/$name.log" >&2
    exit 1
  }
  dump=$(ls "$out/$name".*.1 2>/dev/null | head -n 1)
  if [ -z "$dump" ]; then
    echo "$name: no first frame was painted (no callgrind dump)" >&2
    exit 1
  fi
  sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$dump"
}

count () { # name args...: the median of RUNS counts (each printed on stderr)
  name=$1
  shift
  counts=""
  for i in $(seq "${RUNS:-3}"); do
    counts="$counts $(count_once "$name" "$@")" || exit 1
  done
  echo "$name:$counts" >&2
  echo "$counts" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

welcome=$(count welcome)
opened=$(count project "$project")
awk -v w="$welcome" -v p="$opened" -v name="$(basename "$project")" 'BEGIN {
  printf "zhizao welcome first frame:         %6.1f M instructions\n", w / 1e6
  printf "zhizao opening %s first frame: %6.1f M instructions (%.2f× the welcome window; target ≤ 1.20×)\n", name, p / 1e6, p / w
}'
