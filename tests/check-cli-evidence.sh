#!/bin/sh
# zhizao-cli and evidence that cannot be read: attach records it, validate names it, --final
# refuses, score gives it nothing; attach --to refuses an unknown id without writing.
. "$(dirname "$0")/cli-lib.sh"
same () { # description a b
  n=$((n + 1))
  if [ "$2" = "$3" ]; then echo "ok $n - $1"; else echo "not ok $n - $1: $2 != $3"; failures=$((failures + 1)); fi
}

# The demo passes; its criterion w04 has no evidence, so what we attach is its only support.
"$cli" demo "$tmp/demo.zhizao" >"$tmp/out" 2>"$tmp/err"
check "demo" 0 $?
"$cli" validate "$tmp/demo.zhizao" >"$tmp/out" 2>"$tmp/err"
check "the demo validates" 0 $?
"$cli" score --json "$tmp/demo.zhizao" >"$tmp/score.json" 2>"$tmp/err"
json_ok "w04 is claimed but not evidenced in the demo" "$tmp/score.json" \
  "[c for c in d['score']['criteria'] if c['id'] == 'w04'][0]['claimed'] > 0 and [c for c in d['score']['criteria'] if c['id'] == 'w04'][0]['evidenced'] == 0"
"$cli" render "$tmp/demo.zhizao" -o "$tmp/good.pdf" --no-attachments >"$tmp/out" 2>"$tmp/err" \
  || "$cli" render "$tmp/demo.zhizao" -o "$tmp/good.pdf" >"$tmp/out" 2>"$tmp/err"
check "a PDF that opens, for the tests" 0 $?

# every kind of file that does not open
: >"$tmp/empty.pdf"
head -c 4096 /dev/urandom | tr '%' 'x' >"$tmp/random.pdf"
size=$(stat -c %s "$tmp/good.pdf")
head -c $((size * 2 / 5)) "$tmp/good.pdf" >"$tmp/truncated.pdf"
printf 'not a photo\n' >"$tmp/photo.jpg"
printf 'not a chart\n' >"$tmp/chart.png"
kinds="empty.pdf:empty random.pdf:not-a-pdf truncated.pdf:damaged photo.jpg:not-an-image chart.png:not-an-image"
if command -v qpdf >/dev/null; then
  qpdf --encrypt secret owner 256 -- "$tmp/good.pdf" "$tmp/locked.pdf"
  kinds="$kinds locked.pdf:encrypted"
else
  echo "ok $((n + 1)) - encrypted PDF # SKIP qpdf not installed"; n=$((n + 1))
fi

