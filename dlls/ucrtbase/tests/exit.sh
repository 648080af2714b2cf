#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# usage: dlls/ucrtbase/tests/exit.sh [RUNNER]
# Checks how ucrt_exit.exe ends: its exit status and which exit handlers ran, in which order.
set -u
runner=${1:-./wring}
exe=${UCRT_EXIT_EXE:-dlls/ucrtbase/tests/ucrt_exit.exe}
read -r -a runner_cmd <<< "$runner"
case "${runner_cmd[0]##*/}" in wine*) export WINEDEBUG=${WINEDEBUG:--all} ;; esac

passed=0
failed=0
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
full=$'main\ntls detach\natexit 2\natexit 1'

# check MODE STATUS EXPECTED_STDOUT
check() {
    local mode=$1 status=$2 expect=$3 got rc
    got=$(timeout 60 "${runner_cmd[@]}" "$exe" "$mode" < /dev/null 2>/dev/null | tr -d '\r'; exit "${PIPESTATUS[0]}")
    rc=$?
    if [ "$rc" -eq "$status" ] && [ "$got" = "$expect" ]; then
        passed=$((passed + 1))
        echo "ok $mode"
    else
        failed=$((failed + 1))
        echo "not ok $mode: status $rc (expected $status)"
        echo "  expected: $(printf '%q' "$expect")"
        echo "  got:      $(printf '%q' "$got")"
    fi
}

check exit 3 "$full"
check return 4 "$full"
check quick 5 $'main\nquick 2\nquick 1'
check _exit 6 "main"
check terminate 9 $'main\nterminate handler'
check abort_handler 12 $'main\nsigabrt'
check abort_noreport 3 "main"
# abort ends the process as __fastfail does: STATUS_STACK_BUFFER_OVERRUN, whose low byte is 9
# (Wine 8.0's abort writes msvcrt's message and exits with 3)
case "${runner_cmd[0]##*/}" in wine*) check abort 3 "main" ;; *) check abort 9 "main" ;; esac
# wildcards expanded when the start-up asks (setargv.obj): matches replace the pattern, with its
# folder kept; a pattern matching nothing stays; the order of the matches is the file system's
mkdir -p "$work/sub" && touch "$work/a.txt" "$work/b.txt" "$work/c.dat" "$work/sub/d.txt"
exe_abs=$(cd "$(dirname "$exe")" && pwd)/$(basename "$exe")
for i in "${!runner_cmd[@]}"; do
    case "${runner_cmd[$i]}" in /*) ;; */*) runner_cmd[$i]=$(cd "$(dirname "${runner_cmd[$i]}")" && pwd)/$(basename "${runner_cmd[$i]}") ;; esac
done
got=$(cd "$work" && timeout 60 "${runner_cmd[@]}" "$exe_abs" args '*.txt' 'none*.x' 'sub\*.txt' plain < /dev/null 2>/dev/null |
      tr -d '\r' | sort | tr '\n' ' ')
expect='a.txt args b.txt none*.x plain sub\d.txt '
# (Wine 8.0's _configure_narrow_argv does not expand: it hands the arguments back as they are)
case "${runner_cmd[0]##*/}" in wine*) expect='*.txt args none*.x plain sub\*.txt ' ;; esac
if [ "$got" = "$expect" ]; then
    passed=$((passed + 1)); echo "ok args"
else
    failed=$((failed + 1)); echo "not ok args: $(printf '%q' "$got")"
fi

# _wassert: one line on stderr (how abort then ends the process differs between releases)
err=$(timeout 60 "${runner_cmd[@]}" "$exe" assert < /dev/null 2>&1 >/dev/null | tr -d '\r' | head -n 1)
if [ "$err" = "Assertion failed: x == 1, file file.c, line 12" ]; then
    passed=$((passed + 1)); echo "ok assert"
else
    failed=$((failed + 1)); echo "not ok assert: $(printf '%q' "$err")"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
