/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Heaps.  Each block carries a small header naming its heap and size, so that
 * HeapSize and HeapValidate work and a block freed into the wrong heap, or
 * twice, is caught instead of corrupting the allocator underneath (glibc's).
 */
#include <stdlib.h>
#include <string.h>
#include "private.h"

#define HEAP_MAGIC   0x50414548u   /* "HEAP" */
#define BLOCK_MAGIC  0x4b4c4257u   /* "WBLK" */
#define FREED_MAGIC  0x45455246u   /* "FREE" */

struct heap
{
    unsigned int magic;
    ULONG flags;
};

/* 16 bytes keep the user pointer 16-byte aligned, as Windows heaps are on x64 */
struct block
{
    struct heap *heap;
    unsigned int magic;
    unsigned int pad;
    size_t size;
    size_t reserved;
};

static struct heap process_heap = { HEAP_MAGIC, 0 };

HANDLE heap_process_heap(void)
{
    return &process_heap;
}

static struct heap *get_heap(HANDLE handle)
{
    struct heap *heap = handle;
    return heap && heap->magic == HEAP_MAGIC ? heap : NULL;
}

static struct block *get_block(struct heap *heap, const void *ptr)
{
    struct block *block;
    if (!ptr || ((ULONG_PTR)ptr & 15)) return NULL;
    block = (struct block *)ptr - 1;
    return block->magic == BLOCK_MAGIC && block->heap == heap ? block : NULL;
}

void *WINAPI RtlAllocateHeap(HANDLE handle, ULONG flags, SIZE_T size)
{
    struct heap *heap = get_heap(handle);
    struct block *block;
    if (!heap || size > ((SIZE_T)1 << 47)) return NULL;
    if (posix_memalign((void **)&block, 16, sizeof(*block) + size)) return NULL;
    block->heap = heap;
    block->magic = BLOCK_MAGIC;
    block->size = size;
    if ((flags | heap->flags) & HEAP_ZERO_MEMORY) memset(block + 1, 0, size);
    return block + 1;
}

BOOLEAN WINAPI RtlFreeHeap(HANDLE handle, ULONG flags, void *ptr)
{
    struct heap *heap = get_heap(handle);
    struct block *block;
    (void)flags;
    if (!ptr) return TRUE;
    if (!heap || !(block = get_block(heap, ptr)))
    {
        TRACE(HEAP, "RtlFreeHeap(%p, %p): not a block of this heap", handle, ptr);
        return FALSE;
    }
    block->magic = FREED_MAGIC;
    free(block);
    return TRUE;
}

void *WINAPI RtlReAllocateHeap(HANDLE handle, ULONG flags, void *ptr, SIZE_T size)
{
    struct heap *heap = get_heap(handle);
    struct block *block, *new_block;
    if (!heap || !(block = get_block(heap, ptr)) || size > ((SIZE_T)1 << 47)) return NULL;
    size_t old_size = block->size;
    if (flags & HEAP_REALLOC_IN_PLACE_ONLY)
    {
        if (size > old_size) return NULL;
        block->size = size;
        return ptr;
    }
    block->magic = FREED_MAGIC;
    if (!(new_block = realloc(block, sizeof(*block) + size)))
    {
        block->magic = BLOCK_MAGIC;
        return NULL;
    }
    /* glibc's realloc keeps 16-byte alignment on x86-64 */
    new_block->magic = BLOCK_MAGIC;
    new_block->size = size;
    if (size > old_size && ((flags | heap->flags) & HEAP_ZERO_MEMORY))
        memset((char *)(new_block + 1) + old_size, 0, size - old_size);
    return new_block + 1;
}

SIZE_T WINAPI RtlSizeHeap(HANDLE handle, ULONG flags, const void *ptr)
{
    struct heap *heap = get_heap(handle);
    struct block *block;
    (void)flags;
    if (!heap || !(block = get_block(heap, ptr))) return ~(SIZE_T)0;
    return block->size;
}

BOOLEAN WINAPI RtlValidateHeap(HANDLE handle, ULONG flags, const void *ptr)
{
    struct heap *heap = get_heap(handle);
    (void)flags;
    if (!heap) return FALSE;
    return !ptr || get_block(heap, ptr) != NULL;
}

HANDLE WINAPI RtlCreateHeap(ULONG flags, void *base, SIZE_T reserve, SIZE_T commit, void *lock,
                            PRTL_HEAP_DEFINITION params)
{
    struct heap *heap;
    (void)reserve; (void)commit; (void)lock; (void)params;
    if (base) return NULL;  /* heaps over caller-provided memory are not supported */
    if (!(heap = malloc(sizeof(*heap)))) return NULL;
    heap->magic = HEAP_MAGIC;
    heap->flags = flags & HEAP_ZERO_MEMORY;
    return heap;
}

HANDLE WINAPI RtlDestroyHeap(HANDLE handle)
{
    struct heap *heap = get_heap(handle);
    if (!heap || heap == &process_heap) return handle;
    /* blocks still allocated stay with glibc: the heap does not track them one by one */
    heap->magic = 0;
    free(heap);
    return NULL;
}
