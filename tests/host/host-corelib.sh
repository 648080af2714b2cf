#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Host unit tests of msvcrt's string, ctype, stdlib, math, time and setjmp code.
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
sh "$(dirname "$0")/../../dlls/msvcrt/tests/host2/run.sh" "$out"
