/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Windows' virtual memory model over mmap.  A view is one allocation (an
 * image, a thread stack or a VirtualAlloc reservation) with one byte of state
 * per 4 KiB page: uncommitted, or committed with a protection.  Reservations
 * are mmap'ed PROT_NONE and aligned to the 64 KiB allocation granularity;
 * committing is mprotect, decommitting maps fresh zero pages over the range.
 * One mutex guards the sorted view array: these calls are rare next to the
 * memory accesses they enable, and every thread may make them.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <unistd.h>
#include "private.h"

#define PAGE_SIZE_      0x1000UL
#define GRANULARITY     0x10000UL
/* the highest user address Windows hands out on x64, and the end of the address space it reports */
#define USER_END        0x7ffffffe0000UL
#define QUERY_LIMIT     0x7ffffffeffffUL

/* page state: 0 = reserved only; else the index of the base protection, plus modifier bits */
#define STATE_BASE_MASK     0x0f
#define STATE_GUARD         0x10
#define STATE_NOCACHE       0x20
#define STATE_WRITECOMBINE  0x40

struct view
{
    char *base;
    size_t size;
    size_t mapped;          /* size rounded up to the granularity: the tail stays mapped, unusable, as on Windows */
    ULONG type;             /* MEM_IMAGE, MEM_PRIVATE, or MEM_MAPPED (a view of a section, section.c) */
    ULONG alloc_protect;
    BYTE *state;            /* one per page */
};

static struct view *views;  /* sorted by base, never overlapping */
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

/* Exactly one base protection, and modifiers that may go with it. */
static bool valid_protect(ULONG protect)
{
    ULONG base = protect & 0xff;
    if (!base || (base & (base - 1))) return false;
    if (protect & ~(0xffUL | PAGE_GUARD | PAGE_NOCACHE | PAGE_WRITECOMBINE)) return false;
    /* at most one of the cache modifiers */
    return __builtin_popcount(protect & (PAGE_GUARD | PAGE_NOCACHE | PAGE_WRITECOMBINE)) <= 1;
}

static BYTE protect_to_state(ULONG protect)
{
    BYTE state = __builtin_ctz(protect & 0xff) + 1;
    if (protect & PAGE_GUARD) state |= STATE_GUARD;
    if (protect & PAGE_NOCACHE) state |= STATE_NOCACHE;
    if (protect & PAGE_WRITECOMBINE) state |= STATE_WRITECOMBINE;
    return state;
}

static ULONG state_to_protect(BYTE state)
{
    ULONG protect;
    if (!state) return 0;
    protect = 1UL << ((state & STATE_BASE_MASK) - 1);
    if (state & STATE_GUARD) protect |= PAGE_GUARD;
    if (state & STATE_NOCACHE) protect |= PAGE_NOCACHE;
    if (state & STATE_WRITECOMBINE) protect |= PAGE_WRITECOMBINE;
    return protect;
}

/* The view holding addr, or NULL; *next gets the index of the first view above addr. */
static struct view *find_view(const void *addr, size_t *next)
{
    size_t lo = 0, hi = view_count;
    while (lo < hi)
    {
        size_t mid = (lo + hi) / 2;
        if ((const char *)addr < views[mid].base) hi = mid;
        else if ((const char *)addr >= views[mid].base + views[mid].size) lo = mid + 1;
        else return &views[mid];
    }
    if (next) *next = lo;
    return NULL;
}

static void remove_view(struct view *view)
{
    size_t i = view - views;
    free(view->state);
    memmove(&views[i], &views[i + 1], (view_count - i - 1) * sizeof(*views));
    view_count--;
}

static struct view *insert_view(char *base, size_t size, size_t mapped, ULONG type, ULONG protect)
{
    size_t i = 0;
    BYTE *state = calloc(size / PAGE_SIZE_, 1);

    if (!state) return NULL;
    if (view_count == view_capacity)
    {
        size_t cap = view_capacity ? view_capacity * 2 : 64;
        struct view *bigger = realloc(views, cap * sizeof(*bigger));
        if (!bigger)
        {
            free(state);
            return NULL;
        }
        views = bigger;
        view_capacity = cap;
    }
    find_view(base, &i);
    memmove(&views[i + 1], &views[i], (view_count - i) * sizeof(*views));
    view_count++;
    views[i] = (struct view){ base, size, mapped, type, protect, state };
    return &views[i];
}

