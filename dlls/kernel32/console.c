/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The console.  Wring's console is the terminal the std handles are on: a
 * handle is a console when it is a terminal.  Modes are remembered per
 * direction; the terminal itself is not reconfigured.
 */
#include "kernel32_private.h"

static DWORD input_mode = ENABLE_PROCESSED_INPUT | ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT | ENABLE_MOUSE_INPUT |
                          ENABLE_INSERT_MODE | ENABLE_QUICK_EDIT_MODE | ENABLE_EXTENDED_FLAGS;
static DWORD output_mode = ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT;

static BOOL is_console(HANDLE handle)
{
    FILE_FS_DEVICE_INFORMATION info;
    IO_STATUS_BLOCK io;
    return !NtQueryVolumeInformationFile(handle, &io, &info, sizeof(info), FileFsDeviceInformation) &&
           info.DeviceType == FILE_DEVICE_CONSOLE;
}

static BOOL is_input(HANDLE handle)
{
    return handle == GetStdHandle(STD_INPUT_HANDLE);
}

BOOL WINAPI GetConsoleMode(HANDLE handle, DWORD *mode)
{
    if (!is_console(handle))
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    *mode = is_input(handle) ? input_mode : output_mode;
    return TRUE;
}

BOOL WINAPI SetConsoleMode(HANDLE handle, DWORD mode)
{
    if (!is_console(handle))
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (is_input(handle)) input_mode = mode;
    else output_mode = mode;
    return TRUE;
}

/* The terminal speaks UTF-8. */
BOOL WINAPI WriteConsoleW(HANDLE handle, const void *buffer, DWORD count, DWORD *written, void *reserved)
{
    char stack[1024], *utf8 = stack;
    int len;
    DWORD done;
    BOOL ret;
    (void)reserved;

    if (written) *written = 0;
    if (!is_console(handle))
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    len = WideCharToMultiByte(CP_UTF8, 0, buffer, count, NULL, 0, NULL, NULL);
    if (len > (int)sizeof(stack) && !(utf8 = HeapAlloc(GetProcessHeap(), 0, len)))
    {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    WideCharToMultiByte(CP_UTF8, 0, buffer, count, utf8, len, NULL, NULL);
    ret = WriteFile(handle, utf8, len, &done, NULL);
    if (utf8 != stack) HeapFree(GetProcessHeap(), 0, utf8);
    if (ret && written) *written = count;
    return ret;
}

BOOL WINAPI WriteConsoleA(HANDLE handle, const void *buffer, DWORD count, DWORD *written, void *reserved)
{
    WCHAR stack[512], *w = stack;
    int len;
    BOOL ret;

    if (written) *written = 0;
    len = MultiByteToWideChar(GetConsoleOutputCP(), 0, buffer, count, NULL, 0);
    if (len > (int)ARRAYSIZE(stack) && !(w = HeapAlloc(GetProcessHeap(), 0, len * sizeof(WCHAR))))
    {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    MultiByteToWideChar(GetConsoleOutputCP(), 0, buffer, count, w, len);
    ret = WriteConsoleW(handle, w, len, NULL, reserved);
    if (w != stack) HeapFree(GetProcessHeap(), 0, w);
    if (ret && written) *written = count;
    return ret;
}

static UINT console_cp, console_output_cp;

UINT WINAPI GetConsoleCP(void)
{
    return console_cp ? console_cp : GetOEMCP();
}

UINT WINAPI GetConsoleOutputCP(void)
{
    return console_output_cp ? console_output_cp : GetOEMCP();
}

BOOL WINAPI SetConsoleCP(UINT cp)
{
    if (!IsValidCodePage(cp))
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    console_cp = cp;
    return TRUE;
}

BOOL WINAPI SetConsoleOutputCP(UINT cp)
{
    if (!IsValidCodePage(cp))
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    console_output_cp = cp;
    return TRUE;
}

BOOL WINAPI SetConsoleCtrlHandler(PHANDLER_ROUTINE handler, BOOL add)
{
    /* Windows runs control handlers on a new thread; until Wring has threads, Ctrl-C is not delivered */
    (void)handler; (void)add;
    SetLastError(ERROR_CALL_NOT_IMPLEMENTED);
    return FALSE;
}
