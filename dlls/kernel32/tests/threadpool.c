/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * kernel32's thread-pool API: work, simple callbacks, timers, waits, cleanup groups,
 * callback instances, thread-pool I/O on overlapped files, the older API (QueueUserWorkItem,
 * RegisterWaitForSingleObject, timer queues, BindIoCompletionCallback), and a scenario of
 * thousands of overlapped reads and writes through one TP_IO with CancelIoEx mixed in.
 * Every wait that should end has a long timeout so that a lost callback fails instead of
 * hanging; verdicts are counts and bytes, never timings.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include "wine/test.h"

/* Windows 8's additions, absent from Wine 8.0 */
static BOOL (WINAPI *pSetThreadpoolTimerEx)(PTP_TIMER, FILETIME *, DWORD, DWORD);
static BOOL (WINAPI *pSetThreadpoolWaitEx)(PTP_WAIT, HANDLE, FILETIME *, void *);

#define HANG_MS 60000
#ifndef ERROR_TOO_MANY_THREADS
#define ERROR_TOO_MANY_THREADS 565
#endif

static LONG counter;

static void CALLBACK count_work(PTP_CALLBACK_INSTANCE instance, void *userdata, PTP_WORK work)
{
    InterlockedIncrement((LONG *)userdata);
}

static void test_work(void)
{
    PTP_WORK work;
    LONG count = 0;
    int i;

    work = CreateThreadpoolWork(count_work, &count, NULL);
    ok(work != NULL, "CreateThreadpoolWork failed: %lu\n", GetLastError());
    for (i = 0; i < 100; i++) SubmitThreadpoolWork(work);
    WaitForThreadpoolWorkCallbacks(work, FALSE);
    ok(count == 100, "%ld callbacks ran, expected 100\n", count);
    CloseThreadpoolWork(work);
}

struct blocker
{
    HANDLE started;
    HANDLE release;
};

static void CALLBACK blocking_work(PTP_CALLBACK_INSTANCE instance, void *userdata, PTP_WORK work)
{
    struct blocker *b = userdata;
    SetEvent(b->started);
    WaitForSingleObject(b->release, HANG_MS);
}

static void init_env(TP_CALLBACK_ENVIRON *env, PTP_POOL pool)
{
    InitializeThreadpoolEnvironment(env);
    SetThreadpoolCallbackPool(env, pool);
}

/* A pool of exactly one thread, so that queued callbacks wait their turn, and its environment. */
static PTP_POOL create_one_thread_pool(TP_CALLBACK_ENVIRON *env)
{
    PTP_POOL pool = CreateThreadpool(NULL);

    ok(pool != NULL, "CreateThreadpool failed: %lu\n", GetLastError());
    SetThreadpoolThreadMaximum(pool, 1);
    ok(SetThreadpoolThreadMinimum(pool, 1), "SetThreadpoolThreadMinimum failed: %lu\n", GetLastError());
    init_env(env, pool);
    return pool;
}

/* Work that holds its pool's thread until b->release is set. */
static PTP_WORK create_blocker(struct blocker *b, TP_CALLBACK_ENVIRON *env)
{
    b->started = CreateEventW(NULL, FALSE, FALSE, NULL);
    b->release = CreateEventW(NULL, TRUE, FALSE, NULL);
    return CreateThreadpoolWork(blocking_work, b, env);
}

static void hold_pool(PTP_WORK blocker, struct blocker *b)
{
    SubmitThreadpoolWork(blocker);
    ok(WaitForSingleObject(b->started, HANG_MS) == WAIT_OBJECT_0, "the blocking callback did not start\n");
}

/* With one thread busy, queued callbacks are dropped by WaitFor...Callbacks(TRUE). */
static void test_work_cancel(void)
{
    TP_CALLBACK_ENVIRON env;
    struct blocker b;
    PTP_WORK blocker, work;
    PTP_POOL pool;
    LONG count = 0;
    int i;

    pool = create_one_thread_pool(&env);
    blocker = create_blocker(&b, &env);
    work = CreateThreadpoolWork(count_work, &count, &env);
    hold_pool(blocker, &b);
    for (i = 0; i < 5; i++) SubmitThreadpoolWork(work);
    WaitForThreadpoolWorkCallbacks(work, TRUE);
    SetEvent(b.release);
    WaitForThreadpoolWorkCallbacks(blocker, FALSE);
    ok(count == 0, "%ld cancelled callbacks ran\n", count);

    SubmitThreadpoolWork(work);
    WaitForThreadpoolWorkCallbacks(work, FALSE);
    ok(count == 1, "count %ld after one more submission\n", count);
    CloseThreadpoolWork(work);
    CloseThreadpoolWork(blocker);
    CloseThreadpool(pool);
    CloseHandle(b.started);
    CloseHandle(b.release);
}

/* Callbacks that wait for each other need more threads than the first one. */
static void CALLBACK rendezvous_work(PTP_CALLBACK_INSTANCE instance, void *userdata, PTP_WORK work)
{
    HANDLE *events = userdata;
    LONG me = InterlockedIncrement(&counter) - 1;

    SetEvent(events[me]);
    WaitForMultipleObjects(4, events, TRUE, HANG_MS);
}

static void test_work_grows(void)
{
    HANDLE events[4];
    PTP_WORK work;
    int i;

    for (i = 0; i < 4; i++) events[i] = CreateEventW(NULL, TRUE, FALSE, NULL);
    counter = 0;
    work = CreateThreadpoolWork(rendezvous_work, events, NULL);
    for (i = 0; i < 4; i++)
    {
        SubmitThreadpoolWork(work);
        ok(WaitForSingleObject(events[i], HANG_MS) == WAIT_OBJECT_0, "callback %d did not start\n", i);
    }
    ok(WaitForMultipleObjects(4, events, TRUE, HANG_MS) == WAIT_OBJECT_0, "the callbacks did not all run at once\n");
    WaitForThreadpoolWorkCallbacks(work, FALSE);
    CloseThreadpoolWork(work);
    for (i = 0; i < 4; i++) CloseHandle(events[i]);
}

struct actions
{
    HANDLE event, semaphore, mutex;
    CRITICAL_SECTION crit;
    DWORD thread;
};

static void CALLBACK actions_callback(PTP_CALLBACK_INSTANCE instance, void *userdata)
{
    struct actions *a = userdata;

    a->thread = GetCurrentThreadId();
    WaitForSingleObject(a->mutex, 0);
    EnterCriticalSection(&a->crit);
    LeaveCriticalSectionWhenCallbackReturns(instance, &a->crit);
    ReleaseMutexWhenCallbackReturns(instance, a->mutex);
    ReleaseSemaphoreWhenCallbackReturns(instance, a->semaphore, 2);
    SetEventWhenCallbackReturns(instance, a->event);
}

static void test_simple_and_actions(void)
{
    struct actions a;
    LONG previous;

    a.event = CreateEventW(NULL, FALSE, FALSE, NULL);
    a.semaphore = CreateSemaphoreW(NULL, 0, 10, NULL);
    a.mutex = CreateMutexW(NULL, FALSE, NULL);
    InitializeCriticalSection(&a.crit);
    a.thread = 0;
    ok(TrySubmitThreadpoolCallback(actions_callback, &a, NULL), "TrySubmitThreadpoolCallback failed: %lu\n",
       GetLastError());
    ok(WaitForSingleObject(a.event, HANG_MS) == WAIT_OBJECT_0, "the event was not set\n");
    ok(a.thread && a.thread != GetCurrentThreadId(), "the callback ran on thread %lu\n", a.thread);
    ok(ReleaseSemaphore(a.semaphore, 1, &previous), "ReleaseSemaphore failed\n");
    ok(previous == 2, "the semaphore count was %ld, expected 2\n", previous);
    ok(WaitForSingleObject(a.mutex, 0) == WAIT_OBJECT_0, "the mutex was not released\n");
    ReleaseMutex(a.mutex);
    ok(TryEnterCriticalSection(&a.crit), "the critical section was not left\n");
    LeaveCriticalSection(&a.crit);
    DeleteCriticalSection(&a.crit);
    CloseHandle(a.event);
    CloseHandle(a.semaphore);
    CloseHandle(a.mutex);
}

