/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Per-thread settings the Rust standard library and the MSVC runtime make at
 * start-up: the stack kept for stack-overflow handlers, the thread's error mode,
 * and whether the thread is a fiber.
 */
#include "kernel32_private.h"

/* The guard zone ntdll opens for the handlers of a stack overflow (unix/thread.c) is 64 KiB:
 * a guarantee up to that is kept; a larger one could not be, so it is refused. */
#define GUARD_ROOM (64 * 1024)

/* *size in: the bytes wanted (0 only asks); out: the guarantee before the call.  It only grows. */
BOOL WINAPI SetThreadStackGuarantee(ULONG *size)
{
    TEB *teb = NtCurrentTeb();
    ULONG previous = teb->GuaranteedStackBytes, wanted = (*size + 4095) & ~4095u;
    SIZE_T stack = (char *)teb->Tib.StackBase - (char *)teb->DeallocationStack;

    if (*size > ~0u - 4095 || wanted >= stack || wanted > GUARD_ROOM)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (wanted > previous) teb->GuaranteedStackBytes = wanted;
    *size = previous;
    return TRUE;
}

/* The SEM_* bits a thread may set for itself, kept in its TEB. */
#define THREAD_ERROR_MODES (SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX)

BOOL WINAPI SetThreadErrorMode(DWORD mode, DWORD *old)
{
    if (mode & ~THREAD_ERROR_MODES)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (old) *old = NtCurrentTeb()->HardErrorDisabled;
    NtCurrentTeb()->HardErrorDisabled = mode;
    return TRUE;
}

DWORD WINAPI GetThreadErrorMode(void)
{
    return NtCurrentTeb()->HardErrorDisabled;
}

/* Wring has no fibers, so no thread has the TEB's fiber flag (HasFiberData) set. */
BOOL WINAPI IsThreadAFiber(void)
{
    return (NtCurrentTeb()->SameTebFlags & 0x0004) != 0;
}
