/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Regression tests for thread-pool behaviour that Wine 8.0's ntdll threadpool suite found
 * Wring getting wrong: work objects of one pool taking turns, what
 * CloseThreadpoolCleanupGroupMembers cancels, calls and waits for (disassociated callbacks
 * too), zero-timeout WT_EXECUTEINWAITTHREAD waits, the alertable WT_EXECUTEINIOTHREAD threads,
 * and UnregisterWait(Ex) while the wait's callback runs.
 * Nothing here sleeps to synchronise: callbacks are held and let go with events, and a
 * bounded wait only turns a lost callback into a failure instead of a hang.
 */
#include <string.h>
#include <windows.h>
#include "wine/test.h"

#define HANG_MS 60000

/* Sets an event from another thread, so that a call the main thread is about to make (and
 * that must wait for a callback the event holds) is already in progress, or nearly so, when
 * the callback is let go. */
static DWORD WINAPI set_event_thread(void *event)
{
    SetEvent(event);
    return 0;
}

static HANDLE set_event_later(HANDLE event)
{
    HANDLE thread = CreateThread(NULL, 0, set_event_thread, event, 0, NULL);
    ok(thread != NULL, "CreateThread failed: %lu\n", GetLastError());
    return thread;
}

static void join(HANDLE thread)
{
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "the helper thread did not end\n");
    CloseHandle(thread);
}

/* A pool of exactly one thread, so that queued callbacks wait their turn. */
static PTP_POOL one_thread_pool(TP_CALLBACK_ENVIRON *env)
{
    PTP_POOL pool = CreateThreadpool(NULL);

    ok(pool != NULL, "CreateThreadpool failed: %lu\n", GetLastError());
    SetThreadpoolThreadMaximum(pool, 1);
    ok(SetThreadpoolThreadMinimum(pool, 1), "SetThreadpoolThreadMinimum failed: %lu\n", GetLastError());
    InitializeThreadpoolEnvironment(env);
    SetThreadpoolCallbackPool(env, pool);
    return pool;
}

/* What a cleanup group member's callbacks and its cancel callback did. */
struct member
{
    LONG runs;
    LONG cancels;
    void *cleanup_context;
    LONG gate_finished;     /* the gate's callback had finished when the cancel callback ran */
};

/* A callback that holds its thread until release is set. */
struct gate
{
    struct member m;        /* first: the gate is a cleanup group member too */
    HANDLE started;
    HANDLE release;
    LONG finished;
};

static struct gate *cancel_gate;

static void CALLBACK member_cancel(void *object_context, void *cleanup_context)
{
    struct member *m = object_context;

    InterlockedIncrement(&m->cancels);
    m->cleanup_context = cleanup_context;
    if (cancel_gate) m->gate_finished = cancel_gate->finished;
}

static void gate_init(struct gate *g)
{
    memset(g, 0, sizeof(*g));
    g->started = CreateEventW(NULL, FALSE, FALSE, NULL);
    g->release = CreateEventW(NULL, TRUE, FALSE, NULL);
}

static void gate_free(struct gate *g)
{
    CloseHandle(g->started);
    CloseHandle(g->release);
}

static void CALLBACK gate_work(PTP_CALLBACK_INSTANCE instance, void *userdata, PTP_WORK work)
{
    struct gate *g = userdata;

    InterlockedIncrement(&g->m.runs);
    SetEvent(g->started);
    ok(WaitForSingleObject(g->release, HANG_MS) == WAIT_OBJECT_0, "the gate was not released\n");
    InterlockedExchange(&g->finished, 1);
}

/* Submits the gate's work and waits until it holds its thread. */
static PTP_WORK gate_close(struct gate *g, TP_CALLBACK_ENVIRON *env)
{
    PTP_WORK work = CreateThreadpoolWork(gate_work, g, env);

    ok(work != NULL, "CreateThreadpoolWork failed: %lu\n", GetLastError());
    SubmitThreadpoolWork(work);
    ok(WaitForSingleObject(g->started, HANG_MS) == WAIT_OBJECT_0, "the gate's callback did not start\n");
    return work;
}

/* ------------------------------------------------------------------ work objects take turns */

struct run_log
{
    LONG next;
    char order[32];
};

struct logged_work
{
    struct run_log *log;
    char name;
};

static void CALLBACK logged_work(PTP_CALLBACK_INSTANCE instance, void *userdata, PTP_WORK work)
{
    struct logged_work *w = userdata;
    LONG i = InterlockedIncrement(&w->log->next) - 1;

    if (i < (LONG)sizeof(w->log->order) - 1) w->log->order[i] = w->name;
}