for kind in $kinds; do
  file=${kind%%:*}
  code=${kind#*:}
  cp "$tmp/demo.zhizao" "$tmp/k.zhizao"
  "$cli" attach --json "$tmp/k.zhizao" "$tmp/$file" --to w04 --title "材料 $file" >"$tmp/out" 2>"$tmp/err"
  check "$file is attached (kept, the user may replace it)" 0 $?
  json_ok "$file: usable false, reason $code, no page count" "$tmp/out" \
    "d['evidence']['usable'] is False and d['evidence']['problem'] == '$code' and d['evidence']['pages'] is None"
  contains "attach warns that $file supports nothing" "$tmp/err" "$file"
  "$cli" validate "$tmp/k.zhizao" >"$tmp/out" 2>"$tmp/err"
  check "validate: $file blocks" 1 $?
  contains "validate names $file" "$tmp/out" "($file)"
  contains "validate names the title of $file" "$tmp/out" "材料 $file"
  contains "validate names what $file was meant to support" "$tmp/out" "meant to support: 4. "
  "$cli" validate --json "$tmp/k.zhizao" >"$tmp/out.json" 2>"$tmp/err"
  check "validate --json: $file blocks" 1 $?
  json_ok "validate --json: blocking unusable-only-evidence naming $file" "$tmp/out.json" \
    "any(p['code'] == 'unusable-only-evidence' and p['severity'] == 'blocking' and '$file' in p['message'] for p in d['problems'])"
  json_ok "validate --json: unusable-evidence naming $file" "$tmp/out.json" \
    "any(p['code'] == 'unusable-evidence' and '$file' in p['message'] for p in d['problems'])"
  "$cli" score --json "$tmp/k.zhizao" >"$tmp/score.json" 2>"$tmp/err"
  json_ok "$file earns no evidenced points" "$tmp/score.json" \
    "[c for c in d['score']['criteria'] if c['id'] == 'w04'][0]['evidenced'] == 0 and [c for c in d['score']['criteria'] if c['id'] == 'w04'][0]['evidence_documents'] == 0"
  "$cli" render "$tmp/k.zhizao" -o "$tmp/k.pdf" --final >"$tmp/out" 2>"$tmp/err"
  check "render --final refuses with $file as the only support" 1 $?
done

# the reason in the user's language
cp "$tmp/demo.zhizao" "$tmp/zh.zhizao"
"$cli" attach "$tmp/zh.zhizao" "$tmp/empty.pdf" --to w04 >"$tmp/out" 2>"$tmp/err"
LANGUAGE=zh_CN "$cli" validate "$tmp/zh.zhizao" >"$tmp/out" 2>"$tmp/err"
check "validate (zh_CN) blocks" 1 $?
contains "the reason in Chinese" "$tmp/out" "空文件"

# a file that opens supports w04: nothing blocks, the points count
cp "$tmp/demo.zhizao" "$tmp/g.zhizao"
"$cli" attach "$tmp/g.zhizao" "$tmp/empty.pdf" --to w04 >"$tmp/out" 2>"$tmp/err"
"$cli" attach --json "$tmp/g.zhizao" "$tmp/good.pdf" --to w04 >"$tmp/out" 2>"$tmp/err"
check "a good PDF is attached" 0 $?
json_ok "a good PDF is usable with its pages" "$tmp/out" \
  "d['evidence']['usable'] is True and d['evidence']['problem'] == '' and d['evidence']['pages'] > 0"
"$cli" validate "$tmp/g.zhizao" >"$tmp/out" 2>"$tmp/err"
check "with a usable document nothing blocks" 0 $?
contains "the unusable file is still named" "$tmp/out" "(empty.pdf)"

# the same bytes twice: reported, counted once
cp "$tmp/demo.zhizao" "$tmp/d.zhizao"
cp "$tmp/good.pdf" "$tmp/copy.pdf"
"$cli" attach "$tmp/d.zhizao" "$tmp/good.pdf" --to w04 --title "报告" >"$tmp/out" 2>"$tmp/err"
"$cli" attach "$tmp/d.zhizao" "$tmp/copy.pdf" --to w04 --title "报告副本" >"$tmp/out" 2>"$tmp/err"
"$cli" validate --json "$tmp/d.zhizao" >"$tmp/out.json" 2>"$tmp/err"
check "a duplicate does not block" 0 $?
json_ok "the duplicate is reported naming both" "$tmp/out.json" \
  "any(p['code'] == 'duplicate-evidence' and 'good.pdf' in p['message'] and 'copy.pdf' in p['message'] and '报告副本' in p['message'] for p in d['problems'])"
json_ok "counted once" "$tmp/out.json" \
  "[c for c in d['score']['criteria'] if c['id'] == 'w04'][0]['evidence_documents'] == 1"

# attach --to an id that is no criterion or rule: nothing written
before=$(sha256sum "$tmp/demo.zhizao" | cut -d' ' -f1)
"$cli" attach "$tmp/demo.zhizao" "$tmp/good.pdf" --to w4 >"$tmp/out" 2>"$tmp/err"
check "attach --to w4 is refused" 2 $?
contains "the message names the id" "$tmp/err" "“w4”"
contains "the message lists the criteria" "$tmp/err" "w01, w02"
contains "the message lists the rules" "$tmp/err" "cond-1"
after=$(sha256sum "$tmp/demo.zhizao" | cut -d' ' -f1)
same "the project file is unchanged" "$before" "$after"
n=$((n + 1))
if [ -e "$tmp/demo.zhizao-journal" ]; then echo "not ok $n - a journal was left"; failures=$((failures + 1)); else echo "ok $n - no journal left"; fi
"$cli" attach "$tmp/demo.zhizao" "$tmp/good.pdf" --to w04 --to nope >"$tmp/out" 2>"$tmp/err"
check "one bad id among good ones is refused" 2 $?
after=$(sha256sum "$tmp/demo.zhizao" | cut -d' ' -f1)
same "the project file is still unchanged" "$before" "$after"
"$cli" attach "$tmp/demo.zhizao" "$tmp/good.pdf" --to cond-1 >"$tmp/out" 2>"$tmp/err"
check "a rule id is accepted" 0 $?

echo "1..$n"
[ "$failures" -eq 0 ]
