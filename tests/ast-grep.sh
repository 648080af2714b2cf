#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# usage: tests/ast-grep.sh [RUNNER]
# A real Rust program built with MSVC: ast-grep 0.51.1's Windows build (npm's
# @ast-grep/cli-win32-x64-msvc) under Wring prints its version and help, and a
# search (as text and as JSON) and a rewrite over a small source tree give the
# same bytes as its Linux build (@ast-grep/cli-linux-x64-gnu) natively, but
# for what Windows prints differently: the program's name in the usage line
# and the backslash in a path; a panic prints Windows' text and ends with 101.  It needs the UCRT (ucrtbase.dll) and vcruntime140.dll built beside the system
# DLLs it binds, and skips in one line while they are not there; it also skips
# without the network, as esbuild.sh does.  The packages are cached in
# tests/programs/.  Wine 8.0 has no bcryptprimitives.dll, so check-reference
# leaves it out.
set -u
runner=${1:-./wring}
read -r -a runner_cmd <<< "$runner"
# the searches run in the tree's folder: the runner's paths (a launcher's too) must hold from there
for i in "${!runner_cmd[@]}"; do
    case "${runner_cmd[$i]}" in
        /*) ;;
        */*) runner_cmd[$i]=$(cd "$(dirname "${runner_cmd[$i]}")" && pwd)/$(basename "${runner_cmd[$i]}") ;;
    esac
