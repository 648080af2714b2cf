#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Builds msvcrt's core library for the host with every symbol prefixed w_,
# links it with the shim and the tests, and runs them.
set -e
here=$(cd "$(dirname "$0")" && pwd)
src=$here/../..
out=${1:-$(mktemp -d)}
mkdir -p "$out"
CC=${CC:-gcc}
for f in string wcs ctype stdlib math time; do
    $CC -std=gnu11 -O2 -g -Wall -fshort-wchar -fno-builtin -fno-tree-loop-distribute-patterns -fno-stack-protector \
        -fno-pic -c "$src/$f.c" -o "$out/$f.o"
    objcopy --prefix-symbols=w_ "$out/$f.o"
done
$CC -c "$src/setjmp.S" -o "$out/setjmp.o"
objcopy --prefix-symbols=w_ "$out/setjmp.o"
$CC -std=gnu11 -O1 -g -fshort-wchar -fno-builtin -c "$here/test_corelib.c" -o "$out/test_corelib.o"
$CC -std=gnu11 -O2 -g -c "$here/shim.c" -o "$out/shim.o"
$CC -no-pie -o "$out/test_corelib" "$out"/test_corelib.o "$out"/shim.o "$out"/string.o "$out"/wcs.o "$out"/ctype.o \
    "$out"/stdlib.o "$out"/math.o "$out"/time.o "$out"/setjmp.o -lm -lpthread
"$out/test_corelib"
