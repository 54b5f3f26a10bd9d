#!/bin/sh
# zhizao-cli migrate: a demo project moved from the built-in workshop edition to a newer
# installed one (w01.security renamed, criterion w09 renumbered w11): the report lists what does
# not carry over, --dry-run changes nothing, the move records the new edition, wrong targets are
# refused.
. "$(dirname "$0")/cli-lib.sh"
src="${G_TEST_SRCDIR:-$(dirname "$0")}/.."
export XDG_DATA_HOME="$tmp/data"

# the next edition of the workshop standard, as an issuer would write it
sed -e 's/"edition": "2023-04-18"/"edition": "2024-06-01"/' \
    -e 's/"w01\.security"/"w01.cyber-security"/' \
    -e 's/"w09/"w11/g' "$src/resources/standards/workshop.json" >"$tmp/next.json"
"$cli" standards --install "$tmp/next.json" >"$tmp/out" 2>"$tmp/err"
check "the next edition installs" 0 $?

"$cli" demo "$tmp/demo.zhizao" >"$tmp/out" 2>"$tmp/err"
check "demo project" 0 $?

"$cli" migrate "$tmp/demo.zhizao" --to workshop@2024-06-01 --dry-run >"$tmp/out" 2>"$tmp/err"
check "dry run" 0 $?
contains "report headline" "$tmp/out" "From workshop@2023-04-18 to workshop@2024-06-01:"
contains "renamed indicator's answer" "$tmp/out" "Answer to w01.security ("
contains "renumbered criterion's narrative" "$tmp/out" "Narrative of criterion w09 ("
contains "evidence link" "$tmp/out" "Evidence E5 ("
contains "nothing changed said" "$tmp/out" "Nothing was changed (--dry-run)."
"$cli" export --json "$tmp/demo.zhizao" >"$tmp/before.json" 2>"$tmp/err"
json_ok "dry run kept the narrative" "$tmp/before.json" "'w09' in d['narratives'] and d['standard_edition'] in ('', '2023-04-18')"

"$cli" migrate "$tmp/demo.zhizao" --to workshop@2024-06-01 --json >"$tmp/report.json" 2>"$tmp/err"
check "migrate" 0 $?
json_ok "report lists the losses" "$tmp/report.json" "d['applied'] and d['from'] == 'workshop@2023-04-18' and d['to'] == 'workshop@2024-06-01' and {'w01.security', 'w09'} <= {l['id'] for l in d['lost']} and {l['kind'] for l in d['lost']} >= {'answer', 'narrative', 'evidence'}"
"$cli" export --json "$tmp/demo.zhizao" >"$tmp/after.json" 2>"$tmp/err"
json_ok "project records the new edition" "$tmp/after.json" "d['standard_edition'] == '2024-06-01' and len(d['standard_sha256']) == 64"
json_ok "what matched carried over" "$tmp/after.json" "'w01' in d['narratives'] and 'w01.network' in d['answers'] and 'w09' not in d['narratives'] and 'w01.security' not in d['answers'] and [e['supports'] for e in d['evidence'] if e['id'] == 'E5'] == [['w10']]"

"$cli" migrate "$tmp/demo.zhizao" --to workshop@2024-06-01 >"$tmp/out" 2>"$tmp/err"
check "same edition again refused" 2 $?
contains "not newer" "$tmp/err" "is not newer than the project's edition 2024-06-01"
"$cli" migrate "$tmp/demo.zhizao" --to factory-process >"$tmp/out" 2>"$tmp/err"
check "other track refused" 2 $?
contains "another track" "$tmp/err" "another track"
"$cli" migrate "$tmp/demo.zhizao" --to workshop@2030-01-01 >"$tmp/out" 2>"$tmp/err"
check "missing edition refused" 2 $?
contains "names the missing edition" "$tmp/err" "2030-01-01"
"$cli" migrate "$tmp/demo.zhizao" >"$tmp/out" 2>"$tmp/err"
check "--to required" 2 $?

# the edition removed: the project opens read-only, its data still exported, edits refused
"$cli" standards --uninstall workshop@2024-06-01 >"$tmp/out" 2>"$tmp/err"
check "the next edition uninstalls" 0 $?
"$cli" export --json "$tmp/demo.zhizao" >"$tmp/ro.json" 2>"$tmp/err"
check "export of a project whose edition is missing" 0 $?
json_ok "its data is all there" "$tmp/ro.json" "d['standard_edition'] == '2024-06-01' and 'w01' in d['narratives'] and [e['supports'] for e in d['evidence'] if e['id'] == 'E5'] == [['w10']]"
"$cli" attach "$tmp/demo.zhizao" "$src/README.md" --to cond-1 >"$tmp/out" 2>"$tmp/err"
check "attach refused" 2 $?
contains "read-only said" "$tmp/err" "read-only"
"$cli" migrate "$tmp/demo.zhizao" --to workshop >"$tmp/out" 2>"$tmp/err"
check "migrate names the missing edition" 2 $?
contains "missing edition named" "$tmp/err" "The edition 2024-06-01 of the standard “workshop” is not installed"

echo "1..$n"
[ "$failures" = 0 ]
