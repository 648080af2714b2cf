/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Threads: creation (suspended or not), exit codes, termination, OpenThread, ids, priorities,
 * suspend counts, stack limits, APCs and alertable waits, and the DLL_THREAD_ATTACH/DETACH
 * notifications a DLL sees (loader_tls.dll, next to the exe).  Every check is about an
 * outcome, never about how long something took.
 */
#include <string.h>
#include <windows.h>
#include <winternl.h>
#include "wine/test.h"

/* Long enough that only a lost wake-up reaches it; its expiry is itself a failure. */
#define HANG_MS 30000

static HANDLE bogus_handle(void)
{
    return (HANDLE)(ULONG_PTR)0xdead0;
}

struct thread_args
{
    HANDLE ready;   /* set by the thread once it runs */
    HANDLE go;      /* the thread waits for it */
    DWORD id;       /* the thread's own GetCurrentThreadId() */
    DWORD code;     /* what the thread returns */
    LONG ran;
};

static DWORD WINAPI simple_thread(void *param)
{
    struct thread_args *args = param;

    args->id = GetCurrentThreadId();
    InterlockedIncrement(&args->ran);
    if (args->ready) SetEvent(args->ready);
    if (args->go) WaitForSingleObject(args->go, HANG_MS);
    return args->code;
}

