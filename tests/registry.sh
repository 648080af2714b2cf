#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# usage: tests/registry.sh [RUNNER]
# The registry as a store shared by processes: a value written by one run is
# read by the next, two processes creating keys at once lose none of each
# other's, and a new prefix starts with the well-known keys in system.reg.
# Runs against a prefix of its own, so the user's is left alone.
set -u
runner=${1:-./wring}
exe=${REGWRITER_EXE:-dlls/advapi32/tests/regwriter.exe}
read -r -a runner_cmd <<< "$runner"

prefix=$(mktemp -d) || exit 2
trap 'rm -rf "$prefix"' EXIT
export WRING_PREFIX=$prefix
passed=0
failed=0

check() {
    local what=$1 expect=$2 got=$3
    if [ "$got" = "$expect" ]; then
        passed=$((passed + 1))
        echo "ok $what"
    else
        failed=$((failed + 1))
        echo "not ok $what: expected $(printf '%q' "$expect"), got $(printf '%q' "$got")"
    fi
}

run() {
    timeout 60 "${runner_cmd[@]}" "$exe" "$@" < /dev/null 2>&1 | tr -d '\r'
}

check "first run writes" "" "$(run set Greeting "hello from run 1")"
check "second run reads" "hello from run 1" "$(run get Greeting)"
check "seeded ProductName in system.reg" "1" "$(grep -c '^value "ProductName" 1 str:"Windows 10 Pro"$' "$prefix/system.reg")"
check "value in user.reg" "1" "$(grep -c '^value "Greeting" 1 str:"hello from run 1"$' "$prefix/user.reg")"

# two writers at once, each creating its own keys
run keys A 150 > "$prefix/a.out" &
pid_a=$!
run keys B 150 > "$prefix/b.out" &
pid_b=$!
wait "$pid_a"; rc_a=$?
wait "$pid_b"; rc_b=$?
check "writer A" "0:" "$rc_a:$(cat "$prefix/a.out")"
check "writer B" "0:" "$rc_b:$(cat "$prefix/b.out")"
check "writer A's keys all there" "150" "$(run count A)"
check "writer B's keys all there" "150" "$(run count B)"
check "the value survived both" "hello from run 1" "$(run get Greeting)"
check "clean" "" "$(run clean)"
check "clean persisted" "0" "$(grep -c 'Wring test persist' "$prefix/user.reg")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
