/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * loader_tls.dll: counts DllMain and TLS callback notifications, and leaves
 * LOADER_TLS_DETACH=1 in the environment on process detach, since the
 * module is gone when the test looks.
 */
#include <windows.h>

static LONG dllmain_counts[4];
static LONG callback_counts[4];

static void WINAPI tls_callback(void *module, DWORD reason, void *reserved)
{
    if (reason < 4) InterlockedIncrement(&callback_counts[reason]);
}

/* mingw's CRT brackets the callback array with .CRT$XLA and .CRT$XLZ. */
__attribute__((section(".CRT$XLB"), used)) const PIMAGE_TLS_CALLBACK loader_tls_callback = tls_callback;

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    if (reason < 4) InterlockedIncrement(&dllmain_counts[reason]);
    if (reason == DLL_PROCESS_DETACH) SetEnvironmentVariableA("LOADER_TLS_DETACH", reserved ? "exit" : "free");
    return TRUE;
}

LONG tls_get_dllmain_count(DWORD reason) { return reason < 4 ? dllmain_counts[reason] : -1; }
LONG tls_get_callback_count(DWORD reason) { return reason < 4 ? callback_counts[reason] : -1; }
