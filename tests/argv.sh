#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# usage: tests/argv.sh [RUNNER]
# Runs argv.exe with argument vectors full of spaces, quotes and backslashes:
# the runner turns them into a Windows command line and the CRT must parse
# it back into the same vector.
set -u
runner=${1:-./wring}
exe=${ARGV_EXE:-dlls/msvcrt/tests/argv.exe}
read -r -a runner_cmd <<< "$runner"
case "${runner_cmd[0]##*/}" in wine*) export WINEDEBUG=${WINEDEBUG:--all} ;; esac

out=$(mktemp) || exit 2
trap 'rm -f "$out"' EXIT
passed=0
failed=0

check() {
    local expect got rc a
    expect="argc $(($# + 1))"
    for a in "$@"; do expect+=$'\n'"[$a]"; done
    got=$(timeout 60 "${runner_cmd[@]}" "$exe" "$@" < /dev/null > "$out" 2>&1)
    rc=$?
    got=$(tr -d '\r' < "$out")
    if [ "$got" = "$expect" ] && [ "$rc" -eq 0 ]; then
        passed=$((passed + 1))
        echo "ok $(printf '%q ' "$@")"
    else
        failed=$((failed + 1))
        echo "not ok $(printf '%q ' "$@")(exit $rc)"
        echo "  expected: $(printf '%q' "$expect")"
        echo "  got:      $(printf '%q' "$got")"
    fi
}

check
check a
check a b c
check "a b"
check "" x
check "" ""
check "  leading and trailing  "
check 'a"b'
check '"'
check '""'
check 'a\b'
check 'a\\b'
check 'trailing\'
check 'trailing\\'
check 'a\"b'
check 'a\\"b'
check 'a\\\"b'
check '\\server\share'
check 'C:\Program Files\x'
check "tab	inside"
check '*' '*.exe' '?'
check "it's" '%PATH%' '^' '&' '|' '<' '>'
check '"quoted words"' 'x"y z"w'
check -flag --long=value /slash

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
