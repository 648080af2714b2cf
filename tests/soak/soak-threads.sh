#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The soak again on the threads engine (make check runs soak_test.exe itself on io_uring).
# Usage: tests/soak/soak-threads.sh RUNNER (run by make check from the top of the build tree).
runner=${1:-./wring}
top=$(dirname "$0")/../..
exec "$top/tools/runtests" --engine threads --runner "$runner" --report tests/report-soak-threads.txt tests/soak/soak_test.exe
