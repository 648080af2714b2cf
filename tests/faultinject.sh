#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Kernel faults injected into Wring's Unix side (tests/faultinject/faultinject.so, an LD_PRELOAD
# library): faults_test.exe runs under each, on both engines, and must get the Windows error the
# fault stands for, or succeed where Windows would, with every completion once and every write
# reported done in the file.  Under another runner (Wine) the program runs once with no fault.
# Usage: tests/faultinject.sh RUNNER (run by make check from the top of the build tree).
runner=${1:-./wring}
exe=dlls/kernel32/tests/faults_test.exe
shim=$(pwd)/tests/faultinject/faultinject.so
[ -f "$exe" ] || { echo "$exe is not built"; exit 1; }
all="port_io tp_io event_io event_unbound sync_io pipe_burst pipe_write open_files threads"
# the tests whose requests go through the engine, and those with file transfers on it
async="port_io tp_io event_io event_unbound pipe_burst"
files="port_io tp_io event_io event_unbound"
failed=0 runs=0 need=

case $runner in
*wring) ;;
*)
    for t in $all; do
        out=$($runner $exe $t 2>&1) || { printf '%s\n' "$out"; failed=1; }
    done
    exit $failed ;;
esac
[ -f "$shim" ] || { echo "$shim is not built (make check builds it)"; exit 1; }

# run ENGINE FAULT EXPECT MUST_FAIL TESTS...: EXPECT lists the Windows errors allowed, MUST_FAIL=1
# asks for at least one of them in each test; $need, a line the output must hold as well; $path,
# what the faulted files' names hold (the test files' by default)
run() {
    engine=$1 fault=$2 expect=$3 must=$4
    shift 4
    for t in "$@"; do
        runs=$((runs + 1))
        # a run the fault missed proves nothing either way: it is run again, up to three times in
        # all (a fault on waits strikes only when a wait sleeps, which a loaded machine decides)
        for try in 1 2 3; do
            out=$(WRING_IO_ENGINE=$engine WRING_FAULT=$fault$nowait WRING_FAULT_PATH=${path:-wringfault} WRING_FAULT_REPORT=1 \
                  FAULTS_EXPECT=$expect FAULTS_MUST_FAIL=$must LD_PRELOAD=$shim timeout ${FAULT_TIMEOUT:-120} $runner $exe $t 2>&1)
            rc=$?
            [ $rc -ne 0 ] || printf '%s\n' "$out" | grep -q "faultinject: ${fault%%:*} struck" && break
        done
        # the summary line with no failure; the fault struck at least once (a run it missed proves
        # nothing); no complaint from Wring but that a helper thread could not be started
        if [ $rc -ne 0 ] || ! printf '%s\n' "$out" | grep -q "$t: .* 0 failures" ||
           ! printf '%s\n' "$out" | grep -q "faultinject: ${fault%%:*} struck" ||
           { [ -n "$need" ] && ! printf '%s\n' "$out" | grep -q "$need"; } ||
           printf '%s\n' "$out" | grep "^wring:" | grep -vq "^wring: cannot start"; then
            echo "FAIL: $t on $engine under WRING_FAULT=$fault (exit $rc)"
            printf '%s\n' "$out" | grep -v "tests executed" | head -20
            failed=$((failed + 1))
        fi
    done
}

# The io_uring faults are for requests on the ring: reads of the cached test files would not get
# there (they are done at once with preadv2 RWF_NOWAIT), so in those runs the cache misses.
nowait=,nowait:EAGAIN
# io_uring cannot be set up: the threads engine takes over, and nothing shows
for e in EPERM ENOSYS ENOMEM; do run uring io_uring_setup:$e "" 0 $async; done
# the ring refuses a submission for a moment: retried
for e in EAGAIN EBUSY EINTR; do run uring io_uring_submit:$e%2 "" 0 $async; done
# ... or for good: the request fails as Windows fails one it has no resources for
run uring io_uring_submit:ENOMEM "1450" 1 $files
run uring io_uring_submit:ENOMEM%3 "1450" 1 $files
run uring io_uring_submit:EAGAIN "1450" 1 port_io
# rings of 2 SQEs and 4 CQEs: full submission queues, overflowing completion queues
run uring io_uring_setup:small "" 0 $async
# 32 reads that one write completes at once overflow a CQ of 4: the kernel holds CQEs back
need="faultinject: CQ overflow"
run uring io_uring_setup:small "" 0 pipe_burst
need=
# waits on the ring interrupted, and the watcher's waits
run uring io_uring_enter:EINTR%2 "" 0 event_unbound
run uring epoll_wait:EINTR%2 "" 0 event_io
# CQEs of file transfers short: the rest is transferred
run uring cqe:short "" 0 $files
run uring cqe:short%3 "" 0 $files
# a full disk, a failing disk
run uring cqe_write:ENOSPC "112" 1 $files
run uring cqe_write:EIO "1117" 1 $files
run uring cqe_write:ENOSPC%4 "112" 1 $files

nowait=
# reads from the page cache that find part of their data, or none, or that are interrupted: the
# engine does them
run uring nowait:short "" 0 $files
run uring nowait:EAGAIN%2 "" 0 $files
run threads nowait:EINTR%3 "" 0 $files

for engine in uring threads; do
    # synchronous transfers short or interrupted: Windows completes them in full
    run $engine read:short "" 0 sync_io
    run $engine write:short "" 0 sync_io
    run $engine read:EINTR%2 "" 0 sync_io
    run $engine write:EINTR%2 "" 0 sync_io
    # too many open files
    run $engine open:EMFILE "4" 1 open_files
    run $engine open:EMFILE@3 "4" 1 open_files
    # synchronous writes on a full or failing disk
    run $engine write:ENOSPC "112" 1 sync_io
    run $engine write:EIO "1117" 1 sync_io
    run $engine write:ENOSPC@7+ "112" 1 sync_io
    # threads that cannot be created: CreateThread fails, the pool and the engine lose nothing
    run $engine pthread_create:EAGAIN%2 "8,1450" 0 threads tp_io
    run $engine pthread_create:EAGAIN@1+ "8" 1 threads
done
# the threads engine's own transfers: short, interrupted, failing
run threads read:short "" 0 $files
run threads write:short "" 0 $files
run threads read:EINTR%2 "" 0 $files
run threads write:EINTR%2 "" 0 $files
run threads futex:EINTR%2 "" 0 tp_io threads
run uring futex:EINTR%2 "" 0 tp_io threads
run threads write:ENOSPC "112" 1 $files
run threads write:EIO "1117" 1 $files
run threads pthread_create:EAGAIN%2 "1450" 0 port_io event_io pipe_burst
run threads pthread_create:EAGAIN "1450" 1 port_io

# writes on pipes, whose ends are sockets ("socket:[inode]"), short or interrupted: Windows
# completes a pipe write once all of it is in, on either engine (the threads engine's overlapped
# writes and every engine's synchronous ones are the calls faulted; io_uring's own short writes
# on sockets are the kernel's, which the test meets unfaulted)
path=socket:
for engine in uring threads; do
    run $engine write:short "" 0 pipe_write
    run $engine write:short%3 "" 0 pipe_write
    run $engine write:EINTR%2 "" 0 pipe_write
done
path=

echo "$((runs - failed)) of $runs fault runs passed"
[ $failed -eq 0 ]
