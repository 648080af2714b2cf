/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * shell32.dll: the two things console programs take from the shell, splitting a
 * command line (argv.c) and finding the known folders (folders.c).
 */
#include <stdarg.h>
#include "windef.h"
#include "winbase.h"

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    /* no shell state: nothing to set up */
    (void)instance; (void)reason; (void)reserved;
    return TRUE;
}