static void test_create_thread(void)
{
    struct thread_args args = { 0 };
    DWORD id = 0, code = 0xdeadbeef, ret;
    HANDLE thread;

    args.ready = CreateEventA(NULL, TRUE, FALSE, NULL);
    args.go = CreateEventA(NULL, TRUE, FALSE, NULL);
    args.code = 0x1234abcd;
    thread = CreateThread(NULL, 0, simple_thread, &args, 0, &id);
    ok(thread != NULL, "CreateThread failed: %lu\n", GetLastError());
    if (!thread) return;
    ok(id != 0 && id != GetCurrentThreadId(), "thread id %lu\n", id);
    ok(WaitForSingleObject(args.ready, HANG_MS) == WAIT_OBJECT_0, "thread did not start\n");
    ok(args.id == id, "CreateThread id %lu, the thread says %lu\n", id, args.id);
    ok(GetThreadId(thread) == id, "GetThreadId %lu, expected %lu\n", GetThreadId(thread), id);
    ok(GetProcessIdOfThread(thread) == GetCurrentProcessId(), "GetProcessIdOfThread %lu\n",
       GetProcessIdOfThread(thread));
    ok(GetExitCodeThread(thread, &code) && code == STILL_ACTIVE, "running thread: code %#lx\n", code);
    ok(WaitForSingleObject(thread, 0) == WAIT_TIMEOUT, "a running thread's handle is signalled\n");

    SetEvent(args.go);
    ret = WaitForSingleObject(thread, HANG_MS);
    ok(ret == WAIT_OBJECT_0, "wait on the thread returned %#lx\n", ret);
    ok(GetExitCodeThread(thread, &code) && code == 0x1234abcd, "exit code %#lx\n", code);
    /* the handle stays signalled, and the id stays readable, after the thread is gone */
    ok(WaitForSingleObject(thread, 0) == WAIT_OBJECT_0, "an exited thread's handle is not signalled\n");
    ok(GetThreadId(thread) == id, "GetThreadId after exit %lu\n", GetThreadId(thread));
    ok(CloseHandle(thread), "CloseHandle failed: %lu\n", GetLastError());

    /* the id pointer may be NULL */
    args.code = 7;
    thread = CreateThread(NULL, 0, simple_thread, &args, 0, NULL);
    ok(thread != NULL, "CreateThread without an id failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "thread did not finish\n");
    ok(GetExitCodeThread(thread, &code) && code == 7, "exit code %lu\n", code);
    CloseHandle(thread);

    /* CreateRemoteThread(Ex) on the current process is CreateThread */
    args.code = 8;
    thread = CreateRemoteThread(GetCurrentProcess(), NULL, 0, simple_thread, &args, 0, &id);
    ok(thread != NULL, "CreateRemoteThread failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "thread did not finish\n");
    ok(GetExitCodeThread(thread, &code) && code == 8, "exit code %lu\n", code);
    ok(args.id == id, "CreateRemoteThread id %lu, the thread says %lu\n", id, args.id);
    CloseHandle(thread);

    args.code = 9;
    thread = CreateRemoteThreadEx(GetCurrentProcess(), NULL, 0, simple_thread, &args, 0, NULL, &id);
    ok(thread != NULL, "CreateRemoteThreadEx failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "thread did not finish\n");
    ok(GetExitCodeThread(thread, &code) && code == 9, "exit code %lu\n", code);
    CloseHandle(thread);

    CloseHandle(args.ready);
    CloseHandle(args.go);
}

static DWORD WINAPI exit_thread_proc(void *param)
{
    ExitThread((DWORD)(ULONG_PTR)param);
}

static void test_exit_thread(void)
{
    DWORD code = 0;
    HANDLE thread;

    thread = CreateThread(NULL, 0, exit_thread_proc, (void *)(ULONG_PTR)0xc0ffee, 0, NULL);
    ok(thread != NULL, "CreateThread failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "thread did not exit\n");
    ok(GetExitCodeThread(thread, &code) && code == 0xc0ffee, "ExitThread code %#lx\n", code);
    CloseHandle(thread);
}

static void test_suspended(void)
{
    struct thread_args args = { 0 };
    DWORD code = 0, ret;
    HANDLE thread;

    args.code = 42;
    thread = CreateThread(NULL, 0, simple_thread, &args, CREATE_SUSPENDED, NULL);
    ok(thread != NULL, "CreateThread(CREATE_SUSPENDED) failed: %lu\n", GetLastError());
    if (!thread) return;
    ok(WaitForSingleObject(thread, 0) == WAIT_TIMEOUT, "suspended thread finished\n");
    ok(!args.ran, "suspended thread ran\n");
    ok(GetExitCodeThread(thread, &code) && code == STILL_ACTIVE, "suspended thread code %lu\n", code);
    ret = SuspendThread(thread);
    ok(ret == 1, "SuspendThread returned %lu, expected the previous count 1\n", ret);
    ret = ResumeThread(thread);
    ok(ret == 2, "ResumeThread returned %lu, expected 2\n", ret);
    ok(WaitForSingleObject(thread, 0) == WAIT_TIMEOUT, "thread ran with a suspend count of 1\n");
    ok(!args.ran, "thread ran with a suspend count of 1\n");
    ret = ResumeThread(thread);
    ok(ret == 1, "ResumeThread returned %lu, expected 1\n", ret);
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "resumed thread did not finish\n");
    ok(args.ran == 1, "thread ran %ld times\n", args.ran);
    ok(GetExitCodeThread(thread, &code) && code == 42, "exit code %lu\n", code);
    CloseHandle(thread);

    /* a running thread has a suspend count of 0 */
    args.ran = 0;
    args.go = CreateEventA(NULL, TRUE, FALSE, NULL);
    args.ready = CreateEventA(NULL, TRUE, FALSE, NULL);
    thread = CreateThread(NULL, 0, simple_thread, &args, 0, NULL);
    ok(WaitForSingleObject(args.ready, HANG_MS) == WAIT_OBJECT_0, "thread did not start\n");
    ret = ResumeThread(thread);
    ok(ret == 0, "ResumeThread on a running thread returned %lu\n", ret);
    ret = SuspendThread(thread);
    ok(ret == 0, "SuspendThread on a running thread returned %lu\n", ret);
    ret = SuspendThread(thread);
    ok(ret == 1, "second SuspendThread returned %lu\n", ret);
    ret = ResumeThread(thread);
    ok(ret == 2, "ResumeThread returned %lu\n", ret);
    ret = ResumeThread(thread);
    ok(ret == 1, "ResumeThread returned %lu\n", ret);
    SetEvent(args.go);
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "thread did not finish after resume\n");
    CloseHandle(thread);
    CloseHandle(args.go);
    CloseHandle(args.ready);

    SetLastError(0xdeadbeef);
    ok(ResumeThread(bogus_handle()) == ~0u && GetLastError() == ERROR_INVALID_HANDLE,
       "ResumeThread(bogus): error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(SuspendThread(bogus_handle()) == ~0u && GetLastError() == ERROR_INVALID_HANDLE,
       "SuspendThread(bogus): error %lu\n", GetLastError());
}

static DWORD WINAPI blocked_thread(void *param)
{
    WaitForSingleObject(param, INFINITE);
    return 1;
}

static void test_terminate(void)
{
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE thread, opened;
    DWORD code = 0, id;

    thread = CreateThread(NULL, 0, blocked_thread, event, 0, &id);
    ok(thread != NULL, "CreateThread failed: %lu\n", GetLastError());
    opened = OpenThread(THREAD_ALL_ACCESS, FALSE, id);
    ok(opened != NULL && opened != thread, "OpenThread failed: %lu\n", GetLastError());
    ok(GetThreadId(opened) == id, "OpenThread gave thread %lu, expected %lu\n", GetThreadId(opened), id);
    ok(TerminateThread(thread, 0x77), "TerminateThread failed: %lu\n", GetLastError());
    /* both handles are signalled: they name the same thread */
    ok(WaitForSingleObject(opened, HANG_MS) == WAIT_OBJECT_0, "terminated thread not signalled\n");
    ok(WaitForSingleObject(thread, 0) == WAIT_OBJECT_0, "terminated thread not signalled\n");
    ok(GetExitCodeThread(thread, &code) && code == 0x77, "terminated thread code %#lx\n", code);
    ok(GetExitCodeThread(opened, &code) && code == 0x77, "opened handle code %#lx\n", code);
    CloseHandle(opened);
    CloseHandle(thread);
    CloseHandle(event);

    SetLastError(0xdeadbeef);
    ok(!TerminateThread(NULL, 0) && GetLastError() == ERROR_INVALID_HANDLE,
       "TerminateThread(NULL): error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!TerminateThread(bogus_handle(), 0) && GetLastError() == ERROR_INVALID_HANDLE,
       "TerminateThread(bogus): error %lu\n", GetLastError());
}

static void test_invalid_handles(void)
{
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    DWORD code;

    SetLastError(0xdeadbeef);
    ok(!GetExitCodeThread(NULL, &code) && GetLastError() == ERROR_INVALID_HANDLE,
       "GetExitCodeThread(NULL): error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!GetExitCodeThread(bogus_handle(), &code) && GetLastError() == ERROR_INVALID_HANDLE,
       "GetExitCodeThread(bogus): error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!GetExitCodeThread(event, &code) && GetLastError() == ERROR_INVALID_HANDLE,
       "GetExitCodeThread(event): error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!GetThreadId(bogus_handle()) && GetLastError() == ERROR_INVALID_HANDLE,
       "GetThreadId(bogus): error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!GetThreadId(event) && GetLastError() == ERROR_INVALID_HANDLE,
       "GetThreadId(event): error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!GetProcessIdOfThread(bogus_handle()) && GetLastError() == ERROR_INVALID_HANDLE,
       "GetProcessIdOfThread(bogus): error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(GetThreadPriority(bogus_handle()) == THREAD_PRIORITY_ERROR_RETURN &&
       GetLastError() == ERROR_INVALID_HANDLE, "GetThreadPriority(bogus): error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!SetThreadPriority(bogus_handle(), 0) && GetLastError() == ERROR_INVALID_HANDLE,
       "SetThreadPriority(bogus): error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!OpenThread(THREAD_ALL_ACCESS, FALSE, 0) && GetLastError() == ERROR_INVALID_PARAMETER,
       "OpenThread(0): error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!OpenThread(THREAD_ALL_ACCESS, FALSE, 0xfffffff0) && GetLastError() == ERROR_INVALID_PARAMETER,
       "OpenThread(no such id): error %lu\n", GetLastError());
    CloseHandle(event);
}

static void test_current_thread(void)
{
    HANDLE self;
    DWORD code = 0;

    /* the pseudo handle works with every thread function */
    ok(GetThreadId(GetCurrentThread()) == GetCurrentThreadId(), "GetThreadId(pseudo) %lu\n",
       GetThreadId(GetCurrentThread()));
    ok(GetExitCodeThread(GetCurrentThread(), &code) && code == STILL_ACTIVE, "own exit code %lu\n", code);
    ok(WaitForSingleObject(GetCurrentThread(), 0) == WAIT_TIMEOUT, "own thread is signalled\n");
    self = OpenThread(THREAD_QUERY_INFORMATION, FALSE, GetCurrentThreadId());
    ok(self != NULL, "OpenThread(self) failed: %lu\n", GetLastError());
    ok(GetThreadId(self) == GetCurrentThreadId(), "OpenThread(self) is thread %lu\n", GetThreadId(self));
    CloseHandle(self);
    /* SwitchToThread says whether another thread ran; either answer is right */
    SwitchToThread();
}

static void test_priority(void)
{
    static const int values[] = { THREAD_PRIORITY_IDLE, THREAD_PRIORITY_LOWEST, THREAD_PRIORITY_BELOW_NORMAL,
                                  THREAD_PRIORITY_NORMAL, THREAD_PRIORITY_ABOVE_NORMAL,
                                  THREAD_PRIORITY_HIGHEST, THREAD_PRIORITY_TIME_CRITICAL };
    struct thread_args args = { 0 };
    HANDLE thread;
    unsigned int i;
    int prio;

    args.go = CreateEventA(NULL, TRUE, FALSE, NULL);
    thread = CreateThread(NULL, 0, simple_thread, &args, 0, NULL);
    prio = GetThreadPriority(thread);
    ok(prio == THREAD_PRIORITY_NORMAL, "new thread priority %d\n", prio);
    for (i = 0; i < ARRAY_SIZE(values); i++)
    {
        ok(SetThreadPriority(thread, values[i]), "SetThreadPriority(%d) failed: %lu\n", values[i], GetLastError());
        prio = GetThreadPriority(thread);
        ok(prio == values[i], "priority %d, expected %d\n", prio, values[i]);
    }
    SetLastError(0xdeadbeef);
    ok(!SetThreadPriority(thread, 3) && GetLastError() == ERROR_INVALID_PARAMETER,
       "SetThreadPriority(3): error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!SetThreadPriority(thread, -3) && GetLastError() == ERROR_INVALID_PARAMETER,
       "SetThreadPriority(-3): error %lu\n", GetLastError());
    prio = GetThreadPriority(thread);
    ok(prio == THREAD_PRIORITY_TIME_CRITICAL, "a refused value changed the priority to %d\n", prio);
    SetEvent(args.go);
    WaitForSingleObject(thread, HANG_MS);
    CloseHandle(thread);
    CloseHandle(args.go);

    ok(SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_BELOW_NORMAL), "SetThreadPriority(self) failed\n");
    ok(GetThreadPriority(GetCurrentThread()) == THREAD_PRIORITY_BELOW_NORMAL, "own priority %d\n",
       GetThreadPriority(GetCurrentThread()));
    ok(SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_NORMAL), "SetThreadPriority(self) failed\n");
}

