/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Windows' virtual memory model over mmap: a view is one reservation (an image
 * or a VirtualAlloc region) with a protection per page, 0 meaning reserved but
 * not committed.  Reservations are aligned to the 64 KiB allocation
 * granularity programs expect.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "private.h"

#define PAGE_SIZE_      0x1000UL
#define GRANULARITY     0x10000UL

struct view
{
    char *base;
    size_t size;
    ULONG type;             /* MEM_IMAGE, MEM_PRIVATE */
    ULONG alloc_protect;
    ULONG *prot;            /* per page; 0 = reserved only */
};

static struct view *views;  /* sorted by base */
static size_t view_count, view_capacity;
static pthread_mutex_t virtual_lock = PTHREAD_MUTEX_INITIALIZER;

int protect_to_unix(ULONG protect)
{
    switch (protect & 0xff)
    {
    case PAGE_READONLY: return PROT_READ;
    case PAGE_READWRITE:
    case PAGE_WRITECOPY: return PROT_READ | PROT_WRITE;
    case PAGE_EXECUTE: return PROT_EXEC | PROT_READ;
    case PAGE_EXECUTE_READ: return PROT_EXEC | PROT_READ;
    case PAGE_EXECUTE_READWRITE:
    case PAGE_EXECUTE_WRITECOPY: return PROT_EXEC | PROT_READ | PROT_WRITE;
    default: return PROT_NONE;
    }
}

static bool valid_protect(ULONG protect)
{
    ULONG base = protect & 0xff;
    /* exactly one base protection */
    return base && !(base & (base - 1)) && !(protect & ~(0xffUL | PAGE_GUARD | PAGE_NOCACHE | PAGE_WRITECOMBINE));
}

static struct view *find_view(const void *addr)
{
    size_t lo = 0, hi = view_count;
    while (lo < hi)
    {
        size_t mid = (lo + hi) / 2;
        if ((const char *)addr < views[mid].base) hi = mid;
        else if ((const char *)addr >= views[mid].base + views[mid].size) lo = mid + 1;
        else return &views[mid];
    }
    return NULL;
}

static struct view *insert_view(void *base, size_t size, ULONG type, ULONG protect)
{
    size_t i = 0;
    ULONG *prot = calloc(size / PAGE_SIZE_ ? size / PAGE_SIZE_ : 1, sizeof(ULONG));
    if (!prot) return NULL;
    if (view_count == view_capacity)
    {
        size_t cap = view_capacity ? view_capacity * 2 : 64;
        struct view *n = realloc(views, cap * sizeof(*n));
        if (!n) { free(prot); return NULL; }
        views = n;
        view_capacity = cap;
    }
    while (i < view_count && views[i].base < (char *)base) i++;
    memmove(&views[i + 1], &views[i], (view_count - i) * sizeof(*views));
    view_count++;
    views[i] = (struct view){ base, size, type, protect, prot };
    return &views[i];
}

static void set_pages(struct view *view, char *start, size_t size, ULONG protect)
{
    size_t first = (start - view->base) / PAGE_SIZE_, count = size / PAGE_SIZE_;
    for (size_t i = 0; i < count; i++) view->prot[first + i] = protect;
}

void virtual_add_view(void *base, size_t size, ULONG type, ULONG protect)
{
    pthread_mutex_lock(&virtual_lock);
    struct view *view = insert_view(base, (size + PAGE_SIZE_ - 1) & ~(PAGE_SIZE_ - 1), type, protect);
    if (view) set_pages(view, view->base, view->size, protect);
    pthread_mutex_unlock(&virtual_lock);
}

void virtual_set_protection(void *base, size_t size, ULONG protect)
{
    pthread_mutex_lock(&virtual_lock);
    struct view *view = find_view(base);
    if (view)
    {
        char *start = (char *)((ULONG_PTR)base & ~(PAGE_SIZE_ - 1));
        char *end = (char *)(((ULONG_PTR)base + size + PAGE_SIZE_ - 1) & ~(PAGE_SIZE_ - 1));
        if (end > view->base + view->size) end = view->base + view->size;
        set_pages(view, start, end - start, protect);
    }
    pthread_mutex_unlock(&virtual_lock);
}

static void remove_view_locked(struct view *view)
{
    size_t i = view - views;
    free(view->prot);
    memmove(&views[i], &views[i + 1], (view_count - i - 1) * sizeof(*views));
    view_count--;
}

void virtual_remove_view(void *base)
{
    pthread_mutex_lock(&virtual_lock);
    struct view *view = find_view(base);
    if (view) remove_view_locked(view);
    pthread_mutex_unlock(&virtual_lock);
}

