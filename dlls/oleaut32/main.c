/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * oleaut32.dll: BSTRs and VARIANTs, the part of OLE Automation that
 * command-line programs such as 7-Zip use for their property values.  No type
 * libraries, no IDispatch machinery.  The exports keep Windows' fixed ordinals
 * (oleaut32.def), as programs import them by ordinal.
 */
#include "oleaut32_private.h"

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    /* BSTRs come from the process heap: there is no string cache to set up */
    (void)instance; (void)reason; (void)reserved;
    return TRUE;
}