static void CALLBACK disassociate_work(PTP_CALLBACK_INSTANCE instance, void *userdata, PTP_WORK work)
{
    struct blocker *b = userdata;
    DisassociateCurrentThreadFromCallback(instance);
    SetEvent(b->started);
    WaitForSingleObject(b->release, HANG_MS);
}

static void test_disassociate(void)
{
    struct blocker b;
    PTP_WORK work;

    b.started = CreateEventW(NULL, FALSE, FALSE, NULL);
    b.release = CreateEventW(NULL, TRUE, FALSE, NULL);
    work = CreateThreadpoolWork(disassociate_work, &b, NULL);
    SubmitThreadpoolWork(work);
    ok(WaitForSingleObject(b.started, HANG_MS) == WAIT_OBJECT_0, "the callback did not start\n");
    /* returns although the callback is still blocked */
    WaitForThreadpoolWorkCallbacks(work, FALSE);
    ok(WaitForSingleObject(b.release, 0) == WAIT_TIMEOUT, "the release event is already set\n");
    SetEvent(b.release);
    CloseThreadpoolWork(work);
    CloseHandle(b.started);
}

static BOOL may_run_long_result;
static DWORD may_run_long_error;

static void CALLBACK may_run_long_work(PTP_CALLBACK_INSTANCE instance, void *userdata, PTP_WORK work)
{
    SetLastError(0xdeadbeef);
    may_run_long_result = CallbackMayRunLong(instance);
    may_run_long_error = GetLastError();
}

static void test_may_run_long(void)
{
    TP_CALLBACK_ENVIRON env;
    PTP_POOL pool;
    PTP_WORK work;

    pool = CreateThreadpool(NULL);
    SetThreadpoolThreadMaximum(pool, 1);
    init_env(&env, pool);
    work = CreateThreadpoolWork(may_run_long_work, NULL, &env);
    SubmitThreadpoolWork(work);
    WaitForThreadpoolWorkCallbacks(work, FALSE);
    ok(!may_run_long_result, "CallbackMayRunLong succeeded on a full pool\n");
    ok(may_run_long_error == ERROR_TOO_MANY_THREADS, "error %lu\n", may_run_long_error);
    CloseThreadpoolWork(work);

    work = CreateThreadpoolWork(may_run_long_work, NULL, NULL);
    SubmitThreadpoolWork(work);
    WaitForThreadpoolWorkCallbacks(work, FALSE);
    ok(may_run_long_result, "CallbackMayRunLong failed on the default pool: %lu\n", may_run_long_error);
    CloseThreadpoolWork(work);
    CloseThreadpool(pool);
}

/* ------------------------------------------------------------------ timers */

static void CALLBACK timer_callback(PTP_CALLBACK_INSTANCE instance, void *userdata, PTP_TIMER timer)
{
    ReleaseSemaphore(userdata, 1, NULL);
}

static void relative_ms(FILETIME *ft, LONGLONG ms)
{
    LARGE_INTEGER li;
    li.QuadPart = -ms * 10000;
    ft->dwLowDateTime = li.u.LowPart;
    ft->dwHighDateTime = li.u.HighPart;
}

static void test_timer(void)
{
    HANDLE semaphore = CreateSemaphoreW(NULL, 0, 100, NULL);
    PTP_TIMER timer;
    FILETIME due;
    int i;

    timer = CreateThreadpoolTimer(timer_callback, semaphore, NULL);
    ok(timer != NULL, "CreateThreadpoolTimer failed: %lu\n", GetLastError());
    ok(!IsThreadpoolTimerSet(timer), "a new timer is set\n");

    relative_ms(&due, 10);
    SetThreadpoolTimer(timer, &due, 0, 0);
    ok(IsThreadpoolTimerSet(timer), "the timer is not set\n");
    ok(WaitForSingleObject(semaphore, HANG_MS) == WAIT_OBJECT_0, "the timer did not fire\n");
    WaitForThreadpoolTimerCallbacks(timer, FALSE);

    /* zero: at once */
    due.dwLowDateTime = due.dwHighDateTime = 0;
    SetThreadpoolTimer(timer, &due, 0, 0);
    ok(WaitForSingleObject(semaphore, HANG_MS) == WAIT_OBJECT_0, "a zero due time did not fire\n");

    /* periodic, with a window */
    relative_ms(&due, 5);
    SetThreadpoolTimer(timer, &due, 5, 20);
    for (i = 0; i < 3; i++)
        ok(WaitForSingleObject(semaphore, HANG_MS) == WAIT_OBJECT_0, "periodic expiry %d did not come\n", i);
    SetThreadpoolTimer(timer, NULL, 0, 0);
    ok(!IsThreadpoolTimerSet(timer), "the cancelled timer is still set\n");
    WaitForThreadpoolTimerCallbacks(timer, TRUE);

    /* far in the future, then cancelled: no callback */
    relative_ms(&due, 1000000);
    if (pSetThreadpoolTimerEx)
    {
        ok(!pSetThreadpoolTimerEx(timer, &due, 0, 0), "SetThreadpoolTimerEx reported a set timer\n");
        ok(pSetThreadpoolTimerEx(timer, NULL, 0, 0), "SetThreadpoolTimerEx did not report the set timer\n");
    }
    else
    {
        skip("SetThreadpoolTimerEx is missing\n");
        SetThreadpoolTimer(timer, &due, 0, 0);
        SetThreadpoolTimer(timer, NULL, 0, 0);
    }
    ok(!IsThreadpoolTimerSet(timer), "the cancelled timer is still set\n");
    while (WaitForSingleObject(semaphore, 0) == WAIT_OBJECT_0);
    WaitForThreadpoolTimerCallbacks(timer, FALSE);
    ok(WaitForSingleObject(semaphore, 0) == WAIT_TIMEOUT, "the cancelled timer fired\n");
    CloseThreadpoolTimer(timer);
    CloseHandle(semaphore);
}

/* ------------------------------------------------------------------ waits */

struct wait_result
{
    HANDLE done;
    TP_WAIT_RESULT result;
    LONG count;
};

static void CALLBACK wait_callback(PTP_CALLBACK_INSTANCE instance, void *userdata, PTP_WAIT wait, TP_WAIT_RESULT result)
{
    struct wait_result *r = userdata;
    r->result = result;
    InterlockedIncrement(&r->count);
    ReleaseSemaphore(r->done, 1, NULL);
}

