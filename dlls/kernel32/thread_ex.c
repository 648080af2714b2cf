/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Per-thread settings the Rust standard library and the MSVC runtime make: the
 * stack kept for stack-overflow handlers, the thread's error mode, its
 * description (a named std::thread), and whether the thread is a fiber.
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

/* The description is the thread's ThreadNameInformation; any thread with a handle may set it. */
HRESULT WINAPI SetThreadDescription(HANDLE thread, const WCHAR *description)
{
    THREAD_NAME_INFORMATION info;
    SIZE_T len = description ? lstrlenW(description) * sizeof(WCHAR) : 0;

    if (len > 0xfffe) return HRESULT_FROM_NT(STATUS_INVALID_PARAMETER);
    info.ThreadName.Length = info.ThreadName.MaximumLength = len;
    info.ThreadName.Buffer = (WCHAR *)description;
    return HRESULT_FROM_NT(NtSetInformationThread(thread, ThreadNameInformation, &info, sizeof(info)));
}

/* *description is a LocalAlloc'd copy, empty for a thread never described; LocalFree frees it. */
HRESULT WINAPI GetThreadDescription(HANDLE thread, WCHAR **description)
{
    THREAD_NAME_INFORMATION *info;
    ULONG size = sizeof(*info) + 64 * sizeof(WCHAR), needed;
    NTSTATUS status;

    *description = NULL;
    for (;;)
    {
        if (!(info = HeapAlloc(GetProcessHeap(), 0, size))) return HRESULT_FROM_NT(STATUS_NO_MEMORY);
        status = NtQueryInformationThread(thread, ThreadNameInformation, info, size, &needed);
        if (status != STATUS_BUFFER_TOO_SMALL) break;
        HeapFree(GetProcessHeap(), 0, info);
        size = needed;
    }
    if (!status)
    {
        if (!(*description = LocalAlloc(LMEM_FIXED, info->ThreadName.Length + sizeof(WCHAR))))
            status = STATUS_NO_MEMORY;
        else
        {
            memcpy(*description, info->ThreadName.Buffer, info->ThreadName.Length);
            (*description)[info->ThreadName.Length / sizeof(WCHAR)] = 0;
        }
    }
    HeapFree(GetProcessHeap(), 0, info);
    return HRESULT_FROM_NT(status);
}
