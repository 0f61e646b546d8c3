#!/usr/bin/env bash
# selftest.sh — prove axe-check.mjs tells good from bad (run after install.sh).
# Prints "N passed, N failed" as its last line; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
mkdir -p out
pass=0 fail=0
expect() { # expect EXIT-CODE FILE
  local want=$1 file=$2 name got
  name=$(basename "$file" .html)
  node axe-check.mjs "$file" --screenshot "out/$name.png" >"out/$name.json" 2>"out/$name.log"
  got=$?
  if [[ $got == "$want" ]]; then pass=$((pass + 1)); echo "ok   $file exit $got"
  else fail=$((fail + 1)); echo "FAIL $file exit $got, wanted $want"; cat "out/$name.log"; fi
}
expect 0 good.html                # WCAG 2.1 AA clean, self-contained
expect 1 bad.html                 # contrast, img alt, svg alt, td headers, lang, title, button name
expect 1 extra/blank.html         # white on white: axe only says "needs review"; screenshot blank
expect 1 extra/blank-hidden.html  # display:none content: blank
expect 1 extra/external.html      # external stylesheet/image requests
echo "$pass passed, $fail failed"
((fail == 0))
