/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The task allocator: memory that one component allocates and another frees
 * (SHGetKnownFolderPath's result, COM's out-parameters).  On Windows it is a
 * heap of its own behind IMalloc; here the process heap, which gives the same
 * contract: any thread may free what another allocated.
 */
#include "combase_private.h"

void * WINAPI CoTaskMemAlloc(SIZE_T size)
{
    return RtlAllocateHeap(GetProcessHeap(), 0, size);
}

void WINAPI CoTaskMemFree(void *ptr)
{
    if (ptr) RtlFreeHeap(GetProcessHeap(), 0, ptr);
}

/* realloc's contract: NULL allocates; a zero size frees and returns NULL. */
void * WINAPI CoTaskMemRealloc(void *ptr, SIZE_T size)
{
    if (!ptr) return CoTaskMemAlloc(size);
    if (!size)
    {
        CoTaskMemFree(ptr);
        return NULL;
    }
    return RtlReAllocateHeap(GetProcessHeap(), 0, ptr, size);
}
