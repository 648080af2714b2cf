/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Critical sections, SRW locks, condition variables, one-time initialisation, and TLS/FLS.
 * Most of these are forwarders to ntdll in kernel32.def; here are the ones whose Win32 form
 * differs (BOOL results, millisecond timeouts, last-error values).
 *
 * TlsFree clears the slot in every thread through NtSetInformationThread(ThreadZeroTlsCell),
 * as Windows does.  FLS callbacks run at thread exit from kernel32's DLL_THREAD_DETACH;
 * FlsFree clears the slot of every thread and runs the callback for each value it held.
 */
#ifndef _KERNEL32_
#define _KERNEL32_
#endif
#include <stdarg.h>
#include "ntstatus.h"
#define WIN32_NO_STATUS
#include "windef.h"
#include "winbase.h"
#include "winternl.h"
#undef WIN32_NO_STATUS

#define TLS_EXPANSION_SLOTS 1024
/* Index 0 is never handed out, as on Windows, so 0 can mean "no slot" to a program. */
#define FLS_SLOTS 128

static inline void set_status_error(NTSTATUS status)
{
    RtlSetLastWin32Error(RtlNtStatusToDosError(status));
}

static LARGE_INTEGER *ms_to_timeout(LARGE_INTEGER *time, DWORD ms)
{
    if (ms == INFINITE) return NULL;
    time->QuadPart = (ULONGLONG)ms * -10000;
    return time;
}

BOOL WINAPI InitializeCriticalSectionAndSpinCount(CRITICAL_SECTION *crit, DWORD spin)
{
    return !RtlInitializeCriticalSectionAndSpinCount(crit, spin);
}

BOOL WINAPI InitializeCriticalSectionEx(CRITICAL_SECTION *crit, DWORD spin, DWORD flags)
{
    NTSTATUS status = RtlInitializeCriticalSectionEx(crit, spin, flags);
    if (status) set_status_error(status);
    return !status;
}

BOOL WINAPI SleepConditionVariableCS(CONDITION_VARIABLE *cv, CRITICAL_SECTION *crit, DWORD ms)
{
    LARGE_INTEGER time;
    NTSTATUS status = RtlSleepConditionVariableCS(cv, crit, ms_to_timeout(&time, ms));
    if (status == STATUS_SUCCESS) return TRUE;
    set_status_error(status);
    return FALSE;
}

BOOL WINAPI SleepConditionVariableSRW(CONDITION_VARIABLE *cv, SRWLOCK *lock, DWORD ms, ULONG flags)
{
    LARGE_INTEGER time;
    NTSTATUS status = RtlSleepConditionVariableSRW(cv, lock, ms_to_timeout(&time, ms), flags);
    if (status == STATUS_SUCCESS) return TRUE;
    set_status_error(status);
    return FALSE;
}

BOOL WINAPI InitOnceBeginInitialize(INIT_ONCE *once, DWORD flags, BOOL *pending, void **context)
{
    NTSTATUS status = RtlRunOnceBeginInitialize(once, flags, context);
    if (status >= 0)
    {
        *pending = status == STATUS_PENDING;
        return TRUE;
    }
    set_status_error(status);
    return FALSE;
}

BOOL WINAPI InitOnceComplete(INIT_ONCE *once, DWORD flags, void *context)
{
    NTSTATUS status = RtlRunOnceComplete(once, flags, context);
    if (status == STATUS_SUCCESS) return TRUE;
    set_status_error(status);
    return FALSE;
}

BOOL WINAPI InitOnceExecuteOnce(INIT_ONCE *once, PINIT_ONCE_FN func, void *param, void **context)
{
    return !RtlRunOnceExecuteOnce(once, (PRTL_RUN_ONCE_INIT_FN)func, param, context);
}