struct stack_info
{
    ULONG_PTR low, high, local;
};

static DWORD WINAPI stack_thread(void *param)
{
    struct stack_info *info = param;
    volatile char local = 0;

    GetCurrentThreadStackLimits(&info->low, &info->high);
    info->local = (ULONG_PTR)&local;
    return 0;
}

static void test_stack(void)
{
    struct stack_info info = { 0 };
    HANDLE thread;
    ULONG_PTR low, high;
    char local;

    GetCurrentThreadStackLimits(&low, &high);
    ok(low < (ULONG_PTR)&local && (ULONG_PTR)&local < high, "main stack %#Ix-%#Ix, local at %p\n",
       low, high, &local);

    thread = CreateThread(NULL, 4 << 20, stack_thread, &info, STACK_SIZE_PARAM_IS_A_RESERVATION, NULL);
    ok(thread != NULL, "CreateThread with a 4 MiB reservation failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "thread did not finish\n");
    CloseHandle(thread);
    ok(info.low < info.local && info.local < info.high, "thread stack %#Ix-%#Ix, local at %#Ix\n",
       info.low, info.high, info.local);
    ok(info.high - info.low >= (4 << 20), "thread stack of %#Ix bytes, asked for 4 MiB\n", info.high - info.low);
    ok(info.high <= low || info.low >= high, "the thread's stack overlaps the main one\n");

    memset(&info, 0, sizeof(info));
    thread = CreateThread(NULL, 256 << 10, stack_thread, &info, 0, NULL);
    ok(thread != NULL, "CreateThread with a 256 KiB commit failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "thread did not finish\n");
    CloseHandle(thread);
    ok(info.high - info.low >= (256 << 10), "thread stack of %#Ix bytes, asked for 256 KiB\n",
       info.high - info.low);
}

/* ---------------------------------------------------------------- APCs */

static DWORD apc_order[8];
static LONG apc_count;
static DWORD apc_thread_id;

static void CALLBACK record_apc(ULONG_PTR data)
{
    LONG n = InterlockedIncrement(&apc_count);
    if (n <= (LONG)ARRAY_SIZE(apc_order)) apc_order[n - 1] = (DWORD)data;
    apc_thread_id = GetCurrentThreadId();
}

static void test_apc_self(void)
{
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    DWORD ret;

    apc_count = 0;
    ok(QueueUserAPC(record_apc, GetCurrentThread(), 1), "QueueUserAPC failed: %lu\n", GetLastError());
    ok(QueueUserAPC(record_apc, GetCurrentThread(), 2), "QueueUserAPC failed: %lu\n", GetLastError());
    ok(QueueUserAPC(record_apc, GetCurrentThread(), 3), "QueueUserAPC failed: %lu\n", GetLastError());
    /* non-alertable waits leave them queued */
    Sleep(0);
    ok(WaitForSingleObjectEx(event, 0, FALSE) == WAIT_TIMEOUT, "non-alertable wait\n");
    ok(SleepEx(0, FALSE) == 0, "SleepEx(0, FALSE)\n");
    ok(apc_count == 0, "%ld APCs ran in non-alertable waits\n", apc_count);

    /* one alertable wait runs them all, first queued first */
    ret = SleepEx(INFINITE, TRUE);
    ok(ret == WAIT_IO_COMPLETION, "SleepEx(INFINITE, TRUE) returned %lu\n", ret);
    ok(apc_count == 3, "%ld APCs ran\n", apc_count);
    ok(apc_order[0] == 1 && apc_order[1] == 2 && apc_order[2] == 3, "APC order %lu %lu %lu\n",
       apc_order[0], apc_order[1], apc_order[2]);
    ok(apc_thread_id == GetCurrentThreadId(), "APC ran on thread %lu\n", apc_thread_id);
    ret = SleepEx(0, TRUE);
    ok(ret == 0, "SleepEx with no APC left returned %lu\n", ret);

    /* every alertable wait runs APCs: an alertable wait on a signalled object still reports them */
    apc_count = 0;
    QueueUserAPC(record_apc, GetCurrentThread(), 4);
    ret = WaitForSingleObjectEx(event, 0, TRUE);
    ok(ret == WAIT_IO_COMPLETION, "WaitForSingleObjectEx alertable returned %lu\n", ret);
    ok(apc_count == 1 && apc_order[0] == 4, "APC count %ld\n", apc_count);

    QueueUserAPC(record_apc, GetCurrentThread(), 5);
    ret = WaitForMultipleObjectsEx(1, &event, FALSE, INFINITE, TRUE);
    ok(ret == WAIT_IO_COMPLETION, "WaitForMultipleObjectsEx alertable returned %lu\n", ret);
    ok(apc_count == 2 && apc_order[1] == 5, "APC count %ld\n", apc_count);

    QueueUserAPC(record_apc, GetCurrentThread(), 6);
    ret = SignalObjectAndWait(event, event, INFINITE, TRUE);
    ok(ret == WAIT_OBJECT_0 || ret == WAIT_IO_COMPLETION, "SignalObjectAndWait alertable returned %lu\n", ret);
    if (ret == WAIT_OBJECT_0) ok(SleepEx(0, TRUE) == WAIT_IO_COMPLETION, "APC lost\n");
    ok(apc_count == 3 && apc_order[2] == 6, "APC count %ld\n", apc_count);
    CloseHandle(event);

    SetLastError(0xdeadbeef);
    ok(!QueueUserAPC(record_apc, bogus_handle(), 0) && GetLastError() == ERROR_INVALID_HANDLE,
       "QueueUserAPC(bogus): error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!QueueUserAPC(record_apc, NULL, 0) && GetLastError() == ERROR_INVALID_HANDLE,
       "QueueUserAPC(NULL): error %lu\n", GetLastError());
}

/* NtQueueApcThread without a routine succeeds for a live thread and leaves
 * nothing to run; NtTestAlert runs the queued APCs and itself succeeds; a
 * thread that has ended takes no APC at all. */
static void test_apc_nt(void)
{
    NTSTATUS (WINAPI *pNtQueueApcThread)(HANDLE, void *, ULONG_PTR, ULONG_PTR, ULONG_PTR);
    NTSTATUS (WINAPI *pNtTestAlert)(void);
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    struct thread_args args = { 0 };
    HANDLE thread;
    NTSTATUS status;

    pNtQueueApcThread = (void *)GetProcAddress(ntdll, "NtQueueApcThread");
    pNtTestAlert = (void *)GetProcAddress(ntdll, "NtTestAlert");
    ok(pNtQueueApcThread && pNtTestAlert, "ntdll exports NtQueueApcThread and NtTestAlert\n");
    if (!pNtQueueApcThread || !pNtTestAlert) return;

    status = pNtQueueApcThread(GetCurrentThread(), NULL, 0, 0, 0);
    ok(status == 0, "an APC without a routine: %#lx\n", status);
    ok(SleepEx(0, TRUE) == 0, "an APC without a routine does not end an alertable wait\n");

    apc_count = 0;
    ok(QueueUserAPC(record_apc, GetCurrentThread(), 7), "QueueUserAPC failed: %lu\n", GetLastError());
    status = pNtTestAlert();
    ok(status == 0, "NtTestAlert returned %#lx\n", status);
    ok(apc_count == 1 && apc_order[0] == 7, "NtTestAlert ran %ld APCs\n", apc_count);
    ok(pNtTestAlert() == 0, "NtTestAlert with nothing queued\n");

    thread = CreateThread(NULL, 0, simple_thread, &args, 0, NULL);
    ok(thread != NULL, "CreateThread failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(thread, 10000) == WAIT_OBJECT_0, "the thread did not end\n");
    status = pNtQueueApcThread(thread, NULL, 0, 0, 0);
    ok(status == 0xc0000001 /* STATUS_UNSUCCESSFUL */, "an ended thread: %#lx\n", status);
    SetLastError(0xdeadbeef);
    ok(!QueueUserAPC(record_apc, thread, 0), "QueueUserAPC to an ended thread succeeded\n");
    ok(GetLastError() == ERROR_GEN_FAILURE, "error %lu\n", GetLastError());
    CloseHandle(thread);
}

struct apc_target
{
    HANDLE ready;       /* set before each wait */
    HANDLE event;
    DWORD results[3];
};

/* An APC queued while another runs may run in the same wait, so the main thread queues the
 * next one only once this thread is back from its wait. */
static DWORD WINAPI alertable_thread(void *param)
{
    struct apc_target *t = param;

    SetEvent(t->ready);
    t->results[0] = SleepEx(INFINITE, TRUE);
    SetEvent(t->ready);
    t->results[1] = WaitForSingleObjectEx(t->event, INFINITE, TRUE);
    SetEvent(t->ready);
    t->results[2] = WaitForMultipleObjectsEx(1, &t->event, TRUE, INFINITE, TRUE);
    return 0;
}

static void test_apc_other_thread(void)
{
    struct apc_target t = { 0 };
    HANDLE thread;
    int i;

    t.ready = CreateEventA(NULL, FALSE, FALSE, NULL);
    t.event = CreateEventA(NULL, TRUE, FALSE, NULL);
    apc_count = 0;
    thread = CreateThread(NULL, 0, alertable_thread, &t, 0, NULL);
    /* each APC ends one of the thread's alertable waits, whether it is already waiting or not */
    for (i = 0; i < 3; i++)
    {
        ok(WaitForSingleObject(t.ready, HANG_MS) == WAIT_OBJECT_0, "thread did not reach wait %d\n", i);
        ok(QueueUserAPC(record_apc, thread, 10 + i), "QueueUserAPC failed: %lu\n", GetLastError());
    }
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "alertable thread did not finish\n");
    ok(apc_count == 3, "%ld APCs ran\n", apc_count);
    for (i = 0; i < 3; i++)
        ok(t.results[i] == WAIT_IO_COMPLETION, "wait %d returned %lu\n", i, t.results[i]);
    ok(apc_order[0] == 10 && apc_order[1] == 11 && apc_order[2] == 12, "APC order %lu %lu %lu\n",
       apc_order[0], apc_order[1], apc_order[2]);
    ok(apc_thread_id == GetThreadId(thread), "APC ran on thread %lu\n", apc_thread_id);
    CloseHandle(thread);
    CloseHandle(t.ready);
    CloseHandle(t.event);
}

/* ---------------------------------------------------------------- many threads */

static DWORD WINAPI index_thread(void *param)
{
    return (DWORD)(ULONG_PTR)param * 3 + 1;
}

static void test_many_threads(void)
{
    HANDLE threads[MAXIMUM_WAIT_OBJECTS];
    DWORD ret, code, i;

    for (i = 0; i < MAXIMUM_WAIT_OBJECTS; i++)
    {
        threads[i] = CreateThread(NULL, 0, index_thread, (void *)(ULONG_PTR)i, 0, NULL);
        ok(threads[i] != NULL, "CreateThread %lu failed: %lu\n", i, GetLastError());
        if (!threads[i]) return;
    }
    ret = WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, threads, TRUE, HANG_MS);
    ok(ret < MAXIMUM_WAIT_OBJECTS, "wait for %u threads returned %#lx\n", MAXIMUM_WAIT_OBJECTS, ret);
    for (i = 0; i < MAXIMUM_WAIT_OBJECTS; i++)
    {
        code = 0;
        ok(GetExitCodeThread(threads[i], &code) && code == i * 3 + 1, "thread %lu code %lu\n", i, code);
        CloseHandle(threads[i]);
    }
}

/* ---------------------------------------------------------------- DLL notifications */

static DWORD WINAPI notify_thread(void *param)
{
    return 0;
}

static void run_threads(int count)
{
    HANDLE threads[8];
    int i;

    for (i = 0; i < count; i++) threads[i] = CreateThread(NULL, 0, notify_thread, NULL, 0, NULL);
    ok(WaitForMultipleObjects(count, threads, TRUE, HANG_MS) < (DWORD)count, "threads did not finish\n");
    for (i = 0; i < count; i++) CloseHandle(threads[i]);
}

static void test_dll_notifications(void)
{
    LONG (*dllmain_count)(DWORD), (*callback_count)(DWORD);
    LONG attach, detach, cb_attach, cb_detach;
    struct thread_args args = { 0 };
    HANDLE early;
    HMODULE module;
    char path[MAX_PATH], *p;

    GetModuleFileNameA(NULL, path, sizeof(path));
    if ((p = strrchr(path, '\\'))) strcpy(p + 1, "loader_tls.dll");
    args.ready = CreateEventA(NULL, TRUE, FALSE, NULL);
    args.go = CreateEventA(NULL, TRUE, FALSE, NULL);
    /* a thread that exists, past its own attach notifications, before the DLL is loaded */
    early = CreateThread(NULL, 0, simple_thread, &args, 0, NULL);
    ok(WaitForSingleObject(args.ready, HANG_MS) == WAIT_OBJECT_0, "early thread did not start\n");

    module = LoadLibraryA(path);
    ok(module != NULL, "LoadLibrary(%s) failed: %lu\n", path, GetLastError());
    if (!module)
    {
        SetEvent(args.go);
        WaitForSingleObject(early, HANG_MS);
        CloseHandle(early);
        return;
    }
    dllmain_count = (void *)GetProcAddress(module, "tls_get_dllmain_count");
    callback_count = (void *)GetProcAddress(module, "tls_get_callback_count");
    ok(dllmain_count(DLL_PROCESS_ATTACH) == 1, "process attach %ld\n", dllmain_count(DLL_PROCESS_ATTACH));
    ok(dllmain_count(DLL_THREAD_ATTACH) == 0, "thread attach before any thread %ld\n",
       dllmain_count(DLL_THREAD_ATTACH));

    /* a thread that was there before the load detaches without having attached */
    SetEvent(args.go);
    ok(WaitForSingleObject(early, HANG_MS) == WAIT_OBJECT_0, "early thread did not finish\n");
    CloseHandle(early);
    ok(dllmain_count(DLL_THREAD_ATTACH) == 0, "early thread attached: %ld\n", dllmain_count(DLL_THREAD_ATTACH));
    ok(dllmain_count(DLL_THREAD_DETACH) == 1, "early thread detach %ld\n", dllmain_count(DLL_THREAD_DETACH));

    /* one attach and one detach per thread, in DllMain and in the TLS callback */
    attach = dllmain_count(DLL_THREAD_ATTACH);
    detach = dllmain_count(DLL_THREAD_DETACH);
    cb_attach = callback_count(DLL_THREAD_ATTACH);
    cb_detach = callback_count(DLL_THREAD_DETACH);
    run_threads(5);
    ok(dllmain_count(DLL_THREAD_ATTACH) == attach + 5, "DllMain thread attach +%ld, expected +5\n",
       dllmain_count(DLL_THREAD_ATTACH) - attach);
    ok(dllmain_count(DLL_THREAD_DETACH) == detach + 5, "DllMain thread detach +%ld, expected +5\n",
       dllmain_count(DLL_THREAD_DETACH) - detach);
    ok(callback_count(DLL_THREAD_ATTACH) == cb_attach + 5, "TLS callback thread attach +%ld, expected +5\n",
       callback_count(DLL_THREAD_ATTACH) - cb_attach);
    ok(callback_count(DLL_THREAD_DETACH) == cb_detach + 5, "TLS callback thread detach +%ld, expected +5\n",
       callback_count(DLL_THREAD_DETACH) - cb_detach);

    /* a DLL with static TLS cannot be opted out of thread notifications */
    ok(!DisableThreadLibraryCalls(module), "DisableThreadLibraryCalls on a TLS DLL succeeded\n");
    attach = dllmain_count(DLL_THREAD_ATTACH);
    run_threads(2);
    ok(dllmain_count(DLL_THREAD_ATTACH) == attach + 2, "DllMain thread attach +%ld after a refused opt-out\n",
       dllmain_count(DLL_THREAD_ATTACH) - attach);
    ok(FreeLibrary(module), "FreeLibrary failed: %lu\n", GetLastError());
    CloseHandle(args.ready);
    CloseHandle(args.go);
}

static void test_disable_thread_calls(void)
{
    LONG (*count)(DWORD);
    LONG attach, detach;
    HMODULE module;
    char path[MAX_PATH], *p;

    GetModuleFileNameA(NULL, path, sizeof(path));
    if ((p = strrchr(path, '\\'))) strcpy(p + 1, "sync_notls.dll");
    module = LoadLibraryA(path);
    ok(module != NULL, "LoadLibrary(%s) failed: %lu\n", path, GetLastError());
    if (!module) return;
    count = (void *)GetProcAddress(module, "notls_get_dllmain_count");

    attach = count(DLL_THREAD_ATTACH);
    detach = count(DLL_THREAD_DETACH);
    run_threads(3);
    ok(count(DLL_THREAD_ATTACH) == attach + 3 && count(DLL_THREAD_DETACH) == detach + 3,
       "DllMain thread notifications +%ld/+%ld, expected +3/+3\n", count(DLL_THREAD_ATTACH) - attach,
       count(DLL_THREAD_DETACH) - detach);

    /* after DisableThreadLibraryCalls, DllMain hears of no more threads */
    ok(DisableThreadLibraryCalls(module), "DisableThreadLibraryCalls failed: %lu\n", GetLastError());
    attach = count(DLL_THREAD_ATTACH);
    detach = count(DLL_THREAD_DETACH);
    run_threads(3);
    ok(count(DLL_THREAD_ATTACH) == attach && count(DLL_THREAD_DETACH) == detach,
       "DllMain thread notifications +%ld/+%ld after DisableThreadLibraryCalls\n",
       count(DLL_THREAD_ATTACH) - attach, count(DLL_THREAD_DETACH) - detach);
    ok(count(DLL_PROCESS_ATTACH) == 1, "process attach %ld\n", count(DLL_PROCESS_ATTACH));
    ok(FreeLibrary(module), "FreeLibrary failed: %lu\n", GetLastError());
}

struct tls_check
{
    DWORD index;
    HANDLE stored, go, done;
    void *seen;
};

static DWORD WINAPI tls_thread(void *arg)
{
    struct tls_check *c = arg;
    TlsSetValue(c->index, (void *)0x1234);
    SetEvent(c->stored);
    WaitForSingleObject(c->go, HANG_MS);
    c->seen = TlsGetValue(c->index);
    SetEvent(c->done);
    return 0;
}

/* TlsFree clears the slot in every thread: a reallocated slot reads NULL everywhere. */
static void test_tls_free_all_threads(void)
{
    struct tls_check c = { 0 };
    HANDLE thread;
    DWORD index;

    c.index = TlsAlloc();
    ok(c.index != TLS_OUT_OF_INDEXES, "TlsAlloc failed: %lu\n", GetLastError());
    c.stored = CreateEventA(NULL, TRUE, FALSE, NULL);
    c.go = CreateEventA(NULL, TRUE, FALSE, NULL);
    c.done = CreateEventA(NULL, TRUE, FALSE, NULL);
    thread = CreateThread(NULL, 0, tls_thread, &c, 0, NULL);
    ok(WaitForSingleObject(c.stored, HANG_MS) == WAIT_OBJECT_0, "the thread did not store its value\n");
    ok(TlsFree(c.index), "TlsFree failed: %lu\n", GetLastError());
    index = TlsAlloc();
    ok(index == c.index, "the freed slot %lu was not reused first (got %lu)\n", c.index, index);
    SetEvent(c.go);
    ok(WaitForSingleObject(c.done, HANG_MS) == WAIT_OBJECT_0, "the thread did not finish\n");
    ok(c.seen == NULL, "the other thread still sees %p in the freed slot\n", c.seen);
    WaitForSingleObject(thread, HANG_MS);
    CloseHandle(thread);
    CloseHandle(c.stored);
    CloseHandle(c.go);
    CloseHandle(c.done);
    TlsFree(index);
}

static LONG fls_called;
static void *fls_seen;

static void WINAPI fls_callback(void *value)
{
    fls_seen = value;
    InterlockedIncrement(&fls_called);
}

static DWORD WINAPI fls_thread(void *arg)
{
    FlsSetValue(*(DWORD *)arg, (void *)0x5678);
    return 0;
}

/* FLS callbacks run at thread exit with the thread's value, and not for NULL values. */
static void test_fls_callbacks(void)
{
    DWORD index = FlsAlloc(fls_callback);
    HANDLE thread;

    ok(index != FLS_OUT_OF_INDEXES, "FlsAlloc failed: %lu\n", GetLastError());
    thread = CreateThread(NULL, 0, fls_thread, &index, 0, NULL);
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "the thread did not finish\n");
    CloseHandle(thread);
    ok(fls_called == 1 && fls_seen == (void *)0x5678, "callback ran %ld times with %p\n", fls_called, fls_seen);
    FlsFree(index);
    ok(fls_called == 1, "FlsFree ran the callback for the main thread's NULL value\n");
}

