/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The thread pool's promises where its workers take packets in batches: the callbacks of a
 * one-thread pool run in the order they were queued; a callback that blocks does not hold up
 * the packets behind it (another worker runs them, and the one it waits for is among them);
 * callbacks queued behind a blocked one are still cancelled by WaitForThreadpoolWorkCallbacks
 * (TRUE), and CallbackMayRunLong lets the queued ones go to another worker.  Callbacks are held
 * and let go with events; a bounded wait only turns a lost callback into a failure.
 *
 * The I/O half: a worker that runs a callback without blocking (it spins) keeps its batch, so
 * the I/O packets queued behind that callback are in the worker's hands while the test calls
 * WaitForThreadpoolIoCallbacks(io, TRUE), CancelThreadpoolIo or CloseThreadpoolIo; and the
 * callbacks of one TP_IO on a one-thread pool run in the order their requests completed, across
 * batches.  Last, the port rule under batches: a thread that took several packets of a
 * concurrency-1 port with GetQueuedCompletionStatusEx keeps the others out until it waits.
 */
#include <stdio.h>
#include <windows.h>
#include "wine/test.h"

#define HANG_MS 60000
#define QUEUED 40

struct gate
{
    HANDLE entered;
    HANDLE release;
};

static void CALLBACK gate_callback(PTP_CALLBACK_INSTANCE instance, void *context)
{
    struct gate *gate = context;
    SetEvent(gate->entered);
    ok(WaitForSingleObject(gate->release, HANG_MS) == WAIT_OBJECT_0, "the gate was never opened\n");
}

static void gate_init(struct gate *gate)
{
    gate->entered = CreateEventA(NULL, FALSE, FALSE, NULL);
    gate->release = CreateEventA(NULL, TRUE, FALSE, NULL);
    ok(gate->entered && gate->release, "CreateEvent failed: %lu\n", GetLastError());
}

static void gate_close(struct gate *gate)
{
    CloseHandle(gate->entered);
    CloseHandle(gate->release);
}

/* A pool of exactly `threads` workers, with the environment that queues to it. */
static PTP_POOL make_pool(DWORD threads, TP_CALLBACK_ENVIRON *env)
{
    PTP_POOL pool = CreateThreadpool(NULL);

    ok(pool != NULL, "CreateThreadpool failed: %lu\n", GetLastError());
    SetThreadpoolThreadMaximum(pool, threads);
    ok(SetThreadpoolThreadMinimum(pool, threads), "SetThreadpoolThreadMinimum failed: %lu\n", GetLastError());
    InitializeThreadpoolEnvironment(env);
    SetThreadpoolCallbackPool(env, pool);
    return pool;
}

static LONG order[QUEUED], order_count;

static void CALLBACK order_callback(PTP_CALLBACK_INSTANCE instance, void *context)
{
    LONG slot = InterlockedIncrement(&order_count) - 1;
    if (slot < QUEUED) order[slot] = (LONG)(ULONG_PTR)context;
}

static void CALLBACK last_callback(PTP_CALLBACK_INSTANCE instance, void *context)
{
    SetEvent(context);
}

