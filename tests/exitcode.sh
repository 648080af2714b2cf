#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# usage: tests/exitcode.sh [RUNNER]
# Checks how exitcode.exe ends: exit status, atexit handlers (in reverse
# order of registration) and stdio buffers flushed or not.
set -u
runner=${1:-./wring}
exe=${EXITCODE_EXE:-dlls/msvcrt/tests/exitcode.exe}
read -r -a runner_cmd <<< "$runner"
# Wine hands an unhandled exception to winedbg, which writes its crash report to stdout:
# without it the process ends as Windows ends it
case "${runner_cmd[0]##*/}" in wine*) export WINEDEBUG=${WINEDEBUG:--all} WINEDLLOVERRIDES=winedbg.exe=d ;; esac

out=$(mktemp) || exit 2
trap 'rm -f "$out"' EXIT
passed=0
failed=0
handlers=$'atexit 3\natexit 2\natexit 1'

# check MODE STATUS EXPECTED_STDOUT [ALSO_ACCEPTED_STDOUT]
check() {
    local mode=$1 status=$2 expect=$3 also=${4-$3} got rc
    got=$(timeout 60 "${runner_cmd[@]}" "$exe" "$mode" < /dev/null 2>/dev/null > "$out")
    rc=$?
    got=$(tr -d '\r' < "$out")
    if [ "$rc" -eq "$status" ] && { [ "$got" = "$expect" ] || [ "$got" = "$also" ]; }; then
        passed=$((passed + 1))
        echo "ok $mode"
    else
        failed=$((failed + 1))
        echo "not ok $mode: status $rc (expected $status)"
        echo "  expected: $(printf '%q' "$expect")"
        echo "  got:      $(printf '%q' "$got")"
    fi
}

check return 7 "buffered$handlers"
check exit 42 "buffered$handlers"
check exit300 44 "buffered$handlers"
check exitneg 255 "buffered$handlers"
# _exit skips the atexit handlers; whether the buffer still reaches the pipe
# depends on msvcrt's own DLL detach (Wine flushes there), so both are fine.
check _exit 5 "" "buffered"
check ExitProcess 9 "buffered"
check abort 3 "buffered"
# 0xc0000602 (STATUS_FAIL_FAST_EXCEPTION): its low byte
check failfast 2 ""
# unhandled exceptions: 0xc0000005, 0xc0000094, 0x80000003 and 0xc00000fd, their low bytes
check fault 5 ""
check divide 148 ""
check breakpoint 3 ""
# (Wine 8.0 ends a process whose main thread overflows its stack with 1)
case "${runner_cmd[0]##*/}" in wine*) ;; *) check overflow 253 "" ;; esac
# under Wring, one line on stderr names the exception, where it happened and what it accessed
case "${runner_cmd[0]##*/}" in
    wine*) ;;
    *)
        err=$(timeout 60 "${runner_cmd[@]}" "$exe" fault < /dev/null 2>&1 > /dev/null)
        if [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] &&
           printf '%s\n' "$err" | grep -Eq '^wring: unhandled exception 0xc0000005 \(access violation\) at 0x[0-9a-f]+ \(exitcode\.exe\+0x[0-9a-f]+\), writing 0x0$'; then
            passed=$((passed + 1)); echo "ok fault message"
        else
            failed=$((failed + 1)); echo "not ok fault message: $(printf '%q' "$err")"
        fi ;;
esac

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
