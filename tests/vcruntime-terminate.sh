#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# usage: tests/vcruntime-terminate.sh [RUNNER]
# A C++ exception leaving a noexcept function (dlls/vcruntime140_1/tests/terminate.cpp) is not
# caught further out: std::terminate ends the process with abort()'s status 3, for clang's
# FH3 function (__std_terminate) and for an FH4 one whose tables say noexcept.
set -u
runner=${1:-./wring}
read -r -a runner_cmd <<< "$runner"
case "${runner_cmd[0]##*/}" in wine*) export WINEDEBUG=${WINEDEBUG:--all} WINEDLLOVERRIDES=winedbg.exe=d ;; esac
passed=0 failed=0
for kind in fh3 fh4; do
    out=$(timeout 60 "${runner_cmd[@]}" dlls/vcruntime140_1/tests/terminate.exe "$kind" < /dev/null 2>/dev/null | tr -d '\r'
          exit "${PIPESTATUS[0]}")
    rc=$?
    if [ "$rc" -eq 3 ] && [ "$out" = "before" ]; then
        echo "ok terminate $kind"; passed=$((passed + 1))
    else
        echo "not ok terminate $kind: status $rc (expected 3), output $(printf '%q' "$out")"; failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