/* counts[i] submissions of object i, all of one object's before the next object's, while the
 * pool's one thread is held; then the order the callbacks ran in. */
static void check_turns(const int *counts, int objects, const char *expect)
{
    TP_CALLBACK_ENVIRON env;
    struct logged_work w[4];
    PTP_WORK works[4], gate;
    struct run_log log;
    struct gate g;
    PTP_POOL pool;
    int i, j, total = 0;

    memset(&log, 0, sizeof(log));
    pool = one_thread_pool(&env);
    gate_init(&g);
    gate = gate_close(&g, &env);
    for (i = 0; i < objects; i++)
    {
        w[i].log = &log;
        w[i].name = 'A' + i;
        works[i] = CreateThreadpoolWork(logged_work, &w[i], &env);
        ok(works[i] != NULL, "CreateThreadpoolWork failed: %lu\n", GetLastError());
        for (j = 0; j < counts[i]; j++) SubmitThreadpoolWork(works[i]);
        total += counts[i];
    }
    SetEvent(g.release);
    for (i = 0; i < objects; i++) WaitForThreadpoolWorkCallbacks(works[i], FALSE);
    ok(log.next == total, "%ld callbacks ran for %d submissions\n", log.next, total);
    ok(!strcmp(log.order, expect), "the callbacks ran in the order %s, expected %s\n", log.order, expect);
    for (i = 0; i < objects; i++) CloseThreadpoolWork(works[i]);
    WaitForThreadpoolWorkCallbacks(gate, FALSE);
    CloseThreadpoolWork(gate);
    CloseThreadpool(pool);
    gate_free(&g);
}

/* A work object submitted several times does not run all its callbacks before a later
 * object's: each object that has callbacks pending goes to the back of the pool's queue when
 * one of its callbacks starts, so the objects take turns (Wine's test_tp_work_scheduler
 * checks that a backlog of one does not hold up another; Wine 8.0 runs them in turns). */
static void test_work_turns(void)
{
    static const int two_each[] = { 2, 2 }, uneven[] = { 4, 2 }, three[] = { 2, 2, 1 };
    static const int interleaved[] = { 1, 1 };

    check_turns(two_each, 2, "ABAB");
    check_turns(uneven, 2, "ABABAA");
    check_turns(three, 3, "ABCAB");
    check_turns(interleaved, 2, "AB");
}

/* ------------------------------------------------------------------ cleanup groups */

static void CALLBACK member_work(PTP_CALLBACK_INSTANCE instance, void *userdata, PTP_WORK work)
{
    InterlockedIncrement(&((struct member *)userdata)->runs);
}

static void CALLBACK member_simple(PTP_CALLBACK_INSTANCE instance, void *userdata)
{
    InterlockedIncrement(&((struct member *)userdata)->runs);
}

static void CALLBACK member_timer(PTP_CALLBACK_INSTANCE instance, void *userdata, PTP_TIMER timer)
{
    InterlockedIncrement(&((struct member *)userdata)->runs);
}

static void CALLBACK member_wait(PTP_CALLBACK_INSTANCE instance, void *userdata, PTP_WAIT wait, TP_WAIT_RESULT result)
{
    InterlockedIncrement(&((struct member *)userdata)->runs);
}

static void check_member(const struct member *m, const char *what, LONG runs, LONG cancels, void *context)
{
    ok(m->runs == runs, "%s: %ld callbacks ran, expected %ld\n", what, m->runs, runs);
    ok(m->cancels == cancels, "%s: the cancel callback ran %ld times, expected %ld\n", what, m->cancels, cancels);
    if (cancels)
        ok(m->cleanup_context == context, "%s: cleanup context %p, expected %p\n", what, m->cleanup_context,
           context);
}

/* Work that is not in the group, submitted after CloseThreadpoolCleanupGroupMembers returned,
 * runs after anything the pool's one thread still had queued. */
static void drain(TP_CALLBACK_ENVIRON *env)
{
    struct member sentinel;
    PTP_WORK work;

    memset(&sentinel, 0, sizeof(sentinel));
    work = CreateThreadpoolWork(member_work, &sentinel, env);
    SubmitThreadpoolWork(work);
    WaitForThreadpoolWorkCallbacks(work, FALSE);
    ok(sentinel.runs == 1, "the sentinel ran %ld times\n", sentinel.runs);
    CloseThreadpoolWork(work);
}

/* CloseThreadpoolCleanupGroupMembers(TRUE) cancels the callbacks that have not started: they
 * never run, and the cancel callback is called once for each member, with the member's context
 * and the cleanup context, however many callbacks it had pending (none for the timer and the
 * wait). */