static void test_wait(void)
{
    struct wait_result r;
    HANDLE event = CreateEventW(NULL, FALSE, FALSE, NULL);
    PTP_WAIT wait;
    FILETIME timeout;

    r.done = CreateSemaphoreW(NULL, 0, 100, NULL);
    r.count = 0;
    wait = CreateThreadpoolWait(wait_callback, &r, NULL);
    ok(wait != NULL, "CreateThreadpoolWait failed: %lu\n", GetLastError());

    SetThreadpoolWait(wait, event, NULL);
    SetEvent(event);
    ok(WaitForSingleObject(r.done, HANG_MS) == WAIT_OBJECT_0, "no callback for the signalled event\n");
    ok(r.result == WAIT_OBJECT_0, "result %lu\n", r.result);

    relative_ms(&timeout, 10);
    SetThreadpoolWait(wait, event, &timeout);
    ok(WaitForSingleObject(r.done, HANG_MS) == WAIT_OBJECT_0, "no callback for the timeout\n");
    ok(r.result == WAIT_TIMEOUT, "result %lu\n", r.result);

    timeout.dwLowDateTime = timeout.dwHighDateTime = 0;
    SetThreadpoolWait(wait, event, &timeout);
    ok(WaitForSingleObject(r.done, HANG_MS) == WAIT_OBJECT_0, "no callback for a zero timeout\n");
    ok(r.result == WAIT_TIMEOUT, "result %lu\n", r.result);
    /* "the wait times out immediately", even on a signalled object */
    SetEvent(event);
    SetThreadpoolWait(wait, event, &timeout);
    ok(WaitForSingleObject(r.done, HANG_MS) == WAIT_OBJECT_0, "no callback for a zero timeout\n");
    ok(r.result == WAIT_TIMEOUT, "result %lu\n", r.result);
    ResetEvent(event);

    /* one callback per SetThreadpoolWait */
    r.count = 0;
    SetThreadpoolWait(wait, event, NULL);
    SetEvent(event);
    ok(WaitForSingleObject(r.done, HANG_MS) == WAIT_OBJECT_0, "no callback\n");
    SetEvent(event);
    WaitForThreadpoolWaitCallbacks(wait, FALSE);
    ok(r.count == 1, "%ld callbacks for one SetThreadpoolWait\n", r.count);
    ok(WaitForSingleObject(event, 0) == WAIT_OBJECT_0, "the second signal was consumed\n");

    /* cancelled */
    relative_ms(&timeout, 1000000);
    if (pSetThreadpoolWaitEx)
    {
        ok(!pSetThreadpoolWaitEx(wait, event, &timeout, NULL), "SetThreadpoolWaitEx reported a registered wait\n");
        ok(pSetThreadpoolWaitEx(wait, NULL, NULL, NULL), "SetThreadpoolWaitEx did not report the registered wait\n");
    }
    else
    {
        skip("SetThreadpoolWaitEx is missing\n");
        SetThreadpoolWait(wait, event, &timeout);
        SetThreadpoolWait(wait, NULL, NULL);
    }
    SetEvent(event);
    WaitForThreadpoolWaitCallbacks(wait, FALSE);
    ok(r.count == 1, "the cancelled wait ran\n");
    CloseThreadpoolWait(wait);
    CloseHandle(event);
    CloseHandle(r.done);
}

/* More waits than one thread can wait for. */
static void test_many_waits(void)
{
    enum { N = 150 };
    static HANDLE events[N];
    static PTP_WAIT waits[N];
    struct wait_result r;
    int i;

    r.done = CreateSemaphoreW(NULL, 0, N, NULL);
    r.count = 0;
    for (i = 0; i < N; i++)
    {
        events[i] = CreateEventW(NULL, FALSE, FALSE, NULL);
        waits[i] = CreateThreadpoolWait(wait_callback, &r, NULL);
        SetThreadpoolWait(waits[i], events[i], NULL);
    }
    for (i = N - 1; i >= 0; i--) SetEvent(events[i]);
    for (i = 0; i < N; i++)
        if (WaitForSingleObject(r.done, HANG_MS) != WAIT_OBJECT_0) break;
    ok(i == N, "%d of %d waits fired\n", i, N);
    for (i = 0; i < N; i++)
    {
        WaitForThreadpoolWaitCallbacks(waits[i], FALSE);
        CloseThreadpoolWait(waits[i]);
        CloseHandle(events[i]);
    }
    ok(r.count == N, "%ld callbacks\n", r.count);
    CloseHandle(r.done);
}

/* ------------------------------------------------------------------ cleanup groups */

static LONG cancel_calls;
static void *cancel_context;

/* Runs once CloseThreadpoolCleanupGroupMembers has waited for the member's callbacks. */
static void CALLBACK group_cancel(void *object_context, void *cleanup_context)
{
    InterlockedIncrement(&cancel_calls);
    cancel_context = cleanup_context;
}

static void CALLBACK count_simple(PTP_CALLBACK_INSTANCE instance, void *userdata)
{
    InterlockedIncrement((LONG *)userdata);
}

static void test_cleanup_group(void)
{
    TP_CALLBACK_ENVIRON env, blocker_env;
    PTP_CLEANUP_GROUP group;
    PTP_WORK work, blocker;
    struct blocker b;
    PTP_POOL pool;
    LONG count = 0;
    int i;

    group = CreateThreadpoolCleanupGroup();
    ok(group != NULL, "CreateThreadpoolCleanupGroup failed: %lu\n", GetLastError());
    InitializeThreadpoolEnvironment(&env);
    SetThreadpoolCallbackCleanupGroup(&env, group, group_cancel);
    work = CreateThreadpoolWork(count_work, &count, &env);
    for (i = 0; i < 10; i++) SubmitThreadpoolWork(work);
    for (i = 0; i < 10; i++) ok(TrySubmitThreadpoolCallback(count_simple, &count, &env), "submit failed\n");
    cancel_calls = 0;
    CloseThreadpoolCleanupGroupMembers(group, FALSE, NULL);
    ok(count == 20, "%ld callbacks ran before CloseThreadpoolCleanupGroupMembers returned\n", count);
    ok(!cancel_calls, "the cancel callback ran %ld times without cancelling\n", cancel_calls);

    /* cancelling: queued callbacks are dropped, the cancel callback runs per member.  The
     * blocker is no member: the group would wait for it before any cancel callback. */
    pool = CreateThreadpool(NULL);
    SetThreadpoolThreadMaximum(pool, 1);
    SetThreadpoolCallbackPool(&env, pool);
    init_env(&blocker_env, pool);
    blocker = create_blocker(&b, &blocker_env);
    work = CreateThreadpoolWork(count_work, &count, &env);
    hold_pool(blocker, &b);
    for (i = 0; i < 10; i++) SubmitThreadpoolWork(work);
    count = 0;
    CloseThreadpoolCleanupGroupMembers(group, TRUE, &count);
    ok(count == 0, "%ld cancelled callbacks ran\n", count);
    ok(cancel_calls == 1, "the cancel callback ran %ld times\n", cancel_calls);
    ok(cancel_context == &count, "cleanup context %p\n", cancel_context);
    SetEvent(b.release);
    WaitForThreadpoolWorkCallbacks(blocker, FALSE);
    ok(count == 0, "%ld cancelled callbacks ran after the pool's thread was free\n", count);
    CloseThreadpoolWork(blocker);
    CloseThreadpoolCleanupGroup(group);
    CloseThreadpool(pool);
    CloseHandle(b.started);
    CloseHandle(b.release);
}

/* ------------------------------------------------------------------ I/O */

static char *temp_file_name(char *buf, const char *tag)
{
    char dir[MAX_PATH];
    GetTempPathA(sizeof(dir), dir);
    sprintf(buf, "%swring_tp_%s_%lu.tmp", dir, tag, GetCurrentProcessId());
    return buf;
}

struct io_log
{
    HANDLE done;
    LONG count;
    void *overlapped;
    ULONG result;
    ULONG_PTR bytes;
    PTP_IO io;
};

