#!/bin/sh
# run-fuzzer.sh FUZZER CORPUS WORKDIR SECONDS MAX_RUNS
# Runs a libFuzzer target for at most SECONDS (or MAX_RUNS inputs) over a copy of CORPUS
# in WORKDIR, so the source tree is never written.  New inputs and any crash file stay in
# WORKDIR; on a crash the path of the input that reproduces it is printed.
set -eu
fuzzer=$1 corpus=$2 work=$3 seconds=$4 runs=$5
rm -rf "$work"
mkdir -p "$work/corpus" "$work/artifacts"
cp "$corpus"/* "$work/corpus/"
# leaks are reported by the replay under ASan; here only crashes, hangs and broken invariants
export ASAN_OPTIONS="${ZHI_FUZZ_ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}"
status=0
# -error_exitcode: libFuzzer's own (77) is what meson reads as a skipped test, so a crash would
# pass unnoticed
"$fuzzer" -max_total_time="$seconds" -runs="$runs" -timeout=20 -rss_limit_mb=2048 -error_exitcode=1 \
  -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/corpus" || status=$?
if [ $status -ne 0 ]; then
  for f in "$work"/artifacts/*; do
    [ -e "$f" ] || continue
    echo "reproducer: $f  (run: $fuzzer $f; keep it: cp it into $corpus/)"
  done
fi
exit $status
