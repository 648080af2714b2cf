# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Sourced by the Go test scripts (go-programs.sh, go-fault.sh) with $runner
# set: how a program is run, on which engines, and how its output is judged.
# The programs are built by make into tests/go/ of the build tree, which is
# the current directory when make check runs the scripts.
read -r -a runner_cmd <<< "$runner"
# Wine has no engines to choose; Wring runs everything on both, and once more under the
# seccomp launcher (tests/unix/nouring: io_uring refused as Docker's default profile does)
case "${runner_cmd[0]##*/}" in
    wine*) export WINEDEBUG=${WINEDEBUG:--all}; engines=wine ;;
    *) engines="uring threads"; [ -x tests/unix/nouring ] && engines="$engines nouring" ;;
esac
# fixed answers from the host: several processors, the UTC zone, an inherited variable
export GOMAXPROCS=4 TZ=UTC WRING_GO_FROM_PARENT=inherited
gosrc=$(dirname "${BASH_SOURCE[0]}")
# each run takes a second or two; a hang (a loop never preempted) must be named here,
# before the whole script meets the harness's own timeout
go_timeout=30
passed=0
failed=0
skipped=0
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT

# have_exe EXE: whether make built it; says why not otherwise
have_exe() {
    [ -e "$1" ] && return 0
    echo "$1 was not built (no Go toolchain when configure ran): skipped"
    return 1
}

# run_go ENGINE EXE ARGS...: runs the program with stdout in $work/out and stderr in
# $work/err, both without \r; returns the program's exit status.
run_go() {
    local engine=$1 rc; shift
    if [ "$engine" = wine ]; then
        timeout "$go_timeout" "${runner_cmd[@]}" "$@" < /dev/null > "$work/raw" 2> "$work/err"
    elif [ "$engine" = nouring ]; then
        timeout "$go_timeout" tests/unix/nouring "${runner_cmd[@]}" "$@" < /dev/null > "$work/raw" 2> "$work/err"
    else
        WRING_IO_ENGINE=$engine timeout "$go_timeout" "${runner_cmd[@]}" "$@" < /dev/null > "$work/raw" 2> "$work/err"
    fi
    rc=$?
    tr -d '\r' < "$work/raw" > "$work/out"
    return $rc
}

# judge NAME STATUS EXPECTED_FILE RC: the output in $work/out against the file, and the status
judge() {
    local name=$1 status=$2 expected=$3 rc=$4
    if [ "$rc" -eq "$status" ] && cmp -s "$expected" "$work/out"; then
        passed=$((passed + 1))
        echo "ok $name"
    else
        failed=$((failed + 1))
        echo "not ok $name: status $rc (expected $status)"
        diff "$expected" "$work/out" | head -n 20 | sed 's/^/  /'
        head -n 5 "$work/err" | sed 's/^/  stderr: /'
    fi
}

summary() {
    echo "$passed passed, $failed failed, $skipped skipped"
    [ "$failed" -eq 0 ]
}