static void set_pages(struct view *view, char *start, size_t size, BYTE state)
{
    memset(view->state + (start - view->base) / PAGE_SIZE_, state, size / PAGE_SIZE_);
}

/* Page-aligned [start, end) of a caller's range; false when it wraps or leaves user space. */
static bool page_range(const void *addr, SIZE_T size, char **start, size_t *len)
{
    ULONG_PTR first = (ULONG_PTR)addr & ~(PAGE_SIZE_ - 1), end;
    if (size > QUERY_LIMIT || (ULONG_PTR)addr > QUERY_LIMIT) return false;
    end = ((ULONG_PTR)addr + size + PAGE_SIZE_ - 1) & ~(PAGE_SIZE_ - 1);
    if (end > QUERY_LIMIT + 1) return false;
    *start = (char *)first;
    *len = end - first;
    return true;
}

static bool in_view(const struct view *view, const char *start, size_t len)
{
    return start >= view->base && start + len <= view->base + view->size;
}

void virtual_add_view(void *base, size_t size, ULONG type, ULONG protect)
{
    char *start = (char *)((ULONG_PTR)base & ~(PAGE_SIZE_ - 1));
    char *end = (char *)(((ULONG_PTR)base + size + PAGE_SIZE_ - 1) & ~(PAGE_SIZE_ - 1));
    struct view *view;
    size_t i = 0;

    pthread_mutex_lock(&virtual_lock);
    /* memory Linux reused (a cached thread stack) replaces whatever was recorded there before */
    if ((view = find_view(start, &i))) i = view - views;
    while (i < view_count && views[i].base < end) remove_view(&views[i]);
    if ((view = insert_view(start, end - start, end - start, type, protect)))
        set_pages(view, start, end - start, protect_to_state(protect));
    pthread_mutex_unlock(&virtual_lock);
}

void virtual_set_protection(void *base, size_t size, ULONG protect)
{
    struct view *view;
    char *start;
    size_t len;

    if (!page_range(base, size, &start, &len)) return;
    pthread_mutex_lock(&virtual_lock);
    if ((view = find_view(start, NULL)))
    {
        if (start + len > view->base + view->size) len = view->base + view->size - start;
        set_pages(view, start, len, protect_to_state(protect));
    }
    pthread_mutex_unlock(&virtual_lock);
}

void virtual_remove_view(void *base)
{
    struct view *view;

    pthread_mutex_lock(&virtual_lock);
    if ((view = find_view(base, NULL))) remove_view(view);
    pthread_mutex_unlock(&virtual_lock);
}

/* mmap a PROT_NONE reservation; without a wanted address, aligned to the allocation granularity. */
static void *reserve_aligned(void *want, size_t size)
{
    char *p, *aligned;

    if (want)
    {
        p = mmap(want, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) return NULL;
        if (p != want)
        {
            munmap(p, size);
            return NULL;
        }
        return p;
    }
    if (size > USER_END - GRANULARITY) return NULL;
    p = mmap(NULL, size + GRANULARITY, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) return NULL;
    aligned = (char *)(((ULONG_PTR)p + GRANULARITY - 1) & ~(GRANULARITY - 1));
    if (aligned > p) munmap(p, aligned - p);
    if (aligned + size < p + size + GRANULARITY) munmap(aligned + size, p + size + GRANULARITY - (aligned + size));
    if ((ULONG_PTR)aligned + size > USER_END)
    {
        munmap(aligned, size);
        return NULL;
    }
    return aligned;
}

void *virtual_reserve(void *want, size_t size)
{
    return reserve_aligned(want, size);
}

/* Windows refuses a commit beyond its commit limit; RAM plus swap is Linux's nearest equivalent. */
static bool commit_fits(size_t size)
{
    struct sysinfo si;
    if (sysinfo(&si)) return true;
    return size / si.mem_unit <= si.totalram + si.totalswap;
}

static NTSTATUS commit_pages(struct view *view, char *start, size_t len, ULONG protect)
{
    if (!commit_fits(len)) return STATUS_NO_MEMORY;
    if (mprotect(start, len, protect_to_unix(protect))) return errno == ENOMEM ? STATUS_NO_MEMORY : status_from_errno(errno);
    set_pages(view, start, len, protect_to_state(protect));
    return STATUS_SUCCESS;
}