/* mmap a reservation aligned to the allocation granularity. */
static void *reserve_aligned(void *want, size_t size)
{
    if (want)
    {
        void *p = mmap(want, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) return NULL;
        if (p != want) { munmap(p, size); return NULL; }
        return p;
    }
    char *p = mmap(NULL, size + GRANULARITY, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) return NULL;
    char *aligned = (char *)(((ULONG_PTR)p + GRANULARITY - 1) & ~(GRANULARITY - 1));
    if (aligned > p) munmap(p, aligned - p);
    if (aligned + size < p + size + GRANULARITY) munmap(aligned + size, p + size + GRANULARITY - (aligned + size));
    return aligned;
}

void *virtual_reserve(void *want, size_t size)
{
    return reserve_aligned(want, size);
}

NTSTATUS WINAPI NtAllocateVirtualMemory(HANDLE process, void **base_ptr, ULONG_PTR zero_bits, SIZE_T *size_ptr,
                                        ULONG type, ULONG protect)
{
    char *base;
    size_t size;
    struct view *view;
    NTSTATUS status = STATUS_SUCCESS;
    (void)zero_bits;

    if (process != NtCurrentProcess()) return STATUS_INVALID_HANDLE;
    if (!base_ptr || !size_ptr || !*size_ptr) return STATUS_INVALID_PARAMETER;
    if (!(type & (MEM_RESERVE | MEM_COMMIT)) || (type & ~(MEM_RESERVE | MEM_COMMIT | MEM_TOP_DOWN | MEM_RESET)))
        return STATUS_INVALID_PARAMETER;
    if (!valid_protect(protect)) return STATUS_INVALID_PAGE_PROTECTION;

    pthread_mutex_lock(&virtual_lock);
    if (type & MEM_RESERVE || !*base_ptr)
    {
        base = (char *)((ULONG_PTR)*base_ptr & ~(GRANULARITY - 1));
        size = (((ULONG_PTR)*base_ptr + *size_ptr + PAGE_SIZE_ - 1) & ~(PAGE_SIZE_ - 1)) - (ULONG_PTR)base;
        if (!*base_ptr) size = (*size_ptr + PAGE_SIZE_ - 1) & ~(PAGE_SIZE_ - 1);
        if (!(base = reserve_aligned(base, size)))
        {
            status = *base_ptr ? STATUS_CONFLICTING_ADDRESSES : STATUS_NO_MEMORY;
            goto done;
        }
        if (!(view = insert_view(base, size, MEM_PRIVATE, protect)))
        {
            munmap(base, size);
            status = STATUS_NO_MEMORY;
            goto done;
        }
    }
    else
    {
        base = (char *)((ULONG_PTR)*base_ptr & ~(PAGE_SIZE_ - 1));
        size = (((ULONG_PTR)*base_ptr + *size_ptr + PAGE_SIZE_ - 1) & ~(PAGE_SIZE_ - 1)) - (ULONG_PTR)base;
        if (!(view = find_view(base)) || base + size > view->base + view->size)
        {
            status = STATUS_CONFLICTING_ADDRESSES;
            goto done;
        }
    }
    if (type & MEM_COMMIT)
    {
        if (mprotect(base, size, protect_to_unix(protect)))
        {
            status = status_from_errno(errno);
            goto done;
        }
        set_pages(view, base, size, protect);
    }
    *base_ptr = base;
    *size_ptr = size;
done:
    pthread_mutex_unlock(&virtual_lock);
    TRACE(VIRTUAL, "NtAllocateVirtualMemory(%p, %#lx, %#x, %#x) -> %#x", *base_ptr, (unsigned long)*size_ptr,
          (unsigned)type, (unsigned)protect, (unsigned)status);
    return status;
}

