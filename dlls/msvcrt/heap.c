/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* malloc and friends: blocks of the process heap, so HeapSize is _msize. */
#include "msvcrt_private.h"

typedef int (__cdecl *new_handler)(size_t size);

static new_handler new_func;
LONG msvcrt_new_mode;

new_handler __cdecl _set_new_handler(new_handler func)
{
    return InterlockedExchangePointer((void **)&new_func, func);
}

new_handler __cdecl _query_new_handler(void)
{
    return InterlockedCompareExchangePointer((void **)&new_func, NULL, NULL);
}

/* What operator new calls when the heap refuses: 1 if a handler ran and asks to try again. */
int __cdecl _callnewh(size_t size)
{
    new_handler func = _query_new_handler();
    return func && func(size) ? 1 : 0;
}

/* A refused request is retried for as long as the new handler (in new mode 1) asks. */
static BOOL retry_allocation(size_t size)
{
    if (msvcrt_new_mode && _callnewh(size)) return TRUE;
    *_errno() = M_ENOMEM;
    return FALSE;
}

void *__cdecl malloc(size_t size)
{
    void *p;

    while (!(p = HeapAlloc(msvcrt_heap, 0, size)))
        if (!retry_allocation(size)) break;
    return p;
}

void *__cdecl calloc(size_t count, size_t size)
{
    void *p;

    if (size && count > (size_t)-1 / size)
    {
        *_errno() = M_ENOMEM;
        return NULL;
    }
    while (!(p = HeapAlloc(msvcrt_heap, HEAP_ZERO_MEMORY, count * size)))
        if (!retry_allocation(count * size)) break;
    return p;
}

void __cdecl free(void *p)
{
    if (p) HeapFree(msvcrt_heap, 0, p);
}

void *__cdecl realloc(void *p, size_t size)
{
    void *n;

    if (!p) return malloc(size);
    if (!size)
    {
        free(p);
        return NULL;
    }
    while (!(n = HeapReAlloc(msvcrt_heap, 0, p, size)))
        if (!retry_allocation(size)) break;
    return n;
}

size_t __cdecl _msize(void *p)
{
    if (!p)
    {
        *_errno() = M_EINVAL;
        return (size_t)-1;
    }
    return HeapSize(msvcrt_heap, 0, p);
}

void *__cdecl _expand(void *p, size_t size)
{
    void *n;

    if (!p)
    {
        *_errno() = M_EINVAL;
        return NULL;
    }
    n = HeapReAlloc(msvcrt_heap, HEAP_REALLOC_IN_PLACE_ONLY, p, size);
    if (!n) *_errno() = M_ENOMEM;
    return n;
}

void *__cdecl _recalloc(void *p, size_t count, size_t size)
{
    size_t old = 0, total;
    char *n;

    if (size && count > (size_t)-1 / size)
    {
        *_errno() = M_ENOMEM;
        return NULL;
    }
    total = count * size;
    if (p) old = HeapSize(msvcrt_heap, 0, p);
    n = realloc(p, total);
    if (n && total > old) memset(n + old, 0, total - old);
    return n;
}

/*
 * An aligned block keeps the heap block's address in the pointer-sized slot just below
 * the aligned address, so _aligned_free can find it.
 */
static void **aligned_slot(void *p)
{
    return (void **)(((ULONG_PTR)p & ~(ULONG_PTR)(sizeof(void *) - 1)) - sizeof(void *));
}

void *__cdecl _aligned_offset_malloc(size_t size, size_t alignment, size_t offset)
{
    ULONG_PTR raw, aligned;
    void *block;

    if (!alignment || (alignment & (alignment - 1)) || (size && offset >= size))
    {
        *_errno() = M_EINVAL;
        return NULL;
    }
    if (alignment < sizeof(void *)) alignment = sizeof(void *);
    if (size > (size_t)-1 - alignment - 2 * sizeof(void *))
    {
        *_errno() = M_ENOMEM;
        return NULL;
    }
    block = malloc(size + alignment + 2 * sizeof(void *));
    if (!block) return NULL;
    raw = (ULONG_PTR)block + 2 * sizeof(void *);
    aligned = ((raw + offset + alignment - 1) & ~(ULONG_PTR)(alignment - 1)) - offset;
    *aligned_slot((void *)aligned) = block;
    return (void *)aligned;
}

void *__cdecl _aligned_malloc(size_t size, size_t alignment)
{
    return _aligned_offset_malloc(size, alignment, 0);
}

void __cdecl _aligned_free(void *p)
{
    if (p) free(*aligned_slot(p));
}

void *__cdecl _aligned_offset_realloc(void *p, size_t size, size_t alignment, size_t offset)
{
    void *block, *n;
    size_t old;

    if (!p) return _aligned_offset_malloc(size, alignment, offset);
    if (!alignment || (alignment & (alignment - 1)) || (size && offset >= size))
    {
        *_errno() = M_EINVAL;
        return NULL;
    }
    if (!size)
    {
        _aligned_free(p);
        return NULL;
    }
    block = *aligned_slot(p);
    old = HeapSize(msvcrt_heap, 0, block) - ((char *)p - (char *)block);
    n = _aligned_offset_malloc(size, alignment, offset);
    if (!n) return NULL;
    memcpy(n, p, old < size ? old : size);
    _aligned_free(p);
    return n;
}

void *__cdecl _aligned_realloc(void *p, size_t size, size_t alignment)
{
    return _aligned_offset_realloc(p, size, alignment, 0);
}
