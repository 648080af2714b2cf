/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The thread pool's promises where its workers take packets in batches: the callbacks of a
 * one-thread pool run in the order they were queued; a callback that blocks does not hold up
 * the packets behind it (another worker runs them, and the one it waits for is among them);
 * callbacks queued behind a blocked one are still cancelled by WaitForThreadpoolWorkCallbacks
 * (TRUE), and CallbackMayRunLong lets the queued ones go to another worker.  Callbacks are held
 * and let go with events; a bounded wait only turns a lost callback into a failure.
 */
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

START_TEST(tp_batch)
{
    test_fifo_one_thread();
    test_blocked_callback_releases_batch();
    test_cancel_behind_blocked();
    test_may_run_long_releases_batch();
}
