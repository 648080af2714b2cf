#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Host unit test of msvcrt's command-line splitter against Microsoft's rules.
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
gcc -std=gnu11 -Wall -o "$out/argv_host" "$(dirname "$0")/../../dlls/msvcrt/tests/argv_host.c" && "$out/argv_host"
