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

# --check: the built-in files would load; every bad fixture is refused with its path and problem
src="${G_TEST_SRCDIR:-$(dirname "$0")}/.."
for f in workshop factory-discrete factory-process conditions guide; do
  expect 0 --check "$src/resources/standards/$f.json"
  has "$out" "would load"
done
expect 0 --check "$src/tests/data/standards-minimal.json"
has "$out" "would load: the standard workshop, edition 2025-06-01"
expect 0 --check "$src/resources/standards/workshop.json" --json
has "$out" '"ok" : true'
has "$out" '"edition" : "2023-04-18"'
for f in "$src"/tests/data/standards-bad/*.json; do
  expect 2 --check "$f"
  has "$out" "$(basename "$f"): \$"
  has "$err" "the file would not load"
done
has_json () { # file python-expression over d
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1" \
    || { echo "not ok: $2"; cat "$1"; fail=1; }
}
expect 2 --check "$src/tests/data/standards-bad/missing-key.json" --json
has_json "$out" "d['ok'] is False and d['kind'] == 'standard' and d['problems'][0]['path'] == '\$.criteria[2].indicators[1].label' and d['problems'][0]['message'] == 'missing key'"
expect 2 --check "$src/tests/data/standards-bad/conditions-unknown-key.json" --json
has_json "$out" "d['kind'] == 'conditions' and len(d['problems']) == 1"
# several problems in one file are all listed: two broken criteria and a band out of order
many=$(mktemp --suffix=.json)
python3 - "$src/resources/standards/workshop.json" "$many" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d['criteria'][0]['weight'] = 'ten'
del d['criteria'][2]['indicators'][0]['label']
d['bands'][1]['min'] = 99
json.dump(d, open(sys.argv[2], 'w'), ensure_ascii=False)
EOF
expect 2 --check "$many" --json
has_json "$out" "[p['path'] for p in d['problems']] == ['\$.criteria[0].weight', '\$.criteria[2].indicators[0].label', '\$.bands[1].min']"
expect 2 --check "$many"
has "$err" "3 problems"
# a file that does not exist is a problem too, not a crash
expect 2 --check "$many.missing"
has "$out" "cannot read"
rm -f "$many"
LANGUAGE=zh_CN "$cli" standards --check "$src/tests/data/standards-bad/missing-key.json" >"$out" 2>"$err"
has "$out" "缺少"
exit $fail