static void test_group_cancel_pending(void)
{
    TP_CALLBACK_ENVIRON env, member_env;
    struct member a, b, s, t, w;
    PTP_CLEANUP_GROUP group;
    PTP_WORK gate, work_a, work_b;
    PTP_TIMER timer;
    PTP_WAIT wait;
    FILETIME due;
    LARGE_INTEGER li;
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    struct gate g;
    PTP_POOL pool;
    int token, i;

    memset(&a, 0, sizeof(a));
    memset(&b, 0, sizeof(b));
    memset(&s, 0, sizeof(s));
    memset(&t, 0, sizeof(t));
    memset(&w, 0, sizeof(w));
    pool = one_thread_pool(&env);
    group = CreateThreadpoolCleanupGroup();
    ok(group != NULL, "CreateThreadpoolCleanupGroup failed: %lu\n", GetLastError());
    member_env = env;
    SetThreadpoolCallbackCleanupGroup(&member_env, group, member_cancel);

    /* the gate is not a member: it holds the pool's thread until the members are gone */
    gate_init(&g);
    gate = gate_close(&g, &env);
    work_a = CreateThreadpoolWork(member_work, &a, &member_env);
    work_b = CreateThreadpoolWork(member_work, &b, &member_env);
    for (i = 0; i < 3; i++) SubmitThreadpoolWork(work_a);
    for (i = 0; i < 2; i++) SubmitThreadpoolWork(work_b);
    ok(TrySubmitThreadpoolCallback(member_simple, &s, &member_env), "TrySubmitThreadpoolCallback failed: %lu\n",
       GetLastError());
    timer = CreateThreadpoolTimer(member_timer, &t, &member_env);
    ok(timer != NULL, "CreateThreadpoolTimer failed: %lu\n", GetLastError());
    li.QuadPart = -36000000000LL;   /* an hour from now */
    due.dwLowDateTime = li.u.LowPart;
    due.dwHighDateTime = li.u.HighPart;
    SetThreadpoolTimer(timer, &due, 0, 0);
    wait = CreateThreadpoolWait(member_wait, &w, &member_env);
    ok(wait != NULL, "CreateThreadpoolWait failed: %lu\n", GetLastError());
    SetThreadpoolWait(wait, event, NULL);

    cancel_gate = NULL;
    CloseThreadpoolCleanupGroupMembers(group, TRUE, &token);
    ok(!g.finished, "CloseThreadpoolCleanupGroupMembers waited for a callback outside the group\n");
    check_member(&a, "work A", 0, 1, &token);
    check_member(&b, "work B", 0, 1, &token);
    check_member(&s, "simple", 0, 1, &token);
    check_member(&t, "timer", 0, 1, &token);
    check_member(&w, "wait", 0, 1, &token);

    /* nothing cancelled turns up once the thread is free, nor when the wait's event is set */
    SetEvent(event);
    SetEvent(g.release);
    WaitForThreadpoolWorkCallbacks(gate, FALSE);
    drain(&env);
    ok(!a.runs && !b.runs && !s.runs && !w.runs, "cancelled callbacks ran: %ld %ld %ld %ld\n", a.runs, b.runs,
       s.runs, w.runs);

    CloseThreadpoolWork(gate);
    CloseThreadpoolCleanupGroup(group);
    CloseThreadpool(pool);
    gate_free(&g);
    CloseHandle(event);
}

/* CloseThreadpoolCleanupGroupMembers(TRUE) waits for a member's callback that has started,
 * and calls the member's cancel callback after it has finished (as Wine's test_tp_group_cancel
 * shows Windows doing). */
static void test_group_cancel_running(void)
{
    TP_CALLBACK_ENVIRON env;
    PTP_CLEANUP_GROUP group;
    HANDLE helper;
    struct gate g;
    PTP_POOL pool;
    int token;

    pool = one_thread_pool(&env);
    group = CreateThreadpoolCleanupGroup();
    SetThreadpoolCallbackCleanupGroup(&env, group, member_cancel);
    gate_init(&g);
    gate_close(&g, &env);   /* a member now: the group closes it */
    cancel_gate = &g;
    helper = set_event_later(g.release);
    CloseThreadpoolCleanupGroupMembers(group, TRUE, &token);
    ok(g.finished, "CloseThreadpoolCleanupGroupMembers returned while a callback ran\n");
    check_member(&g.m, "running work", 1, 1, &token);
    ok(g.m.gate_finished, "the cancel callback ran before the running callback finished\n");
    cancel_gate = NULL;
    join(helper);
    CloseThreadpoolCleanupGroup(group);
    CloseThreadpool(pool);
    gate_free(&g);
}

