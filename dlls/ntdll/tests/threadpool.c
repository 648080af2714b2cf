/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ntdll's Tp* functions directly (looked up with GetProcAddress): pools and their limits,
 * stack information, simple callbacks and work with callback environments (pool,
 * finalization callback, LongFunction), TpCallbackMayRunLong, thread-pool I/O with the NT
 * callback (IO_STATUS_BLOCK), RtlQueueWorkItem.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <winternl.h>
#include "wine/test.h"

#define HANG_MS 60000
#define STATUS_TOO_MANY_THREADS_ ((NTSTATUS)0xC0000129)
#ifndef STATUS_SUCCESS
#define STATUS_SUCCESS ((NTSTATUS)0)
#endif
#ifndef STATUS_INVALID_PARAMETER
#define STATUS_INVALID_PARAMETER ((NTSTATUS)0xC000000D)
#endif

typedef void (CALLBACK *nt_io_callback)(PTP_CALLBACK_INSTANCE, void *, void *, IO_STATUS_BLOCK *, PTP_IO);

static NTSTATUS (WINAPI *pTpAllocPool)(TP_POOL **, void *);
static void (WINAPI *pTpReleasePool)(TP_POOL *);
static void (WINAPI *pTpSetPoolMaxThreads)(TP_POOL *, DWORD);
static BOOL (WINAPI *pTpSetPoolMinThreads)(TP_POOL *, DWORD);
static NTSTATUS (WINAPI *pTpSetPoolStackInformation)(TP_POOL *, TP_POOL_STACK_INFORMATION *);
static NTSTATUS (WINAPI *pTpQueryPoolStackInformation)(TP_POOL *, TP_POOL_STACK_INFORMATION *);
static NTSTATUS (WINAPI *pTpSimpleTryPost)(PTP_SIMPLE_CALLBACK, void *, TP_CALLBACK_ENVIRON *);
static NTSTATUS (WINAPI *pTpAllocWork)(TP_WORK **, PTP_WORK_CALLBACK, void *, TP_CALLBACK_ENVIRON *);
static void (WINAPI *pTpPostWork)(TP_WORK *);
static void (WINAPI *pTpWaitForWork)(TP_WORK *, BOOL);
static void (WINAPI *pTpReleaseWork)(TP_WORK *);
static NTSTATUS (WINAPI *pTpCallbackMayRunLong)(TP_CALLBACK_INSTANCE *);
static NTSTATUS (WINAPI *pTpAllocIoCompletion)(TP_IO **, HANDLE, nt_io_callback, void *, TP_CALLBACK_ENVIRON *);
static void (WINAPI *pTpStartAsyncIoOperation)(TP_IO *);
static void (WINAPI *pTpCancelAsyncIoOperation)(TP_IO *);
static void (WINAPI *pTpWaitForIoCompletion)(TP_IO *, BOOL);
static void (WINAPI *pTpReleaseIoCompletion)(TP_IO *);
static NTSTATUS (WINAPI *pRtlQueueWorkItem)(DWORD (CALLBACK *)(void *), void *, ULONG);

static BOOL init(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
#define LOAD(name) if (!(p##name = (void *)GetProcAddress(ntdll, #name))) { win_skip(#name " missing\n"); return FALSE; }
    LOAD(TpAllocPool) LOAD(TpReleasePool) LOAD(TpSetPoolMaxThreads) LOAD(TpSetPoolMinThreads)
    LOAD(TpSetPoolStackInformation) LOAD(TpQueryPoolStackInformation) LOAD(TpSimpleTryPost)
    LOAD(TpAllocWork) LOAD(TpPostWork) LOAD(TpWaitForWork) LOAD(TpReleaseWork) LOAD(TpCallbackMayRunLong)
    LOAD(TpAllocIoCompletion) LOAD(TpStartAsyncIoOperation) LOAD(TpCancelAsyncIoOperation)
    LOAD(TpWaitForIoCompletion) LOAD(TpReleaseIoCompletion) LOAD(RtlQueueWorkItem)
#undef LOAD
    return TRUE;
}