static NTSTATUS reset_pages(char *start, size_t len)
{
    struct view *view = find_view(start, NULL);
    if (!view || view->type != MEM_PRIVATE || !in_view(view, start, len)) return STATUS_CONFLICTING_ADDRESSES;
    /* MEM_RESET says the contents no longer matter: give the pages back lazily */
    madvise(start, len, MADV_FREE);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtAllocateVirtualMemory(HANDLE process, void **base_ptr, ULONG_PTR zero_bits, SIZE_T *size_ptr,
                                        ULONG type, ULONG protect)
{
    if (base_ptr && !probe_user(base_ptr, sizeof(*base_ptr), true)) return STATUS_ACCESS_VIOLATION;
    if (size_ptr && !probe_user(size_ptr, sizeof(*size_ptr), true)) return STATUS_ACCESS_VIOLATION;
    char *start, *want;
    size_t len, mapped;
    struct view *view;
    NTSTATUS status;

    NTSTATUS bad_process = check_process(process);
    if (bad_process) return bad_process;
    if (!base_ptr || !size_ptr) return STATUS_ACCESS_VIOLATION;
    if (zero_bits)
    {
        TRACE(STUB, "NtAllocateVirtualMemory: zero_bits %#lx not supported", (unsigned long)zero_bits);
        return STATUS_INVALID_PARAMETER_3;
    }
    if (!*size_ptr) return STATUS_INVALID_PARAMETER;
    if (type == MEM_RESET)
    {
        if (!*base_ptr || !page_range(*base_ptr, *size_ptr, &start, &len)) return STATUS_INVALID_PARAMETER;
        pthread_mutex_lock(&virtual_lock);
        status = reset_pages(start, len);
        pthread_mutex_unlock(&virtual_lock);
        return status;
    }
    if (!(type & (MEM_RESERVE | MEM_COMMIT)) || (type & ~(MEM_RESERVE | MEM_COMMIT | MEM_TOP_DOWN)))
        return STATUS_INVALID_PARAMETER;
    if (!valid_protect(protect)) return STATUS_INVALID_PAGE_PROTECTION;
    if (!page_range(*base_ptr, *size_ptr, &start, &len))
        return *base_ptr ? STATUS_INVALID_PARAMETER : STATUS_NO_MEMORY;

    pthread_mutex_lock(&virtual_lock);
    if ((type & MEM_RESERVE) || !*base_ptr)
    {
        /* a reservation starts on the granularity; its pages run to the end of the caller's range */
        want = (char *)((ULONG_PTR)start & ~(GRANULARITY - 1));
        len += start - want;
        mapped = (len + GRANULARITY - 1) & ~(GRANULARITY - 1);
        if (!(start = reserve_aligned(want, mapped)))
        {
            status = want ? STATUS_CONFLICTING_ADDRESSES : STATUS_NO_MEMORY;
            goto done;
        }
        if (!(view = insert_view(start, len, mapped, MEM_PRIVATE, protect)))
        {
            munmap(start, mapped);
            status = STATUS_NO_MEMORY;
            goto done;
        }
        if ((type & MEM_COMMIT) && (status = commit_pages(view, start, len, protect)))
        {
            munmap(start, mapped);
            remove_view(view);
            goto done;
        }
    }
    else
    {
        view = find_view(start, NULL);
        if (!view || view->type != MEM_PRIVATE || !in_view(view, start, len))
        {
            status = STATUS_CONFLICTING_ADDRESSES;
            goto done;
        }
        /* committing committed pages keeps their contents and takes the new protection */
        if ((status = commit_pages(view, start, len, protect))) goto done;
    }
    *base_ptr = start;
    *size_ptr = len;
    status = STATUS_SUCCESS;
done:
    pthread_mutex_unlock(&virtual_lock);
    TRACE(VIRTUAL, "NtAllocateVirtualMemory(%p, %#lx, %#x, %#x) -> %#x", *base_ptr, (unsigned long)*size_ptr,
          (unsigned)type, (unsigned)protect, (unsigned)status);
    return status;
}

NTSTATUS WINAPI NtFreeVirtualMemory(HANDLE process, void **base_ptr, SIZE_T *size_ptr, ULONG type)
{
    if (base_ptr && !probe_user(base_ptr, sizeof(*base_ptr), true)) return STATUS_ACCESS_VIOLATION;
    if (size_ptr && !probe_user(size_ptr, sizeof(*size_ptr), true)) return STATUS_ACCESS_VIOLATION;
    struct view *view;
    NTSTATUS status = STATUS_SUCCESS;
    char *start;
    size_t len;

    NTSTATUS bad_process = check_process(process);
    if (bad_process) return bad_process;
    if (!base_ptr || !size_ptr) return STATUS_ACCESS_VIOLATION;
    if (type != MEM_RELEASE && type != MEM_DECOMMIT) return STATUS_INVALID_PARAMETER;
    if (!page_range(*base_ptr, *size_ptr, &start, &len)) return STATUS_INVALID_PARAMETER;

    pthread_mutex_lock(&virtual_lock);
    view = find_view(start, NULL);
    if (!view || view->type != MEM_PRIVATE)
    {
        status = STATUS_INVALID_PARAMETER;
        goto done;
    }
    if (type == MEM_RELEASE)
    {
        /* a release takes a whole allocation, named by its base */
        if (*size_ptr)
        {
            status = STATUS_INVALID_PARAMETER;
            goto done;
        }
        if ((char *)*base_ptr != view->base)
        {
            status = STATUS_FREE_VM_NOT_AT_BASE;
            goto done;
        }
        munmap(view->base, view->mapped);
        *base_ptr = view->base;
        *size_ptr = view->size;
        remove_view(view);
        goto done;
    }
    if (!*size_ptr)
    {
        if ((char *)*base_ptr != view->base)
        {
            status = STATUS_FREE_VM_NOT_AT_BASE;
            goto done;
        }
        len = view->size;
    }
    if (!in_view(view, start, len))
    {
        status = STATUS_INVALID_PARAMETER;
        goto done;
    }
    /* fresh anonymous pages: decommitted memory reads as zero when committed again, as on Windows */
    if (mmap(start, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0) == MAP_FAILED)
    {
        status = status_from_errno(errno);
        goto done;
    }
    set_pages(view, start, len, 0);
    *base_ptr = start;
    *size_ptr = len;
done:
    pthread_mutex_unlock(&virtual_lock);
    TRACE(VIRTUAL, "NtFreeVirtualMemory(%p, %#lx, %#x) -> %#x", *base_ptr, (unsigned long)*size_ptr,
          (unsigned)type, (unsigned)status);
    return status;
}

NTSTATUS WINAPI NtProtectVirtualMemory(HANDLE process, void **base_ptr, SIZE_T *size_ptr, ULONG protect, ULONG *old)
{
    if (base_ptr && !probe_user(base_ptr, sizeof(*base_ptr), true)) return STATUS_ACCESS_VIOLATION;
    if (size_ptr && !probe_user(size_ptr, sizeof(*size_ptr), true)) return STATUS_ACCESS_VIOLATION;
    if (old && !probe_user(old, sizeof(*old), true)) return STATUS_ACCESS_VIOLATION;
    struct view *view;
    NTSTATUS status = STATUS_SUCCESS;
    size_t first, len;
    char *start;

    NTSTATUS bad_process = check_process(process);
    if (bad_process) return bad_process;
    if (!base_ptr || !size_ptr || !old) return STATUS_ACCESS_VIOLATION;
    if (!valid_protect(protect)) return STATUS_INVALID_PAGE_PROTECTION;
    if (!page_range(*base_ptr, *size_ptr, &start, &len)) return STATUS_INVALID_PARAMETER;

    pthread_mutex_lock(&virtual_lock);
    if (!(view = find_view(start, NULL)) || !in_view(view, start, len))
    {
        status = STATUS_INVALID_PARAMETER;
        goto done;
    }
    first = (start - view->base) / PAGE_SIZE_;
    for (size_t i = 0; i < len / PAGE_SIZE_; i++)
        if (!view->state[first + i])
        {
            status = STATUS_NOT_COMMITTED;
            goto done;
        }
    /* a guard page is only recorded: it stays accessible, since guard faults are not raised yet */
    if (mprotect(start, len, protect_to_unix(protect)))
    {
        status = status_from_errno(errno);
        goto done;
    }
    /* image pages are copy-on-write: asking for write access gives write-copy, as Windows reports */
    if (view->type == MEM_IMAGE)
    {
        if ((protect & 0xff) == PAGE_READWRITE) protect = (protect & ~0xffUL) | PAGE_WRITECOPY;
        else if ((protect & 0xff) == PAGE_EXECUTE_READWRITE) protect = (protect & ~0xffUL) | PAGE_EXECUTE_WRITECOPY;
    }
    *old = state_to_protect(view->state[first]);
    set_pages(view, start, len, protect_to_state(protect));
    *base_ptr = start;
    *size_ptr = len;
done:
    pthread_mutex_unlock(&virtual_lock);
    return status;
}

/*
 * A view of a section: fd's pages from offset, shared with the file (or the other views of
 * an anonymous section) unless private (copy-on-write).  Placed like a reservation, on the
 * allocation granularity, at *base when it is given.
 */
NTSTATUS virtual_map_view(void **base, size_t size, int fd, off_t offset, bool private, ULONG protect)
{
    size_t len = (size + PAGE_SIZE_ - 1) & ~(PAGE_SIZE_ - 1);
    size_t mapped = (len + GRANULARITY - 1) & ~(GRANULARITY - 1);
    int flags = (private ? MAP_PRIVATE : MAP_SHARED) | MAP_FIXED;
    NTSTATUS status = STATUS_SUCCESS;
    struct view *view;
    char *start;

    pthread_mutex_lock(&virtual_lock);
    if (!(start = reserve_aligned(*base, mapped)))
    {
        status = *base ? STATUS_CONFLICTING_ADDRESSES : STATUS_NO_MEMORY;
        goto done;
    }
    /* over the reservation: the granule's tail past the view stays PROT_NONE, unusable */
    if (mmap(start, len, protect_to_unix(protect), flags, fd, offset) == MAP_FAILED)
    {
        status = errno == ENOMEM ? STATUS_NO_MEMORY : status_from_errno(errno);
        munmap(start, mapped);
        goto done;
    }
    if (!(view = insert_view(start, len, mapped, MEM_MAPPED, protect)))
    {
        munmap(start, mapped);
        status = STATUS_NO_MEMORY;
        goto done;
    }
    set_pages(view, start, len, protect_to_state(protect));
    *base = start;
done:
    pthread_mutex_unlock(&virtual_lock);
    TRACE(VIRTUAL, "map view fd %d offset %#llx size %#lx protect %#x -> %p %#x", fd, (unsigned long long)offset,
          (unsigned long)size, (unsigned)protect, status ? NULL : *base, (unsigned)status);
    return status;
}

/* Any address inside a view names it, as for NtUnmapViewOfSection on Windows. */
NTSTATUS virtual_unmap_view(const void *addr)
{
    NTSTATUS status = STATUS_SUCCESS;
    struct view *view;

    pthread_mutex_lock(&virtual_lock);
    if (!(view = find_view(addr, NULL)) || view->type != MEM_MAPPED) status = STATUS_NOT_MAPPED_VIEW;
    else if (munmap(view->base, view->mapped)) status = status_from_errno(errno);
    else remove_view(view);
    pthread_mutex_unlock(&virtual_lock);
    return status;
}

/* Writes a view's changed pages to its file now; size 0 means to the end of the view. */
NTSTATUS virtual_flush_view(const void **addr, SIZE_T *size)
{
    NTSTATUS status = STATUS_SUCCESS;
    struct view *view;
    char *start;
    size_t len;

    if (!page_range(*addr, *size, &start, &len)) return STATUS_INVALID_PARAMETER;
    pthread_mutex_lock(&virtual_lock);
    if (!(view = find_view(start, NULL)) || view->type != MEM_MAPPED) status = STATUS_NOT_MAPPED_VIEW;
    else
    {
        if (!*size) len = view->base + view->size - start;
        if (!in_view(view, start, len)) status = STATUS_INVALID_PARAMETER;
        else if (msync(start, len, MS_SYNC)) status = status_from_errno(errno);
        else
        {
            *addr = start;
            *size = len;
        }
    }
    pthread_mutex_unlock(&virtual_lock);
    return status;
}

static ULONG unix_perms_to_protect(const char *perms)
{
    bool r = perms[0] == 'r', w = perms[1] == 'w', x = perms[2] == 'x';
    if (x) return w ? PAGE_EXECUTE_READWRITE : r ? PAGE_EXECUTE_READ : PAGE_EXECUTE;
    if (w) return PAGE_READWRITE;
    return r ? PAGE_READONLY : 0;
}

/*
 * Memory the Unix side mapped for itself (glibc's heap, which backs HeapAlloc,
 * thread stacks, the runner) is not free to a Windows program: describe it
 * from /proc/self/maps.  Returns false when page lies in no mapping; *next is
 * then lowered to the start of the first mapping above it.
 */
static bool query_unix_mapping(char *page, MEMORY_BASIC_INFORMATION *mbi, char **next)
{
    static char buf[1 << 16];
    char *line, *end;
    bool found = false;
    ssize_t n, used = 0;
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);

    if (fd < 0) return false;
    for (;;)
    {
        n = read(fd, buf + used, sizeof(buf) - 1 - used);
        if (n <= 0) break;
        used += n;
        buf[used] = 0;
        line = buf;
        while ((end = strchr(line, '\n')))
        {
            unsigned long lo, hi;
            char perms[5];
            *end = 0;
            if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) == 3)
            {
                if ((char *)lo > page)
                {
                    if ((char *)lo < *next) *next = (char *)lo;
                    goto out;
                }
                if ((char *)hi > page)
                {
                    ULONG protect = unix_perms_to_protect(perms);
                    mbi->AllocationBase = (void *)lo;
                    mbi->AllocationProtect = protect ? protect : PAGE_NOACCESS;
                    mbi->RegionSize = (char *)hi - page;
                    mbi->State = protect ? MEM_COMMIT : MEM_RESERVE;
                    mbi->Protect = protect;
                    mbi->Type = strchr(line, '/') ? MEM_MAPPED : MEM_PRIVATE;
                    found = true;
                    goto out;
                }
            }
            line = end + 1;
        }
        /* keep the partial last line for the next read */
        used -= line - buf;
        memmove(buf, line, used);
    }
