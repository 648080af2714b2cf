#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The asynchronous I/O and thread-pool tests with io_uring refused by seccomp (as Docker's default
# profile does): Wring must fall back to its threads engine by itself and pass them all.
# Usage: tests/engine-nouring.sh RUNNER (run by make check from the top of the build tree).
runner=${1:-./wring}
top=$(dirname "$0")/..
exes=$(ls dlls/kernel32/tests/async_test.exe dlls/kernel32/tests/threadpool_test.exe dlls/kernel32/tests/tp_regress_test.exe \
    dlls/ws2_32/tests/ws2_32_test.exe 2>/dev/null)
[ -n "$exes" ] || { echo "no asynchronous test programs built"; exit 1; }
# the fallback must be automatic and say so under +engine, as soon as overlapped I/O is done
WRING_DEBUG=+engine tests/unix/nouring $runner dlls/kernel32/tests/async_test.exe overlapped 2>&1 |
    grep -q "falling back to the threads engine" || { echo "no fallback reported under WRING_DEBUG=+engine"; exit 1; }
# a hung test must be named here, before the whole script meets make check's own timeout
exec "$top/tools/runtests" --timeout 40 --runner "tests/unix/nouring $runner" --report tests/report-nouring.txt $exes
