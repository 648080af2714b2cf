#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# usage: tests/ctrlc.sh [RUNNER]
# Console control handlers (dlls/kernel32/tests/ctrlc.c): SIGINT, sent once the program
# has said "ready" (read from its output, no sleeping), is Ctrl-C to the Windows program.
set -u
runner=${1:-./wring}
exe=dlls/kernel32/tests/ctrlc.exe
read -r -a runner_cmd <<< "$runner"
case "${runner_cmd[0]##*/}" in wine*) export WINEDEBUG=${WINEDEBUG:--all} WINEDLLOVERRIDES=winedbg.exe=d ;; esac
passed=0
failed=0
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT

verdict() {   # verdict NAME EXPECTED_STATUS EXPECTED_OUTPUT STATUS OUTPUT
    if [ "$4" -eq "$2" ] && [ "$5" = "$3" ]; then
        passed=$((passed + 1)); echo "ok $1"
    else
        failed=$((failed + 1)); echo "not ok $1: status $4 (expected $2)"
        echo "  expected: $(printf '%q' "$3")"; echo "  got:      $(printf '%q' "$5")"
    fi
}

# run_ctrl MODE: starts the program, waits for "ready", sends SIGINT, collects the rest
run_ctrl() {
    local mode=$1 pid line
    mkfifo "$work/out.$mode"
    timeout 60 "${runner_cmd[@]}" "$exe" "$mode" < /dev/null > "$work/out.$mode" 2> "$work/err.$mode" &
    pid=$!
    exec 3< "$work/out.$mode"
    IFS= read -r line <&3
    if [ "${line%$'\r'}" = ready ]; then
        # the runner may be a wrapper: signal the Windows program's process, which is the
        # newest process of the job that has the fifo open for writing
        kill -INT "$(pgrep -n -P "$pid" 2>/dev/null || echo "$pid")" 2>/dev/null || kill -INT "$pid"
    fi
    out=$(tr -d '\r' <&3)
    exec 3<&-
    wait "$pid"
    rc=$?
}

out=$(timeout 60 "${runner_cmd[@]}" "$exe" api < /dev/null 2>/dev/null | tr -d '\r')
verdict api 0 $'remove unknown: 0 87\nadd: 1\nadd again: 1\nremove: 1\nremove second: 1\nremove third: 0 87\nignore: 1\nstop ignoring: 1' 0 "$out"
run_ctrl handled
verdict handled 0 $'event 0 on another thread\nfirst 0 last 1' "$rc" "$out"
run_ctrl passed
# STATUS_CONTROL_C_EXIT, 0xc000013a: its low byte.  Wine 8.0's default handler ends the process
# with 0 (a Wine bug: Windows' ExitProcess(STATUS_CONTROL_C_EXIT) is what cmd shows as -1073741510)
case "${runner_cmd[0]##*/}" in wine*) status=0 ;; *) status=58 ;; esac
verdict passed $status 'passing 0' "$rc" "$out"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
