/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What the Rtl files expect from the rest of ntdll, for running them on the host: a TEB per
 * pthread, RtlWaitOnAddress on futexes, and the process heap on malloc.
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include "shim.h"

static PEB peb;
static RTL_USER_PROCESS_PARAMETERS params;
static __thread TEB *thread_teb;

TEB * WINAPI NtCurrentTeb(void)
{
    return thread_teb;
}

void shim_thread_init(DWORD tid)
{
    TEB *teb = calloc(1, sizeof(*teb));
    teb->Peb = &peb;
    teb->ClientId.UniqueThread = (HANDLE)(ULONG_PTR)tid;
    thread_teb = teb;
}

void shim_process_init(DWORD cpus)
{
    peb.NumberOfProcessors = cpus;
    peb.ProcessHeap = (HANDLE)&peb;
    peb.ProcessParameters = &params;
    shim_thread_init(1);
}

NTSTATUS WINAPI RtlWaitOnAddress(const void *addr, const void *cmp, SIZE_T size, const LARGE_INTEGER *timeout)
{
    struct timespec ts, *tsp = NULL;
    if (size != 4) abort();
    if (timeout)
    {
        LONGLONG ticks = -timeout->QuadPart;
        ts.tv_sec = ticks / 10000000;
        ts.tv_nsec = ticks % 10000000 * 100;
        tsp = &ts;
    }
    if (syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, *(const int *)cmp, tsp, NULL, 0) && errno == ETIMEDOUT)
        return STATUS_TIMEOUT;
    return STATUS_SUCCESS;
}

void WINAPI RtlWakeAddressSingle(const void *addr)
{
    syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

void WINAPI RtlWakeAddressAll(const void *addr)
{
    syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, 0x7fffffff, NULL, NULL, 0);
}

void * WINAPI RtlAllocateHeap(HANDLE heap, ULONG flags, SIZE_T size)
{
    (void)heap;
    return flags & HEAP_ZERO_MEMORY ? calloc(1, size ? size : 1) : malloc(size ? size : 1);
}

BOOLEAN WINAPI RtlFreeHeap(HANDLE heap, ULONG flags, void *ptr)
{
    (void)heap; (void)flags;
    free(ptr);
    return TRUE;
}
