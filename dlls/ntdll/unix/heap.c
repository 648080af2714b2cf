/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Heaps over glibc's malloc.  Every block carries a 16-byte header naming its
 * heap and holding its size, so that HeapSize and HeapValidate work and a
 * block freed into the wrong heap, or twice, is refused instead of corrupting
 * glibc.  The process heap is every C runtime malloc: it takes no lock of its
 * own (glibc's per-thread arenas scale) and does not track its blocks.  A
 * private heap (HeapCreate) links its blocks in a list under its own mutex,
 * so that HeapDestroy frees them all and a whole-heap validation can walk them.
 */
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>
#include "private.h"

#define HEAP_MAGIC      0x50414548u         /* "HEAP" */
#define SIZE_BITS       48
#define SIZE_MASK       ((1ULL << SIZE_BITS) - 1)
#define LIVE_TAG        (0xb10cULL << SIZE_BITS)
#define FREED_TAG       (0xdeadULL << SIZE_BITS)
#define MAX_BLOCK       ((SIZE_T)1 << 47)
/* Windows' largest block in a heap created with a maximum size */
#define MAX_FIXED_HEAP_BLOCK 0x7fff8

struct links
{
    struct links *prev, *next;
};

struct heap
{
    unsigned int magic;
    ULONG flags;
    pthread_mutex_t lock;   /* private heaps: guards blocks and used */
    struct links blocks;    /* private heaps: every live block */
    size_t max;             /* 0 = growable */
    size_t used;
};

/* 16 bytes keep the user pointer 16-byte aligned, as Windows heaps are on x64 */
struct block
{
    struct heap *heap;
    unsigned long long size_tag;    /* LIVE_TAG or FREED_TAG | size */
};

static struct heap process_heap = { .magic = HEAP_MAGIC };

HANDLE heap_process_heap(void)
{
    return &process_heap;
}

static bool tracked(const struct heap *heap)
{
    return heap != &process_heap;
}

static struct heap *get_heap(HANDLE handle)
{
    struct heap *heap = handle;
    if (!heap || ((ULONG_PTR)heap & 7)) return NULL;
    return heap->magic == HEAP_MAGIC ? heap : NULL;
}

static struct links *block_links(struct block *block)
{
    return (struct links *)block - 1;
}

/*
 * The header of the block ptr claims to be, copied out, or false when ptr
 * cannot be one.  A header on an earlier page than ptr is read with
 * process_vm_readv, so a pointer at the start of a page (a VirtualAlloc
 * allocation) is refused instead of faulting on the page below.
 */
/* a pointer a program frees may be freed already or lie anywhere: for AddressSanitizer and
   ThreadSanitizer this probe's read is deliberate, the tags are what tell a block from anything else */
__attribute__((no_sanitize("address", "thread")))
static bool read_header(const void *ptr, struct block *header)
{
    const struct block *block = (const struct block *)ptr - 1;
    struct iovec local = { header, sizeof(*header) }, remote = { (void *)block, sizeof(*header) };

    if (!ptr || ((ULONG_PTR)ptr & 15)) return false;
    if (((ULONG_PTR)ptr & 0xfff) >= sizeof(*header))
    {
        *header = *block;
        return true;
    }
    return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == sizeof(*header);
}

static struct block *get_block(struct heap *heap, const void *ptr)
{
    struct block header;
    if (!read_header(ptr, &header)) return NULL;
    if (header.heap != heap || (header.size_tag & ~SIZE_MASK) != LIVE_TAG) return NULL;
    return (struct block *)ptr - 1;
}

static size_t block_size(const struct block *block)
{
    return block->size_tag & SIZE_MASK;
}

/* Executable heaps hand out glibc memory: make the block's pages executable too. */
static void make_executable(struct heap *heap, void *ptr, size_t size)
{
    ULONG_PTR start, end;
    if (!(heap->flags & HEAP_CREATE_ENABLE_EXECUTE)) return;
    start = (ULONG_PTR)ptr & ~0xfffUL;
    end = ((ULONG_PTR)ptr + size + 0xfff) & ~0xfffUL;
    mprotect((void *)start, end - start, PROT_READ | PROT_WRITE | PROT_EXEC);
}

static void link_block(struct heap *heap, struct block *block)
{
    struct links *links = block_links(block);
    links->prev = &heap->blocks;
    links->next = heap->blocks.next;
    heap->blocks.next->prev = links;
    heap->blocks.next = links;
}

static void unlink_block(struct block *block)
{
    struct links *links = block_links(block);
    links->prev->next = links->next;
    links->next->prev = links->prev;
}

/* A private heap with a maximum size has room for size more bytes (lock held). */
static bool heap_has_room(const struct heap *heap, size_t old_size, size_t size)
{
    if (!heap->max) return true;
    if (size > MAX_FIXED_HEAP_BLOCK) return false;
    return heap->used - old_size + size <= heap->max;
}

void *WINAPI RtlAllocateHeap(HANDLE handle, ULONG flags, SIZE_T size)
{
    struct heap *heap = get_heap(handle);
    struct block *block;
    char *raw;

    if (!heap || size >= MAX_BLOCK) return NULL;
    if (!tracked(heap))
    {
        /* calloc skips the clearing for memory fresh from the kernel */
        if ((flags | heap->flags) & HEAP_ZERO_MEMORY) block = calloc(1, sizeof(*block) + size);
        else block = malloc(sizeof(*block) + size);
        if (!block) return NULL;
        block->heap = heap;
        block->size_tag = LIVE_TAG | size;
        return block + 1;
    }
    else
    {
        pthread_mutex_lock(&heap->lock);
        if (!heap_has_room(heap, 0, size) || !(raw = malloc(sizeof(struct links) + sizeof(*block) + size)))
        {
            pthread_mutex_unlock(&heap->lock);
            return NULL;
        }
        block = (struct block *)(raw + sizeof(struct links));
        link_block(heap, block);
        heap->used += size;
        pthread_mutex_unlock(&heap->lock);
        make_executable(heap, block, sizeof(*block) + size);
    }
    block->heap = heap;
    block->size_tag = LIVE_TAG | size;
    if ((flags | heap->flags) & HEAP_ZERO_MEMORY) memset(block + 1, 0, size);
    return block + 1;
}

BOOLEAN WINAPI RtlFreeHeap(HANDLE handle, ULONG flags, void *ptr)
{
    struct heap *heap = get_heap(handle);
    struct block *block;
    (void)flags;

    if (!ptr) return TRUE;
    if (!heap) return FALSE;
    if (!tracked(heap))
    {
        if (!(block = get_block(heap, ptr))) goto invalid;
        block->size_tag = FREED_TAG | block_size(block);
        free(block);
        return TRUE;
    }
    pthread_mutex_lock(&heap->lock);
    /* checked under the lock: two threads freeing one block must not both pass */
    if (!(block = get_block(heap, ptr)))
    {
        pthread_mutex_unlock(&heap->lock);
        goto invalid;
    }
    unlink_block(block);
    heap->used -= block_size(block);
    block->size_tag = FREED_TAG | block_size(block);
    pthread_mutex_unlock(&heap->lock);
    free(block_links(block));
    return TRUE;
invalid:
    TRACE(HEAP, "RtlFreeHeap(%p, %p): not a block of this heap", handle, ptr);
    return FALSE;
}

/* Room the allocator already gave the block beyond its header. */
static size_t block_capacity(struct heap *heap, struct block *block)
{
    void *raw = tracked(heap) ? (void *)block_links(block) : (void *)block;
    return malloc_usable_size(raw) - ((char *)(block + 1) - (char *)raw);
}

void *WINAPI RtlReAllocateHeap(HANDLE handle, ULONG flags, void *ptr, SIZE_T size)
{
    struct heap *heap = get_heap(handle);
    struct block *block, *new_block;
    size_t old_size;
    char *raw;

    if (!heap || size >= MAX_BLOCK) return NULL;
    if (tracked(heap)) pthread_mutex_lock(&heap->lock);
    if (!(block = get_block(heap, ptr))) goto fail;
    old_size = block_size(block);
    if (tracked(heap) && !heap_has_room(heap, old_size, size)) goto fail;
    if (size <= block_capacity(heap, block))
    {
        /* glibc's realloc may move even a shrinking block; staying put is always allowed */
        new_block = block;
    }
    else if (flags & HEAP_REALLOC_IN_PLACE_ONLY) goto fail;
    else if (!tracked(heap))
    {
        if (!(new_block = realloc(block, sizeof(*block) + size))) goto fail;
    }
    else
    {
        unlink_block(block);
        if (!(raw = realloc(block_links(block), sizeof(struct links) + sizeof(*block) + size)))
        {
            link_block(heap, block);
            goto fail;
        }
        new_block = (struct block *)(raw + sizeof(struct links));
        link_block(heap, new_block);
        make_executable(heap, new_block, sizeof(*new_block) + size);
    }
    new_block->size_tag = LIVE_TAG | size;
    if (tracked(heap))
    {
        heap->used = heap->used - old_size + size;
        pthread_mutex_unlock(&heap->lock);
    }
    if (size > old_size && ((flags | heap->flags) & HEAP_ZERO_MEMORY))
        memset((char *)(new_block + 1) + old_size, 0, size - old_size);
    return new_block + 1;
fail:
    if (tracked(heap)) pthread_mutex_unlock(&heap->lock);
    return NULL;
}

SIZE_T WINAPI RtlSizeHeap(HANDLE handle, ULONG flags, const void *ptr)
{
    struct heap *heap = get_heap(handle);
    struct block *block;
    SIZE_T size = ~(SIZE_T)0;
    (void)flags;

    if (!heap) return size;
    if (tracked(heap)) pthread_mutex_lock(&heap->lock);
    if ((block = get_block(heap, ptr))) size = block_size(block);
    if (tracked(heap)) pthread_mutex_unlock(&heap->lock);
    return size;
}

/* Every block of a private heap still carries its header (lock held). */
static bool validate_all(struct heap *heap)
{
    size_t total = 0;
    for (struct links *l = heap->blocks.next; l != &heap->blocks; l = l->next)
    {
        struct block *block = (struct block *)(l + 1);
        if (block->heap != heap || (block->size_tag & ~SIZE_MASK) != LIVE_TAG || l->next->prev != l) return false;
        total += block_size(block);
    }
    return total == heap->used;
}

BOOLEAN WINAPI RtlValidateHeap(HANDLE handle, ULONG flags, const void *ptr)
{
    struct heap *heap = get_heap(handle);
    BOOLEAN ret;
    (void)flags;

    if (!heap) return FALSE;
    if (!tracked(heap)) return !ptr || get_block(heap, ptr) != NULL;
    pthread_mutex_lock(&heap->lock);
    ret = ptr ? get_block(heap, ptr) != NULL : validate_all(heap);
    pthread_mutex_unlock(&heap->lock);
    return ret;
}

HANDLE WINAPI RtlCreateHeap(ULONG flags, void *base, SIZE_T reserve, SIZE_T commit, void *lock,
                            PRTL_HEAP_DEFINITION params)
{
    struct heap *heap;
    (void)commit; (void)params;

    if (base || lock)
    {
        TRACE(STUB, "RtlCreateHeap: heaps over caller memory or with a caller lock are not supported");
        return NULL;
    }
    if (!(heap = calloc(1, sizeof(*heap)))) return NULL;
    heap->magic = HEAP_MAGIC;
    heap->flags = flags & (HEAP_ZERO_MEMORY | HEAP_CREATE_ENABLE_EXECUTE | HEAP_NO_SERIALIZE |
                           HEAP_GENERATE_EXCEPTIONS);
    heap->max = (flags & HEAP_GROWABLE) ? 0 : reserve;
    pthread_mutex_init(&heap->lock, NULL);
    heap->blocks.prev = heap->blocks.next = &heap->blocks;
    return heap;
}

HANDLE WINAPI RtlDestroyHeap(HANDLE handle)
{
    struct heap *heap = get_heap(handle);
    struct links *l, *next;

    if (!heap || !tracked(heap)) return handle;
    pthread_mutex_lock(&heap->lock);
    heap->magic = 0;
    for (l = heap->blocks.next; l != &heap->blocks; l = next)
    {
        struct block *block = (struct block *)(l + 1);
        next = l->next;
        block->size_tag = FREED_TAG | block_size(block);
        free(l);
    }
    pthread_mutex_unlock(&heap->lock);
    pthread_mutex_destroy(&heap->lock);
    free(heap);
    return NULL;
}