NTSTATUS WINAPI NtFreeVirtualMemory(HANDLE process, void **base_ptr, SIZE_T *size_ptr, ULONG type)
{
    struct view *view;
    NTSTATUS status = STATUS_SUCCESS;

    if (process != NtCurrentProcess()) return STATUS_INVALID_HANDLE;
    if (!base_ptr || !size_ptr) return STATUS_INVALID_PARAMETER;
    pthread_mutex_lock(&virtual_lock);
    if (!(view = find_view(*base_ptr)) || view->type != MEM_PRIVATE)
    {
        status = STATUS_MEMORY_NOT_ALLOCATED;
        goto done;
    }
    if (type == MEM_RELEASE)
    {
        if (*size_ptr || (char *)*base_ptr != view->base) { status = STATUS_FREE_VM_NOT_AT_BASE; goto done; }
        munmap(view->base, view->size);
        *size_ptr = view->size;
        remove_view_locked(view);
    }
    else if (type == MEM_DECOMMIT)
    {
        char *start = (char *)((ULONG_PTR)*base_ptr & ~(PAGE_SIZE_ - 1));
        size_t size = *size_ptr ? (((ULONG_PTR)*base_ptr + *size_ptr + PAGE_SIZE_ - 1) & ~(PAGE_SIZE_ - 1)) - (ULONG_PTR)start
                                : view->size - (start - view->base);
        if (start + size > view->base + view->size) { status = STATUS_UNABLE_TO_FREE_VM; goto done; }
        /* decommitted pages read back as zero when committed again, as on Windows */
        mmap(start, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
        set_pages(view, start, size, 0);
        *base_ptr = start;
        *size_ptr = size;
    }
    else status = STATUS_INVALID_PARAMETER;
done:
    pthread_mutex_unlock(&virtual_lock);
    return status;
}

NTSTATUS WINAPI NtProtectVirtualMemory(HANDLE process, void **base_ptr, SIZE_T *size_ptr, ULONG protect, ULONG *old)
{
    struct view *view;
    NTSTATUS status = STATUS_SUCCESS;

    if (process != NtCurrentProcess()) return STATUS_INVALID_HANDLE;
    if (!base_ptr || !size_ptr || !old) return STATUS_INVALID_PARAMETER;
    if (!valid_protect(protect)) return STATUS_INVALID_PAGE_PROTECTION;
    char *start = (char *)((ULONG_PTR)*base_ptr & ~(PAGE_SIZE_ - 1));
    size_t size = (((ULONG_PTR)*base_ptr + *size_ptr + PAGE_SIZE_ - 1) & ~(PAGE_SIZE_ - 1)) - (ULONG_PTR)start;
    pthread_mutex_lock(&virtual_lock);
    if (!(view = find_view(start)) || start + size > view->base + view->size)
    {
        status = STATUS_CONFLICTING_ADDRESSES;
        goto done;
    }
    size_t first = (start - view->base) / PAGE_SIZE_;
    for (size_t i = 0; i < size / PAGE_SIZE_; i++)
        if (!view->prot[first + i]) { status = STATUS_NOT_COMMITTED; goto done; }
    if (mprotect(start, size, protect_to_unix(protect))) { status = status_from_errno(errno); goto done; }
    /* image pages are copy-on-write: asking for write access gives write-copy, as Windows reports */
    if (view->type == MEM_IMAGE)
    {
        if ((protect & 0xff) == PAGE_READWRITE) protect = (protect & ~0xffUL) | PAGE_WRITECOPY;
        else if ((protect & 0xff) == PAGE_EXECUTE_READWRITE) protect = (protect & ~0xffUL) | PAGE_EXECUTE_WRITECOPY;
    }
    *old = view->prot[first];
    set_pages(view, start, size, protect);
    *base_ptr = start;
    *size_ptr = size;
done:
    pthread_mutex_unlock(&virtual_lock);
    return status;
}

NTSTATUS WINAPI NtQueryVirtualMemory(HANDLE process, const void *addr, MEMORY_INFORMATION_CLASS klass,
                                     void *info, SIZE_T length, SIZE_T *result)
{
    MEMORY_BASIC_INFORMATION *mbi = info;
    struct view *view;

    if (process != NtCurrentProcess()) return STATUS_INVALID_HANDLE;
    if (klass != MemoryBasicInformation)
    {
        TRACE(STUB, "NtQueryVirtualMemory: class %d not implemented", klass);
        return STATUS_INVALID_INFO_CLASS;
    }
    if (length < sizeof(*mbi)) return STATUS_INFO_LENGTH_MISMATCH;
    if ((ULONG_PTR)addr >= 0x7ffffffeffffUL) return STATUS_INVALID_PARAMETER;
    char *page = (char *)((ULONG_PTR)addr & ~(PAGE_SIZE_ - 1));

    pthread_mutex_lock(&virtual_lock);
    memset(mbi, 0, sizeof(*mbi));
    mbi->BaseAddress = page;
    if ((view = find_view(page)))
    {
        size_t i = (page - view->base) / PAGE_SIZE_, n = view->size / PAGE_SIZE_, j = i;
        ULONG prot = view->prot[i];
        while (j < n && view->prot[j] == prot) j++;
        mbi->AllocationBase = view->base;
        mbi->AllocationProtect = view->alloc_protect;
        mbi->RegionSize = (j - i) * PAGE_SIZE_;
        mbi->State = prot ? MEM_COMMIT : MEM_RESERVE;
        mbi->Protect = prot;
        mbi->Type = view->type;
    }
    else
    {
        /* memory Wring did not allocate through a view (the Unix side's own) shows as free up to the next view */
        char *next = (char *)0x7ffffffe0000UL;
        for (size_t i = 0; i < view_count; i++)
            if (views[i].base > page) { next = views[i].base; break; }
        mbi->RegionSize = next - page;
        mbi->State = MEM_FREE;
        mbi->Protect = PAGE_NOACCESS;
    }
    pthread_mutex_unlock(&virtual_lock);
    if (result) *result = sizeof(*mbi);
    return STATUS_SUCCESS;
}
