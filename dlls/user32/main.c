/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * user32.dll for console programs: the character and string functions, the
 * wsprintf family and MessageBox, which writes to the standard error.  No
 * windows, no messages: Wring runs console programs.
 */
#include "user32_private.h"

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    /* nothing to set up: no window station, no desktop */
    (void)instance; (void)reason; (void)reserved;
    return TRUE;
}
