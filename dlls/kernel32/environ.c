/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Command line, environment and start-up information, over the PEB's process parameters.
 * The ANSI forms convert through the ANSI code page (1252, single-byte): a string's length
 * in characters is the same in both forms.
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

static inline RTL_USER_PROCESS_PARAMETERS *process_params(void)
{
    return NtCurrentTeb()->Peb->ProcessParameters;
}

static inline HANDLE heap(void)
{
    return NtCurrentTeb()->Peb->ProcessHeap;
}

static SIZE_T wide_len(const WCHAR *s)
{
    const WCHAR *p = s;
    while (*p) p++;
    return p - s;
}

static SIZE_T block_len(const WCHAR *env)
{
    const WCHAR *p = env;
    while (*p) p += wide_len(p) + 1;
    return p - env + 1;
}

/* A heap copy of a wide string in the ANSI code page, or NULL. */
static char *to_ansi(const WCHAR *src, SIZE_T len)
{
    char *dst = RtlAllocateHeap(heap(), 0, len + 1);
    if (!dst) return NULL;
    RtlUnicodeToMultiByteN(dst, len, NULL, src, len * sizeof(WCHAR));
    dst[len] = 0;
    return dst;
}

static WCHAR *to_wide(const char *src)
{
    SIZE_T len = 0;
    WCHAR *dst;
    while (src[len]) len++;
    if (!(dst = RtlAllocateHeap(heap(), 0, (len + 1) * sizeof(WCHAR)))) return NULL;
    RtlMultiByteToUnicodeN(dst, len * sizeof(WCHAR), NULL, src, len);
    dst[len] = 0;
    return dst;
}

/* Converted once and kept for the life of the process, as Windows does. */
static char *cached_ansi(char **cache, const UNICODE_STRING *str)
{
    char *value = *(char *volatile *)cache, *fresh;
    if (value || !str->Buffer) return value;
    if (!(fresh = to_ansi(str->Buffer, str->Length / sizeof(WCHAR)))) return NULL;
    if ((value = InterlockedCompareExchangePointer((void **)cache, fresh, NULL)))
    {
        RtlFreeHeap(heap(), 0, fresh);
        return value;
    }
    return fresh;
}

LPWSTR WINAPI GetCommandLineW(void)
{
    return process_params()->CommandLine.Buffer;
}

LPSTR WINAPI GetCommandLineA(void)
{
    static char *command_line;
    return cached_ansi(&command_line, &process_params()->CommandLine);
}

DWORD WINAPI GetEnvironmentVariableW(LPCWSTR name, LPWSTR buffer, DWORD size)
{
    UNICODE_STRING name_str, value;
    NTSTATUS status;

    if (!name || !*name)
    {
        RtlSetLastWin32Error(ERROR_ENVVAR_NOT_FOUND);
        return 0;
    }
    RtlInitUnicodeString(&name_str, name);
    value.Length = 0;
    value.MaximumLength = size > 0x7fff ? 0xfffe : size * sizeof(WCHAR);
    value.Buffer = buffer;
    status = RtlQueryEnvironmentVariable_U(NULL, &name_str, &value);
    if (status == STATUS_BUFFER_TOO_SMALL) return value.Length / sizeof(WCHAR) + 1;
    if (status)
    {
        RtlSetLastWin32Error(RtlNtStatusToDosError(status));
        return 0;
    }
    /* The NUL must fit too, or the caller learns the size to ask for. */
    if (value.Length == value.MaximumLength) return value.Length / sizeof(WCHAR) + 1;
    return value.Length / sizeof(WCHAR);
}

