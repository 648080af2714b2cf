#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# usage: tests/cxx-terminate.sh [RUNNER]
# An uncaught C++ exception (dlls/ntdll/tests/cxx_terminate.cpp) runs the terminate handler,
# whose abort() ends the process with 3, as on Windows.
set -u
runner=${1:-./wring}
read -r -a runner_cmd <<< "$runner"
case "${runner_cmd[0]##*/}" in wine*) export WINEDEBUG=${WINEDEBUG:--all} WINEDLLOVERRIDES=winedbg.exe=d ;; esac
out=$(timeout 60 "${runner_cmd[@]}" dlls/ntdll/tests/cxx_terminate.exe < /dev/null 2>/dev/null | tr -d '\r'; exit "${PIPESTATUS[0]}")
rc=$?
if [ "$rc" -eq 3 ] && [ "$out" = "terminate handler" ]; then
    echo "ok terminate"; echo "1 passed, 0 failed"
else
    echo "not ok terminate: status $rc (expected 3), output $(printf '%q' "$out")"; echo "0 passed, 1 failed"; exit 1
fi
