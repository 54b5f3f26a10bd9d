#!/bin/sh
# zhizao-cli credit-code: exit status 0 valid / 1 invalid / 2 usage, and the JSON fields.
# Runs in the C locale on purpose: the JSON must stay UTF-8 there.
. "$(dirname "$0")/cli-lib.sh"
export LC_ALL=C LANGUAGE=C

expect 0 credit-code 91210213603729159A
has "$tmp/out" "210213"
has "$tmp/out" "Dalian"
expect 0 credit-code "9121 0213 6037 2915 9a"
expect 0 credit-code --json 91210213603729159A
has "$tmp/out" '"valid" : true'
has "$tmp/out" '"status" : "valid"'
has "$tmp/out" '"region_code" : "210213"'
has "$tmp/out" '"in_liaoning" : true'
has "$tmp/out" '"city" : "大连市"'
expect 1 credit-code 91350100M0001TGQXM --json
has "$tmp/out" '"valid" : false'
has "$tmp/out" '"status" : "bad-check-char"'
has "$tmp/out" '"position" : 18'
has "$tmp/out" '"in_liaoning" : false'
has "$tmp/out" '"city" : null'
expect 1 credit-code 9I210213603729159A
has "$tmp/out" "invalid"
expect 1 credit-code ""
expect 2 credit-code
has "$tmp/err" "credit-code"
expect 2 credit-code --no-such-option 91210213603729159A

echo "1..$n"
[ $failures -eq 0 ]
