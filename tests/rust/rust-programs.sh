#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# usage: tests/rust/rust-programs.sh [RUNNER]
# Rust programs built from tests/rust with Debian's rustc and its standard
# library for x86_64-pc-windows-gnu: std::fs, std::env, threads, locks, park,
# channels (std), on each of Wring's engines and the seccomp launcher (or once
# under Wine), through a pipe and on a terminal, which it also reads.  The whole output must match expected.txt; process::exit gives
# its code; a panic prints its message on stderr and exits with 101, a stack
# overflow names the thread and exits with STATUS_STACK_OVERFLOW.
set -u
runner=${1:-./wring}
read -r -a runner_cmd <<< "$runner"
case "${runner_cmd[0]##*/}" in
    wine*) export WINEDEBUG=${WINEDEBUG:--all}; engines=wine ;;
    *) engines="uring threads"; [ -x tests/unix/nouring ] && engines="$engines nouring" ;;
esac
src=$(dirname "$0")
exe=tests/rust/std.exe
if [ ! -e "$exe" ]; then
    echo "$exe was not built (configure found no rustc with the x86_64-pc-windows-gnu standard library:" \
         "install rustc and libstd-rust-dev-windows): skipped"
    exit 0
fi
# a backtrace would add lines that differ between runs
unset RUST_BACKTRACE RUST_LIB_BACKTRACE
passed=0
failed=0
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT

# launch ENGINE ARGS...: the program on ENGINE, stderr in $work/rawerr
launch() {
    local engine=$1; shift
    case $engine in
        wine) timeout 60 "${runner_cmd[@]}" "$exe" "$@" ;;
        nouring) timeout 60 tests/unix/nouring "${runner_cmd[@]}" "$exe" "$@" ;;
        *) WRING_IO_ENGINE=$engine timeout 60 "${runner_cmd[@]}" "$exe" "$@" ;;
    esac < /dev/null 2> "$work/rawerr"
}

# run ENGINE ARGS...: stdout in $work/out and stderr in $work/err, without \r; returns the status
run() {
    local rc
    launch "$@" > "$work/raw"
    rc=$?
    tr -d '\r' < "$work/raw" > "$work/out"
    tr -d '\r' < "$work/rawerr" > "$work/err"
    return $rc
}

# run_closed ENGINE ARGS...: as run, with stdout a pipe whose only reader has closed it ($work/out
# is then empty); a FIFO opened for reading and writing gives the write end, then its reader goes
run_closed() {
    local rc
    rm -f "$work/fifo" && mkfifo "$work/fifo" || return 2
    exec 3<> "$work/fifo" 4> "$work/fifo"
    exec 3<&-
    launch "$@" >&4
    rc=$?
    exec 4>&-
    : > "$work/out"
    tr -d '\r' < "$work/rawerr" > "$work/err"
    return $rc
}

# judge NAME STATUS EXPECTED_FILE RC [STDERR_TEXT]: output, status and (when given) a line of stderr
judge() {
    local name=$1 status=$2 expected=$3 rc=$4 text=${5:-}
    if [ "$rc" -eq "$status" ] && cmp -s "$expected" "$work/out" && { [ -z "$text" ] || grep -qF "$text" "$work/err"; }; then
        passed=$((passed + 1))
        echo "ok $name"
    else
        failed=$((failed + 1))
        echo "not ok $name: status $rc (expected $status)"
        diff "$expected" "$work/out" | head -n 20 | sed 's/^/  /'
        [ -n "$text" ] && echo "  stderr should hold: $text"
        head -n 5 "$work/err" | sed 's/^/  stderr: /'
    fi
}

lines() { printf '%s\n' "$@" > "$work/expected"; }

for engine in $engines; do
    run "$engine" a "b c"
    judge "std ($engine)" 0 "$src/std/expected.txt" $? "thread 'doomed' panicked at 'worker failed'"
    for code in 3 0 255; do
        lines "exiting with $code"
        run "$engine" exit $code; judge "process::exit($code) ($engine)" $code "$work/expected" $?
    done
    lines "about to panic"
    run "$engine" panic; judge "panic ($engine)" 101 "$work/expected" $? "thread 'main' panicked at 'the message, 42'"
    # stdout a pipe whose reader is gone: Windows fails the write with ERROR_NO_DATA, std's
    # println! panics with its text and the unwinding ends the process with 101.  Wine 8.0 fails
    # it with ERROR_PIPE_NOT_CONNECTED (233) instead.
    if [ "$engine" = wine ]; then text="failed printing to stdout: Pipe not connected. (os error 233)"
    else text="failed printing to stdout: The pipe is being closed. (os error 232)"
    fi
    : > "$work/expected"
    run_closed "$engine" a; judge "println to a closed pipe ($engine)" 101 "$work/expected" $? "thread 'main' panicked at '$text'"
    # std's vectored handler names the thread, then the overflow ends the process as Windows
    # ends it (0xc00000fd, 253 as Linux reports it).  Wine 8.0 ends it with 1 and no message.
    if [ "$engine" != wine ]; then
        lines "recursing"
        run "$engine" overflow; judge "stack overflow ($engine)" 253 "$work/expected" $? "thread 'main' has overflowed its stack"
    fi
done
# On a terminal std writes with WriteConsoleW (UTF-16, converted from its UTF-8); the bytes read
# from the terminal must be the same text.  Wine's console adds cursor escapes, which are not text.
if command -v script > /dev/null; then
    for engine in $engines; do
        case $engine in
            wine) cmd= ;;
            nouring) cmd="tests/unix/nouring " ;;
            *) cmd="WRING_IO_ENGINE=$engine " ;;
        esac
        cmd=$cmd$(printf '%q ' "${runner_cmd[@]}" "$exe" a "b c")
        timeout 60 script -q -e -c "$cmd 2>/dev/null" /dev/null < /dev/null > "$work/raw" 2> "$work/err"
        rc=$?
        tr -d '\r' < "$work/raw" | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\x1b\][^\x07]*\x07//g' > "$work/out"
        judge "std on a terminal ($engine)" 0 "$src/std/expected.txt" $rc
    done
    # std reads a terminal with ReadConsoleW: the lines come back with CR LF, and the end of input
    # (script(1) sends Ctrl-D when its input ends) ends them.  The terminal echoes the input
    # too, so only the program's lines are compared.  Wine's console reads a terminal with
    # line editing of its own, which takes Ctrl-D for a character: it runs this under Wring only.
    lines 'line: "héllo wörld\r\n"' 'line: "second\r\n"' "end of input"
    for engine in $engines; do
        [ "$engine" = wine ] && continue
        case $engine in
            nouring) cmd="tests/unix/nouring " ;;
            *) cmd="WRING_IO_ENGINE=$engine " ;;
        esac
        cmd=$cmd$(printf '%q ' "${runner_cmd[@]}" "$exe" lines)
        printf 'héllo wörld\nsecond\n' | timeout 60 script -q -e -c "$cmd 2>/dev/null" /dev/null > "$work/raw" 2> "$work/err"
        rc=$?
        tr -d '\r' < "$work/raw" | grep -E '^(line: |end of input)' > "$work/out"
        judge "std reading a terminal ($engine)" 0 "$work/expected" $rc
    done
else
    echo "terminal: skipped: script(1) from util-linux is not installed"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
