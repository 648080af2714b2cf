#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The asynchronous I/O and thread-pool tests again, on the threads engine (WRING_IO_ENGINE=threads).
# Usage: tests/engine-threads.sh RUNNER (run by make check from the top of the build tree).
runner=${1:-./wring}
top=$(dirname "$0")/..
exes=$(ls dlls/kernel32/tests/async_test.exe dlls/kernel32/tests/threadpool_test.exe dlls/kernel32/tests/tp_regress_test.exe \
    dlls/ntdll/tests/exception_test.exe dlls/ntdll/tests/seh_test.exe dlls/ntdll/tests/cxx_eh_test.exe \
    dlls/msvcrt/tests/cxx_msvc_test.exe \
    dlls/ws2_32/tests/ws2_32_test.exe 2>/dev/null)
[ -n "$exes" ] || { echo "no asynchronous test programs built"; exit 1; }
# a hung test must be named here, before the whole script meets make check's own timeout
exec "$top/tools/runtests" --timeout 40 --engine threads --runner "$runner" --report tests/report-threads.txt $exes
