/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Process error mode and the top-level exception filter.  GetLastError and SetLastError
 * are forwarders to ntdll in kernel32.def, as on Windows. */
#ifndef _KERNEL32_
#define _KERNEL32_
#endif
#include <stdarg.h>
#include "windef.h"
#include "winbase.h"
#include "winternl.h"

static UINT error_mode;
static LPTOP_LEVEL_EXCEPTION_FILTER top_filter;

UINT WINAPI SetErrorMode(UINT mode)
{
    return InterlockedExchange((LONG *)&error_mode, mode);
}

UINT WINAPI GetErrorMode(void)
{
    return *(volatile UINT *)&error_mode;
}

LPTOP_LEVEL_EXCEPTION_FILTER WINAPI SetUnhandledExceptionFilter(LPTOP_LEVEL_EXCEPTION_FILTER filter)
{
    return InterlockedExchangePointer((void **)&top_filter, filter);
}

/* The record names RaiseException as the address, as Wine does; it carries at most
 * EXCEPTION_MAXIMUM_PARAMETERS arguments. */
void WINAPI RaiseException(DWORD code, DWORD flags, DWORD count, const ULONG_PTR *args)
{
    EXCEPTION_RECORD record;

    record.ExceptionCode = code;
    record.ExceptionFlags = flags & EXCEPTION_NONCONTINUABLE;
    record.ExceptionRecord = NULL;
    record.ExceptionAddress = (void *)RaiseException;
    if (!args) count = 0;
    if (count > EXCEPTION_MAXIMUM_PARAMETERS) count = EXCEPTION_MAXIMUM_PARAMETERS;
    record.NumberParameters = count;
    for (DWORD i = 0; i < count; i++) record.ExceptionInformation[i] = args[i];
    RtlRaiseException(&record);
}

/* With no filter installed Windows (no debugger attached) ends the process: the answer
 * EXCEPTION_EXECUTE_HANDLER tells the caller's handler to do so. */
LONG WINAPI UnhandledExceptionFilter(EXCEPTION_POINTERS *info)
{
    LPTOP_LEVEL_EXCEPTION_FILTER filter = *(LPTOP_LEVEL_EXCEPTION_FILTER volatile *)&top_filter;
    if (filter) return filter(info);
    return EXCEPTION_EXECUTE_HANDLER;
}
