/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The Win32 thread-pool API over ntdll's Tp* and Rtl* pools.  Most functions are plain
 * forwarders in kernel32.def, as on Windows; these are the ones that turn an NT status
 * into a Win32 result or adapt a callback.
 */
#include "wring/shared.h"
#include "kernel32_private.h"

PTP_POOL WINAPI CreateThreadpool(void *reserved)
{
    TP_POOL *pool;

    if (!set_ntstatus(TpAllocPool(&pool, reserved))) return NULL;
    return pool;
}

BOOL WINAPI SetThreadpoolThreadMinimum(PTP_POOL pool, DWORD minimum)
{
    if (TpSetPoolMinThreads(pool, minimum)) return TRUE;
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return FALSE;
}

BOOL WINAPI SetThreadpoolStackInformation(PTP_POOL pool, PTP_POOL_STACK_INFORMATION stack)
{
    return set_ntstatus(TpSetPoolStackInformation(pool, stack));
}

BOOL WINAPI QueryThreadpoolStackInformation(PTP_POOL pool, PTP_POOL_STACK_INFORMATION stack)
{
    return set_ntstatus(TpQueryPoolStackInformation(pool, stack));
}

PTP_CLEANUP_GROUP WINAPI CreateThreadpoolCleanupGroup(void)
{
    TP_CLEANUP_GROUP *group;

    if (!set_ntstatus(TpAllocCleanupGroup(&group))) return NULL;
    return group;
}

PTP_WORK WINAPI CreateThreadpoolWork(PTP_WORK_CALLBACK callback, void *userdata, TP_CALLBACK_ENVIRON *env)
{
    TP_WORK *work;

    if (!set_ntstatus(TpAllocWork(&work, callback, userdata, env))) return NULL;
    return work;
}

BOOL WINAPI TrySubmitThreadpoolCallback(PTP_SIMPLE_CALLBACK callback, void *userdata, TP_CALLBACK_ENVIRON *env)
{
    return set_ntstatus(TpSimpleTryPost(callback, userdata, env));
}

PTP_TIMER WINAPI CreateThreadpoolTimer(PTP_TIMER_CALLBACK callback, void *userdata, TP_CALLBACK_ENVIRON *env)
{
    TP_TIMER *timer;

    if (!set_ntstatus(TpAllocTimer(&timer, callback, userdata, env))) return NULL;
    return timer;
}

PTP_WAIT WINAPI CreateThreadpoolWait(PTP_WAIT_CALLBACK callback, void *userdata, TP_CALLBACK_ENVIRON *env)
{
    TP_WAIT *wait;

    if (!set_ntstatus(TpAllocWait(&wait, callback, userdata, env))) return NULL;
    return wait;
}

/* ntdll hands an I/O callback the IO_STATUS_BLOCK; the Win32 callback wants a Win32 error
 * and a byte count.  The TP_IO's first field keeps the Win32 callback for this adapter. */
static void CALLBACK win32_io_callback(TP_CALLBACK_INSTANCE *instance, void *userdata, void *overlapped,
                                       IO_STATUS_BLOCK *iosb, TP_IO *io)
{
    PTP_WIN32_IO_CALLBACK callback = *(PTP_WIN32_IO_CALLBACK *)io;

    callback(instance, userdata, overlapped, RtlNtStatusToDosError(iosb->Status), iosb->Information, io);
}

PTP_IO WINAPI CreateThreadpoolIo(HANDLE file, PTP_WIN32_IO_CALLBACK callback, void *userdata,
                                 TP_CALLBACK_ENVIRON *env)
{
    TP_IO *io;

    if (!set_ntstatus(TpAllocIoCompletion(&io, file, win32_io_callback, userdata, env))) return NULL;
    *(PTP_WIN32_IO_CALLBACK *)io = callback;
    return io;
}

BOOL WINAPI CallbackMayRunLong(PTP_CALLBACK_INSTANCE instance)
{
    return set_ntstatus(TpCallbackMayRunLong(instance));
}

/* ------------------------------------------------------------------ the older API */
/* Callbacks still running when a wait or timer is deleted without waiting come back as
 * STATUS_PENDING: FALSE with ERROR_IO_PENDING, as on Windows. */

BOOL WINAPI QueueUserWorkItem(LPTHREAD_START_ROUTINE function, void *context, ULONG flags)
{
    return set_ntstatus(RtlQueueWorkItem(function, context, flags));
}

BOOL WINAPI RegisterWaitForSingleObject(HANDLE *out, HANDLE object, WAITORTIMERCALLBACK callback, void *context,
                                        ULONG milliseconds, ULONG flags)
{
    return set_ntstatus(RtlRegisterWait(out, object, callback, context, milliseconds, flags));
}

BOOL WINAPI UnregisterWait(HANDLE wait)
{
    return set_ntstatus(RtlDeregisterWait(wait));
}

BOOL WINAPI UnregisterWaitEx(HANDLE wait, HANDLE event)
{
    return set_ntstatus(RtlDeregisterWaitEx(wait, event));
}

BOOL WINAPI BindIoCompletionCallback(HANDLE file, LPOVERLAPPED_COMPLETION_ROUTINE function, ULONG flags)
{
    return set_ntstatus(RtlSetIoCompletionCallback(file, (PRTL_OVERLAPPED_COMPLETION_ROUTINE)function, flags));
}

HANDLE WINAPI CreateTimerQueue(void)
{
    HANDLE queue;

    if (!set_ntstatus(RtlCreateTimerQueue(&queue))) return NULL;
    return queue;
}

BOOL WINAPI DeleteTimerQueueEx(HANDLE queue, HANDLE event)
{
    return set_ntstatus(RtlDeleteTimerQueueEx(queue, event));
}

BOOL WINAPI DeleteTimerQueue(HANDLE queue)
{
    return DeleteTimerQueueEx(queue, NULL);
}

BOOL WINAPI CreateTimerQueueTimer(HANDLE *out, HANDLE queue, WAITORTIMERCALLBACK callback, void *param,
                                  DWORD due, DWORD period, ULONG flags)
{
    return set_ntstatus(RtlCreateTimer(queue, out, callback, param, due, period, flags));
}

BOOL WINAPI ChangeTimerQueueTimer(HANDLE queue, HANDLE timer, ULONG due, ULONG period)
{
    return set_ntstatus(RtlUpdateTimer(queue, timer, due, period));
}

BOOL WINAPI DeleteTimerQueueTimer(HANDLE queue, HANDLE timer, HANDLE event)
{
    return set_ntstatus(RtlDeleteTimer(queue, timer, event));
}