static void CALLBACK set_event_simple(PTP_CALLBACK_INSTANCE instance, void *userdata)
{
    SetEvent(userdata);
}

static void test_pool(void)
{
    TP_POOL_STACK_INFORMATION stack;
    TP_CALLBACK_ENVIRON env;
    TP_POOL *pool = NULL;
    HANDLE event = CreateEventW(NULL, FALSE, FALSE, NULL);
    NTSTATUS status;

    status = pTpAllocPool(&pool, NULL);
    ok(!status && pool, "TpAllocPool: %#lx %p\n", status, pool);
    ok(pTpSetPoolMinThreads(pool, 2), "TpSetPoolMinThreads failed\n");
    pTpSetPoolMaxThreads(pool, 4);

    memset(&stack, 0xcc, sizeof(stack));
    status = pTpQueryPoolStackInformation(pool, &stack);
    ok(!status, "TpQueryPoolStackInformation: %#lx\n", status);
    ok(stack.StackReserve != 0xcccccccccccccccc, "StackReserve not written\n");
    stack.StackReserve = 2 * 1024 * 1024;
    stack.StackCommit = 64 * 1024;
    status = pTpSetPoolStackInformation(pool, &stack);
    ok(!status, "TpSetPoolStackInformation: %#lx\n", status);
    memset(&stack, 0, sizeof(stack));
    pTpQueryPoolStackInformation(pool, &stack);
    ok(stack.StackReserve == 2 * 1024 * 1024 && stack.StackCommit == 64 * 1024, "stack %Iu/%Iu\n",
       stack.StackReserve, stack.StackCommit);

    InitializeThreadpoolEnvironment(&env);
    SetThreadpoolCallbackPool(&env, pool);
    status = pTpSimpleTryPost(set_event_simple, event, &env);
    ok(!status, "TpSimpleTryPost: %#lx\n", status);
    ok(WaitForSingleObject(event, HANG_MS) == WAIT_OBJECT_0, "the simple callback did not run\n");
    pTpReleasePool(pool);
    CloseHandle(event);
}

static LONG work_count, final_count;
static DWORD final_thread, work_thread;
static NTSTATUS may_run_long_status;

static void CALLBACK env_work(PTP_CALLBACK_INSTANCE instance, void *userdata, PTP_WORK work)
{
    work_thread = GetCurrentThreadId();
    InterlockedIncrement(&work_count);
    may_run_long_status = pTpCallbackMayRunLong(instance);
}

static void CALLBACK finalization(PTP_CALLBACK_INSTANCE instance, void *userdata)
{
    final_thread = GetCurrentThreadId();
    ok(userdata == &work_count, "finalization userdata %p\n", userdata);
    InterlockedIncrement(&final_count);
}

static void test_environment(void)
{
    TP_CALLBACK_ENVIRON env;
    TP_POOL *pool;
    TP_WORK *work;
    NTSTATUS status;

    pTpAllocPool(&pool, NULL);
    pTpSetPoolMaxThreads(pool, 1);
    InitializeThreadpoolEnvironment(&env);
    SetThreadpoolCallbackPool(&env, pool);
    env.FinalizationCallback = finalization;
    status = pTpAllocWork(&work, env_work, &work_count, &env);
    ok(!status, "TpAllocWork: %#lx\n", status);
    pTpPostWork(work);
    pTpPostWork(work);
    pTpWaitForWork(work, FALSE);
    ok(work_count == 2, "%ld callbacks\n", work_count);
    ok(final_count == 2, "%ld finalization callbacks\n", final_count);
    ok(final_thread == work_thread, "the finalization ran on another thread\n");
    ok(may_run_long_status == STATUS_TOO_MANY_THREADS_, "TpCallbackMayRunLong: %#lx\n", may_run_long_status);
    pTpReleaseWork(work);

    /* a LongFunction environment: TpCallbackMayRunLong has nothing more to do */
    SetThreadpoolCallbackRunsLong(&env);
    env.FinalizationCallback = NULL;
    status = pTpAllocWork(&work, env_work, &work_count, &env);
    pTpPostWork(work);
    pTpWaitForWork(work, FALSE);
    ok(may_run_long_status == STATUS_SUCCESS, "TpCallbackMayRunLong: %#lx\n", may_run_long_status);
    pTpReleaseWork(work);
    pTpReleasePool(pool);
}

