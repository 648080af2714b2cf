#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# usage: tests/go/go-programs.sh [RUNNER]
# Go programs built from tests/go: the scheduler, timers, GC and preemption
# (sched), and files, environment, working directory, time zone and exit
# codes (system), each on both of Wring's engines (or once under Wine); the
# whole output must match the program's expected.txt, and the exit status.
# The console text goes once through a pipe and once through a terminal.
set -u
runner=${1:-./wring}
source "$(dirname "$0")/common.sh"

have_exe tests/go/sched.exe && have_exe tests/go/system.exe || exit 0

# the expected file of a program run with ARGS, as lines
lines() { printf '%s\n' "$@" > "$work/expected"; }

for engine in $engines; do
    run_go "$engine" tests/go/sched.exe; judge "sched ($engine)" 0 "$gosrc/sched/expected.txt" $?
    run_go "$engine" tests/go/system.exe; judge "system ($engine)" 0 "$gosrc/system/expected.txt" $?
    for code in 3 0 255; do
        lines "exiting with $code"
        run_go "$engine" tests/go/system.exe exit $code; judge "os.Exit($code) ($engine)" $code "$work/expected" $?
    done
done

# On a terminal Go writes with WriteConsoleW; the bytes read from the terminal must
# be the same UTF-8.  Wine's console adds cursor escapes, which are not text.
lines "stdout is a console: true" "héllo wörld → ✓"
if command -v script > /dev/null; then
    for engine in $engines; do
        cmd=$(printf '%q ' "${runner_cmd[@]}" tests/go/system.exe console)
        [ "$engine" = wine ] || cmd="WRING_IO_ENGINE=$engine $cmd"
        timeout "$go_timeout" script -q -e -c "$cmd" /dev/null < /dev/null > "$work/raw" 2> "$work/err"
        rc=$?
        tr -d '\r' < "$work/raw" | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g' > "$work/out"
        judge "terminal ($engine)" 0 "$work/expected" $rc
    done
else
    echo "terminal: skipped: script(1) from util-linux is not installed"
fi
summary
