#!/bin/sh
# zhizao-cli verify: a dossier against the data it carries.
# Exit statuses: 0 intact, 1 changed (each page named), 2 not a Zhizao dossier or unreadable.
. "$(dirname "$0")/cli-lib.sh"
if ! command -v qpdf >/dev/null; then echo "1..0 # SKIP qpdf not installed"; exit 0; fi

"$cli" demo "$tmp/w.zhizao" >/dev/null 2>&1
"$cli" demo "$tmp/f.zhizao" --track factory-process >/dev/null 2>&1
"$cli" render "$tmp/w.zhizao" -o "$tmp/w.pdf" >/dev/null 2>&1
check "render the workshop demo" 0 $?
"$cli" render "$tmp/f.zhizao" -o "$tmp/f.pdf" >/dev/null 2>&1
check "render the process factory demo" 0 $?
pages=$(pdfinfo "$tmp/w.pdf" | awk '/^Pages:/ {print $2}')

"$cli" verify "$tmp/w.pdf" --json >"$tmp/out" 2>"$tmp/err"
check "an intact dossier: exit 0" 0 $?
json_ok "intact, every page, its fingerprint" "$tmp/out" "d['status'] == 'intact' and d['pages'] == d['pages_written'] == $pages and d['findings'] == [] and len(d['fingerprint']) == 14"
"$cli" verify "$tmp/w.pdf" >"$tmp/out" 2>"$tmp/err"
n=$((n + 1))
if grep -q "not who produced it" "$tmp/out"; then echo "ok $n - it says what it cannot prove"; else echo "not ok $n - no caveat"; failures=$((failures + 1)); fi

qpdf "$tmp/w.pdf" --pages "$tmp/w.pdf" 1-10,12-z -- "$tmp/removed.pdf"
"$cli" verify "$tmp/removed.pdf" --json >"$tmp/out" 2>"$tmp/err"
check "a page removed: exit 1" 1 $?
json_ok "page 11 named as missing" "$tmp/out" "d['status'] == 'changed' and d['findings'] == [dict(change='removed', page=0, original=11, message=d['findings'][0]['message'])]"

qpdf "$tmp/w.pdf" --pages "$tmp/w.pdf" 1-3,5,4,6-z -- "$tmp/swapped.pdf"
"$cli" verify "$tmp/swapped.pdf" --json >"$tmp/out" 2>"$tmp/err"
check "two pages swapped: exit 1" 1 $?
json_ok "both named as moved" "$tmp/out" "[(f['change'], f['page'], f['original']) for f in d['findings']] == [('moved', 4, 5), ('moved', 5, 4)]"

qpdf "$tmp/w.pdf" --pages "$tmp/w.pdf" 1-4 "$tmp/f.pdf" 5 "$tmp/w.pdf" 6-z -- "$tmp/foreign.pdf"
"$cli" verify "$tmp/foreign.pdf" --json >"$tmp/out" 2>"$tmp/err"
check "a page from another dossier: exit 1" 1 $?
json_ok "page 5 named as not of this dossier" "$tmp/out" "[(f['change'], f['page'], f['original']) for f in d['findings']] == [('foreign', 5, 5)]"

qpdf --empty --pages "$tmp/f.pdf" 1 -- "$tmp/stamp.pdf"
qpdf "$tmp/w.pdf" --overlay "$tmp/stamp.pdf" --to=6 -- "$tmp/drawn.pdf"
"$cli" verify "$tmp/drawn.pdf" --json >"$tmp/out" 2>"$tmp/err"
check "a page drawn over: exit 1" 1 $?
json_ok "page 6 named as drawn over" "$tmp/out" "[(f['change'], f['page']) for f in d['findings']] == [('drawn-over', 6)]"

qpdf "$tmp/w.pdf" --pages "$tmp/w.pdf" 1-3 "$tmp/f.pdf" 2 "$tmp/w.pdf" 4-z -- "$tmp/inserted.pdf"
"$cli" verify "$tmp/inserted.pdf" --json >"$tmp/out" 2>"$tmp/err"
check "a page inserted: exit 1" 1 $?
json_ok "page 4 named, nothing else moved" "$tmp/out" "[(f['change'], f['page'], f['original']) for f in d['findings']] == [('foreign', 4, 0)]"

qpdf --empty --pages "$tmp/w.pdf" -- "$tmp/stripped.pdf"
"$cli" verify "$tmp/stripped.pdf" --json >"$tmp/out" 2>"$tmp/err"
check "the same pages without the data: not a dossier, exit 2" 2 $?
json_ok "it says the data is missing" "$tmp/out" "d['status'] == 'not-a-dossier' and 'no Zhizao application data' in d['reason']"
printf '%%PDF-1.4\ngarbage' >"$tmp/broken.pdf"
"$cli" verify "$tmp/broken.pdf" >"$tmp/out" 2>"$tmp/err"
check "a broken PDF: exit 2" 2 $?
n=$((n + 1))
if grep -q "cannot be read as a PDF" "$tmp/err" && ! grep -q "WARNING" "$tmp/err"; then echo "ok $n - named as unreadable, no qpdf noise"; else echo "not ok $n"; sed 's/^/# /' "$tmp/err"; failures=$((failures + 1)); fi
"$cli" verify "$tmp/w.zhizao" >"$tmp/out" 2>"$tmp/err"
check "a project file: exit 2" 2 $?
n=$((n + 1))
if grep -q "not a PDF" "$tmp/err"; then echo "ok $n - named as not a PDF"; else echo "not ok $n"; failures=$((failures + 1)); fi

# the data behind the paperclip
if command -v pdfdetach >/dev/null; then
  n=$((n + 1))
  if pdfdetach -list "$tmp/w.pdf" | grep -q "zhizao-dossier.json"; then echo "ok $n - the data is an attached file"; else echo "not ok $n - no attached file"; failures=$((failures + 1)); fi
  (cd "$tmp" && pdfdetach -save 1 -o data.json w.pdf)
  json_ok "the data: format, project, evidence with hashes and pages" "$tmp/data.json" "d['format'] == 'zhizao-dossier-data/1' and d['project']['name'] and all(len(e['sha256']) == 64 and e['first_page'] >= 1 for e in d['evidence']) and len(d['pages']) == $pages"
fi

echo "1..$n"
[ $failures -eq 0 ]
