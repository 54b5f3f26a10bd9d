#!/bin/sh
# Every catalogue compiles with `msgfmt --check` and translates every message
# that the sources listed in po/POTFILES contain today.
set -eu
src="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
xgettext --package-name=zhizao --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_strdup_printf:1:c-format --flag=g_set_error:4:c-format \
  --directory="$src" --files-from=po/POTFILES -o "$tmp/zhizao.pot" 2>"$tmp/xgettext.log" || {
  cat "$tmp/xgettext.log"; exit 1; }
status=0
for lang in $(cat po/LINGUAS); do
  po="po/$lang.po"
  if [ ! -f "$po" ]; then echo "missing $po"; status=1; continue; fi
  msgfmt --check --check-format -o /dev/null "$po" || { echo "$po: msgfmt --check failed"; status=1; }
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "$po" "$tmp/zhizao.pot"
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  echo "$lang: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*)
      echo "$lang: these messages need a translation:"
      msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep -A1 '^msgid' | head -80
      status=1 ;;
  esac
done
# One wording: "not answered" is 未回答 in every message (never 尚未填写 or 未作答 for it).
other=$(msggrep --no-wrap --msgid -i -E -e 'not answered|unanswered' po/zh_CN.po \
  | msggrep --no-wrap --msgstr -v -F -e '未回答' | grep '^msgid "..*"' || true)
if [ -n "$other" ]; then
  echo "zh_CN: “not answered” must read 未回答 in:"; echo "$other"; status=1
fi
if msggrep --msgstr -F -e '未作答' po/zh_CN.po | grep -q '^msgid "..*"'; then
  echo "zh_CN: 未作答 used; the wording is 未回答"; status=1
fi
exit $status
