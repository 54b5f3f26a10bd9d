#!/bin/sh
# Standards editions: install a new edition of a track, list it beside the built-in ones, draft
# a project against it (recorded in the project and its export), render it (the cover and the
# score section name the edition), then remove it: the project says which edition is missing.
. "$(dirname "$0")/cli-lib.sh"
src="${G_TEST_SRCDIR:-$(dirname "$0")}/.."
export XDG_DATA_HOME="$tmp/data" # installed editions live here, never in the user's folder

python3 - "$src/resources/standards/workshop.json" "$tmp/ws.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["edition"] = "2025-06-01"
d["source"] = {"zh": "某市工业和信息化局《数字化车间评定标准（试行）》（2025年6月1日）",
               "en": "A city bureau's trial standard for digital workshops (1 June 2025)"}
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
PY

"$cli" standards --install "$tmp/ws.json" >"$tmp/out" 2>"$tmp/err"
check "install a new edition" 0 $?
contains "it says what it installed" "$tmp/out" "workshop@2025-06-01"
n=$((n + 1))
if [ -f "$XDG_DATA_HOME/zhizao/standards/workshop@2025-06-01.json" ] \
  && cmp -s "$tmp/ws.json" "$XDG_DATA_HOME/zhizao/standards/workshop@2025-06-01.json"; then
  echo "ok $n - the file is copied as it is into the user's data folder"
else echo "not ok $n - not installed as it is"; failures=$((failures + 1)); fi
"$cli" standards --install "$tmp/ws.json" >"$tmp/out" 2>"$tmp/err"
check "the same edition twice is refused" 2 $?
contains "it says how to replace it" "$tmp/err" "--uninstall workshop@2025-06-01"
"$cli" standards --install "$src/resources/standards/workshop.json" >"$tmp/out" 2>"$tmp/err"
check "a built-in edition cannot be installed over" 2 $?
contains "it says it is built in" "$tmp/err" "built into Zhizao"
"$cli" standards --install "$src/resources/standards/guide.json" >"$tmp/out" 2>"$tmp/err"
check "a guide is not an edition" 2 $?
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d['criteria'][0]['weight']='x'; json.dump(d, open(sys.argv[2],'w'))" "$tmp/ws.json" "$tmp/bad.json"
"$cli" standards --install "$tmp/bad.json" >"$tmp/out" 2>"$tmp/err"
check "a broken file is refused" 2 $?
contains "with its problem" "$tmp/err" "\$.criteria[0].weight"

"$cli" standards >"$tmp/out" 2>"$tmp/err"
check "list" 0 $?
contains "built-in editions listed" "$tmp/out" "workshop@2023-04-18"
contains "the installed edition listed" "$tmp/out" "workshop@2025-06-01"
contains "with its issuer" "$tmp/out" "Liaoning Provincial Department of Industry and Information Technology"
"$cli" standards --json >"$tmp/list.json" 2>"$tmp/err"
json_ok "JSON: origin, edition and hash of every edition" "$tmp/list.json" \
  "[(s['id'], s['edition'], s['origin']) for s in d] == [('workshop', '2023-04-18', 'built-in'), ('factory-discrete', '2023-04-18', 'built-in'), ('factory-process', '2023-04-18', 'built-in'), ('workshop', '2025-06-01', 'installed')] and all(len(s['sha256']) == 64 for s in d)"

"$cli" new "$tmp/p.zhizao" --standard workshop@2025-06-01 --name "沈阳测试有限公司" --json >"$tmp/new.json" 2>"$tmp/err"
check "new project on the installed edition" 0 $?
json_ok "it names the edition" "$tmp/new.json" "d['track'] == 'workshop' and d['edition'] == '2025-06-01'"
"$cli" new "$tmp/q.zhizao" --standard workshop --name "沈阳测试有限公司" --json >"$tmp/new2.json" 2>"$tmp/err"
check "--standard without an edition takes the newest" 0 $?
json_ok "the newest is the installed one" "$tmp/new2.json" "d['edition'] == '2025-06-01'"
"$cli" new "$tmp/r.zhizao" --track workshop --name "沈阳测试有限公司" --json >"$tmp/new3.json" 2>"$tmp/err"
check "--track keeps working" 0 $?
json_ok "on the built-in edition" "$tmp/new3.json" "d['edition'] == '2023-04-18'"
"$cli" new "$tmp/s.zhizao" --standard workshop@2030-01-01 --name x >"$tmp/out" 2>"$tmp/err"
check "an edition that is not installed" 2 $?
contains "is named" "$tmp/err" "2030-01-01"

"$cli" export --json "$tmp/p.zhizao" >"$tmp/p.json" 2>"$tmp/err"
check "export" 0 $?
sha=$(sha256sum "$tmp/ws.json" | cut -d' ' -f1)
json_ok "the export records edition and file hash" "$tmp/p.json" \
  "d['standard_edition'] == '2025-06-01' and d['standard_sha256'] == '$sha'"

"$cli" render "$tmp/p.zhizao" -o "$tmp/p.pdf" >"$tmp/out" 2>"$tmp/err"
check "render on the installed edition" 0 $?
pdftotext -layout "$tmp/p.pdf" "$tmp/p.txt"
tr -d ' \n' <"$tmp/p.txt" >"$tmp/p.flat"
contains "the cover names the edition" "$tmp/p.flat" "2025年6月1日版"
contains "the score section's basis names its source" "$tmp/p.flat" "某市工业和信息化局"

"$cli" standards --uninstall workshop@2025-06-01 >"$tmp/out" 2>"$tmp/err"
check "uninstall" 0 $?
"$cli" standards --uninstall workshop@2025-06-01 >"$tmp/out" 2>"$tmp/err"
check "uninstall twice" 2 $?
"$cli" standards --uninstall workshop@2023-04-18 >"$tmp/out" 2>"$tmp/err"
check "a built-in edition cannot be removed" 2 $?
"$cli" validate --json "$tmp/p.zhizao" >"$tmp/v.json" 2>"$tmp/err"
json_ok "the project says which edition is missing" "$tmp/v.json" \
  "any(p['code'] == 'missing-edition' and '2025-06-01' in p['message'] for p in d['problems'])"

echo "1..$n"
[ "$failures" -eq 0 ]
