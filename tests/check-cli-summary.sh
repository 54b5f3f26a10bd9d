#!/bin/sh
# zhizao-cli summary: the 推荐汇总表 from many applications, as CSV and .xlsx.
# Exit statuses: 0 written (unreadable inputs become rows saying why), 2 usage or output error.
. "$(dirname "$0")/cli-lib.sh"

for t in workshop factory-discrete factory-process; do
  "$cli" demo "$tmp/$t.zhizao" --track $t >"$tmp/out" 2>&1
  check "demo $t" 0 $?
done
printf 'not a project' >"$tmp/junk.zhizao"
printf '%%PDF-1.4 broken' >"$tmp/broken.pdf"

"$cli" summary "$tmp/workshop.zhizao" "$tmp/factory-discrete.zhizao" "$tmp/junk.zhizao" \
  "$tmp/factory-process.zhizao" "$tmp/broken.pdf" -o "$tmp/s.csv" --json >"$tmp/out.json" 2>"$tmp/err"
check "summary to CSV with two unreadable inputs" 0 $?
json_ok "five rows in the order given" "$tmp/out.json" "[r['file'].split('/')[-1] for r in d['rows']] == ['workshop.zhizao', 'factory-discrete.zhizao', 'junk.zhizao', 'factory-process.zhizao', 'broken.pdf']"
json_ok "the unreadable ones say why" "$tmp/out.json" "d['rows'][2]['error'] and 'not a Zhizao project' in d['rows'][2]['error'] and 'cannot be read as a PDF' in d['rows'][4]['error']"
json_ok "the demo rows carry name, code, track and both scores" "$tmp/out.json" "all(r['enterprise'] and len(r['credit_code']) == 18 and r['track'] and r['claimed'] is not None and r['evidenced'] is not None and r['evidenced'] <= r['claimed'] for r in d['rows'] if not r['error'])"
json_ok "the tracks in Chinese" "$tmp/out.json" "[r['track'] for r in d['rows'] if not r['error']] == ['数字化车间', '离散型智能工厂', '流程型智能工厂']"

n=$((n + 1))
if head -c 3 "$tmp/s.csv" | od -An -tx1 | grep -q "ef bb bf"; then echo "ok $n - the CSV starts with a UTF-8 byte-order mark"; else echo "not ok $n - no BOM"; failures=$((failures + 1)); fi
contains "the CSV header" "$tmp/s.csv" "序号,申报单位,统一社会信用代码,所在市,申报类型,车间/工厂名称,自评得分,佐证得分,申报条件结论,待解决问题,申报书页数,完整性"
n=$((n + 1))
rows=$(python3 -c "import csv, sys; print(len(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig')))))" "$tmp/s.csv")
if [ "$rows" = 6 ]; then echo "ok $n - the CSV has a header and five rows"; else echo "not ok $n - $rows CSV rows"; failures=$((failures + 1)); fi
contains "an unreadable row says why" "$tmp/s.csv" "无法读取："

"$cli" summary "$tmp/workshop.zhizao" "$tmp/factory-discrete.zhizao" "$tmp/junk.zhizao" \
  "$tmp/factory-process.zhizao" -o "$tmp/s.xlsx" >"$tmp/out" 2>"$tmp/err"
check "summary to .xlsx" 0 $?
# read the workbook back: a zip holding a worksheet with every row, numbers as numbers
n=$((n + 1))
if python3 - "$tmp/s.xlsx" "$tmp/out.json" >"$tmp/xlsx-check" 2>&1 <<'PY'
import json, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
names = z.namelist()
assert "xl/workbook.xml" in names and "xl/worksheets/sheet1.xml" in names, names
strings = re.findall(r"<t[^>]*>([^<]*)</t>", z.read("xl/sharedStrings.xml").decode())
sheet = z.read("xl/worksheets/sheet1.xml").decode()
rows = re.findall(r"<row [^>]*>(.*?)</row>", sheet)
assert len(rows) == 5, len(rows)
def cells(row):
    out = []
    for attrs, body in re.findall(r"<c ([^>]*?)(?:/>|>(.*?)</c>)", row):
        if not body:
            out.append("")
            continue
        v = re.search(r"<v>([^<]*)</v>", body).group(1)
        out.append(strings[int(v)] if 't="s"' in attrs else float(v))
    return out
header = cells(rows[0])
assert header[:3] == ["序号", "申报单位", "统一社会信用代码"], header
want = [r for r in json.load(open(sys.argv[2]))["rows"] if r["file"].endswith(".zhizao")]
for row, r in zip(rows[1:], want):
    c = cells(row)
    if r["error"]:
        assert any(isinstance(x, str) and x.startswith("无法读取") for x in c), c
        continue
    assert c[1] == r["enterprise"] and c[2] == r["credit_code"], c
    assert isinstance(c[6], float) and abs(c[6] - r["claimed"]) < 0.05, c
    assert isinstance(c[7], float) and abs(c[7] - r["evidenced"]) < 0.05, c
assert "<autoFilter" in sheet and "<pane" in sheet
PY
then echo "ok $n - the workbook holds every row, scores as numbers"; else echo "not ok $n - workbook"; sed 's/^/# /' "$tmp/xlsx-check"; failures=$((failures + 1)); fi

