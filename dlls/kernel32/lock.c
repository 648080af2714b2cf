/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Byte-range locks: LockFile, LockFileEx, UnlockFile, UnlockFileEx over NtLockFile/NtUnlockFile. */
#include "kernel32_private.h"

static LARGE_INTEGER make_large(DWORD low, DWORD high)
{
    LARGE_INTEGER v;
    v.QuadPart = ((LONGLONG)high << 32) | low;
    return v;
}

BOOL WINAPI LockFile(HANDLE file, DWORD offset_low, DWORD offset_high, DWORD count_low, DWORD count_high)
{
    LARGE_INTEGER offset = make_large(offset_low, offset_high), count = make_large(count_low, count_high);
    IO_STATUS_BLOCK io;
    /* LockFile never waits and always locks exclusively */
    return set_ntstatus(NtLockFile(file, NULL, NULL, NULL, &io, &offset, &count, NULL, TRUE, TRUE));
}

BOOL WINAPI LockFileEx(HANDLE file, DWORD flags, DWORD reserved, DWORD count_low, DWORD count_high,
                       OVERLAPPED *overlapped)
{
    LARGE_INTEGER offset, count = make_large(count_low, count_high);
    HANDLE event;

    if (reserved || !overlapped)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    offset = make_large(overlapped->Offset, overlapped->OffsetHigh);
    event = (HANDLE)((ULONG_PTR)overlapped->hEvent & ~(ULONG_PTR)1);
    overlapped->Internal = STATUS_PENDING;
    overlapped->InternalHigh = 0;
    /* a pending lock is STATUS_PENDING, which the last error shows as ERROR_IO_PENDING */
    return set_ntstatus(NtLockFile(file, event, NULL, ((ULONG_PTR)overlapped->hEvent & 1) ? NULL : overlapped,
                                   (IO_STATUS_BLOCK *)overlapped, &offset, &count, NULL,
                                   (flags & LOCKFILE_FAIL_IMMEDIATELY) != 0, (flags & LOCKFILE_EXCLUSIVE_LOCK) != 0));
}

BOOL WINAPI UnlockFile(HANDLE file, DWORD offset_low, DWORD offset_high, DWORD count_low, DWORD count_high)
{
    LARGE_INTEGER offset = make_large(offset_low, offset_high), count = make_large(count_low, count_high);
    IO_STATUS_BLOCK io;
    return set_ntstatus(NtUnlockFile(file, &io, &offset, &count, NULL));
}

BOOL WINAPI UnlockFileEx(HANDLE file, DWORD reserved, DWORD count_low, DWORD count_high, OVERLAPPED *overlapped)
{
    LARGE_INTEGER offset, count = make_large(count_low, count_high);
    IO_STATUS_BLOCK io;

    if (reserved || !overlapped)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    offset = make_large(overlapped->Offset, overlapped->OffsetHigh);
    return set_ntstatus(NtUnlockFile(file, &io, &offset, &count, NULL));
}
