#!/bin/sh
# zhizao-cli standards: the three tracks, text and JSON, and the usage errors (exit 2).
set -u
cli="$1"
export LC_ALL=C.UTF-8 LANGUAGE=C
fail=0
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

expect () { # expected-status args...
  want="$1"; shift
  "$cli" standards "$@" >"$out" 2>"$err"
  got=$?
  if [ "$got" != "$want" ]; then
    echo "not ok: standards $*: exit $got, expected $want"; cat "$out" "$err"; fail=1
  fi
}
has () { # file text
  grep -qF -- "$2" "$1" || { echo "not ok: missing $2 in:"; cat "$1"; fail=1; }
}

expect 0
has "$out" "(workshop, 2023-04-18)"
has "$out" "(factory-discrete, 2023-04-18)"
has "$out" "(factory-process, 2023-04-18)"
has "$out" "w02.smart-equipment-ratio"
has "$out" "≥ 50%"
expect 0 --json
has "$out" '"id" : "factory-process"'
has "$out" '"weight" : 14'
has "$out" '"zh" : "智能装备广泛应用"'
expect 0 --track factory-discrete --json
has "$out" '"id" : "fd03.flexible-scheduling"'
# the seed's slip, corrected and recorded
has "$out" '"seed" : "提高。源综合利用效率"'
has "$out" '"corrected" : "提高。资源综合利用效率"'
expect 0 --track factory-process
has "$out" "Errata (the provincial document's slips, corrected in the data):"
has "$out" "fp08.a: “提高。源综合利用效率” → “提高。资源综合利用效率”"
# the narrative earns nothing; the bands are the tool's, not the province's
has "$out" "fp01.narrative"
has "$out" "0%  Description of what was built  required, no points"
has "$out" "required, no points (this tool suggests"
has "$out" "Bands (this tool's own reading; the provincial document defines none):"
expect 2 --track shipyard
has "$err" "shipyard"
expect 2 surplus
has "$err" "surplus"
expect 2 --no-such-option
exit $fail
