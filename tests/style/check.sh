#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Style checks that are tests (TigerBeetle's tidy): no binary floating point where money flows,
# lines of at most 100 columns, functions of at most 70 lines (brace-counted, C++ only).
set -euo pipefail
cd "$(dirname "$0")/../.."
fail=0
src=$(git ls-files 'ledger/*.h' 'ledger/*.cpp' 'audit/*.h' 'audit/*.cpp' 'cli/*.h' 'cli/*.cpp' \
      2>/dev/null || find ledger audit cli -name '*.h' -o -name '*.cpp')
if grep -nE '\b(float|double)\b|std::sto[fd]|\batof\b|strto[fd]\(' $src; then
  echo "style: binary floating point in ledger/, audit/ or cli/ (money must stay exact)"
  fail=1
fi
if awk 'length > 100 { print FILENAME ":" FNR ": " length " columns"; bad=1 } END { exit bad }' \
     $src; then :; else
  echo "style: lines longer than 100 columns"
  fail=1
fi
# A function body starts at a line ending in '{' at column 0 (our formatting of definitions)
# and ends at the matching '}' at column 0.
if awk '/^[A-Za-z].*\) (const )?(override )?\{$|^[A-Za-z].*\) -> .*\{$/ { start = FNR; name = $0 }
        /^\}$/ && start { if (FNR - start > 70) { print FILENAME ":" start ": function of " \
          FNR - start " lines"; bad = 1 } start = 0 }
        END { exit bad }' $src; then :; else
  echo "style: functions longer than 70 lines"
  fail=1
fi
[ $fail -eq 0 ] && echo "style: 1 passed, 0 failed" || { echo "style: 0 passed, 1 failed"; exit 1; }