DWORD WINAPI TlsAlloc(void)
{
    PEB *peb = NtCurrentTeb()->Peb;
    TEB *teb = NtCurrentTeb();
    DWORD index;

    RtlAcquirePebLock();
    index = RtlFindClearBitsAndSet(peb->TlsBitmap, 1, 0);
    if (index != ~0u) teb->TlsSlots[index] = NULL;
    else if ((index = RtlFindClearBitsAndSet(peb->TlsExpansionBitmap, 1, 0)) != ~0u)
    {
        if (teb->TlsExpansionSlots) teb->TlsExpansionSlots[index] = NULL;
        index += TLS_MINIMUM_AVAILABLE;
    }
    RtlReleasePebLock();
    if (index == ~0u) RtlSetLastWin32Error(ERROR_NO_MORE_ITEMS);
    return index == ~0u ? TLS_OUT_OF_INDEXES : index;
}

BOOL WINAPI TlsFree(DWORD index)
{
    PEB *peb = NtCurrentTeb()->Peb;
    RTL_BITMAP *bitmap = index < TLS_MINIMUM_AVAILABLE ? peb->TlsBitmap : peb->TlsExpansionBitmap;
    DWORD bit = index < TLS_MINIMUM_AVAILABLE ? index : index - TLS_MINIMUM_AVAILABLE;
    BOOL ok;

    RtlAcquirePebLock();
    ok = index < TLS_MINIMUM_AVAILABLE + TLS_EXPANSION_SLOTS && RtlAreBitsSet(bitmap, bit, 1);
    if (ok)
    {
        RtlClearBits(bitmap, bit, 1);
        NtSetInformationThread(GetCurrentThread(), ThreadZeroTlsCell, &index, sizeof(index));
    }
    RtlReleasePebLock();
    if (!ok) RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
    return ok;
}

