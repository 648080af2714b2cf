/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* I/O completion ports and the results of overlapped I/O. */
#include "kernel32_private.h"

static LARGE_INTEGER *ms_timeout(LARGE_INTEGER *t, DWORD ms)
{
    if (ms == INFINITE) return NULL;
    t->QuadPart = (LONGLONG)ms * -10000;
    return t;
}

HANDLE WINAPI CreateIoCompletionPort(HANDLE file, HANDLE existing, ULONG_PTR key, DWORD concurrency)
{
    FILE_COMPLETION_INFORMATION info;
    IO_STATUS_BLOCK io;
    HANDLE port = existing;
    NTSTATUS status;

    if (file == INVALID_HANDLE_VALUE && existing)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (!port && (status = NtCreateIoCompletion(&port, IO_COMPLETION_ALL_ACCESS, NULL, concurrency)))
    {
        set_ntstatus(status);
        return NULL;
    }
    if (file != INVALID_HANDLE_VALUE)
    {
        info.CompletionPort = port;
        info.CompletionKey = key;
        if ((status = NtSetInformationFile(file, &io, &info, sizeof(info), FileCompletionInformation)))
        {
            if (!existing) NtClose(port);
            set_ntstatus(status);
            return NULL;
        }
    }
    return port;
}

BOOL WINAPI GetQueuedCompletionStatus(HANDLE port, DWORD *bytes, ULONG_PTR *key, OVERLAPPED **overlapped,
                                      DWORD timeout)
{
    IO_STATUS_BLOCK iosb;
    LARGE_INTEGER t;
    ULONG_PTR value;
    NTSTATUS status;

    if (!overlapped)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    status = NtRemoveIoCompletion(port, key, &value, &iosb, ms_timeout(&t, timeout));
    if (status == STATUS_SUCCESS)
    {
        *overlapped = (OVERLAPPED *)value;
        *bytes = iosb.Information;
        /* a packet of a failed request: FALSE, but with the OVERLAPPED handed back */
        if (!NT_SUCCESS(iosb.Status)) return set_ntstatus(iosb.Status);
        return TRUE;
    }
    *overlapped = NULL;
    if (status == STATUS_TIMEOUT) SetLastError(WAIT_TIMEOUT);
    else if (status == STATUS_ABANDONED_WAIT_0) SetLastError(ERROR_ABANDONED_WAIT_0);
    else set_ntstatus(status);
    return FALSE;
}

BOOL WINAPI GetQueuedCompletionStatusEx(HANDLE port, OVERLAPPED_ENTRY *entries, ULONG count, ULONG *removed,
                                        DWORD timeout, BOOL alertable)
{
    LARGE_INTEGER t;
    NTSTATUS status;

    if (!entries || !count || !removed)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    /* OVERLAPPED_ENTRY has FILE_IO_COMPLETION_INFORMATION's layout: key, value, status, bytes */
    status = NtRemoveIoCompletionEx(port, (FILE_IO_COMPLETION_INFORMATION *)entries, count, removed,
                                    ms_timeout(&t, timeout), alertable);
    if (status == STATUS_SUCCESS) return TRUE;
    /* *removed stays as ntdll left it: Windows says 1 for a wait that ended empty */
    if (status == STATUS_TIMEOUT) SetLastError(WAIT_TIMEOUT);
    else if (status == STATUS_USER_APC) SetLastError(WAIT_IO_COMPLETION);
    else if (status == STATUS_ABANDONED_WAIT_0) SetLastError(ERROR_ABANDONED_WAIT_0);
    else set_ntstatus(status);
    return FALSE;
}

BOOL WINAPI PostQueuedCompletionStatus(HANDLE port, DWORD bytes, ULONG_PTR key, OVERLAPPED *overlapped)
{
    return set_ntstatus(NtSetIoCompletion(port, key, (ULONG_PTR)overlapped, STATUS_SUCCESS, bytes));
}

BOOL WINAPI GetOverlappedResultEx(HANDLE file, OVERLAPPED *overlapped, DWORD *bytes, DWORD timeout, BOOL alertable)
{
    NTSTATUS status = (NTSTATUS)overlapped->Internal;

    if (status == STATUS_PENDING)
    {
        HANDLE wait_on = (HANDLE)((ULONG_PTR)overlapped->hEvent & ~(ULONG_PTR)1);
        LARGE_INTEGER t;
        if (!timeout)
        {
            SetLastError(ERROR_IO_INCOMPLETE);
            return FALSE;
        }
        /* without an event, the file handle itself is signalled when its I/O completes */
        status = NtWaitForSingleObject(wait_on ? wait_on : file, alertable, ms_timeout(&t, timeout));
        if (status == STATUS_TIMEOUT)
        {
            SetLastError(WAIT_TIMEOUT);
            return FALSE;
        }
        if (status == STATUS_USER_APC)
        {
            SetLastError(WAIT_IO_COMPLETION);
            return FALSE;
        }
        if (NT_ERROR(status)) return set_ntstatus(status);
        /* the wait said done: Windows reports success even if Internal was never written */
        status = (NTSTATUS)overlapped->Internal;
        if (status == STATUS_PENDING) status = STATUS_SUCCESS;
    }
    *bytes = overlapped->InternalHigh;
    if (!NT_SUCCESS(status)) return set_ntstatus(status);
    return TRUE;
}