# from the dossiers: the same rows as from their projects, with page count and integrity
for t in workshop factory-discrete factory-process; do
  "$cli" render "$tmp/$t.zhizao" -o "$tmp/$t.pdf" >/dev/null 2>&1
done
qpdf "$tmp/workshop.pdf" --pages "$tmp/workshop.pdf" 1-10,12-z -- "$tmp/workshop-cut.pdf" 2>/dev/null
"$cli" summary "$tmp/workshop.zhizao" "$tmp/factory-discrete.zhizao" "$tmp/factory-process.zhizao" \
  -o "$tmp/p.csv" --json >"$tmp/projects.json" 2>"$tmp/err"
check "summary of the projects" 0 $?
"$cli" summary "$tmp/workshop.pdf" "$tmp/factory-discrete.pdf" "$tmp/factory-process.pdf" \
  "$tmp/workshop-cut.pdf" -o "$tmp/d.xlsx" --json >"$tmp/dossiers.json" 2>"$tmp/err"
check "summary of the dossiers" 0 $?
n=$((n + 1))
if python3 - "$tmp/projects.json" "$tmp/dossiers.json" >"$tmp/cmp" 2>&1 <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))["rows"]
d = json.load(open(sys.argv[2]))["rows"]
keys = ["enterprise", "credit_code", "city", "track", "site_name", "claimed", "evidenced", "verdict", "blocking", "problems"]
for a, b in zip(p, d[:3]):
    assert not a["error"] and not b["error"], (a, b)
    for k in keys:
        assert a[k] == b[k], (k, a[k], b[k])
    assert b["source"] == "dossier" and b["pages"] > 20 and b["integrity"] == "完整", b
assert d[3]["integrity"].startswith("已改动") and "原第11页缺失" in d[3]["integrity"], d[3]
PY
then echo "ok $n - dossiers give the rows their projects give, and their integrity"; else echo "not ok $n"; sed 's/^/# /' "$tmp/cmp"; failures=$((failures + 1)); fi

# as a landscape A4 PDF: every row, the header on each page
"$cli" summary "$tmp/workshop.pdf" "$tmp/factory-discrete.zhizao" "$tmp/junk.zhizao" \
  "$tmp/workshop-cut.pdf" -o "$tmp/s.pdf" >"$tmp/out" 2>"$tmp/err"
check "summary to PDF" 0 $?
if command -v pdfinfo >/dev/null; then
  contains "A4 landscape" "$(pdfinfo "$tmp/s.pdf" >"$tmp/info"; echo "$tmp/info")" "841.89 x 595.276 pts (A4)"
  pdftotext "$tmp/s.pdf" - | tr -d " \n" >"$tmp/s.txt"
  contains "the title" "$tmp/s.txt" "推荐汇总表"
  contains "the header" "$tmp/s.txt" "统一社会信用代码"
  contains "a dossier's row" "$tmp/s.txt" "沈阳恒驰汽车零部件有限公司"
  contains "a project's row" "$tmp/s.txt" "瓦房店精研轴承股份有限公司"
  contains "the unreadable row says why" "$tmp/s.txt" "无法读取"
  contains "the cut dossier's integrity" "$tmp/s.txt" "已改动"
fi

# summary only reads: a project of an older schema (version 2, which opening read-write would
# migrate) keeps its bytes, and no journal is left beside it
cp "$tmp/workshop.zhizao" "$tmp/old.zhizao"
python3 - "$tmp/old.zhizao" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("ALTER TABLE evidence DROP COLUMN usable")
db.execute("ALTER TABLE evidence DROP COLUMN problem")
db.execute("PRAGMA user_version = 2")
db.commit()
db.close()
PY
sha_before=$(sha256sum "$tmp/old.zhizao" | cut -d" " -f1)
"$cli" summary "$tmp/old.zhizao" -o "$tmp/old.csv" --json >"$tmp/old.json" 2>"$tmp/err"
check "summary of a version-2 project" 0 $?
json_ok "its row is read" "$tmp/old.json" "not d['rows'][0]['error'] and d['rows'][0]['enterprise']"
n=$((n + 1))
sha_after=$(sha256sum "$tmp/old.zhizao" | cut -d" " -f1)
if [ "$sha_before" = "$sha_after" ] && [ ! -e "$tmp/old.zhizao-journal" ]; then echo "ok $n - summary left the project file's bytes unchanged"; else echo "not ok $n - summary changed the project file"; failures=$((failures + 1)); fi
n=$((n + 1))
if python3 -c "import sqlite3, sys; sys.exit(0 if sqlite3.connect(sys.argv[1]).execute('PRAGMA user_version').fetchone()[0] == 2 else 1)" "$tmp/old.zhizao"; then echo "ok $n - it is still at schema version 2"; else echo "not ok $n - migrated"; failures=$((failures + 1)); fi

"$cli" summary "$tmp/workshop.zhizao" -o "$tmp/s.txt" >"$tmp/out" 2>"$tmp/err"
check "an unknown output format is a usage error" 2 $?
contains "it names the formats" "$tmp/err" ".xlsx"
"$cli" summary -o "$tmp/s.csv" >"$tmp/out" 2>"$tmp/err"
check "no input is a usage error" 2 $?
"$cli" summary "$tmp/workshop.zhizao" >"$tmp/out" 2>"$tmp/err"
check "no output is a usage error" 2 $?

echo "1..$n"
[ $failures -eq 0 ]