struct fls_holder
{
    DWORD index;
    HANDLE stored, freed;
    void *after;
};

static DWORD WINAPI fls_holder_thread(void *arg)
{
    struct fls_holder *h = arg;

    FlsSetValue(h->index, (void *)0x9abc);
    SetEvent(h->stored);
    WaitForSingleObject(h->freed, HANG_MS);
    /* the index was freed and allocated again: this thread's old value is gone */
    h->after = FlsGetValue(h->index);
    return 0;
}

/* FlsFree runs the callback for the value of every thread, not only the caller's, and leaves
 * the slot empty in each of them. */
static void test_fls_free_all_threads(void)
{
    struct fls_holder h;
    HANDLE thread;
    DWORD again;

    fls_called = 0;
    fls_seen = NULL;
    h.index = FlsAlloc(fls_callback);
    ok(h.index != FLS_OUT_OF_INDEXES, "FlsAlloc failed: %lu\n", GetLastError());
    h.stored = CreateEventW(NULL, TRUE, FALSE, NULL);
    h.freed = CreateEventW(NULL, TRUE, FALSE, NULL);
    h.after = (void *)1;
    thread = CreateThread(NULL, 0, fls_holder_thread, &h, 0, NULL);
    ok(WaitForSingleObject(h.stored, HANG_MS) == WAIT_OBJECT_0, "the thread did not store its value\n");
    ok(FlsFree(h.index), "FlsFree failed: %lu\n", GetLastError());
    ok(fls_called == 1 && fls_seen == (void *)0x9abc, "callback ran %ld times with %p\n", fls_called, fls_seen);
    again = FlsAlloc(NULL);
    ok(again == h.index, "FlsAlloc gave %lu, not the freed %lu\n", again, h.index);
    SetEvent(h.freed);
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "the thread did not finish\n");
    ok(h.after == NULL, "the other thread still sees %p in the reused slot\n", h.after);
    ok(fls_called == 1, "the callback ran again at thread exit: %ld\n", fls_called);
    FlsFree(again);
    CloseHandle(thread);
    CloseHandle(h.stored);
    CloseHandle(h.freed);
}