static void CALLBACK io_callback(PTP_CALLBACK_INSTANCE instance, void *userdata, void *overlapped, ULONG result,
                                 ULONG_PTR bytes, PTP_IO io)
{
    struct io_log *log = userdata;
    log->overlapped = overlapped;
    log->result = result;
    log->bytes = bytes;
    log->io = io;
    InterlockedIncrement(&log->count);
    ReleaseSemaphore(log->done, 1, NULL);
}

static void test_io(void)
{
    char name[MAX_PATH], data[512], back[512];
    OVERLAPPED ov;
    struct io_log log;
    HANDLE file;
    PTP_IO io;
    BOOL ret;

    memset(&log, 0, sizeof(log));
    log.done = CreateSemaphoreW(NULL, 0, 100, NULL);
    file = CreateFileA(temp_file_name(name, "io"), GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                       FILE_FLAG_OVERLAPPED | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFile failed: %lu\n", GetLastError());

    io = CreateThreadpoolIo(file, io_callback, &log, NULL);
    ok(io != NULL, "CreateThreadpoolIo failed: %lu\n", GetLastError());
    ok(HeapValidate(GetProcessHeap(), 0, io), "the TP_IO is not a process heap block\n");

    memset(data, 'w', sizeof(data));
    memset(&ov, 0, sizeof(ov));
    StartThreadpoolIo(io);
    ret = WriteFile(file, data, sizeof(data), NULL, &ov);
    ok(ret || GetLastError() == ERROR_IO_PENDING, "WriteFile failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(log.done, HANG_MS) == WAIT_OBJECT_0, "no callback for the write\n");
    ok(log.overlapped == &ov, "overlapped %p, expected %p\n", log.overlapped, &ov);
    ok(log.result == ERROR_SUCCESS, "result %lu\n", log.result);
    ok(log.bytes == sizeof(data), "bytes %Iu\n", log.bytes);
    ok(log.io == io, "io %p, expected %p\n", log.io, io);

    /* a read that succeeds at once still runs the callback */
    memset(&ov, 0, sizeof(ov));
    StartThreadpoolIo(io);
    ret = ReadFile(file, back, sizeof(back), NULL, &ov);
    ok(ret || GetLastError() == ERROR_IO_PENDING, "ReadFile failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(log.done, HANG_MS) == WAIT_OBJECT_0, "no callback for the read\n");
    ok(log.result == ERROR_SUCCESS && log.bytes == sizeof(back), "result %lu, bytes %Iu\n", log.result, log.bytes);
    ok(!memcmp(back, data, sizeof(data)), "read back different data\n");

    /* a call that fails at once posts nothing: CancelThreadpoolIo takes the start back */
    memset(&ov, 0, sizeof(ov));
    StartThreadpoolIo(io);
    SetLastError(0xdeadbeef);
    ret = ReadFile(file, NULL, sizeof(back), NULL, &ov);
    ok(!ret && GetLastError() == ERROR_NOACCESS, "read into NULL: %d, error %lu\n", ret, GetLastError());
    CancelThreadpoolIo(io);
    WaitForThreadpoolIoCallbacks(io, FALSE);

    CloseThreadpoolIo(io);
    CloseHandle(file);
    CloseHandle(log.done);
}

/* The pool counts completions: one nobody announced is ignored, whichever packet it is.
 * One thread, so that the packets are taken in order. */
static void test_io_unannounced(void)
{
    char name[MAX_PATH], data[64];
    TP_CALLBACK_ENVIRON env;
    LONG drained = 0;
    PTP_WORK drain;
    OVERLAPPED ov[3];
    struct io_log log;
    HANDLE file;
    PTP_POOL pool;
    PTP_IO io;
    DWORD bytes;
    BOOL ret;
    int i;

    memset(&log, 0, sizeof(log));
    log.done = CreateSemaphoreW(NULL, 0, 100, NULL);
    pool = CreateThreadpool(NULL);
    SetThreadpoolThreadMaximum(pool, 1);
    init_env(&env, pool);
    file = CreateFileA(temp_file_name(name, "unannounced"), GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                       FILE_FLAG_OVERLAPPED | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    io = CreateThreadpoolIo(file, io_callback, &log, &env);
    ok(io != NULL, "CreateThreadpoolIo failed: %lu\n", GetLastError());
    memset(data, 5, sizeof(data));
    memset(ov, 0, sizeof(ov));
    for (i = 0; i < 3; i++)
    {
        ov[i].Offset = i * sizeof(data);
        ov[i].hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
        if (i) StartThreadpoolIo(io);
        ret = WriteFile(file, data, sizeof(data), NULL, &ov[i]);
        ok(ret || GetLastError() == ERROR_IO_PENDING, "WriteFile failed: %lu\n", GetLastError());
        ok(GetOverlappedResult(file, &ov[i], &bytes, TRUE) && bytes == sizeof(data), "write %d: %lu bytes\n", i, bytes);
    }
    for (i = 0; i < 2; i++)
        ok(WaitForSingleObject(log.done, HANG_MS) == WAIT_OBJECT_0, "callback %d did not run\n", i);
    WaitForThreadpoolIoCallbacks(io, FALSE);
    /* The ignored packet may still be queued, and would then reach a freed TP_IO (Microsoft
     * warns of memory corruption).  Every packet was queued before its write reported done,
     * and the pool's one thread takes them in order: once work posted now has run, none is left. */
    drain = CreateThreadpoolWork(count_work, &drained, &env);
    SubmitThreadpoolWork(drain);
    WaitForThreadpoolWorkCallbacks(drain, FALSE);
    CloseThreadpoolWork(drain);
    ok(drained == 1, "the draining work ran %ld times\n", drained);
    ok(log.count == 2, "%ld callbacks for 2 announced operations\n", log.count);
    CloseThreadpoolIo(io);
    for (i = 0; i < 3; i++) CloseHandle(ov[i].hEvent);
    CloseHandle(file);
    CloseThreadpool(pool);
    CloseHandle(log.done);
}

/* WaitForThreadpoolIoCallbacks(TRUE) drops the callback of a started operation, but the pool
 * cannot know whether a request is behind it: a later operation's completion still runs its
 * callback, and the TP_IO outlives CloseThreadpoolIo while the dropped one is outstanding. */
static void test_io_wait_cancel(void)
{
    char name[MAX_PATH], data[64];
    struct io_log log;
    OVERLAPPED ov;
    HANDLE file;
    PTP_IO io;
    BOOL ret;

    memset(&log, 0, sizeof(log));
    log.done = CreateSemaphoreW(NULL, 0, 100, NULL);
    file = CreateFileA(temp_file_name(name, "waitcancel"), GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                       FILE_FLAG_OVERLAPPED | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    io = CreateThreadpoolIo(file, io_callback, &log, NULL);
    ok(io != NULL, "CreateThreadpoolIo failed: %lu\n", GetLastError());

    StartThreadpoolIo(io);
    WaitForThreadpoolIoCallbacks(io, TRUE);
    ok(log.count == 0, "%ld callbacks for an operation never made\n", log.count);

    memset(data, 7, sizeof(data));
    memset(&ov, 0, sizeof(ov));
    StartThreadpoolIo(io);
    ret = WriteFile(file, data, sizeof(data), NULL, &ov);
    ok(ret || GetLastError() == ERROR_IO_PENDING, "WriteFile failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(log.done, HANG_MS) == WAIT_OBJECT_0, "no callback for the write after a cancelling wait\n");
    WaitForThreadpoolIoCallbacks(io, FALSE);
    ok(log.count == 1, "%ld callbacks, expected 1\n", log.count);
    ok(log.overlapped == &ov, "overlapped %p, expected %p\n", log.overlapped, &ov);
    ok(log.bytes == sizeof(data), "bytes %Iu\n", log.bytes);

    StartThreadpoolIo(io);
    WaitForThreadpoolIoCallbacks(io, TRUE);
    CloseThreadpoolIo(io);
    ok(HeapValidate(GetProcessHeap(), 0, io), "the TP_IO was freed with a dropped operation outstanding\n");
    CloseHandle(file);
    CloseHandle(log.done);
}

/* ------------------------------------------------------------------ callback priorities */

/* The order the callbacks of test_priority ran in, by id. */
static LONG order_next;
static int order_seen[8];

static void record_order(void *userdata)
{
    LONG slot = InterlockedIncrement(&order_next) - 1;
    if (slot < ARRAY_SIZE(order_seen)) order_seen[slot] = (int)(INT_PTR)userdata;
}

static void CALLBACK order_work(PTP_CALLBACK_INSTANCE instance, void *userdata, PTP_WORK work)
{
    record_order(userdata);
}

static void CALLBACK order_io(PTP_CALLBACK_INSTANCE instance, void *userdata, void *overlapped, ULONG result,
                              ULONG_PTR bytes, PTP_IO io)
{
    record_order(userdata);
}

static PTP_WORK priority_work(PTP_POOL pool, TP_CALLBACK_PRIORITY priority, int id)
{
    TP_CALLBACK_ENVIRON env;
    PTP_WORK work;

    init_env(&env, pool);
    SetThreadpoolCallbackPriority(&env, priority);
    work = CreateThreadpoolWork(order_work, (void *)(INT_PTR)id, &env);
    ok(work != NULL, "CreateThreadpoolWork (priority %d) failed: %lu\n", priority, GetLastError());
    return work;
}

static void check_order(const int *expected, int count, const char *what)
{
    int i;

    ok(order_next == count, "%s: %ld callbacks ran, expected %d\n", what, order_next, count);
    for (i = 0; i < count; i++)
        ok(order_seen[i] == expected[i], "%s: callback %d was %d, expected %d\n", what, i, order_seen[i], expected[i]);
}

/* With the pool's one thread held by a blocker, the queued callbacks run by priority, and in
 * submission order within one priority; an I/O completion waits behind work of higher priority. */
static void test_priority(void)
{
    static const TP_CALLBACK_PRIORITY priorities[5] = { TP_CALLBACK_PRIORITY_LOW, TP_CALLBACK_PRIORITY_NORMAL,
                                                        TP_CALLBACK_PRIORITY_HIGH, TP_CALLBACK_PRIORITY_LOW,
                                                        TP_CALLBACK_PRIORITY_HIGH };
    static const int work_order[5] = { 3, 5, 2, 1, 4 }, io_order[3] = { 7, 8, 6 };
    char name[MAX_PATH], data[64];
    TP_CALLBACK_ENVIRON env;
    PTP_WORK works[5], blocker, high, normal;
    struct blocker b;
    OVERLAPPED ov;
    HANDLE file;
    PTP_POOL pool;
    PTP_IO io;
    DWORD bytes;
    BOOL ret;
    int i;

    pool = create_one_thread_pool(&env);
    blocker = create_blocker(&b, &env);
    for (i = 0; i < 5; i++) works[i] = priority_work(pool, priorities[i], i + 1);

    order_next = 0;
    hold_pool(blocker, &b);
    for (i = 0; i < 5; i++) SubmitThreadpoolWork(works[i]);
    SetEvent(b.release);
    for (i = 0; i < 5; i++) WaitForThreadpoolWorkCallbacks(works[i], FALSE);
    check_order(work_order, 5, "work");

    /* a low-priority TP_IO whose write has completed, then normal and high work */
    file = CreateFileA(temp_file_name(name, "priority"), GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                       FILE_FLAG_OVERLAPPED | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFile failed: %lu\n", GetLastError());
    SetThreadpoolCallbackPriority(&env, TP_CALLBACK_PRIORITY_LOW);
    io = CreateThreadpoolIo(file, order_io, (void *)(INT_PTR)6, &env);
    ok(io != NULL, "CreateThreadpoolIo failed: %lu\n", GetLastError());
    normal = priority_work(pool, TP_CALLBACK_PRIORITY_NORMAL, 8);
    high = priority_work(pool, TP_CALLBACK_PRIORITY_HIGH, 7);

    order_next = 0;
    ResetEvent(b.release);
    hold_pool(blocker, &b);
    SubmitThreadpoolWork(normal);
    memset(data, 1, sizeof(data));
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    StartThreadpoolIo(io);
    ret = WriteFile(file, data, sizeof(data), NULL, &ov);
    ok(ret || GetLastError() == ERROR_IO_PENDING, "WriteFile failed: %lu\n", GetLastError());
    ok(GetOverlappedResult(file, &ov, &bytes, TRUE) && bytes == sizeof(data), "write: %lu bytes\n", bytes);
    SubmitThreadpoolWork(high);
    SetEvent(b.release);
    WaitForThreadpoolWorkCallbacks(normal, FALSE);
    WaitForThreadpoolWorkCallbacks(high, FALSE);
    WaitForThreadpoolIoCallbacks(io, FALSE);
    check_order(io_order, 3, "io");

    CloseThreadpoolIo(io);
    CloseHandle(file);
    CloseHandle(ov.hEvent);
    WaitForThreadpoolWorkCallbacks(blocker, FALSE);
    CloseThreadpoolWork(blocker);
    CloseThreadpoolWork(normal);
    CloseThreadpoolWork(high);
    for (i = 0; i < 5; i++) CloseThreadpoolWork(works[i]);
    CloseThreadpool(pool);
    CloseHandle(b.started);
    CloseHandle(b.release);
}

/* Closing a TP_IO with an operation announced frees it only after the completion. */
static void test_io_close_pending(void)
{
    char name[MAX_PATH], data[4096];
    struct io_log log;
    OVERLAPPED ov;
    HANDLE file;
    PTP_IO io;
    BOOL ret;

    memset(&log, 0, sizeof(log));
    log.done = CreateSemaphoreW(NULL, 0, 100, NULL);
    file = CreateFileA(temp_file_name(name, "close"), GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                       FILE_FLAG_OVERLAPPED | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    io = CreateThreadpoolIo(file, io_callback, &log, NULL);
    memset(data, 1, sizeof(data));
    memset(&ov, 0, sizeof(ov));
    StartThreadpoolIo(io);
    ret = WriteFile(file, data, sizeof(data), NULL, &ov);
    ok(ret || GetLastError() == ERROR_IO_PENDING, "WriteFile failed: %lu\n", GetLastError());
    CloseThreadpoolIo(io);
    ok(WaitForSingleObject(log.done, HANG_MS) == WAIT_OBJECT_0, "no callback after CloseThreadpoolIo\n");
    ok(log.bytes == sizeof(data), "bytes %Iu\n", log.bytes);
    CloseHandle(file);
    CloseHandle(log.done);
}

/* ------------------------------------------------------------------ scenario */

#define BLOCK 4096
#define BLOCKS 1024
#define ROUNDS 3
#define IN_FLIGHT 32

struct scenario
{
    HANDLE file;
    PTP_IO io;
    HANDLE slots;           /* semaphore: free request slots */
    unsigned char *disk;    /* what each block must hold */
    LONG aborted, failed, mismatched, completed;
};

struct request
{
    OVERLAPPED ov;
    struct scenario *s;
    BOOL write;
    int block;
    int round;
    LONG busy;              /* taken by the main thread, freed by the final callback */
    unsigned char buf[BLOCK];
};

static void fill_block(unsigned char *p, int block, int round)
{
    int i;
    for (i = 0; i < BLOCK; i++) p[i] = (unsigned char)(block * 31 + round * 7 + i * 13 + (i >> 8));
}

static void issue(struct request *r)
{
    BOOL ret;

    memset(&r->ov, 0, sizeof(r->ov));
    r->ov.Offset = r->block * BLOCK;
    StartThreadpoolIo(r->s->io);
    if (r->write) ret = WriteFile(r->s->file, r->buf, BLOCK, NULL, &r->ov);
    else ret = ReadFile(r->s->file, r->buf, BLOCK, NULL, &r->ov);
    if (!ret && GetLastError() != ERROR_IO_PENDING)
    {
        CancelThreadpoolIo(r->s->io);
        InterlockedIncrement(&r->s->failed);
        InterlockedExchange(&r->busy, 0);
        ReleaseSemaphore(r->s->slots, 1, NULL);
    }
}

static void CALLBACK scenario_callback(PTP_CALLBACK_INSTANCE instance, void *userdata, void *overlapped, ULONG result,
                                       ULONG_PTR bytes, PTP_IO io)
{
    struct request *r = CONTAINING_RECORD(overlapped, struct request, ov);
    struct scenario *s = userdata;

    if (result == ERROR_OPERATION_ABORTED)
    {
        /* cancelled before it ran: do it again */
        InterlockedIncrement(&s->aborted);
        issue(r);
        return;
    }
    if (result != ERROR_SUCCESS || bytes != BLOCK) InterlockedIncrement(&s->failed);
    else if (!r->write && memcmp(r->buf, s->disk + r->block * BLOCK, BLOCK)) InterlockedIncrement(&s->mismatched);
    InterlockedIncrement(&s->completed);
    InterlockedExchange(&r->busy, 0);
    ReleaseSemaphore(s->slots, 1, NULL);
}

static void test_io_scenario(void)
{
    static struct request requests[IN_FLIGHT];
    struct scenario s;
    char name[MAX_PATH];
    int round, op, ops = 0, i;

    memset(&s, 0, sizeof(s));
    s.disk = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, BLOCKS * BLOCK);
    s.slots = CreateSemaphoreW(NULL, IN_FLIGHT, IN_FLIGHT, NULL);
    s.file = CreateFileA(temp_file_name(name, "scenario"), GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                         FILE_FLAG_OVERLAPPED | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok(s.file != INVALID_HANDLE_VALUE, "CreateFile failed: %lu\n", GetLastError());
    s.io = CreateThreadpoolIo(s.file, scenario_callback, &s, NULL);
    ok(s.io != NULL, "CreateThreadpoolIo failed: %lu\n", GetLastError());

    for (round = 0; round < ROUNDS; round++)
    {
        /* write every block, then read every block back and compare, in a scattered order */
        for (op = 0; op < 2 * BLOCKS; op++)
        {
            struct request *r = NULL;
            int block = (op % BLOCKS) * 389 % BLOCKS;

            if (op == BLOCKS)
            {
                /* the reads must see every write: drain */
                for (i = 0; i < IN_FLIGHT; i++) WaitForSingleObject(s.slots, HANG_MS);
                ReleaseSemaphore(s.slots, IN_FLIGHT, NULL);
            }
            if (WaitForSingleObject(s.slots, HANG_MS) != WAIT_OBJECT_0) break;
            /* a request is free: find it */
            for (i = 0; !r; i = (i + 1) % IN_FLIGHT)
                if (!InterlockedCompareExchange(&requests[i].busy, 1, 0)) r = &requests[i];
            r->s = &s;
            r->write = op < BLOCKS;
            r->block = block;
            r->round = round;
            if (r->write)
            {
                fill_block(r->buf, block, round);
                memcpy(s.disk + block * BLOCK, r->buf, BLOCK);
            }
            issue(r);
            if (op % 7 == 3) CancelIoEx(s.file, &r->ov);
            ops++;
        }
        for (i = 0; i < IN_FLIGHT; i++) WaitForSingleObject(s.slots, HANG_MS);
        ReleaseSemaphore(s.slots, IN_FLIGHT, NULL);
    }
    WaitForThreadpoolIoCallbacks(s.io, FALSE);
    ok(ops == ROUNDS * 2 * BLOCKS, "%d operations issued\n", ops);
    ok(s.completed == ops, "%ld of %d operations completed\n", s.completed, ops);
    ok(!s.failed, "%ld operations failed\n", s.failed);
    ok(!s.mismatched, "%ld blocks read back wrong\n", s.mismatched);
    trace("%d operations, %ld cancelled and redone\n", ops, s.aborted);
    CloseThreadpoolIo(s.io);
    CloseHandle(s.file);
    CloseHandle(s.slots);
    HeapFree(GetProcessHeap(), 0, s.disk);
}

/* ------------------------------------------------------------------ the older API */

static DWORD WINAPI legacy_work(void *context)
{
    SetEvent(context);
    return 0;
}

static LONG legacy_count;
static BOOLEAN legacy_fired;

static void CALLBACK legacy_wait_or_timer(void *context, BOOLEAN timed_out)
{
    legacy_fired = timed_out;
    InterlockedIncrement(&legacy_count);
    ReleaseSemaphore(context, 1, NULL);
}

/* The later timer of test_spent_one_shot: by the time it runs, the spent timer's changed
 * due time has passed on the same timer thread. */
static LONG spent_count_seen;
static void CALLBACK legacy_read_count(void *context, BOOLEAN timed_out)
{
    spent_count_seen = legacy_count;
    SetEvent(context);
}

/* A one-shot queue timer that has expired is not updated by ChangeTimerQueueTimer
 * (documented; Wine's kernel32/sync test_timer_queue checks it from the callback). */
static void test_spent_one_shot(HANDLE semaphore)
{
    HANDLE queue = CreateTimerQueue(), timer, later, done = CreateEventW(NULL, TRUE, FALSE, NULL);

    legacy_count = 0;
    ok(CreateTimerQueueTimer(&timer, queue, legacy_wait_or_timer, semaphore, 1, 0, WT_EXECUTEINTIMERTHREAD),
       "CreateTimerQueueTimer failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(semaphore, HANG_MS) == WAIT_OBJECT_0, "the one-shot timer did not fire\n");
    ok(ChangeTimerQueueTimer(queue, timer, 5, 5), "ChangeTimerQueueTimer on a spent timer: %lu\n", GetLastError());
    ok(CreateTimerQueueTimer(&later, queue, legacy_read_count, done, 100, 0, WT_EXECUTEINTIMERTHREAD),
       "CreateTimerQueueTimer failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(done, HANG_MS) == WAIT_OBJECT_0, "the later timer did not fire\n");
    ok(spent_count_seen == 1, "the spent timer fired %ld times\n", spent_count_seen);
    ok(DeleteTimerQueueEx(queue, INVALID_HANDLE_VALUE), "DeleteTimerQueueEx failed: %lu\n", GetLastError());
    while (WaitForSingleObject(semaphore, 0) == WAIT_OBJECT_0);
    CloseHandle(done);
}

struct self_unregister
{
    HANDLE wait;            /* written by RegisterWaitForSingleObject */
    HANDLE done;
    BOOL saw_handle;
    BOOL unregistered;
};

static void CALLBACK unregister_self(void *context, BOOLEAN timed_out)
{
    struct self_unregister *u = context;
    u->saw_handle = u->wait != INVALID_HANDLE_VALUE;
    u->unregistered = u->saw_handle && UnregisterWait(u->wait);
    SetEvent(u->done);
}

/* RegisterWaitForSingleObject hands out the wait before it can fire, so a callback of an
 * object already signalled sees it; from its own WT_EXECUTEINWAITTHREAD callback the wait
 * unregisters at once (Wine's kernel32/thread test; Wine 8.0 returns ERROR_IO_PENDING). */
static void test_unregister_in_wait_thread(void)
{
    HANDLE event = CreateEventW(NULL, TRUE, TRUE, NULL);
    struct self_unregister u;

    u.done = CreateEventW(NULL, FALSE, FALSE, NULL);
    for (int i = 0; i < 20; i++)
    {
        u.wait = INVALID_HANDLE_VALUE;
        u.saw_handle = u.unregistered = FALSE;
        ok(RegisterWaitForSingleObject(&u.wait, event, unregister_self, &u, INFINITE,
                                       WT_EXECUTEONLYONCE | WT_EXECUTEINWAITTHREAD),
           "RegisterWaitForSingleObject failed: %lu\n", GetLastError());
        ok(WaitForSingleObject(u.done, HANG_MS) == WAIT_OBJECT_0, "the callback did not run\n");
        ok(u.saw_handle, "round %d: the callback ran before the wait handle was returned\n", i);
        todo_wine ok(u.unregistered, "round %d: UnregisterWait from its own wait-thread callback failed\n", i);
    }
    /* Wine 8.0 takes INVALID_HANDLE_VALUE for a wait and faults: asked there, the test would end */
    if (winetest_platform_is_wine) skip("UnregisterWait(INVALID_HANDLE_VALUE) faults in Wine 8.0\n");
    else
    {
        SetLastError(0xdeadbeef);
        ok(!UnregisterWait(INVALID_HANDLE_VALUE) && GetLastError() == ERROR_INVALID_HANDLE,
           "UnregisterWait(INVALID_HANDLE_VALUE): %lu\n", GetLastError());
    }
    CloseHandle(u.done);
    CloseHandle(event);
}

static HANDLE bind_done;
static DWORD bind_error, bind_bytes;
static OVERLAPPED *bind_overlapped;

static void CALLBACK bind_callback(DWORD error, DWORD bytes, OVERLAPPED *overlapped)
{
    bind_error = error;
    bind_bytes = bytes;
    bind_overlapped = overlapped;
    SetEvent(bind_done);
}

static void test_legacy(void)
{
    HANDLE event = CreateEventW(NULL, FALSE, FALSE, NULL);
    HANDLE semaphore = CreateSemaphoreW(NULL, 0, 100, NULL);
    HANDLE wait, timer, queue, file;
    char name[MAX_PATH], data[100];
    OVERLAPPED ov;
    BOOL ret;
    int i;

    ok(QueueUserWorkItem(legacy_work, event, WT_EXECUTEDEFAULT), "QueueUserWorkItem failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(event, HANG_MS) == WAIT_OBJECT_0, "the work item did not run\n");

    /* registered waits: signalled, then timed out, then repeating */
    ok(RegisterWaitForSingleObject(&wait, event, legacy_wait_or_timer, semaphore, INFINITE, WT_EXECUTEONLYONCE),
       "RegisterWaitForSingleObject failed: %lu\n", GetLastError());
    SetEvent(event);
    ok(WaitForSingleObject(semaphore, HANG_MS) == WAIT_OBJECT_0, "the registered wait did not fire\n");
    ok(!legacy_fired, "the signalled wait reported a timeout\n");
    ok(UnregisterWaitEx(wait, INVALID_HANDLE_VALUE), "UnregisterWaitEx failed: %lu\n", GetLastError());

    ok(RegisterWaitForSingleObject(&wait, event, legacy_wait_or_timer, semaphore, 10, WT_EXECUTEONLYONCE),
       "RegisterWaitForSingleObject failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(semaphore, HANG_MS) == WAIT_OBJECT_0, "the registered wait did not time out\n");
    ok(legacy_fired, "the timed-out wait reported a signal\n");
    ok(UnregisterWaitEx(wait, INVALID_HANDLE_VALUE), "UnregisterWaitEx failed: %lu\n", GetLastError());

    ok(RegisterWaitForSingleObject(&wait, event, legacy_wait_or_timer, semaphore, INFINITE, WT_EXECUTEDEFAULT),
       "RegisterWaitForSingleObject failed: %lu\n", GetLastError());
    for (i = 0; i < 3; i++)
    {
        SetEvent(event);
        ok(WaitForSingleObject(semaphore, HANG_MS) == WAIT_OBJECT_0, "repeat %d did not fire\n", i);
    }
    ok(UnregisterWaitEx(wait, INVALID_HANDLE_VALUE), "UnregisterWaitEx failed: %lu\n", GetLastError());

    /* timer queues */
    ok(CreateTimerQueueTimer(&timer, NULL, legacy_wait_or_timer, semaphore, 10, 0, WT_EXECUTEDEFAULT),
       "CreateTimerQueueTimer failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(semaphore, HANG_MS) == WAIT_OBJECT_0, "the timer did not fire\n");
    ok(legacy_fired, "a timer callback got FALSE\n");
    ok(DeleteTimerQueueTimer(NULL, timer, INVALID_HANDLE_VALUE), "DeleteTimerQueueTimer failed: %lu\n",
       GetLastError());

    queue = CreateTimerQueue();
    ok(queue != NULL, "CreateTimerQueue failed: %lu\n", GetLastError());
    ok(CreateTimerQueueTimer(&timer, queue, legacy_wait_or_timer, semaphore, 1000000, 0, WT_EXECUTEDEFAULT),
       "CreateTimerQueueTimer failed: %lu\n", GetLastError());
    ok(ChangeTimerQueueTimer(queue, timer, 5, 5), "ChangeTimerQueueTimer failed: %lu\n", GetLastError());
    for (i = 0; i < 3; i++)
        ok(WaitForSingleObject(semaphore, HANG_MS) == WAIT_OBJECT_0, "periodic expiry %d did not come\n", i);
    ok(DeleteTimerQueueEx(queue, INVALID_HANDLE_VALUE), "DeleteTimerQueueEx failed: %lu\n", GetLastError());
    while (WaitForSingleObject(semaphore, 0) == WAIT_OBJECT_0);
    test_spent_one_shot(semaphore);
    test_unregister_in_wait_thread();

    queue = CreateTimerQueue();
    ok(CreateTimerQueueTimer(&timer, queue, legacy_wait_or_timer, semaphore, 1000000, 0, WT_EXECUTEDEFAULT),
       "CreateTimerQueueTimer failed: %lu\n", GetLastError());
    ResetEvent(event);
    SetLastError(0xdeadbeef);
    ret = DeleteTimerQueueEx(queue, event);
    ok(!ret && GetLastError() == ERROR_IO_PENDING, "DeleteTimerQueueEx with an event: %d, error %lu\n", ret,
       GetLastError());
    ok(WaitForSingleObject(event, HANG_MS) == WAIT_OBJECT_0, "the deletion event was not set\n");

    /* nothing running: the non-blocking deletions succeed at once, except the queue's */
    queue = CreateTimerQueue();
    ok(CreateTimerQueueTimer(&timer, queue, legacy_wait_or_timer, semaphore, 1000000, 0, WT_EXECUTEDEFAULT),
       "CreateTimerQueueTimer failed: %lu\n", GetLastError());
    /* ERROR_IO_PENDING is only for callbacks still outstanding (Microsoft's documentation);
     * Wine 8.0 reports it always */
    todo_wine ok(DeleteTimerQueueTimer(queue, timer, NULL), "DeleteTimerQueueTimer failed: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ret = DeleteTimerQueueEx(queue, NULL);
    ok(!ret && GetLastError() == ERROR_IO_PENDING, "DeleteTimerQueueEx without an event: %d, error %lu\n", ret,
       GetLastError());
    ok(RegisterWaitForSingleObject(&wait, event, legacy_wait_or_timer, semaphore, INFINITE, WT_EXECUTEDEFAULT),
       "RegisterWaitForSingleObject failed: %lu\n", GetLastError());
    ok(UnregisterWait(wait), "UnregisterWait failed: %lu\n", GetLastError());

    /* BindIoCompletionCallback */
    bind_done = CreateEventW(NULL, FALSE, FALSE, NULL);
    file = CreateFileA(temp_file_name(name, "bind"), GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                       FILE_FLAG_OVERLAPPED | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok(BindIoCompletionCallback(file, bind_callback, 0), "BindIoCompletionCallback failed: %lu\n", GetLastError());
    memset(&ov, 0, sizeof(ov));
    memset(data, 3, sizeof(data));
    ret = WriteFile(file, data, sizeof(data), NULL, &ov);
    ok(ret || GetLastError() == ERROR_IO_PENDING, "WriteFile failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(bind_done, HANG_MS) == WAIT_OBJECT_0, "the bound callback did not run\n");
    ok(!bind_error && bind_bytes == sizeof(data) && bind_overlapped == &ov, "error %lu bytes %lu ov %p\n",
       bind_error, bind_bytes, bind_overlapped);
    CloseHandle(file);
    CloseHandle(bind_done);
    CloseHandle(event);
    CloseHandle(semaphore);
}

/* WT_EXECUTEINWAITTHREAD and WT_EXECUTEINTIMERTHREAD: the callbacks run on the wait or timer
 * thread itself, one after the other.  The first callback signals the second's event while it
 * still runs, so a pool would have to run the second on another thread. */
struct own_thread
{
    HANDLE second;      /* what the first callback signals */
    HANDLE done;
    DWORD tids[2];
    LONG next;
};

static void CALLBACK own_thread_callback(void *context, BOOLEAN timed_out)
{
    struct own_thread *o = context;
    LONG me = InterlockedIncrement(&o->next) - 1;

    if (me > 1) return;
    o->tids[me] = GetCurrentThreadId();
    if (!me)
    {
        if (o->second) SetEvent(o->second);
        return;
    }
    SetEvent(o->done);
}

static void check_own_thread(struct own_thread *o, const char *what)
{
    ok(WaitForSingleObject(o->done, HANG_MS) == WAIT_OBJECT_0, "%s: the second callback did not run\n", what);
    ok(o->tids[0] && o->tids[0] == o->tids[1], "%s: the callbacks ran on threads %lx and %lx\n", what,
       o->tids[0], o->tids[1]);
    ok(o->tids[0] != GetCurrentThreadId(), "%s: a callback ran on the caller's thread\n", what);
}

static void test_legacy_own_thread(void)
{
    HANDLE first = CreateEventW(NULL, FALSE, FALSE, NULL), second = CreateEventW(NULL, FALSE, FALSE, NULL);
    HANDLE waits[2], timers[2], queue;
    struct own_thread o;

    memset(&o, 0, sizeof(o));
    o.second = second;
    o.done = CreateEventW(NULL, TRUE, FALSE, NULL);
    ok(RegisterWaitForSingleObject(&waits[0], first, own_thread_callback, &o, INFINITE,
                                   WT_EXECUTEINWAITTHREAD | WT_EXECUTEONLYONCE),
       "RegisterWaitForSingleObject failed: %lu\n", GetLastError());
    ok(RegisterWaitForSingleObject(&waits[1], o.second, own_thread_callback, &o, INFINITE,
                                   WT_EXECUTEINWAITTHREAD | WT_EXECUTEONLYONCE),
       "RegisterWaitForSingleObject failed: %lu\n", GetLastError());
    SetEvent(first);
    check_own_thread(&o, "wait thread");
    ok(UnregisterWaitEx(waits[0], INVALID_HANDLE_VALUE), "UnregisterWaitEx failed: %lu\n", GetLastError());
    ok(UnregisterWaitEx(waits[1], INVALID_HANDLE_VALUE), "UnregisterWaitEx failed: %lu\n", GetLastError());

    /* two timers of one queue due at once */
    CloseHandle(o.done);
    memset(&o, 0, sizeof(o));
    o.done = CreateEventW(NULL, TRUE, FALSE, NULL);
    queue = CreateTimerQueue();
    ok(queue != NULL, "CreateTimerQueue failed: %lu\n", GetLastError());
    ok(CreateTimerQueueTimer(&timers[0], queue, own_thread_callback, &o, 0, 0,
                             WT_EXECUTEINTIMERTHREAD | WT_EXECUTEONLYONCE),
       "CreateTimerQueueTimer failed: %lu\n", GetLastError());
    ok(CreateTimerQueueTimer(&timers[1], queue, own_thread_callback, &o, 0, 0,
                             WT_EXECUTEINTIMERTHREAD | WT_EXECUTEONLYONCE),
       "CreateTimerQueueTimer failed: %lu\n", GetLastError());
    check_own_thread(&o, "timer thread");
    ok(DeleteTimerQueueEx(queue, INVALID_HANDLE_VALUE), "DeleteTimerQueueEx failed: %lu\n", GetLastError());

    CloseHandle(first);
    CloseHandle(second);
    CloseHandle(o.done);
}

/* kernel32 forwards these to ntdll, as Windows does. */
static void test_forwarders(void)
{
    static const char *pairs[][2] =
    {
        { "StartThreadpoolIo", "TpStartAsyncIoOperation" },
        { "CancelThreadpoolIo", "TpCancelAsyncIoOperation" },
        { "CloseThreadpoolIo", "TpReleaseIoCompletion" },
        { "WaitForThreadpoolIoCallbacks", "TpWaitForIoCompletion" },
        { "SubmitThreadpoolWork", "TpPostWork" },
        { "CloseThreadpoolWork", "TpReleaseWork" },
        { "SetThreadpoolTimer", "TpSetTimer" },
        { "CloseThreadpool", "TpReleasePool" },
    };
    HMODULE kernel32 = GetModuleHandleA("kernel32.dll"), ntdll = GetModuleHandleA("ntdll.dll");
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(pairs); i++)
    {
        void *k = GetProcAddress(kernel32, pairs[i][0]), *n = GetProcAddress(ntdll, pairs[i][1]);
        ok(k && k == n, "%s is %p, ntdll.%s %p\n", pairs[i][0], k, pairs[i][1], n);
    }
}

START_TEST(threadpool)
{
    HMODULE kernel32 = GetModuleHandleA("kernel32.dll");

    pSetThreadpoolTimerEx = (void *)GetProcAddress(kernel32, "SetThreadpoolTimerEx");
    pSetThreadpoolWaitEx = (void *)GetProcAddress(kernel32, "SetThreadpoolWaitEx");
    test_work();
    test_work_cancel();
    test_work_grows();
    test_simple_and_actions();
    test_disassociate();
    test_may_run_long();
    test_timer();
    test_wait();
    test_many_waits();
    test_cleanup_group();
    test_io();
    test_io_unannounced();
    test_io_wait_cancel();
    test_io_close_pending();
    test_priority();
    test_io_scenario();
    test_legacy();
    test_legacy_own_thread();
    test_forwarders();
}