BOOL WINAPI GetOverlappedResult(HANDLE file, OVERLAPPED *overlapped, DWORD *bytes, BOOL wait)
{
    return GetOverlappedResultEx(file, overlapped, bytes, wait ? INFINITE : 0, FALSE);
}

BOOL WINAPI CancelIo(HANDLE file)
{
    IO_STATUS_BLOCK io;
    return set_ntstatus(NtCancelIoFile(file, &io));
}

BOOL WINAPI CancelIoEx(HANDLE file, OVERLAPPED *overlapped)
{
    IO_STATUS_BLOCK io;
    return set_ntstatus(NtCancelIoFileEx(file, (IO_STATUS_BLOCK *)overlapped, &io));
}

BOOL WINAPI CancelSynchronousIo(HANDLE thread)
{
    IO_STATUS_BLOCK io;
    return set_ntstatus(NtCancelSynchronousIoFile(thread, NULL, &io));
}

BOOL WINAPI SetFileCompletionNotificationModes(HANDLE file, UCHAR flags)
{
    FILE_IO_COMPLETION_NOTIFICATION_INFORMATION info;
    IO_STATUS_BLOCK io;
    info.Flags = flags;
    return set_ntstatus(NtSetInformationFile(file, &io, &info, sizeof(info), FileIoCompletionNotificationInformation));
}

/* The APC of ReadFileEx/WriteFileEx: the program's completion routine with Win32 values. */
static void WINAPI file_io_apc(void *routine, IO_STATUS_BLOCK *io, ULONG reserved)
{
    (void)reserved;
    ((LPOVERLAPPED_COMPLETION_ROUTINE)routine)(RtlNtStatusToDosError(io->Status), io->Information,
                                               (OVERLAPPED *)io);
}

static BOOL read_write_ex(HANDLE file, void *buffer, DWORD count, OVERLAPPED *overlapped,
                          LPOVERLAPPED_COMPLETION_ROUTINE routine, BOOL write)
{
    LARGE_INTEGER offset;
    NTSTATUS status;

    if (!overlapped || !routine)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    offset.QuadPart = ((LONGLONG)overlapped->OffsetHigh << 32) | overlapped->Offset;
    overlapped->Internal = STATUS_PENDING;
    status = write ? NtWriteFile(file, NULL, (PIO_APC_ROUTINE)file_io_apc, (void *)routine,
                                 (IO_STATUS_BLOCK *)overlapped, buffer, count, &offset, NULL)
                   : NtReadFile(file, NULL, (PIO_APC_ROUTINE)file_io_apc, (void *)routine,
                                (IO_STATUS_BLOCK *)overlapped, buffer, count, &offset, NULL);
    if (NT_ERROR(status)) return set_ntstatus(status);
    return TRUE;
}

BOOL WINAPI ReadFileEx(HANDLE file, void *buffer, DWORD count, OVERLAPPED *overlapped,
                       LPOVERLAPPED_COMPLETION_ROUTINE routine)
{
    return read_write_ex(file, buffer, count, overlapped, routine, FALSE);
}

BOOL WINAPI WriteFileEx(HANDLE file, const void *buffer, DWORD count, OVERLAPPED *overlapped,
                        LPOVERLAPPED_COMPLETION_ROUTINE routine)
{
    return read_write_ex(file, (void *)buffer, count, overlapped, routine, TRUE);
}

static BOOL scatter_gather(HANDLE file, FILE_SEGMENT_ELEMENT *segments, DWORD count, OVERLAPPED *overlapped,
                           BOOL write)
{
    LARGE_INTEGER offset;
    NTSTATUS status;
    HANDLE event;
    void *cvalue;

    if (!overlapped)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    offset.QuadPart = ((LONGLONG)overlapped->OffsetHigh << 32) | overlapped->Offset;
    overlapped->Internal = STATUS_PENDING;
    event = (HANDLE)((ULONG_PTR)overlapped->hEvent & ~(ULONG_PTR)1);
    cvalue = ((ULONG_PTR)overlapped->hEvent & 1) ? NULL : overlapped;
    status = write ? NtWriteFileGather(file, event, NULL, cvalue, (IO_STATUS_BLOCK *)overlapped, segments, count,
                                       &offset, NULL)
                   : NtReadFileScatter(file, event, NULL, cvalue, (IO_STATUS_BLOCK *)overlapped, segments, count,
                                       &offset, NULL);
    if (status == STATUS_PENDING)
    {
        SetLastError(ERROR_IO_PENDING);
        return FALSE;
    }
    return set_ntstatus(status);
}

BOOL WINAPI ReadFileScatter(HANDLE file, FILE_SEGMENT_ELEMENT *segments, DWORD count, DWORD *reserved,
                            OVERLAPPED *overlapped)
{
    (void)reserved;
    return scatter_gather(file, segments, count, overlapped, FALSE);
}

BOOL WINAPI WriteFileGather(HANDLE file, FILE_SEGMENT_ELEMENT *segments, DWORD count, DWORD *reserved,
                            OVERLAPPED *overlapped)
{
    (void)reserved;
    return scatter_gather(file, segments, count, overlapped, TRUE);
}
