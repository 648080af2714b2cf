/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Windows, which Wring has none of: programs that ask which window is in front
 * (to know whether their console has the keyboard) learn there is none, and any
 * handle they pass is not a window.
 */
#include "user32_private.h"

HWND WINAPI GetForegroundWindow(void)
{
    return NULL;
}

DWORD WINAPI GetWindowThreadProcessId(HWND window, DWORD *process)
{
    (void)window;
    (void)process;
    SetLastError(ERROR_INVALID_WINDOW_HANDLE);
    return 0;
}
