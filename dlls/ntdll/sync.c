/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Slim reader/writer locks, condition variables and one-time initialisation.
 *
 * Each keeps its state in the low 32 bits of its pointer-sized field and sleeps with
 * RtlWaitOnAddress on those 32 bits, the size a futex handles; the high half stays zero,
 * so SRWLOCK_INIT / CONDITION_VARIABLE_INIT (all zero) are valid initial states.
 */
#include "ntdll_misc.h"

/* SRW lock word: an exclusive owner bit, a "someone sleeps" bit, and the shared count.
 * The high half of the lock counts the writers waiting for it: while there is one, no
 * new reader gets in (Windows prefers a waiting writer), and a release wakes everyone,
 * so the readers go back to sleep and the writer takes the lock. */
#define SRW_EXCLUSIVE   1
#define SRW_WAITERS     2
#define SRW_SHARED_ONE  4

static inline LONG *srw_word(RTL_SRWLOCK *lock)
{
    return (LONG *)&lock->Ptr;
}

static inline LONG *srw_writers(RTL_SRWLOCK *lock)
{
    return (LONG *)&lock->Ptr + 1;
}

/* Sleep until the word changes from the value it had with the waiters bit set; the bit
 * tells the releaser to wake us, so a release between the check and the sleep shows up
 * as a changed value and the wait returns at once. */
static BOOL srw_sleep(LONG *word, LONG seen)
{
    LONG marked = seen | SRW_WAITERS;
    if (!(seen & SRW_WAITERS) && InterlockedCompareExchange(word, marked, seen) != seen) return FALSE;
    RtlWaitOnAddress(word, &marked, sizeof(marked), NULL);
    return TRUE;
}

void WINAPI RtlInitializeSRWLock(RTL_SRWLOCK *lock)
{
    lock->Ptr = NULL;
}

BOOLEAN WINAPI RtlTryAcquireSRWLockExclusive(RTL_SRWLOCK *lock)
{
    LONG *word = srw_word(lock);
    LONG seen = *(volatile LONG *)word;
    if (seen & ~SRW_WAITERS) return FALSE;
    return InterlockedCompareExchange(word, seen | SRW_EXCLUSIVE, seen) == seen;
}

static BOOL shared_allowed(RTL_SRWLOCK *lock, LONG seen)
{
    return !(seen & SRW_EXCLUSIVE) && !*(volatile LONG *)srw_writers(lock);
}

BOOLEAN WINAPI RtlTryAcquireSRWLockShared(RTL_SRWLOCK *lock)
{
    LONG *word = srw_word(lock);
    for (;;)
    {
        LONG seen = *(volatile LONG *)word;
        if (!shared_allowed(lock, seen)) return FALSE;
        if (InterlockedCompareExchange(word, seen + SRW_SHARED_ONE, seen) == seen) return TRUE;
    }
}

void WINAPI RtlAcquireSRWLockExclusive(RTL_SRWLOCK *lock)
{
    LONG *word = srw_word(lock);
    BOOL counted = FALSE;
    for (;;)
    {
        LONG seen = *(volatile LONG *)word;
        if (!(seen & ~SRW_WAITERS))
        {
            if (InterlockedCompareExchange(word, seen | SRW_EXCLUSIVE, seen) != seen) continue;
            if (counted) InterlockedDecrement(srw_writers(lock));
            return;
        }
        /* counted before the first sleep and until the lock is ours, so that no reader
         * slips in while this writer is between two attempts */
        if (!counted) InterlockedIncrement(srw_writers(lock));
        counted = TRUE;
        srw_sleep(word, seen);
    }
}

void WINAPI RtlAcquireSRWLockShared(RTL_SRWLOCK *lock)
{
    LONG *word = srw_word(lock);
    for (;;)
    {
        LONG seen = *(volatile LONG *)word;
        if (shared_allowed(lock, seen))
        {
            if (InterlockedCompareExchange(word, seen + SRW_SHARED_ONE, seen) == seen) return;
            continue;
        }
        srw_sleep(word, seen);
    }
}