DWORD WINAPI GetEnvironmentVariableA(LPCSTR name, LPSTR buffer, DWORD size)
{
    WCHAR *wname, *wvalue;
    DWORD len, ret;

    if (!name || !*name)
    {
        RtlSetLastWin32Error(ERROR_ENVVAR_NOT_FOUND);
        return 0;
    }
    if (!(wname = to_wide(name)))
    {
        RtlSetLastWin32Error(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    len = GetEnvironmentVariableW(wname, NULL, 0);
    ret = len;
    if (len && (wvalue = RtlAllocateHeap(heap(), 0, len * sizeof(WCHAR))))
    {
        ret = GetEnvironmentVariableW(wname, wvalue, len);
        if (ret < len && ret < size)
        {
            RtlUnicodeToMultiByteN(buffer, ret, NULL, wvalue, ret * sizeof(WCHAR));
            buffer[ret] = 0;
        }
        else if (ret < len) ret++;
        RtlFreeHeap(heap(), 0, wvalue);
    }
    else if (!len && RtlGetLastWin32Error() == ERROR_SUCCESS && size) buffer[0] = 0;
    RtlFreeHeap(heap(), 0, wname);
    return ret;
}

BOOL WINAPI SetEnvironmentVariableW(LPCWSTR name, LPCWSTR value)
{
    UNICODE_STRING name_str, value_str;
    NTSTATUS status;

    if (!name)
    {
        RtlSetLastWin32Error(ERROR_ENVVAR_NOT_FOUND);
        return FALSE;
    }
    RtlInitUnicodeString(&name_str, name);
    if (value) RtlInitUnicodeString(&value_str, value);
    status = RtlSetEnvironmentVariable(NULL, &name_str, value ? &value_str : NULL);
    if (status)
    {
        RtlSetLastWin32Error(RtlNtStatusToDosError(status));
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI SetEnvironmentVariableA(LPCSTR name, LPCSTR value)
{
    WCHAR *wname = NULL, *wvalue = NULL;
    BOOL ret = FALSE;

    if (!name)
    {
        RtlSetLastWin32Error(ERROR_ENVVAR_NOT_FOUND);
        return FALSE;
    }
    if ((wname = to_wide(name)) && (!value || (wvalue = to_wide(value))))
        ret = SetEnvironmentVariableW(wname, wvalue);
    else RtlSetLastWin32Error(ERROR_NOT_ENOUGH_MEMORY);
    RtlFreeHeap(heap(), 0, wname);
    RtlFreeHeap(heap(), 0, wvalue);
    return ret;
}

/* Windows hands out a copy: the block itself moves whenever a variable changes. */
LPWCH WINAPI GetEnvironmentStringsW(void)
{
    WCHAR *copy;
    SIZE_T len;

    RtlAcquirePebLock();
    len = block_len(process_params()->Environment);
    if ((copy = RtlAllocateHeap(heap(), 0, len * sizeof(WCHAR))))
    {
        const WCHAR *src = process_params()->Environment;
        for (SIZE_T i = 0; i < len; i++) copy[i] = src[i];
    }
    RtlReleasePebLock();
    if (!copy) RtlSetLastWin32Error(ERROR_NOT_ENOUGH_MEMORY);
    return copy;
}

LPSTR WINAPI GetEnvironmentStringsA(void)
{
    char *copy;

    RtlAcquirePebLock();
    copy = to_ansi(process_params()->Environment, block_len(process_params()->Environment) - 1);
    RtlReleasePebLock();
    if (!copy) RtlSetLastWin32Error(ERROR_NOT_ENOUGH_MEMORY);
    return copy;
}

BOOL WINAPI FreeEnvironmentStringsW(LPWCH block)
{
    RtlFreeHeap(heap(), 0, block);
    return TRUE;
}

BOOL WINAPI FreeEnvironmentStringsA(LPCH block)
{
    RtlFreeHeap(heap(), 0, block);
    return TRUE;
}

DWORD WINAPI ExpandEnvironmentStringsW(LPCWSTR src, LPWSTR dst, DWORD size)
{
    SIZE_T needed = 0;
    NTSTATUS status;

    if (!src)
    {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    status = RtlExpandEnvironmentStrings(NULL, (WCHAR *)src, wide_len(src), dst, dst ? size : 0, &needed);
    if (status && status != STATUS_BUFFER_TOO_SMALL)
    {
        RtlSetLastWin32Error(RtlNtStatusToDosError(status));
        return 0;
    }
    return needed;
}

DWORD WINAPI ExpandEnvironmentStringsA(LPCSTR src, LPSTR dst, DWORD size)
{
    WCHAR *wsrc, *wdst;
    DWORD needed;

    if (!src)
    {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!(wsrc = to_wide(src)))
    {
        RtlSetLastWin32Error(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    needed = ExpandEnvironmentStringsW(wsrc, NULL, 0);
    if (needed && (wdst = RtlAllocateHeap(heap(), 0, needed * sizeof(WCHAR))))
    {
        needed = ExpandEnvironmentStringsW(wsrc, wdst, needed);
        if (dst && needed <= size) RtlUnicodeToMultiByteN(dst, needed, NULL, wdst, needed * sizeof(WCHAR));
        RtlFreeHeap(heap(), 0, wdst);
    }
    RtlFreeHeap(heap(), 0, wsrc);
    return needed;
}

/* What the parent passed: a program started from a console (as every Wring program is for
 * now) gets dwFlags 0.  The std handles are filled in even without STARTF_USESTDHANDLES,
 * as Wine does. */
void WINAPI GetStartupInfoW(STARTUPINFOW *info)
{
    RTL_USER_PROCESS_PARAMETERS *params = process_params();

    info->cb = sizeof(*info);
    info->lpReserved = params->ShellInfo.Buffer;
    info->lpDesktop = params->Desktop.Buffer;
    info->lpTitle = params->WindowTitle.Buffer;
    info->dwX = params->dwX;
    info->dwY = params->dwY;
    info->dwXSize = params->dwXSize;
    info->dwYSize = params->dwYSize;
    info->dwXCountChars = params->dwXCountChars;
    info->dwYCountChars = params->dwYCountChars;
    info->dwFillAttribute = params->dwFillAttribute;
    info->dwFlags = params->dwFlags;
    info->wShowWindow = params->wShowWindow;
    info->cbReserved2 = params->RuntimeInfo.Length;
    info->lpReserved2 = params->RuntimeInfo.Length ? (BYTE *)params->RuntimeInfo.Buffer : NULL;
    info->hStdInput = params->hStdInput;
    info->hStdOutput = params->hStdOutput;
    info->hStdError = params->hStdError;
}

void WINAPI GetStartupInfoA(STARTUPINFOA *info)
{
    static char *reserved, *desktop, *title;
    RTL_USER_PROCESS_PARAMETERS *params = process_params();
    STARTUPINFOW wide;

    GetStartupInfoW(&wide);
    info->cb = sizeof(*info);
    info->lpReserved = cached_ansi(&reserved, &params->ShellInfo);
    info->lpDesktop = cached_ansi(&desktop, &params->Desktop);
    info->lpTitle = cached_ansi(&title, &params->WindowTitle);
    info->dwX = wide.dwX;
    info->dwY = wide.dwY;
    info->dwXSize = wide.dwXSize;
    info->dwYSize = wide.dwYSize;
    info->dwXCountChars = wide.dwXCountChars;
    info->dwYCountChars = wide.dwYCountChars;
    info->dwFillAttribute = wide.dwFillAttribute;
    info->dwFlags = wide.dwFlags;
    info->wShowWindow = wide.wShowWindow;
    info->cbReserved2 = wide.cbReserved2;
    info->lpReserved2 = wide.lpReserved2;
    info->hStdInput = wide.hStdInput;
    info->hStdOutput = wide.hStdOutput;
    info->hStdError = wide.hStdError;
}
