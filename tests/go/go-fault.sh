#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# usage: tests/go/go-fault.sh [RUNNER]
# tests/go/fault: nil dereferences recovered as Go panics, which needs the
# access violation dispatched to the Go runtime's vectored exception handler.
# Until Wring dispatches hardware exceptions the program stops at the first
# fault with "unhandled exception": the test then says so and is skipped,
# but only when the two control lines (panics that need no fault) and every
# line after them up to the fault are the expected ones.  Any other
# difference fails.
set -u
runner=${1:-./wring}
source "$(dirname "$0")/common.sh"

have_exe tests/go/fault.exe || exit 0
expected=$gosrc/fault/expected.txt
for engine in $engines; do
    run_go "$engine" tests/go/fault.exe
    rc=$?
    got=$(wc -l < "$work/out")
    if [ "$rc" -ne 0 ] && grep -q 'unhandled exception' "$work/err" &&
       [ "$got" -ge 2 ] && [ "$got" -lt "$(wc -l < "$expected")" ] && head -n "$got" "$expected" | cmp -s - "$work/out"; then
        skipped=$((skipped + 1))
        echo "fault ($engine): skipped: hardware exceptions are not dispatched yet: $(grep -m1 'unhandled exception' "$work/err")"
        echo "  the $got line(s) before the fault are as expected; it stopped before: $(sed -n "$((got + 1))p" "$expected")"
    else
        judge "fault ($engine)" 0 "$expected" $rc
    fi
done
summary