struct nt_io_log
{
    HANDLE done;
    void *overlapped;
    IO_STATUS_BLOCK iosb;
    TP_IO *io;
};

static void CALLBACK nt_io(PTP_CALLBACK_INSTANCE instance, void *userdata, void *overlapped, IO_STATUS_BLOCK *iosb,
                           PTP_IO io)
{
    struct nt_io_log *log = userdata;
    log->overlapped = overlapped;
    log->iosb = *iosb;
    log->io = io;
    SetEvent(log->done);
}

static void test_io(void)
{
    char path[MAX_PATH], name[MAX_PATH], data[300];
    struct nt_io_log log;
    OVERLAPPED ov;
    HANDLE file;
    TP_IO *io;
    NTSTATUS status;
    BOOL ret;

    GetTempPathA(sizeof(path), path);
    sprintf(name, "%swring_nttp_%lu.tmp", path, GetCurrentProcessId());
    file = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                       FILE_FLAG_OVERLAPPED | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFile failed: %lu\n", GetLastError());
    memset(&log, 0, sizeof(log));
    log.done = CreateEventW(NULL, FALSE, FALSE, NULL);
    status = pTpAllocIoCompletion(&io, file, nt_io, &log, NULL);
    ok(!status, "TpAllocIoCompletion: %#lx\n", status);

    memset(&ov, 0, sizeof(ov));
    memset(data, 7, sizeof(data));
    pTpStartAsyncIoOperation(io);
    ret = WriteFile(file, data, sizeof(data), NULL, &ov);
    ok(ret || GetLastError() == ERROR_IO_PENDING, "WriteFile failed: %lu\n", GetLastError());
    ok(WaitForSingleObject(log.done, HANG_MS) == WAIT_OBJECT_0, "no callback\n");
    ok(log.overlapped == &ov, "overlapped %p\n", log.overlapped);
    ok(log.iosb.Status == STATUS_SUCCESS && log.iosb.Information == sizeof(data), "iosb %#lx %Iu\n",
       log.iosb.Status, log.iosb.Information);
    ok(log.io == io, "io %p\n", log.io);

    /* started then taken back: the wait returns */
    pTpStartAsyncIoOperation(io);
    pTpCancelAsyncIoOperation(io);
    pTpWaitForIoCompletion(io, FALSE);
    pTpReleaseIoCompletion(io);

    /* a file bound to a port once cannot be bound again */
    status = pTpAllocIoCompletion(&io, file, nt_io, &log, NULL);
    ok(status == STATUS_INVALID_PARAMETER, "second binding: %#lx\n", status);
    CloseHandle(file);
    CloseHandle(log.done);
}

static DWORD CALLBACK queued_work(void *context)
{
    SetEvent(context);
    return 0;
}

static void test_queue_work_item(void)
{
    HANDLE event = CreateEventW(NULL, FALSE, FALSE, NULL);
    NTSTATUS status;

    status = pRtlQueueWorkItem(queued_work, event, WT_EXECUTELONGFUNCTION);
    ok(!status, "RtlQueueWorkItem: %#lx\n", status);
    ok(WaitForSingleObject(event, HANG_MS) == WAIT_OBJECT_0, "the work item did not run\n");
    CloseHandle(event);
}

START_TEST(ntdll_threadpool)
{
    if (!init()) return;
    test_pool();
    test_environment();
    test_io();
    test_queue_work_item();
}
