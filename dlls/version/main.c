/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* version.dll's entry point: it keeps no state. */
#include "wring/shared.h"

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    (void)instance; (void)reason; (void)reserved;
    return TRUE;
}
