/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ole32.dll: since Windows 8 most of COM's core lives in combase and ole32
 * forwards to it (ole32.def); what stays here is the older entry point.
 */
#include <stdarg.h>
#include "windef.h"
#include "winbase.h"
#include "objbase.h"

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    /* the apartment state is combase's */
    (void)instance; (void)reason; (void)reserved;
    return TRUE;
}

/* The pre-COINIT entry point: a single-threaded apartment. */
HRESULT WINAPI CoInitialize(void *reserved)
{
    return CoInitializeEx(reserved, COINIT_APARTMENTTHREADED);
}
