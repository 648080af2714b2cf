/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal helpers of kernel32.dll. */
#ifndef WRING_KERNEL32_PRIVATE_H
#define WRING_KERNEL32_PRIVATE_H

#include "wring/shared.h"
#include "winnls.h"
#include "wincon.h"

/*
 * SetLastError and GetLastError are exported as forwarders to ntdll, as on
 * Windows, so kernel32 itself has no such functions: call what they forward to.
 */
#define SetLastError RtlSetLastWin32Error
#define GetLastError RtlGetLastWin32Error
#define HeapAlloc RtlAllocateHeap
#define HeapFree(heap, flags, ptr) RtlFreeHeap(heap, flags, ptr)

/* Sets the last error from an NT status; TRUE when the status is a success. */
static inline BOOL set_ntstatus(NTSTATUS status)
{
    if (status) SetLastError(RtlNtStatusToDosError(status));
    return !status;
}

/* file.c: waits for a request a call without an OVERLAPPED left pending on an overlapped handle */
NTSTATUS wait_unoverlapped(HANDLE file, NTSTATUS status, IO_STATUS_BLOCK *io);

/* synch.c: Win32 object names, "\BaseNamedObjects\" and the name, as the Nt* calls take them */
struct object_name
{
    UNICODE_STRING nt;
    OBJECT_ATTRIBUTES attr;
};
BOOL init_object_name(struct object_name *obj, const WCHAR *name, ULONG attributes, const SECURITY_ATTRIBUTES *sa);
void free_object_name(struct object_name *obj);
/* A Create function's result: ERROR_ALREADY_EXISTS with the handle of an existing object. */
HANDLE create_result(NTSTATUS status, HANDLE handle);
typedef NTSTATUS (WINAPI *open_func)(HANDLE *, ACCESS_MASK, const OBJECT_ATTRIBUTES *);
HANDLE open_named(open_func open, DWORD access, BOOL inherit, const WCHAR *name);

/* sync.c: runs the FLS callbacks of the calling thread, which is ending */
void fls_thread_exit(void);

/* file.c: the code page of the A file functions, CP_ACP or CP_OEMCP (SetFileApisToOEM) */
UINT file_api_code_page(void);
/* A file name in that code page as a process-heap UTF-16 copy; NULL with the last error set on failure. */
WCHAR *ansi_to_wide(const char *s);
/* The same for strings that are not file names (object names): always CP_ACP. */
WCHAR *acp_to_wide(const char *s);
/* Copies a UTF-16 file name into a buffer of the file API code page with GetXxxA's length rules. */
DWORD wide_to_ansi_result(const WCHAR *w, DWORD w_len, char *buf, DWORD size);

#endif
