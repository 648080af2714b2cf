/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* advapi32.dll: security descriptors, ACLs, SIDs, tokens, RtlGenRandom and the registry, over ntdll. */
#include "advapi32_private.h"

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    /* nothing to set up: every function works on caller memory */
    (void)instance; (void)reason; (void)reserved;
    return TRUE;
}
