/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vcruntime140_1.dll forwards all it exports to vcruntime140.dll: it has nothing to set up. */
#include <stdarg.h>
#include "windef.h"
#include "winbase.h"

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, void *reserved)
{
    (void)inst; (void)reason; (void)reserved;
    return TRUE;
}
