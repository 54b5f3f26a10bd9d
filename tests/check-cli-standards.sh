#!/bin/sh
# zhizao-cli standards: the three tracks, text and JSON, and the usage errors (exit 2).
. "$(dirname "$0")/cli-lib.sh"
export LC_ALL=C.UTF-8 LANGUAGE=C

expect 0 standards
has "$tmp/out" "(workshop, 2023-04-18)"
has "$tmp/out" "(factory-discrete, 2023-04-18)"
has "$tmp/out" "(factory-process, 2023-04-18)"
has "$tmp/out" "w02.smart-equipment-ratio"
has "$tmp/out" "≥ 50%"
expect 0 standards --json
has "$tmp/out" '"id" : "factory-process"'
has "$tmp/out" '"weight" : 14'
has "$tmp/out" '"zh" : "智能装备广泛应用"'
expect 0 standards --track factory-discrete --json
has "$tmp/out" '"id" : "fd03.flexible-scheduling"'
# the seed's slip, corrected and recorded
has "$tmp/out" '"seed" : "提高。源综合利用效率"'
has "$tmp/out" '"corrected" : "提高。资源综合利用效率"'
expect 0 standards --track factory-process
has "$tmp/out" "Errata (the provincial document's slips, corrected in the data):"
has "$tmp/out" "fp08.a: “提高。源综合利用效率” → “提高。资源综合利用效率”"
# the narrative earns nothing; the bands are the tool's, not the province's
has "$tmp/out" "fp01.narrative"
has "$tmp/out" "0%  Description of what was built  required, no points"
has "$tmp/out" "required, no points (this tool suggests"
has "$tmp/out" "Bands (this tool's own reading; the provincial document defines none):"
expect 2 standards --track shipyard
has "$tmp/err" "shipyard"
expect 2 standards surplus
has "$tmp/err" "surplus"
expect 2 standards --no-such-option

# --check: the built-in files would load; every bad fixture is refused with its path and problem
src="${G_TEST_SRCDIR:-$(dirname "$0")}/.."
for f in workshop factory-discrete factory-process conditions guide; do
  expect 0 standards --check "$src/resources/standards/$f.json"
  has "$tmp/out" "would load"
done
expect 0 standards --check "$src/tests/data/standards-minimal.json"
has "$tmp/out" "would load: the standard workshop, edition 2025-06-01"
expect 0 standards --check "$src/resources/standards/workshop.json" --json
has "$tmp/out" '"ok" : true'
has "$tmp/out" '"edition" : "2023-04-18"'
for f in "$src"/tests/data/standards-bad/*.json; do
  expect 2 standards --check "$f"
  has "$tmp/out" "$(basename "$f"): \$"
  has "$tmp/err" "the file would not load"
done
expect 2 standards --check "$src/tests/data/standards-bad/missing-key.json" --json
json_ok "--check --json: the first problem's path and message" "$tmp/out" "d['ok'] is False and d['kind'] == 'standard' and d['problems'][0]['path'] == '\$.criteria[2].indicators[1].label' and d['problems'][0]['message'] == 'missing key'"
expect 2 standards --check "$src/tests/data/standards-bad/conditions-unknown-key.json" --json
json_ok "--check --json: a conditions file's problem" "$tmp/out" "d['kind'] == 'conditions' and len(d['problems']) == 1"
# several problems in one file are all listed: two broken criteria and a band out of order
many="$tmp/many.json"
python3 - "$src/resources/standards/workshop.json" "$many" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d['criteria'][0]['weight'] = 'ten'
del d['criteria'][2]['indicators'][0]['label']
d['bands'][1]['min'] = 99
json.dump(d, open(sys.argv[2], 'w'), ensure_ascii=False)
EOF
expect 2 standards --check "$many" --json
json_ok "--check --json: every problem of the file, in order" "$tmp/out" "[p['path'] for p in d['problems']] == ['\$.criteria[0].weight', '\$.criteria[2].indicators[0].label', '\$.bands[1].min']"
expect 2 standards --check "$many"
has "$tmp/err" "3 problems"
# a file that does not exist is a problem too, not a crash
expect 2 standards --check "$many.missing"
has "$tmp/out" "cannot read"
LANGUAGE=zh_CN "$cli" standards --check "$src/tests/data/standards-bad/missing-key.json" >"$tmp/out" 2>"$tmp/err"
has "$tmp/out" "缺少"

echo "1..$n"
[ $failures -eq 0 ]