/* CloseThreadpoolCleanupGroupMembers(FALSE) runs every pending callback before it returns and
 * calls no cancel callback. */
static void test_group_no_cancel(void)
{
    TP_CALLBACK_ENVIRON env, member_env;
    PTP_CLEANUP_GROUP group;
    PTP_WORK gate, work_a, work_b;
    struct member a, b, s;
    HANDLE helper;
    struct gate g;
    PTP_POOL pool;
    int token, i;

    memset(&a, 0, sizeof(a));
    memset(&b, 0, sizeof(b));
    memset(&s, 0, sizeof(s));
    pool = one_thread_pool(&env);
    group = CreateThreadpoolCleanupGroup();
    member_env = env;
    SetThreadpoolCallbackCleanupGroup(&member_env, group, member_cancel);
    gate_init(&g);
    gate = gate_close(&g, &env);
    work_a = CreateThreadpoolWork(member_work, &a, &member_env);
    work_b = CreateThreadpoolWork(member_work, &b, &member_env);
    for (i = 0; i < 3; i++) SubmitThreadpoolWork(work_a);
    for (i = 0; i < 2; i++) SubmitThreadpoolWork(work_b);
    ok(TrySubmitThreadpoolCallback(member_simple, &s, &member_env), "TrySubmitThreadpoolCallback failed: %lu\n",
       GetLastError());

    /* they are all still queued behind the gate when the call starts */
    cancel_gate = NULL;
    helper = set_event_later(g.release);
    CloseThreadpoolCleanupGroupMembers(group, FALSE, &token);
    check_member(&a, "work A", 3, 0, NULL);
    check_member(&b, "work B", 2, 0, NULL);
    check_member(&s, "simple", 1, 0, NULL);
    join(helper);
    WaitForThreadpoolWorkCallbacks(gate, FALSE);
    CloseThreadpoolWork(gate);
    CloseThreadpoolCleanupGroup(group);
    CloseThreadpool(pool);
    gate_free(&g);
}

/* ------------------------------------------------------------------ disassociated callbacks */

struct detached
{
    HANDLE disassociated;
    HANDLE release;
    LONG finished;
};

static void detached_body(PTP_CALLBACK_INSTANCE instance, struct detached *d)
{
    DisassociateCurrentThreadFromCallback(instance);
    SetEvent(d->disassociated);
    ok(WaitForSingleObject(d->release, HANG_MS) == WAIT_OBJECT_0, "the detached callback was not released\n");
    InterlockedExchange(&d->finished, 1);
}

static void CALLBACK detached_work(PTP_CALLBACK_INSTANCE instance, void *userdata, PTP_WORK work)
{
    detached_body(instance, userdata);
}

static void CALLBACK detached_simple(PTP_CALLBACK_INSTANCE instance, void *userdata)
{
    detached_body(instance, userdata);
}

/* DisassociateCurrentThreadFromCallback lets WaitForThreadpoolWorkCallbacks return while the
 * callback still runs, but CloseThreadpoolCleanupGroupMembers still waits for it (Wine's
 * test_tp_disassociate, which Wine 8.0 passes). */
static void test_group_waits_for_disassociated(void)
{
    TP_CALLBACK_ENVIRON env;
    PTP_CLEANUP_GROUP group;
    struct detached d;
    HANDLE helper;
    PTP_WORK work;

    d.disassociated = CreateEventW(NULL, FALSE, FALSE, NULL);
    d.release = CreateEventW(NULL, FALSE, FALSE, NULL);
    group = CreateThreadpoolCleanupGroup();
    InitializeThreadpoolEnvironment(&env);
    SetThreadpoolCallbackCleanupGroup(&env, group, NULL);

    d.finished = 0;
    work = CreateThreadpoolWork(detached_work, &d, &env);
    SubmitThreadpoolWork(work);
    ok(WaitForSingleObject(d.disassociated, HANG_MS) == WAIT_OBJECT_0, "the work callback did not start\n");
    WaitForThreadpoolWorkCallbacks(work, FALSE);
    ok(!d.finished, "the detached callback finished before it was released\n");
    helper = set_event_later(d.release);
    CloseThreadpoolCleanupGroupMembers(group, FALSE, NULL);
    ok(d.finished, "CloseThreadpoolCleanupGroupMembers returned while a detached work callback ran\n");
    join(helper);

    d.finished = 0;
    ok(TrySubmitThreadpoolCallback(detached_simple, &d, &env), "TrySubmitThreadpoolCallback failed: %lu\n",
       GetLastError());
    ok(WaitForSingleObject(d.disassociated, HANG_MS) == WAIT_OBJECT_0, "the simple callback did not start\n");
    helper = set_event_later(d.release);
    CloseThreadpoolCleanupGroupMembers(group, FALSE, NULL);
    ok(d.finished, "CloseThreadpoolCleanupGroupMembers returned while a detached simple callback ran\n");
    join(helper);

    CloseThreadpoolCleanupGroup(group);
    CloseHandle(d.disassociated);
    CloseHandle(d.release);
}

