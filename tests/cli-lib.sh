# Sourced by the tests/check-cli-*.sh scripts: the CLI under test ($1), a temporary folder
# removed on exit, and TAP checks that count into $n and $failures.
set -u
cli=$(readlink -f "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM # killed (a timeout): still through the EXIT trap
failures=0
n=0
check () { # description expected-status actual-status
  n=$((n + 1))
  if [ "$2" = "$3" ]; then echo "ok $n - $1"; else echo "not ok $n - $1 (exit $3, expected $2)"; sed 's/^/# /' "$tmp/out" "$tmp/err" 2>/dev/null; failures=$((failures + 1)); fi
}
contains () { # description file text
  n=$((n + 1))
  if grep -qF -- "$3" "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1: no “$3” in"; sed 's/^/# /' "$2"; failures=$((failures + 1)); fi
}
lacks () { # description file text
  n=$((n + 1))
  if grep -qF -- "$3" "$2"; then echo "not ok $n - $1: “$3” found"; failures=$((failures + 1)); else echo "ok $n - $1"; fi
}
expect () { # expected-status args...: runs "$cli" with the arguments, its output in $tmp/out and $tmp/err
  want="$1"; shift
  "$cli" "$@" >"$tmp/out" 2>"$tmp/err"
  check "$* exits $want" "$want" $?
}
has () { # file text: contains, the text its own description
  contains "“$2” shown" "$1" "$2"
}
json_ok () { # description file python-expression-on-d
  n=$((n + 1))
  if command -v python3 >/dev/null; then
    if python3 -c "import json, sys; d = json.load(open(sys.argv[1], encoding='utf-8')); sys.exit(0 if ($3) else 1)" "$2" 2>"$tmp/json-err"; then echo "ok $n - $1"; else echo "not ok $n - $1: not ($3) in"; sed 's/^/# /' "$2" "$tmp/json-err"; failures=$((failures + 1)); fi
  else
    echo "ok $n - $1 # SKIP python3 not installed"
  fi
}
export LANGUAGE=en