/* GetThreadContext and SetThreadContext on a suspended thread, as the Go runtime preempts: the
 * thread spins in program code, is stopped, read, sent elsewhere and resumed there. */
static volatile LONG spin_count, redirected_ran;

static DWORD WINAPI spinner(void *arg)
{
    for (;;) InterlockedIncrement(&spin_count);
    return 0;
}

static void redirected(void)
{
    redirected_ran = 1;
    ExitThread(7);
}

static DWORD WINAPI blocked_waiter(void *event)
{
    return WaitForSingleObject(event, INFINITE);
}

static void test_thread_context(void)
{
    HMODULE exe = GetModuleHandleA(NULL);
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)((BYTE *)exe + ((IMAGE_DOS_HEADER *)exe)->e_lfanew);
    ULONG_PTR start = (ULONG_PTR)exe, end = start + nt->OptionalHeader.SizeOfImage;
    HANDLE thread, event;
    CONTEXT context;
    DWORD code;

    thread = CreateThread(NULL, 0, spinner, NULL, 0, NULL);
    while (spin_count < 1000) SwitchToThread();
    ok(SuspendThread(thread) == 0, "SuspendThread failed\n");
    memset(&context, 0, sizeof(context));
    context.ContextFlags = CONTEXT_CONTROL | CONTEXT_INTEGER;
    ok(GetThreadContext(thread, &context), "GetThreadContext: %lu\n", GetLastError());
    ok(context.Rip >= start && context.Rip < end, "Rip %#Ix not in the spinning code\n", context.Rip);
    ok(context.Rsp && context.SegCs, "Rsp %#Ix Cs %#x\n", context.Rsp, context.SegCs);
    /* sent to a function that ends the thread, on an aligned stack as after a call */
    context.Rsp = (context.Rsp & ~(ULONG_PTR)15) - 64 - 8;
    context.Rip = (ULONG_PTR)redirected;
    ok(SetThreadContext(thread, &context), "SetThreadContext: %lu\n", GetLastError());
    ok(ResumeThread(thread) == 1, "ResumeThread failed\n");
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "the redirected thread did not end\n");
    ok(GetExitCodeThread(thread, &code) && code == 7 && redirected_ran, "exit code %lu\n", code);
    CloseHandle(thread);

    /* a thread blocked in a wait can be read too, and carries on once resumed */
    event = CreateEventA(NULL, FALSE, FALSE, NULL);
    thread = CreateThread(NULL, 0, blocked_waiter, event, 0, NULL);
    ok(WaitForSingleObject(thread, 50) == WAIT_TIMEOUT, "the waiter ended\n");
    ok(SuspendThread(thread) == 0, "SuspendThread failed\n");
    context.ContextFlags = CONTEXT_CONTROL;
    ok(GetThreadContext(thread, &context) && context.Rip && context.Rsp, "blocked thread: %lu\n", GetLastError());
    ok(ResumeThread(thread) == 1, "ResumeThread failed\n");
    SetEvent(event);
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "the waiter never woke\n");
    ok(GetExitCodeThread(thread, &code) && code == WAIT_OBJECT_0, "waiter ended with %lu\n", code);
    CloseHandle(thread);
    CloseHandle(event);
}