done
top=$(pwd)
version=0.51.1
registry=${NPM_REGISTRY:-https://registry.npmjs.org}
cache=tests/programs

for dll in ucrtbase/ucrtbase.dll vcruntime140/vcruntime140.dll vcruntime140_1/vcruntime140_1.dll; do
    if [ ! -e "dlls/$dll" ]; then
        echo "ast-grep: dlls/$dll is not built yet (it imports the UCRT and vcruntime140): skipped"
        exit 0
    fi
done
mkdir -p "$cache" || exit 2
[ -e "$cache/.gitignore" ] || echo '*' > "$cache/.gitignore"

fetch() {   # fetch URL FILE
    if command -v curl > /dev/null; then curl -fsSL --max-time 120 -o "$2.part" "$1"
    else python3 -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' "$1" "$2.part"
    fi && mv "$2.part" "$2"
}

for pkg in win32-x64-msvc linux-x64-gnu; do
    dir=$cache/ast-grep-$pkg-$version
    [ -d "$dir/package" ] && continue
    tgz=$cache/ast-grep-$pkg-$version.tgz
    if ! fetch "$registry/@ast-grep/cli-$pkg/-/cli-$pkg-$version.tgz" "$tgz" 2> /dev/null; then
        rm -f "$tgz.part"
        echo "ast-grep: the npm registry cannot be reached: skipped"
        exit 0
    fi
    mkdir -p "$dir" && tar -xzf "$tgz" -C "$dir" || { echo "not ok unpacking $tgz"; exit 1; }
done
win=$top/$cache/ast-grep-win32-x64-msvc-$version/package/ast-grep.exe
lin=$top/$cache/ast-grep-linux-x64-gnu-$version/package/ast-grep

work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tree/lib"
cat > "$work/tree/main.js" <<'JS'
import { greet } from './lib/greet.js';
var count = 2;
console.log(greet('wring'), count);
if (count > 1) { console.log('many'); }
JS
cat > "$work/tree/util.ts" <<'TS'
var total: number = 0;
export const add = (a: number, b: number) => { console.log(a, b); return a + b; };
TS
cat > "$work/tree/lib/greet.js" <<'JS'
export function greet(name) {
  var text = `hello, ${name}!`;
  return text;
}
JS

status=0
# compare NAME: $work/win.out against $work/lin.out
compare() {
    if cmp -s "$work/lin.out" "$work/win.out"; then echo "ok $1 ($(wc -c < "$work/lin.out") bytes, identical)"
    else echo "not ok $1:"; diff "$work/lin.out" "$work/win.out" | head -n 10 | sed 's/^/  /'; status=1
    fi
}
# both ARGS...: the Windows build under the runner and the Linux build natively, each in a copy
# of the tree, their outputs in $work/win.out and $work/lin.out
both() {
    rm -rf "$work/w" "$work/l" && cp -r "$work/tree" "$work/w" && cp -r "$work/tree" "$work/l"
    (cd "$work/w" && timeout 60 "${runner_cmd[@]}" "$win" "$@" < /dev/null 2> "$work/win.err" | tr -d '\r' > "$work/win.out")
    (cd "$work/l" && timeout 60 "$lin" "$@" < /dev/null 2> "$work/lin.err" > "$work/lin.out")
}

out=$(timeout 60 "${runner_cmd[@]}" "$win" --version < /dev/null 2>&1 | tr -d '\r')
if [ "$out" = "ast-grep $version" ]; then echo "ok version"; else echo "not ok version: $out"; status=1; fi
# the help names the program as it was started: ast-grep.exe on Windows
both --help
sed -i 's/^Usage: ast-grep \[/Usage: ast-grep.exe [/' "$work/lin.out"
compare "help (the Linux text, named ast-grep.exe)"
# files are searched in parallel, so their order differs from run to run (on Linux too): the
# lines are compared sorted; one file's matches come in a fixed order
both run -p 'console.log($$$A)' --color never .
sort -o "$work/win.out" "$work/win.out"; sort -o "$work/lin.out" "$work/lin.out"
compare "search, lines sorted"
# one metavariable: a match's metavariables are a hash map, whose order each run's random seed sets
both run -p 'var count = $V' --json=compact main.js
compare "search of one file as JSON"
# Windows names a file in a folder with a backslash
both run -p 'var $N = $V' --color never lib
sed -i 's|^lib/|lib\\|' "$work/lin.out"
compare "search in a folder (the Linux text with lib\\)"
both run -p 'var $N = $V' -r 'let $N = $V' -U .
tr -d '\r' < "$work/win.err" > "$work/win.out"; cp "$work/lin.err" "$work/lin.out"
compare "rewrite's report"
if diff -r "$work/l" "$work/w" > "$work/tree.diff"; then echo "ok rewritten tree identical"
else echo "not ok rewritten trees differ:"; head -n 10 "$work/tree.diff" | sed 's/^/  /'; status=1
fi
# A panic: the completions are written with expect(), so a stdout whose reader is gone panics.
# Windows fails the write with ERROR_NO_DATA (232); the panic's text goes to stderr, and the
# unwinding (_CxxThrowException, caught through __CxxFrameHandler3 in std's main) ends the
# process with 101.  The Linux text, with Windows' differences: the path of the crate's source
# on the build machine, the error's code and text; the thread's id differs from run to run.
# A FIFO opened for reading and writing gives a write end, then its reader goes.  A backtrace
# would add lines that differ between the builds.
unset RUST_BACKTRACE RUST_LIB_BACKTRACE
closed() {  # closed CMD...: CMD with stdout a pipe nobody reads, its stderr without \r in $work/$1.err
    local name=$1 rc; shift
    rm -f "$work/fifo" && mkfifo "$work/fifo" || return 2
    exec 3<> "$work/fifo" 4> "$work/fifo"
    exec 3<&-
    (cd "$work" && timeout 60 "$@" < /dev/null >&4 2> "$work/$name.raw")
    rc=$?
    exec 4>&-
    tr -d '\r' < "$work/$name.raw" | sed "s/^thread 'main' ([0-9]*)/thread 'main' (N)/" > "$work/$name.err"
    return $rc
}
closed win "${runner_cmd[@]}" "$win" completions bash; win_rc=$?
closed lin "$lin" completions bash; lin_rc=$?
sed -e '/ panicked at /{s|/home/runner/|C:\\Users\\runneradmin\\|;s|/|\\|g}' \
    -e 's/Os { code: 32, kind: BrokenPipe, message: "Broken pipe" }/Os { code: 232, kind: BrokenPipe, message: "The pipe is being closed." }/' \
    "$work/lin.err" > "$work/lin.out"
cp "$work/win.err" "$work/win.out"
if [ "$win_rc" -eq 101 ] && [ "$lin_rc" -eq 101 ] && grep -q "^thread 'main' (N) panicked at " "$work/win.out"; then
    compare "panic on a closed stdout (the Linux text, as Windows words it)"
else
    echo "not ok panic on a closed stdout: status $win_rc (Linux $lin_rc), expected 101"; sed 's/^/  /' "$work/win.out" | head -n 5; status=1
fi
exit $status
