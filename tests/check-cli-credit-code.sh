#!/bin/sh
# zhizao-cli credit-code: exit status 0 valid / 1 invalid / 2 usage, and the JSON fields.
# Runs in the C locale on purpose: the JSON must stay UTF-8 there.
set -u
cli="$1"
export LC_ALL=C LANGUAGE=C
fail=0
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

expect () { # expected-status args...
  want="$1"; shift
  "$cli" credit-code "$@" >"$out" 2>"$err"
  got=$?
  if [ "$got" != "$want" ]; then
    echo "not ok: credit-code $*: exit $got, expected $want"; cat "$out" "$err"; fail=1
  fi
}
has () { # file text
  grep -qF -- "$2" "$1" || { echo "not ok: missing $2 in:"; cat "$1"; fail=1; }
}

expect 0 91210213603729159A
has "$out" "210213"
has "$out" "Dalian"
expect 0 "9121 0213 6037 2915 9a"
expect 0 --json 91210213603729159A
has "$out" '"valid" : true'
has "$out" '"status" : "valid"'
has "$out" '"region_code" : "210213"'
has "$out" '"in_liaoning" : true'
has "$out" '"city" : "大连市"'
expect 1 91350100M0001TGQXM --json
has "$out" '"valid" : false'
has "$out" '"status" : "bad-check-char"'
has "$out" '"position" : 18'
has "$out" '"in_liaoning" : false'
has "$out" '"city" : null'
expect 1 9I210213603729159A
has "$out" "invalid"
expect 1 ""
expect 2
has "$err" "credit-code"
expect 2 --no-such-option 91210213603729159A
[ "$fail" = 0 ] && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
exit $fail