struct fpu_state
{
    unsigned int mxcsr;
    unsigned short fcw;
};

static DWORD WINAPI fpu_thread(void *param)
{
    struct fpu_state *state = param;
    __asm__ volatile("stmxcsr %0\n\tfnstcw %1" : "=m"(state->mxcsr), "=m"(state->fcw));
    return 0;
}

/* A new thread starts with the floating-point state of Windows' initial CONTEXT, whatever its
 * creator's is: exceptions masked, no flags raised, the x87 at 53-bit precision (0x27f). */
static void test_initial_fpu_state(void)
{
    struct fpu_state state = { 0, 0 };
    unsigned int changed = 0x1f80 & ~0x6000 /* round down */ & ~0x0200 /* divide by zero unmasked */;
    unsigned int saved;
    HANDLE thread;

    __asm__ volatile("stmxcsr %0" : "=m"(saved));
    __asm__ volatile("ldmxcsr %0" : : "m"(changed));
    thread = CreateThread(NULL, 0, fpu_thread, &state, 0, NULL);
    ok(thread != NULL, "CreateThread failed, error %lu\n", GetLastError());
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "the thread did not end\n");
    __asm__ volatile("ldmxcsr %0" : : "m"(saved));
    CloseHandle(thread);
    ok(state.mxcsr == 0x1f80, "a new thread's MXCSR is %#x\n", state.mxcsr);
    ok(state.fcw == 0x27f, "a new thread's x87 control word is %#x\n", state.fcw);
}