/* Windows clears the last error on success: programs tell a stored NULL from a failure that way. */
void * WINAPI TlsGetValue(DWORD index)
{
    TEB *teb = NtCurrentTeb();

    if (index < TLS_MINIMUM_AVAILABLE)
    {
        RtlSetLastWin32Error(ERROR_SUCCESS);
        return teb->TlsSlots[index];
    }
    index -= TLS_MINIMUM_AVAILABLE;
    if (index >= TLS_EXPANSION_SLOTS)
    {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    RtlSetLastWin32Error(ERROR_SUCCESS);
    return teb->TlsExpansionSlots ? teb->TlsExpansionSlots[index] : NULL;
}

BOOL WINAPI TlsSetValue(DWORD index, void *value)
{
    TEB *teb = NtCurrentTeb();

    if (index < TLS_MINIMUM_AVAILABLE)
    {
        teb->TlsSlots[index] = value;
        return TRUE;
    }
    index -= TLS_MINIMUM_AVAILABLE;
    if (index >= TLS_EXPANSION_SLOTS)
    {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!teb->TlsExpansionSlots &&
        !(teb->TlsExpansionSlots = RtlAllocateHeap(teb->Peb->ProcessHeap, HEAP_ZERO_MEMORY,
                                                   TLS_EXPANSION_SLOTS * sizeof(void *))))
    {
        RtlSetLastWin32Error(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    teb->TlsExpansionSlots[index] = value;
    return TRUE;
}

/* FLS: a process-wide table of slots and their callbacks; each thread's values live in a
 * heap block hung off TEB->FlsSlots, allocated on first store and listed process-wide so that
 * FlsFree reaches every thread's value.  All of it is guarded by the PEB lock.  Thread exit
 * runs the callbacks of the non-NULL values and lets the block go; a thread that is
 * terminated keeps its block listed (TerminateThread skips DLL_THREAD_DETACH). */
struct fls_data
{
    void *values[FLS_SLOTS];
    LIST_ENTRY entry;
};

static ULONG fls_bits[FLS_SLOTS / 32] = { 1 };
static RTL_BITMAP fls_bitmap = { FLS_SLOTS, fls_bits };
static PFLS_CALLBACK_FUNCTION fls_callbacks[FLS_SLOTS];
static LIST_ENTRY fls_threads = { &fls_threads, &fls_threads };

static inline void **fls_values(TEB *teb)
{
    return teb->FlsSlots ? ((struct fls_data *)teb->FlsSlots)->values : NULL;
}

static BOOL fls_index_valid(DWORD index)
{
    return index && index < FLS_SLOTS && RtlAreBitsSet(&fls_bitmap, index, 1);
}

DWORD WINAPI FlsAlloc(PFLS_CALLBACK_FUNCTION callback)
{
    DWORD index;

    RtlAcquirePebLock();
    /* FlsFree left the slot NULL in every thread */
    index = RtlFindClearBitsAndSet(&fls_bitmap, 1, 1);
    if (index != ~0u) fls_callbacks[index] = callback;
    RtlReleasePebLock();
    if (index == ~0u) RtlSetLastWin32Error(ERROR_NO_MORE_ITEMS);
    return index == ~0u ? FLS_OUT_OF_INDEXES : index;
}

BOOL WINAPI FlsFree(DWORD index)
{
    PFLS_CALLBACK_FUNCTION callback;
    struct fls_data *data;
    LIST_ENTRY *entry;
    void *value;

    RtlAcquirePebLock();
    if (!fls_index_valid(index))
    {
        RtlReleasePebLock();
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    callback = fls_callbacks[index];
    /* the index stays taken while the callbacks run, so nobody reuses it meanwhile */
    for (entry = fls_threads.Flink; entry != &fls_threads; entry = entry->Flink)
    {
        data = CONTAINING_RECORD(entry, struct fls_data, entry);
        if (!(value = data->values[index])) continue;
        data->values[index] = NULL;
        if (callback) callback(value);
    }
    fls_callbacks[index] = NULL;
    RtlClearBits(&fls_bitmap, index, 1);
    RtlReleasePebLock();
    return TRUE;
}

/* A thread ends (or the process, for its last thread): each FLS callback sees that thread's
 * non-NULL value, as Windows runs them at thread exit. */
void fls_thread_exit(void)
{
    TEB *teb = NtCurrentTeb();
    struct fls_data *data = (struct fls_data *)teb->FlsSlots;

    if (!data) return;
    for (DWORD i = 1; i < FLS_SLOTS; i++)
    {
        PFLS_CALLBACK_FUNCTION callback;
        void *value;
        RtlAcquirePebLock();
        value = data->values[i];
        data->values[i] = NULL;
        callback = value && fls_index_valid(i) ? fls_callbacks[i] : NULL;
        RtlReleasePebLock();
        if (callback) callback(value);
    }
    RtlAcquirePebLock();
    RemoveEntryList(&data->entry);
    teb->FlsSlots = NULL;
    RtlReleasePebLock();
    RtlFreeHeap(teb->Peb->ProcessHeap, 0, data);
}

void * WINAPI FlsGetValue(DWORD index)
{
    void **values = fls_values(NtCurrentTeb());

    if (!fls_index_valid(index))
    {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    RtlSetLastWin32Error(ERROR_SUCCESS);
    return values ? values[index] : NULL;
}

BOOL WINAPI FlsSetValue(DWORD index, void *value)
{
    TEB *teb = NtCurrentTeb();

    if (!fls_index_valid(index))
    {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!teb->FlsSlots)
    {
        struct fls_data *data = RtlAllocateHeap(teb->Peb->ProcessHeap, HEAP_ZERO_MEMORY, sizeof(*data));

        if (!data)
        {
            RtlSetLastWin32Error(ERROR_NOT_ENOUGH_MEMORY);
            return FALSE;
        }
        RtlAcquirePebLock();
        InsertTailList(&fls_threads, &data->entry);
        teb->FlsSlots = (void *)data;
        RtlReleasePebLock();
    }
    fls_values(teb)[index] = value;
    return TRUE;
}
