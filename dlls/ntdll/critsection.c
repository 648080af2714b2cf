/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Critical sections with the field meanings Windows documents (and debuggers and some
 * programs read): LockCount is -1 when free and counts every thread inside or waiting,
 * RecursionCount counts the owner's entries, OwningThread is the owner's thread id.
 *
 * A contended Enter sleeps on a wake count kept in the low 32 bits of LockSemaphore, a
 * semaphore built on RtlWaitOnAddress: Leave adds one and wakes a sleeper, a sleeper
 * takes one.  Because the count persists, a Leave that runs before the waiter goes to
 * sleep cannot be lost.
 */
#include "ntdll_misc.h"

#define NO_DEBUG_INFO ((RTL_CRITICAL_SECTION_DEBUG *)~(ULONG_PTR)0)

static inline HANDLE current_thread_id(void)
{
    return NtCurrentTeb()->ClientId.UniqueThread;
}

static inline LONG *wake_count(RTL_CRITICAL_SECTION *crit)
{
    return (LONG *)&crit->LockSemaphore;
}

static void wait_for_wake(RTL_CRITICAL_SECTION *crit)
{
    LONG *count = wake_count(crit);
    static const LONG zero = 0;

    for (;;)
    {
        LONG value = *(volatile LONG *)count;
        if (value > 0)
        {
            if (InterlockedCompareExchange(count, value - 1, value) == value) return;
            continue;
        }
        RtlWaitOnAddress(count, &zero, sizeof(zero), NULL);
    }
}

ULONG WINAPI RtlSetCriticalSectionSpinCount(RTL_CRITICAL_SECTION *crit, ULONG spin)
{
    ULONG old = crit->SpinCount;
    /* Spinning only helps when the owner can run at the same time. */
    crit->SpinCount = NtCurrentTeb()->Peb->NumberOfProcessors > 1 ? spin : 0;
    return old;
}

NTSTATUS WINAPI RtlInitializeCriticalSectionEx(RTL_CRITICAL_SECTION *crit, ULONG spin, ULONG flags)
{
    (void)flags;
    crit->DebugInfo = NO_DEBUG_INFO;
    crit->LockCount = -1;
    crit->RecursionCount = 0;
    crit->OwningThread = NULL;
    crit->LockSemaphore = NULL;
    /* The top byte of the spin count held flags in older Windows versions. */
    RtlSetCriticalSectionSpinCount(crit, spin & 0x00ffffff);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlInitializeCriticalSectionAndSpinCount(RTL_CRITICAL_SECTION *crit, ULONG spin)
{
    return RtlInitializeCriticalSectionEx(crit, spin, 0);
}

NTSTATUS WINAPI RtlInitializeCriticalSection(RTL_CRITICAL_SECTION *crit)
{
    return RtlInitializeCriticalSectionEx(crit, 0, 0);
}

NTSTATUS WINAPI RtlDeleteCriticalSection(RTL_CRITICAL_SECTION *crit)
{
    crit->DebugInfo = NULL;
    crit->LockCount = -1;
    crit->RecursionCount = 0;
    crit->OwningThread = NULL;
    crit->LockSemaphore = NULL;
    return STATUS_SUCCESS;
}

BOOL WINAPI RtlTryEnterCriticalSection(RTL_CRITICAL_SECTION *crit)
{
    HANDLE self = current_thread_id();

    if (InterlockedCompareExchange(&crit->LockCount, 0, -1) == -1)
    {
        crit->OwningThread = self;
        crit->RecursionCount = 1;
        return TRUE;
    }
    if (crit->OwningThread == self)
    {
        InterlockedIncrement(&crit->LockCount);
        crit->RecursionCount++;
        return TRUE;
    }
    return FALSE;
}

NTSTATUS WINAPI RtlEnterCriticalSection(RTL_CRITICAL_SECTION *crit)
{
    HANDLE self = current_thread_id();

    for (ULONG spin = crit->SpinCount; spin; spin--)
    {
        if (RtlTryEnterCriticalSection(crit)) return STATUS_SUCCESS;
        if (*(volatile LONG *)&crit->LockCount > 0) break;
        YieldProcessor();
    }
    if (InterlockedIncrement(&crit->LockCount) > 0)
    {
        /* Only this thread ever stores its own id, so this read cannot race to a false match. */
        if (crit->OwningThread == self)
        {
            crit->RecursionCount++;
            return STATUS_SUCCESS;
        }
        wait_for_wake(crit);
    }
    crit->OwningThread = self;
    crit->RecursionCount = 1;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlLeaveCriticalSection(RTL_CRITICAL_SECTION *crit)
{
    /* Leaving a section nobody holds is a program bug; Windows ignores it. */
    if (crit->RecursionCount <= 0) return STATUS_SUCCESS;
    if (--crit->RecursionCount)
    {
        InterlockedDecrement(&crit->LockCount);
        return STATUS_SUCCESS;
    }
    crit->OwningThread = NULL;
    if (InterlockedDecrement(&crit->LockCount) >= 0)
    {
        InterlockedIncrement(wake_count(crit));
        RtlWakeAddressSingle(wake_count(crit));
    }
    return STATUS_SUCCESS;
}

BOOL WINAPI RtlIsCriticalSectionLocked(RTL_CRITICAL_SECTION *crit)
{
    return crit->RecursionCount != 0;
}

BOOL WINAPI RtlIsCriticalSectionLockedByThread(RTL_CRITICAL_SECTION *crit)
{
    return crit->OwningThread == current_thread_id() && crit->RecursionCount;
}