/* Every sleeper is woken: readers can all proceed, and the writers race for the lock. */
void WINAPI RtlReleaseSRWLockExclusive(RTL_SRWLOCK *lock)
{
    LONG *word = srw_word(lock);
    if (InterlockedExchange(word, 0) & SRW_WAITERS) RtlWakeAddressAll(word);
}

void WINAPI RtlReleaseSRWLockShared(RTL_SRWLOCK *lock)
{
    LONG *word = srw_word(lock);
    for (;;)
    {
        LONG seen = *(volatile LONG *)word;
        LONG next = seen - SRW_SHARED_ONE;
        if (next < SRW_SHARED_ONE) next = 0;
        if (InterlockedCompareExchange(word, next, seen) != seen) continue;
        if (!next && (seen & SRW_WAITERS)) RtlWakeAddressAll(word);
        return;
    }
}

/* A condition variable is a wake-up generation counter: a sleeper samples it before
 * releasing its lock and sleeps only while it is unchanged. */
static inline LONG *cv_word(RTL_CONDITION_VARIABLE *cv)
{
    return (LONG *)&cv->Ptr;
}

void WINAPI RtlInitializeConditionVariable(RTL_CONDITION_VARIABLE *cv)
{
    cv->Ptr = NULL;
}

void WINAPI RtlWakeConditionVariable(RTL_CONDITION_VARIABLE *cv)
{
    InterlockedIncrement(cv_word(cv));
    RtlWakeAddressSingle(cv_word(cv));
}

void WINAPI RtlWakeAllConditionVariable(RTL_CONDITION_VARIABLE *cv)
{
    InterlockedIncrement(cv_word(cv));
    RtlWakeAddressAll(cv_word(cv));
}

