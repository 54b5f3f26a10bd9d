#!/bin/sh
# zhizao-cli on whole projects: demo, validate, score, new, attach, export, import.
# Exit statuses: 0 success, 1 problems found, 2 usage or input error.
. "$(dirname "$0")/cli-lib.sh"

for track in workshop factory-discrete factory-process; do
  "$cli" demo --track $track "$tmp/$track.zhizao" >"$tmp/out" 2>&1
  check "demo $track is written" 0 $?
  "$cli" validate "$tmp/$track.zhizao" >"$tmp/out" 2>&1
  check "the $track demo validates with nothing blocking" 0 $?
  contains "the $track demo meets the conditions" "$tmp/out" "Meets the application conditions"
  "$cli" score --json "$tmp/$track.zhizao" >"$tmp/score.json" 2>&1
  check "score --json on the $track demo" 0 $?
  contains "score JSON names the track" "$tmp/score.json" "\"track\" : \"$track\""
  contains "score JSON has a claimed total" "$tmp/score.json" "\"claimed\" :"
done
"$cli" demo "$tmp/workshop.zhizao" >"$tmp/out" 2>&1
check "demo refuses to overwrite" 2 $?
"$cli" demo --json "$tmp/dj.zhizao" >"$tmp/out.json" 2>"$tmp/err"
check "demo --json" 0 $?
json_ok "demo --json: file, track, size, evidence count" "$tmp/out.json" \
  "d['file'].endswith('dj.zhizao') and d['track'] == 'workshop' and d['size'] == $(stat -c %s "$tmp/dj.zhizao" 2>/dev/null || echo 0) and d['evidence'] > 0"
"$cli" score --explain "$tmp/workshop.zhizao" >"$tmp/out" 2>&1
check "score --explain" 0 $?
contains "explain says how points were computed" "$tmp/out" "≥ 50% →"
contains "explain reminds it is a self-assessment" "$tmp/out" "self-assessment"

"$cli" new "$tmp/empty.zhizao" --track workshop --name "沈阳测试有限公司" >"$tmp/out" 2>&1
check "new project" 0 $?
"$cli" new --json "$tmp/nj.zhizao" --track factory-process --name "鞍山测试有限公司" >"$tmp/out.json" 2>&1
check "new --json" 0 $?
json_ok "new --json: file and track" "$tmp/out.json" \
  "d['file'].endswith('nj.zhizao') and d['track'] == 'factory-process' and d['name'] == '鞍山测试有限公司'"
printf '%%PDF-1.4 not really\n' >"$tmp/ev.pdf"
"$cli" attach "$tmp/nj.zhizao" "$tmp/ev.pdf" --to fp01 --title "测试材料" >"$tmp/out" 2>"$tmp/err"
check "attach" 0 $?
"$cli" attach --json "$tmp/nj.zhizao" "$tmp/ev.pdf" --to fp01 --to fp02 >"$tmp/out.json" 2>"$tmp/err"
check "attach --json" 0 $?
sha=$(sha256sum "$tmp/ev.pdf" | cut -d' ' -f1)
json_ok "attach --json: evidence id, sha256, size, pages, supports" "$tmp/out.json" \
  "d['evidence']['id'] and d['evidence']['id'] != '$(cat "$tmp/out")' and d['evidence']['sha256'] == '$sha' and d['evidence']['size'] == $(stat -c %s "$tmp/ev.pdf") and 'pages' in d['evidence'] and d['evidence']['supports'] == ['fp01', 'fp02']"
"$cli" validate "$tmp/empty.zhizao" >"$tmp/out" 2>&1
check "an empty project has blocking problems" 1 $?
contains "validate names the missing credit code" "$tmp/out" "unified social credit code"
"$cli" validate --json "$tmp/empty.zhizao" >"$tmp/out" 2>&1
check "validate --json exit status" 1 $?
contains "validate --json says blocking" "$tmp/out" "\"blocking\" : true"

printf 'not a project' >"$tmp/garbage.zhizao"
"$cli" validate "$tmp/garbage.zhizao" >"$tmp/out" 2>"$tmp/err"
check "validate on garbage is an input error" 2 $?
contains "the message names the file" "$tmp/err" "garbage.zhizao"
"$cli" validate >"$tmp/out" 2>&1
check "validate without a file is a usage error" 2 $?
"$cli" score "$tmp/missing.zhizao" >"$tmp/out" 2>&1
check "score on a missing file" 2 $?

"$cli" export "$tmp/workshop.zhizao" --json -o "$tmp/w0.json" >"$tmp/out" 2>&1
check "export" 0 $?
"$cli" export "$tmp/workshop.zhizao" --json -o "$tmp/w.json" --with-evidence "$tmp/ev" >"$tmp/out" 2>&1
check "export with evidence" 0 $?
(cd "$tmp" && "$cli" import w.json -o "$tmp/again.zhizao") >"$tmp/out" 2>&1
check "import of the export" 0 $?
(cd "$tmp" && "$cli" import --json w.json -o "$tmp/again-j.zhizao") >"$tmp/out.json" 2>"$tmp/err"
check "import --json" 0 $?
json_ok "import --json: file and evidence count" "$tmp/out.json" \
  "d['file'].endswith('again-j.zhizao') and d['evidence'] == $(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['evidence']))" "$tmp/w.json" 2>/dev/null || echo -1) and d['evidence_with_bytes'] == d['evidence'] and d['problems'] == []"
