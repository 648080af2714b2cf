#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# usage: tests/esbuild.sh [RUNNER]
# A real Go program: esbuild 0.28.2's Windows build (npm's @esbuild/win32-x64)
# under Wring prints its version and bundles and minifies a small multi-file
# project into the same bytes as its Linux build (@esbuild/linux-x64) does
# natively.  The packages come from the npm registry and are cached in
# tests/programs/; without the network the test says so in one line and
# passes, as check-winetest does.  Wine 8.0 stops at bcryptprimitives.dll,
# so check-reference leaves it out.
set -u
runner=${1:-./wring}
read -r -a runner_cmd <<< "$runner"
# the bundle runs in the project's folder: the runner's path must hold from there
case "${runner_cmd[0]}" in */*) runner_cmd[0]=$(cd "$(dirname "${runner_cmd[0]}")" && pwd)/$(basename "${runner_cmd[0]}") ;; esac
top=$(pwd)
version=0.28.2
registry=${NPM_REGISTRY:-https://registry.npmjs.org}
cache=tests/programs
mkdir -p "$cache" || exit 2
[ -e "$cache/.gitignore" ] || echo '*' > "$cache/.gitignore"

fetch() {   # fetch URL FILE
    if command -v curl > /dev/null; then curl -fsSL --max-time 120 -o "$2.part" "$1"
    else python3 -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' "$1" "$2.part"
    fi && mv "$2.part" "$2"
}

for pkg in win32-x64 linux-x64; do
    dir=$cache/esbuild-$pkg-$version
    [ -d "$dir/package" ] && continue
    tgz=$cache/esbuild-$pkg-$version.tgz
    if ! fetch "$registry/@esbuild/$pkg/-/$pkg-$version.tgz" "$tgz" 2> /dev/null; then
        rm -f "$tgz.part"
        echo "esbuild: the npm registry cannot be reached: skipped"
        exit 0
    fi
    mkdir -p "$dir" && tar -xzf "$tgz" -C "$dir" || { echo "not ok unpacking $tgz"; exit 1; }
done
win=$cache/esbuild-win32-x64-$version/package/esbuild.exe
lin=$cache/esbuild-linux-x64-$version/package/bin/esbuild

work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/lib"
cat > "$work/src/main.js" <<'JS'
import { greet, shout } from './lib/greet.js';
import data from './data.json';
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
export function main() {
  console.log(greet(data.name), shout('bundled'), sum(data.values));
}
main();
JS
cat > "$work/src/lib/greet.js" <<'JS'
export const greet = (name) => `hello, ${name}!`;
export function shout(word) { return word.toUpperCase() + '!'; }
export function neverUsed() { return 'tree-shaken'; }
JS
echo '{ "name": "wring", "values": [1, 2, 3, 36] }' > "$work/src/data.json"

status=0
out=$(timeout 60 "${runner_cmd[@]}" "$win" --version < /dev/null 2>&1 | tr -d '\r')
if [ "$out" = "$version" ]; then echo "ok version"; else echo "not ok version: $out"; status=1; fi

# the same relative paths for both builds: the bundle names its sources
(cd "$work/src" && timeout 120 "${runner_cmd[@]}" "$top/$win" main.js --bundle --minify --outfile=../win.js \
    < /dev/null > ../win.log 2>&1) || true
(cd "$work/src" && timeout 60 "$top/$lin" main.js --bundle --minify --outfile=../lin.js > ../lin.log 2>&1) ||
    { echo "not ok the Linux build failed: $(cat "$work/lin.log")"; exit 1; }
if [ -s "$work/win.js" ] && cmp -s "$work/win.js" "$work/lin.js"; then
    echo "ok bundle ($(wc -c < "$work/lin.js") bytes, identical)"
else
    echo "not ok bundle differs or is missing: $(tr -d '\r' < "$work/win.log" | head -5)"
    status=1
fi
exit $status
