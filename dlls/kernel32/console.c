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

NTSTATUS WINAPI wring_console_size(HANDLE handle, ULONG *columns, ULONG *rows);

/* A terminal is a screen buffer as large as its window: the cursor's place is not known, so it
 * is the top left corner, and the text is the default light grey on black. */
BOOL WINAPI GetConsoleScreenBufferInfo(HANDLE handle, CONSOLE_SCREEN_BUFFER_INFO *info)
{
    ULONG columns, rows;
    COORD size;

    if (!is_console(handle) || is_input(handle) || wring_console_size(handle, &columns, &rows))
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    size.X = columns > 0x7fff ? 0x7fff : columns;
    size.Y = rows > 0x7fff ? 0x7fff : rows;
    info->dwSize = size;
    info->dwCursorPosition.X = info->dwCursorPosition.Y = 0;
    info->wAttributes = FOREGROUND_RED | FOREGROUND_GREEN | FOREGROUND_BLUE;
    info->srWindow.Left = info->srWindow.Top = 0;
    info->srWindow.Right = size.X - 1;
    info->srWindow.Bottom = size.Y - 1;
    info->dwMaximumWindowSize = size;
    return TRUE;
}

/* Windows' colour bits are blue 1, green 2, red 4; a terminal's colour numbers are red 1, green 2,
 * blue 4: the colour becomes the terminal's escape sequence, bright with the intensity bit. */
static int ansi_colour(WORD bits)
{
    return ((bits & 4) ? 1 : 0) | ((bits & 2) ? 2 : 0) | ((bits & 1) ? 4 : 0);
}

BOOL WINAPI SetConsoleTextAttribute(HANDLE handle, WORD attributes)
{
    /* ESC [ 0 ; 3x or 9x ; 4x or 10x m */
    char seq[16] = { 0x1b, '[', '0', ';' };
    int fg = ((attributes & FOREGROUND_INTENSITY) ? 90 : 30) + ansi_colour(attributes & 7);
    int bg = ((attributes & BACKGROUND_INTENSITY) ? 100 : 40) + ansi_colour((attributes >> 4) & 7);
    DWORD written, len = 4;

    if (!is_console(handle) || is_input(handle))
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    seq[len++] = '0' + fg / 10;
    seq[len++] = '0' + fg % 10;
    seq[len++] = ';';
    if (bg >= 100) seq[len++] = '1';
    seq[len++] = '0' + (bg / 10) % 10;
    seq[len++] = '0' + bg % 10;
    seq[len++] = 'm';
    return WriteFile(handle, seq, len, &written, NULL);
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

