#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# usage: tests/7za.sh [RUNNER]
# A real MSVC-built C++ program: 7-Zip's 7za.exe 21.07 (npm's 7zip-bin 5.2.0, win/x64),
# against the system msvcrt.dll, OLEAUT32, USER32 and ADVAPI32.  It archives a folder of
# text and binary files with a subfolder (a), tests the archive (t) and extracts it (x);
# each must say "Everything is Ok" and every extracted file must be identical.  The package
# comes from the npm registry and is cached in tests/programs/; without the network the
# test says so in one line and passes, as esbuild.sh does.
set -u
runner=${1:-./wring}
read -r -a runner_cmd <<< "$runner"
case "${runner_cmd[0]}" in */*) runner_cmd[0]=$(cd "$(dirname "${runner_cmd[0]}")" && pwd)/$(basename "${runner_cmd[0]}") ;; esac
# Wine has no engines to choose; Wring runs it on both
case "${runner_cmd[0]##*/}" in
    wine*) export WINEDEBUG=${WINEDEBUG:--all} WINEDLLOVERRIDES=winedbg.exe=d; engines=wine ;;
    *) engines="uring threads" ;;
esac
version=5.2.0
registry=${NPM_REGISTRY:-https://registry.npmjs.org}
cache=tests/programs
mkdir -p "$cache" || exit 2
[ -e "$cache/.gitignore" ] || echo '*' > "$cache/.gitignore"

dir=$cache/7zip-bin-$version
if [ ! -d "$dir/package" ]; then
    tgz=$cache/7zip-bin-$version.tgz
    if ! { if command -v curl > /dev/null; then curl -fsSL --max-time 120 -o "$tgz.part" "$registry/7zip-bin/-/7zip-bin-$version.tgz"
           else python3 -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' \
                "$registry/7zip-bin/-/7zip-bin-$version.tgz" "$tgz.part"; fi; } 2> /dev/null; then
        rm -f "$tgz.part"
        echo "7za: the npm registry cannot be reached: skipped"
        exit 0
    fi
    mv "$tgz.part" "$tgz" && mkdir -p "$dir" && tar -xzf "$tgz" -C "$dir" package/win/x64/7za.exe ||
        { echo "not ok unpacking $tgz"; exit 1; }
fi
exe=$(cd "$dir/package/win/x64" && pwd)/7za.exe

work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/sub/deeper" "$work/out"
printf 'line %d of a text file\r\n' $(seq 1 2000) > "$work/src/text.txt"
head -c 300000 /dev/urandom > "$work/src/random.bin"
head -c 100000 /dev/zero > "$work/src/sub/zeros.bin"
printf 'a small file\n' > "$work/src/sub/deeper/small.txt"
: > "$work/src/empty.txt"

passed=0
failed=0
step() {   # step NAME ARGS...: runs 7za in $work, checks its verdict
    local name=$1 out; shift
    out=$(cd "$work" && WRING_IO_ENGINE=$engine timeout 120 "${runner_cmd[@]}" "$exe" "$@" < /dev/null 2>&1 | tr -d '\r')
    if grep -q '^Everything is Ok$' <<< "$out"; then
        passed=$((passed + 1)); echo "ok $name ($engine)"
    else
        failed=$((failed + 1)); echo "not ok $name ($engine):"; tail -n 8 <<< "$out" | sed 's/^/  /'
    fi
}
for engine in $engines; do
    rm -rf "$work/archive.7z" "$work/out" && mkdir -p "$work/out"
    step archive a -bd archive.7z src
    step test t -bd archive.7z
    step extract x -bd -oout archive.7z
    if diff -r "$work/src" "$work/out/src" > "$work/diff" 2>&1; then
        passed=$((passed + 1)); echo "ok identical ($engine, $(find "$work/src" -type f | wc -l) files)"
    else
        failed=$((failed + 1)); echo "not ok extracted files differ ($engine):"; head -n 5 "$work/diff" | sed 's/^/  /'
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