/* One worker, many callbacks queued while it is held: they run in the order they were queued. */
static void test_fifo_one_thread(void)
{
    TP_CALLBACK_ENVIRON env;
    struct gate gate;
    HANDLE done = CreateEventA(NULL, FALSE, FALSE, NULL);
    PTP_POOL pool = make_pool(1, &env);
    LONG i;

    gate_init(&gate);
    order_count = 0;
    ok(TrySubmitThreadpoolCallback(gate_callback, &gate, &env), "submit failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(gate.entered, HANG_MS) == WAIT_OBJECT_0, "the gate callback never ran\n");
    for (i = 0; i < QUEUED; i++)
        ok(TrySubmitThreadpoolCallback(order_callback, (void *)(ULONG_PTR)i, &env), "submit %ld failed\n", i);
    ok(TrySubmitThreadpoolCallback(last_callback, done, &env), "submit failed: %lu\n", GetLastError());
    SetEvent(gate.release);
    ok(WaitForSingleObject(done, HANG_MS) == WAIT_OBJECT_0, "the last callback never ran\n");
    ok(order_count == QUEUED, "%ld callbacks ran, expected %d\n", order_count, QUEUED);
    for (i = 0; i < QUEUED && i < order_count; i++)
        if (order[i] != i) break;
    ok(i == order_count, "callback %ld ran at place %ld\n", i < order_count ? order[i] : -1, i);
    CloseThreadpool(pool);
    gate_close(&gate);
    CloseHandle(done);
}

static HANDLE behind_event;
static LONG behind_ran;

static void CALLBACK waits_behind_callback(PTP_CALLBACK_INSTANCE instance, void *context)
{
    ok(WaitForSingleObject(behind_event, HANG_MS) == WAIT_OBJECT_0, "the callback behind never ran\n");
    SetEvent(context);
}

static void CALLBACK behind_callback(PTP_CALLBACK_INSTANCE instance, void *context)
{
    InterlockedIncrement(&behind_ran);
    SetEvent(behind_event);
}

/* Two workers, both held while a callback and the one it waits for are queued behind them:
 * whichever worker takes the first must not sit on the second while it blocks. */
static void test_blocked_callback_releases_batch(void)
{
    TP_CALLBACK_ENVIRON env;
    struct gate gate;
    HANDLE done = CreateEventA(NULL, FALSE, FALSE, NULL);
    PTP_POOL pool = make_pool(2, &env);
    int i;

    gate_init(&gate);
    behind_event = CreateEventA(NULL, FALSE, FALSE, NULL);
    behind_ran = 0;
    for (i = 0; i < 2; i++)
    {
        ok(TrySubmitThreadpoolCallback(gate_callback, &gate, &env), "submit failed: %lu\n", GetLastError());
        ok(WaitForSingleObject(gate.entered, HANG_MS) == WAIT_OBJECT_0, "gate callback %d never ran\n", i);
    }
    ok(TrySubmitThreadpoolCallback(waits_behind_callback, done, &env), "submit failed: %lu\n", GetLastError());
    for (i = 0; i < 8; i++)
        ok(TrySubmitThreadpoolCallback(behind_callback, NULL, &env), "submit failed: %lu\n", GetLastError());
    SetEvent(gate.release);
    ok(WaitForSingleObject(done, HANG_MS) == WAIT_OBJECT_0, "the blocked callback never finished\n");
    CloseThreadpool(pool);
    ok(behind_ran >= 1, "no callback behind the blocked one ran\n");
    gate_close(&gate);
    CloseHandle(behind_event);
    CloseHandle(done);
}

static LONG cancelled_ran;

static void CALLBACK counted_work(PTP_CALLBACK_INSTANCE instance, void *context, PTP_WORK work)
{
    InterlockedIncrement(&cancelled_ran);
}

/* Callbacks queued behind a blocked one in a one-worker pool are cancelled, none run. */
static void test_cancel_behind_blocked(void)
{
    TP_CALLBACK_ENVIRON env;
    struct gate gate;
    PTP_POOL pool = make_pool(1, &env);
    PTP_WORK work;
    int i;

    gate_init(&gate);
    cancelled_ran = 0;
    work = CreateThreadpoolWork(counted_work, NULL, &env);
    ok(work != NULL, "CreateThreadpoolWork failed: %lu\n", GetLastError());
    ok(TrySubmitThreadpoolCallback(gate_callback, &gate, &env), "submit failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(gate.entered, HANG_MS) == WAIT_OBJECT_0, "the gate callback never ran\n");
    for (i = 0; i < 10; i++) SubmitThreadpoolWork(work);
    WaitForThreadpoolWorkCallbacks(work, TRUE);
    SetEvent(gate.release);
    /* once the gate callback is done, a callback still queued would be run next: wait for it */
    SubmitThreadpoolWork(work);
    WaitForThreadpoolWorkCallbacks(work, FALSE);
    ok(cancelled_ran == 1, "%ld callbacks ran, expected only the one submitted after the cancel\n", cancelled_ran);
    CloseThreadpoolWork(work);
    CloseThreadpool(pool);
    gate_close(&gate);
}

static LONG long_after;

static void CALLBACK runs_long_callback(PTP_CALLBACK_INSTANCE instance, void *context)
{
    /* its answer says whether a spare thread is ready at once, which Wine 8.0 and Windows decide
     * differently; the callbacks behind must run on another worker either way */
    CallbackMayRunLong(instance);
    /* spins without blocking: the callbacks behind it run only on another worker */
    while (!InterlockedCompareExchange(&long_after, 0, 0)) YieldProcessor();
    SetEvent(context);
}

static void CALLBACK after_long_callback(PTP_CALLBACK_INSTANCE instance, void *context)
{
    InterlockedExchange(&long_after, 1);
}

/* A callback that says it may run long gives the queued callbacks to another worker, even one
 * it never blocks for. */
static void test_may_run_long_releases_batch(void)
{
    TP_CALLBACK_ENVIRON env;
    struct gate gate;
    HANDLE done = CreateEventA(NULL, FALSE, FALSE, NULL);
    PTP_POOL pool = CreateThreadpool(NULL);
    int i;

    ok(pool != NULL, "CreateThreadpool failed: %lu\n", GetLastError());
    SetThreadpoolThreadMaximum(pool, 4);
    ok(SetThreadpoolThreadMinimum(pool, 1), "SetThreadpoolThreadMinimum failed: %lu\n", GetLastError());
    InitializeThreadpoolEnvironment(&env);
    SetThreadpoolCallbackPool(&env, pool);
    gate_init(&gate);
    long_after = 0;
    ok(TrySubmitThreadpoolCallback(gate_callback, &gate, &env), "submit failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(gate.entered, HANG_MS) == WAIT_OBJECT_0, "the gate callback never ran\n");
    ok(TrySubmitThreadpoolCallback(runs_long_callback, done, &env), "submit failed: %lu\n", GetLastError());
    for (i = 0; i < 4; i++)
        ok(TrySubmitThreadpoolCallback(after_long_callback, NULL, &env), "submit failed: %lu\n", GetLastError());
    SetEvent(gate.release);
    ok(WaitForSingleObject(done, HANG_MS) == WAIT_OBJECT_0, "the long callback never finished\n");
    CloseThreadpool(pool);
    gate_close(&gate);
    CloseHandle(done);
}

/* Holds a worker in a callback that never blocks, so the worker keeps the rest of its batch. */
struct spin
{
    HANDLE entered;
    LONG release;
};

static void CALLBACK spin_callback(PTP_CALLBACK_INSTANCE instance, void *context)
{
    struct spin *spin = context;
    SetEvent(spin->entered);
    while (!InterlockedCompareExchange(&spin->release, 0, 0)) SwitchToThread();
}

/* What the callbacks of one TP_IO saw: the block of each request, in the order they ran. */
struct io_record
{
    PTP_IO io;
    LONG expected;
    HANDLE all_ran;
    LONG count;
    LONG order[64];
};

static void CALLBACK record_io(PTP_CALLBACK_INSTANCE instance, void *context, void *overlapped, ULONG result,
                               ULONG_PTR bytes, PTP_IO io)
{
    struct io_record *rec = context;
    LONG slot = InterlockedIncrement(&rec->count) - 1;

    ok(io == rec->io, "callback for io %p, expected %p\n", io, rec->io);
    ok(result == NO_ERROR && bytes == 16, "result %lu, %Iu bytes\n", result, bytes);
    if (slot < ARRAY_SIZE(rec->order) && overlapped) rec->order[slot] = ((OVERLAPPED *)overlapped)->Offset / 16;
    if (slot + 1 == rec->expected) SetEvent(rec->all_ran);
}

/* A one-worker pool whose worker is parked in a gate callback, a file opened twice for I/O
 * through it, and a spinning callback queued first for the worker to take once the gate opens. */
struct held_batch
{
    TP_CALLBACK_ENVIRON env;
    PTP_POOL pool;
    struct gate gate;
    struct spin spin;
    HANDLE done;
    char path[MAX_PATH];
    HANDLE files[2];
    HANDLE event;
    OVERLAPPED ov[64];
};

static BOOL held_batch_init(struct held_batch *hb, const char *name)
{
    int i;

    hb->pool = make_pool(1, &hb->env);
    gate_init(&hb->gate);
    hb->spin.entered = CreateEventA(NULL, FALSE, FALSE, NULL);
    hb->spin.release = 0;
    hb->done = CreateEventA(NULL, FALSE, FALSE, NULL);
    hb->event = CreateEventA(NULL, FALSE, FALSE, NULL);
    ok(hb->spin.entered && hb->done && hb->event, "CreateEvent failed: %lu\n", GetLastError());
    GetTempPathA(sizeof(hb->path), hb->path);
    /* the process id in the name: two test runs at once must not share the file */
    sprintf(hb->path + strlen(hb->path), "wring_tp_batch_%s_%lu.tmp", name, GetCurrentProcessId());
    for (i = 0; i < 2; i++)
    {
        hb->files[i] = CreateFileA(hb->path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                                   i ? OPEN_EXISTING : CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
        ok(hb->files[i] != INVALID_HANDLE_VALUE, "CreateFileA %d: %lu\n", i, GetLastError());
    }
    if (hb->files[0] == INVALID_HANDLE_VALUE || hb->files[1] == INVALID_HANDLE_VALUE) return FALSE;
    ok(TrySubmitThreadpoolCallback(gate_callback, &hb->gate, &hb->env), "submit failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(hb->gate.entered, HANG_MS) == WAIT_OBJECT_0, "the gate callback never ran\n");
    ok(TrySubmitThreadpoolCallback(spin_callback, &hb->spin, &hb->env), "submit failed: %lu\n", GetLastError());
    return TRUE;
}

static PTP_IO held_batch_io(struct held_batch *hb, int file, struct io_record *rec, LONG expected)
{
    rec->expected = expected;
    rec->count = 0;
    rec->all_ran = CreateEventA(NULL, TRUE, FALSE, NULL);
    rec->io = CreateThreadpoolIo(hb->files[file], record_io, rec, &hb->env);
    ok(rec->io != NULL, "CreateThreadpoolIo failed: %lu\n", GetLastError());
    return rec->io;
}

/* One 16-byte write at block `block` through the TP_IO, complete (its packet queued) on return. */
static void held_batch_write(struct held_batch *hb, int file, PTP_IO io, LONG block)
{
    static const char data[16] = "0123456789abcde";
    OVERLAPPED *ov = &hb->ov[block];
    DWORD n;

    memset(ov, 0, sizeof(*ov));
    ov->Offset = block * 16;
    ov->hEvent = hb->event;
    StartThreadpoolIo(io);
    if (!WriteFile(hb->files[file], data, sizeof(data), &n, ov) && GetLastError() != ERROR_IO_PENDING)
    {
        ok(0, "WriteFile of block %ld failed: %lu\n", block, GetLastError());
        CancelThreadpoolIo(io);
        return;
    }
    ok(WaitForSingleObject(hb->event, HANG_MS) == WAIT_OBJECT_0, "the write of block %ld never completed\n", block);
}

/* Opens the gate: the worker takes the spinning callback and everything queued behind it. */
static void held_batch_take(struct held_batch *hb)
{
    ok(TrySubmitThreadpoolCallback(last_callback, hb->done, &hb->env), "submit failed: %lu\n", GetLastError());
    SetEvent(hb->gate.release);
    ok(WaitForSingleObject(hb->spin.entered, HANG_MS) == WAIT_OBJECT_0, "the spinning callback never ran\n");
}

static void held_batch_let_go(struct held_batch *hb)
{
    InterlockedExchange(&hb->spin.release, 1);
    ok(WaitForSingleObject(hb->done, HANG_MS) == WAIT_OBJECT_0, "the last callback never ran\n");
}

static void held_batch_close(struct held_batch *hb)
{
    int i;

    for (i = 0; i < 2; i++)
        if (hb->files[i] != INVALID_HANDLE_VALUE) CloseHandle(hb->files[i]);
    CloseThreadpool(hb->pool);
    gate_close(&hb->gate);
    CloseHandle(hb->spin.entered);
    CloseHandle(hb->done);
    CloseHandle(hb->event);
    DeleteFileA(hb->path);
}

static DWORD WINAPI cancel_io_thread(void *arg)
{
    WaitForThreadpoolIoCallbacks(arg, TRUE);
    return 0;
}

/* WaitForThreadpoolIoCallbacks(io, TRUE) while the worker holds io's packets in its batch: it
 * returns without waiting for them, they never run, and the packets of another TP_IO in the same
 * batch still do. */
static void test_io_cancel_in_held_batch(void)
{
    struct io_record cancelled, kept;
    struct held_batch hb;
    HANDLE thread;
    LONG i;

    if (!held_batch_init(&hb, "cancel"))
    {
        held_batch_close(&hb);
        return;
    }
    held_batch_io(&hb, 0, &cancelled, 3);
    held_batch_io(&hb, 1, &kept, 2);
    for (i = 0; i < 3; i++) held_batch_write(&hb, 0, cancelled.io, i);
    for (i = 3; i < 5; i++) held_batch_write(&hb, 1, kept.io, i);
    held_batch_take(&hb);

    /* in a thread of its own, so that a wait for the held packets is a failure, not a hang */
    thread = CreateThread(NULL, 0, cancel_io_thread, cancelled.io, 0, NULL);
    ok(thread != NULL, "CreateThread failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0,
       "WaitForThreadpoolIoCallbacks(TRUE) waited for the callbacks it cancels\n");
    ok(!cancelled.count && !kept.count, "%ld and %ld callbacks ran while the worker was held\n",
       cancelled.count, kept.count);
    held_batch_let_go(&hb);
    WaitForSingleObject(thread, HANG_MS);
    CloseHandle(thread);

    ok(WaitForSingleObject(kept.all_ran, HANG_MS) == WAIT_OBJECT_0, "%ld of the other io's 2 callbacks ran\n",
       kept.count);
    WaitForThreadpoolIoCallbacks(kept.io, FALSE);
    /* the cancelled packets were ahead of the last callback in the batch */
    ok(!cancelled.count, "%ld cancelled callbacks ran\n", cancelled.count);
    CloseThreadpoolIo(cancelled.io);
    CloseThreadpoolIo(kept.io);
    CloseHandle(cancelled.all_ran);
    CloseHandle(kept.all_ran);
    held_batch_close(&hb);
}

/* CancelThreadpoolIo for a request that never started, while the worker holds the packets of
 * requests that did: it takes back only its own, and the held callbacks run. */
static void test_io_cancel_start_in_held_batch(void)
{
    struct io_record rec;
    struct held_batch hb;
    LONG i;

    if (!held_batch_init(&hb, "undo"))
    {
        held_batch_close(&hb);
        return;
    }
    held_batch_io(&hb, 0, &rec, 2);
    for (i = 0; i < 2; i++) held_batch_write(&hb, 0, rec.io, i);
    held_batch_take(&hb);
    for (i = 0; i < 2; i++)
    {
        StartThreadpoolIo(rec.io);
        CancelThreadpoolIo(rec.io);
    }
    ok(!rec.count, "%ld callbacks ran while the worker was held\n", rec.count);
    held_batch_let_go(&hb);
    ok(WaitForSingleObject(rec.all_ran, HANG_MS) == WAIT_OBJECT_0, "%ld of the 2 held callbacks ran\n", rec.count);
    WaitForThreadpoolIoCallbacks(rec.io, FALSE);
    ok(rec.count == 2, "%ld callbacks ran, expected 2\n", rec.count);
    CloseThreadpoolIo(rec.io);
    CloseHandle(rec.all_ran);
    held_batch_close(&hb);
}

/* CloseThreadpoolIo (its file closed first, its requests complete) while the worker holds the
 * packets: the object lives until their callbacks have run, and they run. */
static void test_io_close_in_held_batch(void)
{
    struct io_record rec;
    struct held_batch hb;
    LONG i;

    if (!held_batch_init(&hb, "close"))
    {
        held_batch_close(&hb);
        return;
    }
    held_batch_io(&hb, 0, &rec, 2);
    for (i = 0; i < 2; i++) held_batch_write(&hb, 0, rec.io, i);
    held_batch_take(&hb);
    CloseHandle(hb.files[0]);
    hb.files[0] = INVALID_HANDLE_VALUE;
    CloseThreadpoolIo(rec.io);
    ok(!rec.count, "%ld callbacks ran while the worker was held\n", rec.count);
    held_batch_let_go(&hb);
    ok(WaitForSingleObject(rec.all_ran, HANG_MS) == WAIT_OBJECT_0, "%ld of the 2 callbacks of the closed io ran\n",
       rec.count);
    CloseHandle(rec.all_ran);
    held_batch_close(&hb);
}

/* A TP_WORK's pending callbacks cancelled while the worker holds the work's packet in its batch. */
static void test_work_cancel_in_held_batch(void)
{
    struct held_batch hb;
    PTP_WORK work;
    int i;

    if (!held_batch_init(&hb, "work"))
    {
        held_batch_close(&hb);
        return;
    }
    cancelled_ran = 0;
    work = CreateThreadpoolWork(counted_work, NULL, &hb.env);
    ok(work != NULL, "CreateThreadpoolWork failed: %lu\n", GetLastError());
    for (i = 0; i < 10; i++) SubmitThreadpoolWork(work);
    held_batch_take(&hb);
    WaitForThreadpoolWorkCallbacks(work, TRUE);
    held_batch_let_go(&hb);
    SubmitThreadpoolWork(work);
    WaitForThreadpoolWorkCallbacks(work, FALSE);
    ok(cancelled_ran == 1, "%ld callbacks ran, expected only the one submitted after the cancel\n", cancelled_ran);
    CloseThreadpoolWork(work);
    held_batch_close(&hb);
}

/* One worker, more completions of one TP_IO than a batch holds, queued while it is parked:
 * their callbacks run in the order the requests completed. */
static void test_io_order_one_thread(void)
{
    struct io_record rec;
    struct held_batch hb;
    LONG i;

    if (!held_batch_init(&hb, "order"))
    {
        held_batch_close(&hb);
        return;
    }
    held_batch_io(&hb, 0, &rec, QUEUED);
    for (i = 0; i < QUEUED; i++) held_batch_write(&hb, 0, rec.io, i);
    held_batch_take(&hb);
    held_batch_let_go(&hb);
    ok(WaitForSingleObject(rec.all_ran, HANG_MS) == WAIT_OBJECT_0, "%ld of %d callbacks ran\n", rec.count, QUEUED);
    WaitForThreadpoolIoCallbacks(rec.io, FALSE);
    ok(rec.count == QUEUED, "%ld callbacks ran, expected %d\n", rec.count, QUEUED);
    for (i = 0; i < QUEUED && i < rec.count; i++)
        if (rec.order[i] != i) break;
    /* Wine 8.0 keeps a TP_IO's completions on a stack and runs the newest first; Windows runs
     * them as its workers dequeue them from the pool's completion port, oldest first */
    todo_wine ok(i == rec.count, "the request of block %ld had its callback at place %ld\n",
                 i < rec.count ? rec.order[i] : -1, i);
    CloseThreadpoolIo(rec.io);
    CloseHandle(rec.all_ran);
    held_batch_close(&hb);
}

/* A thread that took a batch of a concurrency-1 port: it holds the port's one slot while it
 * runs, and gives it up while it waits. */
struct batch_taker
{
    HANDLE port;
    ULONG got;
    ULONG_PTR keys[4];
    LONG took;
    LONG wait_now;
    HANDLE release;
};

static DWORD WINAPI batch_taker_thread(void *arg)
{
    struct batch_taker *t = arg;
    OVERLAPPED_ENTRY entries[4];
    ULONG i;

    if (!GetQueuedCompletionStatusEx(t->port, entries, 2, &t->got, HANG_MS, FALSE)) t->got = 0;
    for (i = 0; i < t->got; i++) t->keys[i] = entries[i].lpCompletionKey;
    InterlockedExchange(&t->took, 1);
    /* runs without blocking until the test has looked at the port */
    while (!InterlockedCompareExchange(&t->wait_now, 0, 0)) SwitchToThread();
    ok(WaitForSingleObject(t->release, HANG_MS) == WAIT_OBJECT_0, "the taker was never released\n");
    return 0;
}

/* GetQueuedCompletionStatusEx takes several packets at once: on a port of concurrency 1 the
 * thread that took them keeps the others out while it runs, however many packets are queued,
 * and lets one in when it blocks. */
static void test_concurrency_one_batch(void)
{
    struct batch_taker t = { 0 };
    OVERLAPPED_ENTRY entry;
    HANDLE thread;
    ULONG got = 0;
    BOOL ret;
    int i;

    t.port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    t.release = CreateEventA(NULL, TRUE, FALSE, NULL);
    ok(t.port && t.release, "setup failed: %lu\n", GetLastError());
    for (i = 1; i <= 3; i++) PostQueuedCompletionStatus(t.port, 0, i, NULL);
    thread = CreateThread(NULL, 0, batch_taker_thread, &t, 0, NULL);
    ok(thread != NULL, "CreateThread failed: %lu\n", GetLastError());
    while (!InterlockedCompareExchange(&t.took, 0, 0)) SwitchToThread();
    ok(t.got == 2 && t.keys[0] == 1 && t.keys[1] == 2, "the taker got %lu packets, keys %Iu %Iu\n", t.got,
       t.keys[0], t.keys[1]);

    memset(&entry, 0, sizeof(entry));
    SetLastError(0xdeadbeef);
    ret = GetQueuedCompletionStatusEx(t.port, &entry, 1, &got, 0, FALSE);
    /* Wine 8.0 ignores the concurrency value */
    todo_wine ok(!ret && GetLastError() == WAIT_TIMEOUT, "a second thread ran: %d, error %lu, key %Iu\n", ret,
                 GetLastError(), entry.lpCompletionKey);
    if (ret) PostQueuedCompletionStatus(t.port, 0, entry.lpCompletionKey, NULL);

    InterlockedExchange(&t.wait_now, 1);
    ret = GetQueuedCompletionStatusEx(t.port, &entry, 1, &got, HANG_MS, FALSE);
    ok(ret && got == 1 && entry.lpCompletionKey == 3, "once the taker waits: %d, %lu entries, key %Iu, error %lu\n",
       ret, got, entry.lpCompletionKey, GetLastError());
    SetEvent(t.release);
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "the taker never finished\n");
    CloseHandle(thread);
    CloseHandle(t.release);
    CloseHandle(t.port);
}

START_TEST(tp_batch)
{
    test_fifo_one_thread();
    test_blocked_callback_releases_batch();
    test_cancel_behind_blocked();
    test_may_run_long_releases_batch();
    test_io_cancel_in_held_batch();
    test_io_cancel_start_in_held_batch();
    test_io_close_in_held_batch();
    test_work_cancel_in_held_batch();
    test_io_order_one_thread();
    test_concurrency_one_batch();
}
