#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# usage: tests/go/go-fault.sh [RUNNER]
# tests/go/fault: nil dereferences recovered as Go panics, which needs the
# access violation dispatched to the Go runtime's vectored exception handler
# and the context it fixes resumed.
set -u
runner=${1:-./wring}
source "$(dirname "$0")/common.sh"

have_exe tests/go/fault.exe || exit 0
expected=$gosrc/fault/expected.txt
for engine in $engines; do
    run_go "$engine" tests/go/fault.exe
    judge "fault ($engine)" 0 "$expected" $?
done
summary