/* ------------------------------------------------------------------ zero-timeout waits */

struct fired
{
    HANDLE done;
    LONG count;
    BOOLEAN timed_out;
    DWORD thread;
};

static void CALLBACK fired_callback(void *context, BOOLEAN timed_out)
{
    struct fired *f = context;

    f->timed_out = timed_out;
    f->thread = GetCurrentThreadId();
    InterlockedIncrement(&f->count);
    ReleaseSemaphore(f->done, 1, NULL);
}

static void fired_init(struct fired *f)
{
    memset(f, 0, sizeof(*f));
    f->done = CreateSemaphoreW(NULL, 0, 1000, NULL);
}

/* RegisterWaitForSingleObject with a zero timeout on an object that is not signalled: the
 * callback comes at once with TimerOrWaitFired TRUE, and with WT_EXECUTEONLYONCE only once.
 * With WT_EXECUTEINWAITTHREAD it runs on the wait thread, the one that ran an earlier wait's
 * callback (Wine's test_RtlRegisterWait shows Windows using the same thread). */
static void test_wait_zero_timeout(void)
{
    HANDLE unsignalled = CreateEventW(NULL, TRUE, FALSE, NULL), trigger = CreateEventW(NULL, FALSE, FALSE, NULL);
    HANDLE reference, zero, barrier;
    struct fired r, z, b;

    fired_init(&r);
    fired_init(&z);
    fired_init(&b);

    /* a wait that stays registered meanwhile, to learn its wait thread */
    ok(RegisterWaitForSingleObject(&reference, trigger, fired_callback, &r, INFINITE, WT_EXECUTEINWAITTHREAD),
       "RegisterWaitForSingleObject failed: %lu\n", GetLastError());
    SetEvent(trigger);
    ok(WaitForSingleObject(r.done, HANG_MS) == WAIT_OBJECT_0, "the reference wait did not fire\n");
    ok(!r.timed_out, "the signalled wait reported a timeout\n");

    ok(RegisterWaitForSingleObject(&zero, unsignalled, fired_callback, &z, 0,
                                   WT_EXECUTEINWAITTHREAD | WT_EXECUTEONLYONCE),
       "RegisterWaitForSingleObject failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(z.done, HANG_MS) == WAIT_OBJECT_0, "the zero-timeout wait did not fire\n");
    ok(z.timed_out, "the zero-timeout wait reported a signal\n");
    ok(z.thread && z.thread != GetCurrentThreadId(), "the callback ran on thread %lx\n", z.thread);
    ok(z.thread == r.thread, "the callback ran on thread %lx, the wait thread is %lx\n", z.thread, r.thread);

    /* one more zero-timeout wait goes round the wait thread, which would have fired the first
     * again by then if it were still registered */
    ok(RegisterWaitForSingleObject(&barrier, unsignalled, fired_callback, &b, 0,
                                   WT_EXECUTEINWAITTHREAD | WT_EXECUTEONLYONCE),
       "RegisterWaitForSingleObject failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(b.done, HANG_MS) == WAIT_OBJECT_0, "the second zero-timeout wait did not fire\n");
    ok(UnregisterWaitEx(zero, INVALID_HANDLE_VALUE), "UnregisterWaitEx failed: %lu\n", GetLastError());
    ok(UnregisterWaitEx(barrier, INVALID_HANDLE_VALUE), "UnregisterWaitEx failed: %lu\n", GetLastError());
    ok(UnregisterWaitEx(reference, INVALID_HANDLE_VALUE), "UnregisterWaitEx failed: %lu\n", GetLastError());
    ok(z.count == 1, "the WT_EXECUTEONLYONCE callback ran %ld times\n", z.count);
    ok(b.count == 1, "the second WT_EXECUTEONLYONCE callback ran %ld times\n", b.count);
    ok(r.count == 1, "the reference callback ran %ld times\n", r.count);
    ok(WaitForSingleObject(unsignalled, 0) == WAIT_TIMEOUT, "the event was signalled\n");

    /* without WT_EXECUTEINWAITTHREAD, on a pool thread: the same */
    fired_init(&z);
    ok(RegisterWaitForSingleObject(&zero, unsignalled, fired_callback, &z, 0, WT_EXECUTEONLYONCE),
       "RegisterWaitForSingleObject failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(z.done, HANG_MS) == WAIT_OBJECT_0, "the zero-timeout wait did not fire\n");
    ok(z.timed_out, "the zero-timeout wait reported a signal\n");
    ok(UnregisterWaitEx(zero, INVALID_HANDLE_VALUE), "UnregisterWaitEx failed: %lu\n", GetLastError());
    ok(z.count == 1, "the WT_EXECUTEONLYONCE callback ran %ld times\n", z.count);

    CloseHandle(r.done);
    CloseHandle(z.done);
    CloseHandle(b.done);
    CloseHandle(unsignalled);
    CloseHandle(trigger);
}

/* ------------------------------------------------------------------ WT_EXECUTEINIOTHREAD */

struct io_thread
{
    HANDLE apc_done;
    HANDLE callback_done;
    LONG apcs;
    DWORD apc_thread;
    DWORD callback_thread;
    DWORD sleep_result;
    BOOL queued;
};

static void CALLBACK io_thread_apc(ULONG_PTR arg)
{
    struct io_thread *t = (struct io_thread *)arg;

    t->apc_thread = GetCurrentThreadId();
    InterlockedIncrement(&t->apcs);
    ReleaseSemaphore(t->apc_done, 1, NULL);
}

static HANDLE current_thread_handle(void)
{
    HANDLE thread = NULL;

    ok(DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &thread, 0, FALSE,
                       DUPLICATE_SAME_ACCESS), "DuplicateHandle failed: %lu\n", GetLastError());
    return thread;
}

/* An APC the callback queues to its own thread runs in the callback's alertable wait. */
static DWORD CALLBACK io_thread_sleep_work(void *context)
{
    struct io_thread *t = context;
    HANDLE thread = current_thread_handle();

    t->callback_thread = GetCurrentThreadId();
    t->queued = QueueUserAPC(io_thread_apc, thread, (ULONG_PTR)t);
    t->sleep_result = SleepEx(HANG_MS, TRUE);
    CloseHandle(thread);
    SetEvent(t->callback_done);
    return 0;
}

/* An APC the callback queues to its own thread and leaves: it runs once the callback has
 * returned, since the I/O thread waits alertably for its next callback. */
static void CALLBACK io_thread_leave_wait(void *context, BOOLEAN timed_out)
{
    struct io_thread *t = context;
    HANDLE thread = current_thread_handle();

    t->callback_thread = GetCurrentThreadId();
    t->queued = QueueUserAPC(io_thread_apc, thread, (ULONG_PTR)t);
    CloseHandle(thread);
}

/* WT_EXECUTEINIOTHREAD: "the function should be executed in a thread that waits in an alertable
 * state" (Microsoft's documentation of the flag; it calls the flag unused since Vista, but Wine's
 * test_RtlRegisterWait records Windows still running APCs queued to such a thread).
 * QueueUserWorkItem: an APC the callback queues to its own thread runs in its SleepEx. */
static void test_io_thread_alertable(void)
{
    HANDLE object = CreateEventW(NULL, FALSE, FALSE, NULL), wait;
    struct io_thread t;

    memset(&t, 0, sizeof(t));
    t.apc_done = CreateSemaphoreW(NULL, 0, 10, NULL);
    t.callback_done = CreateEventW(NULL, FALSE, FALSE, NULL);
    t.sleep_result = 0xdeadbeef;
    ok(QueueUserWorkItem(io_thread_sleep_work, &t, WT_EXECUTEINIOTHREAD), "QueueUserWorkItem failed: %lu\n",
       GetLastError());
    ok(WaitForSingleObject(t.callback_done, HANG_MS) == WAIT_OBJECT_0, "the callback did not return\n");
    ok(t.queued, "QueueUserAPC failed\n");
    ok(t.sleep_result == WAIT_IO_COMPLETION, "SleepEx returned %lu, expected WAIT_IO_COMPLETION\n", t.sleep_result);
    ok(t.apcs == 1, "%ld APCs ran\n", t.apcs);
    ok(t.apc_thread == t.callback_thread, "the APC ran on thread %lx, the callback on %lx\n", t.apc_thread,
       t.callback_thread);
    ok(WaitForSingleObject(t.apc_done, 0) == WAIT_OBJECT_0, "the APC did not report\n");

    /* A registered wait's WT_EXECUTEINIOTHREAD callback leaves an APC to its thread, which
     * runs it while it waits for more.  (A QueueUserWorkItem callback's APC left that way does
     * not run in Wine 8.0, so that is not checked.) */
    t.apcs = 0;
    t.apc_thread = t.callback_thread = 0;
    t.queued = FALSE;
    ok(RegisterWaitForSingleObject(&wait, object, io_thread_leave_wait, &t, INFINITE,
                                   WT_EXECUTEINIOTHREAD | WT_EXECUTEONLYONCE),
       "RegisterWaitForSingleObject failed: %lu\n", GetLastError());
    SetEvent(object);
    ok(WaitForSingleObject(t.apc_done, HANG_MS) == WAIT_OBJECT_0, "the APC left for the I/O thread did not run\n");
    ok(t.queued, "QueueUserAPC failed\n");
    ok(t.apcs == 1, "%ld APCs ran\n", t.apcs);
    ok(t.apc_thread == t.callback_thread, "the APC ran on thread %lx, the callback on %lx\n", t.apc_thread,
       t.callback_thread);
    ok(UnregisterWaitEx(wait, INVALID_HANDLE_VALUE), "UnregisterWaitEx failed: %lu\n", GetLastError());
    CloseHandle(t.apc_done);
    CloseHandle(t.callback_done);
    CloseHandle(object);
}

/* ------------------------------------------------------------------ unregistering a running wait */

struct unregister
{
    HANDLE wait;
    HANDLE object;          /* what the wait waits for (auto-reset) */
    HANDLE completion;      /* UnregisterWaitEx's event */
    HANDLE unregistered;    /* the callback has called UnregisterWait(Ex) */
    HANDLE release;         /* lets the callback return */
    HANDLE done;            /* the callback is about to return */
    BOOL use_ex;
    BOOL result;
    DWORD error;
    LONG count;
    LONG finished;
};

static void CALLBACK unregister_callback(void *context, BOOLEAN timed_out)
{
    struct unregister *u = context;

    InterlockedIncrement(&u->count);
    SetLastError(0xdeadbeef);
    u->result = u->use_ex ? UnregisterWaitEx(u->wait, u->completion) : UnregisterWait(u->wait);
    u->error = GetLastError();
    SetEvent(u->unregistered);
    ok(WaitForSingleObject(u->release, HANG_MS) == WAIT_OBJECT_0, "the callback was not released\n");
    InterlockedExchange(&u->finished, 1);
    SetEvent(u->done);
}

static void unregister_init(struct unregister *u, BOOL use_ex)
{
    memset(u, 0, sizeof(*u));
    u->object = CreateEventW(NULL, FALSE, FALSE, NULL);
    u->completion = use_ex ? CreateEventW(NULL, TRUE, FALSE, NULL) : NULL;
    u->unregistered = CreateEventW(NULL, FALSE, FALSE, NULL);
    u->release = CreateEventW(NULL, TRUE, FALSE, NULL);
    u->done = CreateEventW(NULL, TRUE, FALSE, NULL);
    u->use_ex = use_ex;
}

static void unregister_free(struct unregister *u)
{
    CloseHandle(u->object);
    if (u->completion) CloseHandle(u->completion);
    CloseHandle(u->unregistered);
    CloseHandle(u->release);
    CloseHandle(u->done);
}

struct running
{
    HANDLE started;
    HANDLE release;
    HANDLE done;
    LONG finished;
};

static void CALLBACK running_callback(void *context, BOOLEAN timed_out)
{
    struct running *r = context;

    SetEvent(r->started);
    ok(WaitForSingleObject(r->release, HANG_MS) == WAIT_OBJECT_0, "the callback was not released\n");
    InterlockedExchange(&r->finished, 1);
    SetEvent(r->done);
}

/* The documentation of UnregisterWait(Ex): with callbacks not yet completed, a call that does
 * not wait for them (no event, or an event) "fails with the ERROR_IO_PENDING error code", and
 * the event is set once they have.  (UnregisterWaitEx(INVALID_HANDLE_VALUE) waits for them,
 * so the callback itself may not make it.) */
static void test_unregister_running(void)
{
    HANDLE object = CreateEventW(NULL, FALSE, FALSE, NULL), wait, helper;
    struct unregister u;
    struct running r;
    BOOL ret;

    /* UnregisterWaitEx with an event from inside the callback */
    unregister_init(&u, TRUE);
    ok(RegisterWaitForSingleObject(&u.wait, u.object, unregister_callback, &u, INFINITE, WT_EXECUTEDEFAULT),
       "RegisterWaitForSingleObject failed: %lu\n", GetLastError());
    SetEvent(u.object);
    ok(WaitForSingleObject(u.unregistered, HANG_MS) == WAIT_OBJECT_0, "the callback did not run\n");
    ok(!u.result, "UnregisterWaitEx succeeded from inside the callback\n");
    ok(u.error == ERROR_IO_PENDING, "UnregisterWaitEx: error %lu, expected ERROR_IO_PENDING\n", u.error);
    ok(WaitForSingleObject(u.completion, 0) == WAIT_TIMEOUT, "the event was set while the callback ran\n");
    SetEvent(u.release);
    ok(WaitForSingleObject(u.completion, HANG_MS) == WAIT_OBJECT_0, "the event was not set\n");
    ok(u.finished, "the event was set before the callback returned\n");
    ok(u.count == 1, "%ld callbacks ran\n", u.count);
    unregister_free(&u);

    /* UnregisterWait from inside the callback (a pool thread's; a WT_EXECUTEINWAITTHREAD
     * callback succeeds on Windows, Wine's kernel32 test_RegisterWaitForSingleObject says, and
     * fails in Wine 8.0, so that is not checked) */
    unregister_init(&u, FALSE);
    ok(RegisterWaitForSingleObject(&u.wait, u.object, unregister_callback, &u, INFINITE, WT_EXECUTEDEFAULT),
       "RegisterWaitForSingleObject failed: %lu\n", GetLastError());
    SetEvent(u.object);
    ok(WaitForSingleObject(u.unregistered, HANG_MS) == WAIT_OBJECT_0, "the callback did not run\n");
    ok(!u.result, "UnregisterWait succeeded from inside the callback\n");
    ok(u.error == ERROR_IO_PENDING, "UnregisterWait: error %lu, expected ERROR_IO_PENDING\n", u.error);
    SetEvent(u.release);
    ok(WaitForSingleObject(u.done, HANG_MS) == WAIT_OBJECT_0, "the callback did not finish\n");
    ok(u.count == 1, "%ld callbacks ran\n", u.count);
    unregister_free(&u);

    /* from another thread while the callback runs: without an event, and blocking */
    r.started = CreateEventW(NULL, FALSE, FALSE, NULL);
    r.release = CreateEventW(NULL, TRUE, FALSE, NULL);
    r.done = CreateEventW(NULL, FALSE, FALSE, NULL);
    r.finished = 0;
    ok(RegisterWaitForSingleObject(&wait, object, running_callback, &r, INFINITE, WT_EXECUTEONLYONCE),
       "RegisterWaitForSingleObject failed: %lu\n", GetLastError());
    SetEvent(object);
    ok(WaitForSingleObject(r.started, HANG_MS) == WAIT_OBJECT_0, "the callback did not run\n");
    SetLastError(0xdeadbeef);
    ret = UnregisterWaitEx(wait, NULL);
    ok(!ret && GetLastError() == ERROR_IO_PENDING, "UnregisterWaitEx(NULL): %d, error %lu\n", ret, GetLastError());
    ok(!r.finished, "the callback finished before it was released\n");
    SetEvent(r.release);
    ok(WaitForSingleObject(r.done, HANG_MS) == WAIT_OBJECT_0, "the callback did not finish\n");

    ResetEvent(r.release);
    r.finished = 0;
    ok(RegisterWaitForSingleObject(&wait, object, running_callback, &r, INFINITE, WT_EXECUTEONLYONCE),
       "RegisterWaitForSingleObject failed: %lu\n", GetLastError());
    SetEvent(object);
    ok(WaitForSingleObject(r.started, HANG_MS) == WAIT_OBJECT_0, "the callback did not run\n");
    helper = set_event_later(r.release);
    ok(UnregisterWaitEx(wait, INVALID_HANDLE_VALUE), "UnregisterWaitEx(INVALID_HANDLE_VALUE) failed: %lu\n",
       GetLastError());
    ok(r.finished, "UnregisterWaitEx(INVALID_HANDLE_VALUE) returned while the callback ran\n");
    join(helper);

    CloseHandle(r.started);
    CloseHandle(r.release);
    CloseHandle(r.done);
    CloseHandle(object);
}

START_TEST(tp_regress)
{
    test_work_turns();
    test_group_cancel_pending();
    test_group_cancel_running();
    test_group_no_cancel();
    test_group_waits_for_disassociated();
    test_wait_zero_timeout();
    test_io_thread_alertable();
    test_unregister_running();
}
