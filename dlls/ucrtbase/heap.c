/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The heap queries the UCRT adds; its blocks are msvcrt's heap.c's, on the process heap. */
#include "ucrtbase_private.h"

#define HEAPOK      (-2)
#define HEAPBADNODE (-4)

intptr_t __cdecl _get_heap_handle(void)
{
    return (intptr_t)msvcrt_heap;
}

int __cdecl _heapchk(void)
{
    if (HeapValidate(msvcrt_heap, 0, NULL)) return HEAPOK;
    msvcrt_set_errno_from_win32(GetLastError());
    return HEAPBADNODE;
}