out:
    close(fd);
    return found;
}

NTSTATUS WINAPI NtQueryVirtualMemory(HANDLE process, const void *addr, MEMORY_INFORMATION_CLASS klass,
                                     void *info, SIZE_T length, SIZE_T *result)
{
    if (!probe_user(info, length, true)) return STATUS_ACCESS_VIOLATION;
    if (result && !probe_user(result, sizeof(*result), true)) return STATUS_ACCESS_VIOLATION;
    MEMORY_BASIC_INFORMATION *mbi = info;
    struct view *view;
    size_t next;
    char *page;

    NTSTATUS bad_process = check_process(process);
    if (bad_process) return bad_process;
    if (klass != MemoryBasicInformation)
    {
        TRACE(STUB, "NtQueryVirtualMemory: class %d not implemented", klass);
        return STATUS_INVALID_INFO_CLASS;
    }
    if (length < sizeof(*mbi)) return STATUS_INFO_LENGTH_MISMATCH;
    if ((ULONG_PTR)addr > QUERY_LIMIT) return STATUS_INVALID_PARAMETER;
    page = (char *)((ULONG_PTR)addr & ~(PAGE_SIZE_ - 1));

    memset(mbi, 0, sizeof(*mbi));
    mbi->BaseAddress = page;
    pthread_mutex_lock(&virtual_lock);
    if ((view = find_view(page, &next)))
    {
        size_t i = (page - view->base) / PAGE_SIZE_, n = view->size / PAGE_SIZE_, j = i;
        BYTE state = view->state[i];
        while (j < n && view->state[j] == state) j++;
        mbi->AllocationBase = view->base;
        mbi->AllocationProtect = view->alloc_protect;
        mbi->RegionSize = (j - i) * PAGE_SIZE_;
        mbi->State = state ? MEM_COMMIT : MEM_RESERVE;
        mbi->Protect = state_to_protect(state);
        mbi->Type = view->type;
    }
    else
    {
        char *end = next < view_count ? views[next].base : (char *)USER_END;
        const struct view *below = next ? &views[next - 1] : NULL;
        if (page >= (char *)USER_END) end = (char *)QUERY_LIMIT + 1;
        if (below && page < below->base + below->mapped)
        {
            /* the unusable tail of an allocation's last granule is free, as Windows shows it */
            mbi->RegionSize = below->base + below->mapped - page;
            mbi->State = MEM_FREE;
            mbi->Protect = PAGE_NOACCESS;
        }
        /* the lock also serialises use of the parse buffer */
        else if (!query_unix_mapping(page, mbi, &end))
        {
            mbi->RegionSize = end - page;
            mbi->State = MEM_FREE;
            mbi->Protect = PAGE_NOACCESS;
        }
        else if (page + mbi->RegionSize > end) mbi->RegionSize = end - page;
    }
    pthread_mutex_unlock(&virtual_lock);
    if (result) *result = sizeof(*mbi);
    return STATUS_SUCCESS;
}