static NTSTATUS cv_wait(RTL_CONDITION_VARIABLE *cv, LONG generation, const LARGE_INTEGER *timeout)
{
    NTSTATUS status = RtlWaitOnAddress(cv_word(cv), &generation, sizeof(generation), timeout);
    return status == STATUS_TIMEOUT ? STATUS_TIMEOUT : STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlSleepConditionVariableCS(RTL_CONDITION_VARIABLE *cv, RTL_CRITICAL_SECTION *crit,
                                            const LARGE_INTEGER *timeout)
{
    LONG generation = *(volatile LONG *)cv_word(cv);
    NTSTATUS status;

    RtlLeaveCriticalSection(crit);
    status = cv_wait(cv, generation, timeout);
    RtlEnterCriticalSection(crit);
    return status;
}

NTSTATUS WINAPI RtlSleepConditionVariableSRW(RTL_CONDITION_VARIABLE *cv, RTL_SRWLOCK *lock,
                                             const LARGE_INTEGER *timeout, ULONG flags)
{
    LONG generation = *(volatile LONG *)cv_word(cv);
    BOOL shared = flags & RTL_CONDITION_VARIABLE_LOCKMODE_SHARED;
    NTSTATUS status;

    if (shared) RtlReleaseSRWLockShared(lock);
    else RtlReleaseSRWLockExclusive(lock);
    status = cv_wait(cv, generation, timeout);
    if (shared) RtlAcquireSRWLockShared(lock);
    else RtlAcquireSRWLockExclusive(lock);
    return status;
}

/* One-time initialisation: the low two bits of the pointer are the state, the rest the
 * context the initialiser published.  Sleepers wait for the low 32 bits to leave
 * ONCE_SYNC_RUNNING (completion changes the state bits, failure resets to zero). */
#define ONCE_STATE_MASK    3
#define ONCE_UNINITIALIZED 0
#define ONCE_SYNC_RUNNING  1
#define ONCE_DONE          2
#define ONCE_ASYNC_RUNNING 3

static inline ULONG_PTR once_value(RTL_RUN_ONCE *once)
{
    return (ULONG_PTR)*(void *volatile *)&once->Ptr;
}

static inline BOOL once_swap(RTL_RUN_ONCE *once, ULONG_PTR from, ULONG_PTR to)
{
    return InterlockedCompareExchangePointer(&once->Ptr, (void *)to, (void *)from) == (void *)from;
}

void WINAPI RtlRunOnceInitialize(RTL_RUN_ONCE *once)
{
    once->Ptr = NULL;
}

DWORD WINAPI RtlRunOnceBeginInitialize(RTL_RUN_ONCE *once, DWORD flags, void **context)
{
    if (flags & ~(RTL_RUN_ONCE_CHECK_ONLY | RTL_RUN_ONCE_ASYNC)) return STATUS_INVALID_PARAMETER;

    if (flags & RTL_RUN_ONCE_CHECK_ONLY)
    {
        ULONG_PTR value = once_value(once);
        if (flags & RTL_RUN_ONCE_ASYNC) return STATUS_INVALID_PARAMETER;
        if ((value & ONCE_STATE_MASK) != ONCE_DONE) return STATUS_UNSUCCESSFUL;
        if (context) *context = (void *)(value & ~(ULONG_PTR)ONCE_STATE_MASK);
        return STATUS_SUCCESS;
    }

    for (;;)
    {
        ULONG_PTR value = once_value(once);
        switch (value & ONCE_STATE_MASK)
        {
        case ONCE_UNINITIALIZED:
            if (once_swap(once, value, (flags & RTL_RUN_ONCE_ASYNC) ? ONCE_ASYNC_RUNNING : ONCE_SYNC_RUNNING))
                return STATUS_PENDING;
            break;
        case ONCE_SYNC_RUNNING:
        {
            static const LONG running = ONCE_SYNC_RUNNING;
            if (flags & RTL_RUN_ONCE_ASYNC) return STATUS_INVALID_PARAMETER;
            RtlWaitOnAddress(&once->Ptr, &running, sizeof(running), NULL);
            break;
        }
        case ONCE_DONE:
            if (context) *context = (void *)(value & ~(ULONG_PTR)ONCE_STATE_MASK);
            return STATUS_SUCCESS;
        case ONCE_ASYNC_RUNNING:
            if (!(flags & RTL_RUN_ONCE_ASYNC)) return STATUS_INVALID_PARAMETER;
            return STATUS_PENDING;
        }
    }
}

DWORD WINAPI RtlRunOnceComplete(RTL_RUN_ONCE *once, DWORD flags, void *context)
{
    ULONG_PTR result = (ULONG_PTR)context, value;

    if (flags & ~(RTL_RUN_ONCE_ASYNC | RTL_RUN_ONCE_INIT_FAILED)) return STATUS_INVALID_PARAMETER;
    if (flags & RTL_RUN_ONCE_INIT_FAILED)
    {
        /* only a synchronous initialisation can fail: an asynchronous one that
         * did not finish simply does not complete */
        if (context || (flags & RTL_RUN_ONCE_ASYNC)) return STATUS_INVALID_PARAMETER;
        result = ONCE_UNINITIALIZED;
    }
    else
    {
        if (result & ONCE_STATE_MASK) return STATUS_INVALID_PARAMETER;
        result |= ONCE_DONE;
    }

    value = once_value(once);
    switch (value & ONCE_STATE_MASK)
    {
    case ONCE_SYNC_RUNNING:
        if (flags & RTL_RUN_ONCE_ASYNC) return STATUS_INVALID_PARAMETER;
        once->Ptr = (void *)result;
        RtlWakeAddressAll(&once->Ptr);
        return STATUS_SUCCESS;
    case ONCE_ASYNC_RUNNING:
        if (!(flags & RTL_RUN_ONCE_ASYNC)) return STATUS_INVALID_PARAMETER;
        /* Racing asynchronous initialisers: the first to complete wins. */
        return once_swap(once, value, result) ? STATUS_SUCCESS : STATUS_OBJECT_NAME_COLLISION;
    default:
        return STATUS_UNSUCCESSFUL;
    }
}

DWORD WINAPI RtlRunOnceExecuteOnce(RTL_RUN_ONCE *once, PRTL_RUN_ONCE_INIT_FN func, void *param, void **context)
{
    DWORD status = RtlRunOnceBeginInitialize(once, 0, context);
    if (status != STATUS_PENDING) return status;
    if (!func(once, param, context))
    {
        RtlRunOnceComplete(once, RTL_RUN_ONCE_INIT_FAILED, NULL);
        return STATUS_UNSUCCESSFUL;
    }
    return RtlRunOnceComplete(once, 0, context ? *context : NULL);
}