"$cli" export "$tmp/again.zhizao" --json -o "$tmp/w2.json" >"$tmp/out" 2>&1
check "export of the import" 0 $?
n=$((n + 1))
if cmp -s "$tmp/w0.json" "$tmp/w2.json"; then echo "ok $n - import(export(p)) exports the same JSON"; else echo "not ok $n - the JSON differs"; diff "$tmp/w0.json" "$tmp/w2.json" | head -20 | sed 's/^/# /'; failures=$((failures + 1)); fi

# An office document converted to PDF: export --with-evidence carries the PDF beside it,
# import records it again (the document stays usable without LibreOffice).
"$cli" render -q "$tmp/empty.zhizao" -o "$tmp/converted.pdf" >"$tmp/out" 2>&1
check "a PDF to stand for the conversion" 0 $?
mkdir -p "$tmp/fakebin"
cat >"$tmp/fakebin/soffice" <<SCRIPT
#!/bin/sh
out=
while [ \$# -gt 0 ]; do
  case "\$1" in
    --outdir) out=\$2; shift ;;
    -*|pdf) ;;
    *) b=\$(basename "\$1"); cp '$tmp/converted.pdf' "\$out/\${b%.*}.pdf" ;;
  esac
  shift
done
SCRIPT
chmod +x "$tmp/fakebin/soffice"
printf 'PK\003\004 a Word document' >"$tmp/说明.docx"
PATH="$tmp/fakebin:$PATH" "$cli" attach "$tmp/nj.zhizao" "$tmp/说明.docx" --to fp01 >"$tmp/out" 2>"$tmp/err"
check "attach converts an office document" 0 $?
pdf_sha=$(sha256sum "$tmp/converted.pdf" | cut -d' ' -f1)
"$cli" export "$tmp/nj.zhizao" --json -o "$tmp/office.json" --with-evidence "$tmp/office-ev" >"$tmp/out" 2>&1
check "export with a converted document" 0 $?
json_ok "the export names the PDF and copies it" "$tmp/office.json" \
  "[(e['pdf_sha256'], open('$tmp/' + e['pdf_file'], 'rb').read()[:5]) for e in d['evidence'] if e['file_name'] == '说明.docx'] == [('$pdf_sha', b'%PDF-')] and all('pdf_sha256' not in e and 'pdf_file' not in e for e in d['evidence'] if e['file_name'] != '说明.docx')"
(cd "$tmp" && PATH=/nonexistent "$cli" import office.json -o "$tmp/office.zhizao") >"$tmp/out" 2>&1
check "import of the converted document, without LibreOffice" 0 $?
"$cli" export "$tmp/office.zhizao" --json -o "$tmp/office2.json" >"$tmp/out" 2>&1
check "export of the import" 0 $?
json_ok "the imported document keeps its PDF and stays usable" "$tmp/office2.json" \
  "[(e['pdf_sha256'], e['usable'], e['problem']) for e in d['evidence'] if e['file_name'] == '说明.docx'] == [('$pdf_sha', True, '')]"
sed '/"pdf_file"/d; s/\("file" : "[^"]*"\),$/\1/' "$tmp/office.json" >"$tmp/office-nopdf.json"
(cd "$tmp" && "$cli" import office-nopdf.json -o "$tmp/office-nopdf.zhizao") >"$tmp/out" 2>&1
check "import without the PDF" 0 $?
"$cli" export "$tmp/office-nopdf.zhizao" --json -o "$tmp/office3.json" >"$tmp/out" 2>&1
json_ok "without its PDF the document waits for conversion" "$tmp/office3.json" \
  "[(e.get('pdf_sha256'), e['usable'], e['problem']) for e in d['evidence'] if e['file_name'] == '说明.docx'] == [(None, False, 'not-converted')]"
sed "s/$pdf_sha/$(printf '%064d' 0)/" "$tmp/office.json" >"$tmp/office-bad.json"
(cd "$tmp" && "$cli" import office-bad.json -o "$tmp/office-bad.zhizao") >"$tmp/out" 2>&1
check "import with a PDF that is not the one recorded" 1 $?
contains "the message names the PDF and what to do" "$tmp/out" "its SHA-256 differs from “pdf_sha256”. Export the project again."

# The cross-checks a reviewer makes reach validate, each on the field to fix.
cat >"$tmp/contradictions.json" <<'JSON'
{ "format": "zhizao-project", "format_version": 1, "track": "factory-process",
  "industry_division": "34", "founding_date": "2010-01-01", "in_use_date": "2009-12-31",
  "investment_software": 600, "investment_hardware": 500, "investment_total": 1000,
  "workshops": "合成车间" }
JSON
"$cli" import "$tmp/contradictions.json" -o "$tmp/contradictions.zhizao" >"$tmp/out" 2>&1
check "import of a contradictory project" 0 $?
"$cli" validate --json "$tmp/contradictions.zhizao" >"$tmp/out" 2>&1
check "validate blocks a contradictory project" 1 $?
json_ok "validate names each contradiction on its field" "$tmp/out" \
  "{(p['code'], p['field'], p['severity']) for p in d['problems'] if p['step'] == 'enterprise'} >= {('industry-track-mismatch', 'industry-division', 'warning'), ('in-use-date-before-founding', 'in-use-date', 'blocking'), ('investment-parts-exceed-total', 'investment-total', 'blocking'), ('too-few-workshops', 'workshops', 'blocking')}"

echo "1..$n"
[ $failures -eq 0 ]