/* The ideal processor is a preference: set, it is what the next call answers as the previous
 * one; MAXIMUM_PROCESSORS only asks; beyond it is an invalid parameter. */
static void test_ideal_processor(void)
{
    DWORD first, ret;

    first = SetThreadIdealProcessor(GetCurrentThread(), 0);
    ok(first != ~0u, "SetThreadIdealProcessor(0) failed, error %lu\n", GetLastError());
    ret = SetThreadIdealProcessor(GetCurrentThread(), MAXIMUM_PROCESSORS);
    ok(ret == 0, "asking gave %lu, expected the 0 just set\n", ret);
    SetLastError(0xdeadbeef);
    ret = SetThreadIdealProcessor(GetCurrentThread(), MAXIMUM_PROCESSORS + 1);
    ok(ret == ~0u && GetLastError() == ERROR_INVALID_PARAMETER, "beyond the maximum: %lu, error %lu\n", ret,
       GetLastError());
    SetLastError(0xdeadbeef);
    ret = SetThreadIdealProcessor(bogus_handle(), 0);
    /* Wine 8.0's SetThreadIdealProcessor looks at no handle: it answers 0 for any */
    todo_wine ok(ret == ~0u && GetLastError() == ERROR_INVALID_HANDLE, "a bogus handle: %lu, error %lu\n", ret,
       GetLastError());
    SetThreadIdealProcessor(GetCurrentThread(), first);
}

START_TEST(thread)
{
    test_create_thread();
    test_exit_thread();
    test_suspended();
    test_terminate();
    test_tls_free_all_threads();
    test_fls_callbacks();
    test_fls_free_all_threads();
    test_invalid_handles();
    test_current_thread();
    test_priority();
    test_stack();
    test_apc_self();
    test_apc_nt();
    test_apc_other_thread();
    test_many_threads();
    test_dll_notifications();
    test_disable_thread_calls();
    test_thread_context();
    test_initial_fpu_state();
    test_ideal_processor();
}
