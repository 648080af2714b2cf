/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sync_notls.dll: counts its DllMain notifications.  It is linked without the C runtime's
 * start-up code, so it has no TLS directory: DisableThreadLibraryCalls refuses DLLs with
 * static TLS, and every DLL built with the runtime has one.
 */
#include <windows.h>

static LONG dllmain_counts[4];

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    if (reason < 4) InterlockedIncrement(&dllmain_counts[reason]);
    return TRUE;
}

LONG notls_get_dllmain_count(DWORD reason)
{
    return reason < 4 ? dllmain_counts[reason] : -1;
}
