/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Virtual memory, heaps, and Local and Global memory. */
#include "kernel32_private.h"

LPVOID WINAPI VirtualAlloc(void *addr, SIZE_T size, DWORD type, DWORD protect)
{
    NTSTATUS status = NtAllocateVirtualMemory(GetCurrentProcess(), &addr, 0, &size, type, protect);
    return set_ntstatus(status) ? addr : NULL;
}

BOOL WINAPI VirtualFree(void *addr, SIZE_T size, DWORD type)
{
    return set_ntstatus(NtFreeVirtualMemory(GetCurrentProcess(), &addr, &size, type));
}

BOOL WINAPI VirtualProtect(void *addr, SIZE_T size, DWORD protect, DWORD *old)
{
    if (!old)
    {
        /* Windows insists on somewhere to put the old protection */
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    /* straight to ntdll, whose probe turns a bad pointer into ERROR_NOACCESS as on Windows */
    return set_ntstatus(NtProtectVirtualMemory(GetCurrentProcess(), &addr, &size, protect, (ULONG *)old));
}

SIZE_T WINAPI VirtualQuery(const void *addr, MEMORY_BASIC_INFORMATION *info, SIZE_T size)
{
    SIZE_T ret;
    if (!set_ntstatus(NtQueryVirtualMemory(GetCurrentProcess(), addr, MemoryBasicInformation, info, size, &ret)))
        return 0;
    return ret;
}

HANDLE WINAPI GetProcessHeap(void)
{
    return NtCurrentTeb()->Peb->ProcessHeap;
}

BOOL WINAPI (HeapFree)(HANDLE heap, DWORD flags, void *ptr)
{
    if (RtlFreeHeap(heap, flags, ptr)) return TRUE;
    SetLastError(ERROR_INVALID_PARAMETER);
    return FALSE;
}

/*
 * The heaps kernel32 created, for GetProcessHeaps and HeapLock.  The Unix
 * side owns the blocks; the lock here is the heap's Win32 lock: HeapLock holds
 * it, so that HeapLock callers exclude each other, while each allocation is
 * made safe by the heap itself.
 */
struct heap_record
{
    struct heap_record *next;
    HANDLE heap;
    RTL_CRITICAL_SECTION lock;
};

static SRWLOCK heap_records_lock = SRWLOCK_INIT;
static struct heap_record *heap_records;
static struct heap_record process_heap_record;

/* The record of a heap, or NULL with the last error set (records lock held). */
static struct heap_record *find_heap_record(HANDLE heap)
{
    struct heap_record *rec;

    if (heap && heap == GetProcessHeap())
    {
        if (!process_heap_record.heap)
        {
            RtlInitializeCriticalSection(&process_heap_record.lock);
            process_heap_record.heap = heap;
        }
        return &process_heap_record;
    }
    for (rec = heap_records; rec; rec = rec->next)
        if (rec->heap == heap) return rec;
    SetLastError(ERROR_INVALID_HANDLE);
    return NULL;
}

HANDLE WINAPI HeapCreate(DWORD flags, SIZE_T initial, SIZE_T max)
{
    struct heap_record *rec;
    HANDLE heap;

    flags &= HEAP_GENERATE_EXCEPTIONS | HEAP_NO_SERIALIZE | HEAP_CREATE_ENABLE_EXECUTE;
    if (!max) flags |= HEAP_GROWABLE;
    if (!(rec = HeapAlloc(GetProcessHeap(), 0, sizeof(*rec))))
    {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    if (!(heap = RtlCreateHeap(flags, NULL, max, initial, NULL, NULL)))
    {
        HeapFree(GetProcessHeap(), 0, rec);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    rec->heap = heap;
    RtlInitializeCriticalSection(&rec->lock);
    RtlAcquireSRWLockExclusive(&heap_records_lock);
    rec->next = heap_records;
    heap_records = rec;
    RtlReleaseSRWLockExclusive(&heap_records_lock);
    return heap;
}

BOOL WINAPI HeapDestroy(HANDLE heap)
{
    struct heap_record **prev, *rec = NULL;

    if (heap == GetProcessHeap() || RtlDestroyHeap(heap))
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    RtlAcquireSRWLockExclusive(&heap_records_lock);
    for (prev = &heap_records; *prev; prev = &(*prev)->next)
        if ((*prev)->heap == heap)
        {
            rec = *prev;
            *prev = rec->next;
            break;
        }
    RtlReleaseSRWLockExclusive(&heap_records_lock);
    if (rec)
    {
        RtlDeleteCriticalSection(&rec->lock);
        HeapFree(GetProcessHeap(), 0, rec);
    }
    return TRUE;
}

BOOL WINAPI HeapValidate(HANDLE heap, DWORD flags, LPCVOID ptr)
{
    return RtlValidateHeap(heap, flags, ptr);
}

BOOL WINAPI HeapLock(HANDLE heap)
{
    struct heap_record *rec;

    RtlAcquireSRWLockExclusive(&heap_records_lock);
    rec = find_heap_record(heap);
    RtlReleaseSRWLockExclusive(&heap_records_lock);
    if (!rec) return FALSE;
    RtlEnterCriticalSection(&rec->lock);
    return TRUE;
}

BOOL WINAPI HeapUnlock(HANDLE heap)
{
    struct heap_record *rec;

    RtlAcquireSRWLockExclusive(&heap_records_lock);
    rec = find_heap_record(heap);
    RtlReleaseSRWLockExclusive(&heap_records_lock);
    if (!rec) return FALSE;
    if (rec->lock.OwningThread != NtCurrentTeb()->ClientId.UniqueThread)
    {
        SetLastError(ERROR_NOT_OWNER);
        return FALSE;
    }
    RtlLeaveCriticalSection(&rec->lock);
    return TRUE;
}

DWORD WINAPI GetProcessHeaps(DWORD count, HANDLE *heaps)
{
    struct heap_record *rec;
    DWORD total = 1;

    RtlAcquireSRWLockExclusive(&heap_records_lock);
    if (count) heaps[0] = GetProcessHeap();
    for (rec = heap_records; rec; rec = rec->next, total++)
        if (total < count) heaps[total] = rec->heap;
    RtlReleaseSRWLockExclusive(&heap_records_lock);
    return total;
}

SIZE_T WINAPI HeapCompact(HANDLE heap, DWORD flags)
{
    if (!RtlValidateHeap(heap, flags, NULL))
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return 0;
    }
    /* freed blocks go straight back to the allocator underneath: the heap keeps no free block of its own */
    SetLastError(NO_ERROR);
    return 0;
}

/* Not in Wine 8.0's HEAP_INFORMATION_CLASS */
#define HEAP_ENABLE_TERMINATION_ON_CORRUPTION 1
/* The low-fragmentation heap, which Windows has used by default since Vista */
#define HEAP_COMPATIBILITY_LFH 2

/* The checks both heap-information calls make on HeapCompatibilityInformation, in Windows' order. */
static BOOL check_compat_info(HANDLE heap, HEAP_INFORMATION_CLASS klass, SIZE_T size, SIZE_T *needed)
{
    if (klass != HeapCompatibilityInformation)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!RtlValidateHeap(heap, 0, NULL))
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (needed) *needed = sizeof(ULONG);
    if (size < sizeof(ULONG))
    {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI HeapQueryInformation(HANDLE heap, HEAP_INFORMATION_CLASS klass, void *info, SIZE_T size, SIZE_T *needed)
{
    if (!check_compat_info(heap, klass, size, needed)) return FALSE;
    *(ULONG *)info = HEAP_COMPATIBILITY_LFH;
    return TRUE;
}

BOOL WINAPI HeapSetInformation(HANDLE heap, HEAP_INFORMATION_CLASS klass, void *info, SIZE_T size)
{
    /* corruption already ends in a refusal, never in silent damage: there is nothing to switch on */
    if (klass == HEAP_ENABLE_TERMINATION_ON_CORRUPTION) return TRUE;
    if (!check_compat_info(heap, klass, size, NULL)) return FALSE;
    /* every heap here already behaves as the LFH: only that mode can be asked for */
    if (*(ULONG *)info != HEAP_COMPATIBILITY_LFH)
    {
        SetLastError(ERROR_GEN_FAILURE);
        return FALSE;
    }
    return TRUE;
}

/*
 * Local and Global memory.  Fixed memory is a process heap block.  Moveable
 * memory is a handle: the address of the pointer field of an entry (so that
 * *(void **)handle is the data, as programs assume), 8 bytes past a 16-byte
 * boundary and so never equal to a heap block's address.  The data block keeps
 * its handle in a 16-byte prefix, for LocalHandle.
 */
#define MEM_ENTRY_MAGIC 0x4d4f5645    /* "MOVE" */
#define DATA_PREFIX     16
#define MAX_LOCKS       0xff

struct mem_entry
{
    DWORD magic;
    WORD flags;     /* LMEM_DISCARDABLE */
    BYTE locks;
    BYTE pad;
    void *ptr;      /* data, or NULL when discarded */
};

static struct mem_entry *entry_from_handle(HLOCAL handle)
{
    struct mem_entry *entry;
    if (((ULONG_PTR)handle & 15) != offsetof(struct mem_entry, ptr)) return NULL;
    entry = (struct mem_entry *)((char *)handle - offsetof(struct mem_entry, ptr));
    return entry->magic == MEM_ENTRY_MAGIC ? entry : NULL;
}

static HLOCAL handle_from_entry(struct mem_entry *entry)
{
    return &entry->ptr;
}

static void *alloc_data(HLOCAL handle, SIZE_T size, BOOL zero)
{
    char *block = HeapAlloc(GetProcessHeap(), zero ? HEAP_ZERO_MEMORY : 0, size + DATA_PREFIX);
    if (!block) return NULL;
    *(HLOCAL *)block = handle;
    return block + DATA_PREFIX;
}

static void *data_block(void *ptr)
{
    return (char *)ptr - DATA_PREFIX;
}

HLOCAL WINAPI LocalAlloc(UINT flags, SIZE_T size)
{
    struct mem_entry *entry;
    HANDLE heap = GetProcessHeap();
    void *ptr;

    if (!(flags & LMEM_MOVEABLE))
    {
        if (!(ptr = HeapAlloc(heap, (flags & LMEM_ZEROINIT) ? HEAP_ZERO_MEMORY : 0, size)))
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return ptr;
    }
    if (!(entry = HeapAlloc(heap, 0, sizeof(*entry))))
    {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    entry->magic = MEM_ENTRY_MAGIC;
    entry->flags = flags & LMEM_DISCARDABLE;
    entry->locks = 0;
    entry->ptr = NULL;
    /* a zero-size moveable block starts out discarded */
    if (size && !(entry->ptr = alloc_data(handle_from_entry(entry), size, flags & LMEM_ZEROINIT)))
    {
        HeapFree(heap, 0, entry);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    return handle_from_entry(entry);
}

HLOCAL WINAPI LocalFree(HLOCAL handle)
{
    struct mem_entry *entry;
    HANDLE heap = GetProcessHeap();

    if (!handle) return NULL;
    if ((entry = entry_from_handle(handle)))
    {
        /* Windows frees a moveable block even while it is locked */
        if (entry->ptr) HeapFree(heap, 0, data_block(entry->ptr));
        entry->magic = 0;
        HeapFree(heap, 0, entry);
        return NULL;
    }
    if (RtlFreeHeap(heap, 0, handle)) return NULL;
    SetLastError(ERROR_INVALID_HANDLE);
    return handle;
}

void *WINAPI LocalLock(HLOCAL handle)
{
    struct mem_entry *entry;

    if (!handle)
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    if ((entry = entry_from_handle(handle)))
    {
        if (!entry->ptr) return NULL;
        if (entry->locks < MAX_LOCKS) entry->locks++;
        return entry->ptr;
    }
    if (RtlValidateHeap(GetProcessHeap(), 0, handle)) return handle;
    SetLastError(ERROR_INVALID_HANDLE);
    return NULL;
}

BOOL WINAPI LocalUnlock(HLOCAL handle)
{
    struct mem_entry *entry;

    if (!(entry = entry_from_handle(handle)))
    {
        /* fixed memory has no lock count to drop */
        SetLastError(RtlValidateHeap(GetProcessHeap(), 0, handle) ? ERROR_NOT_LOCKED : ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (!entry->locks)
    {
        SetLastError(ERROR_NOT_LOCKED);
        return FALSE;
    }
    /* a lock count stuck at the maximum stays there, as on Windows */
    if (entry->locks < MAX_LOCKS) entry->locks--;
    if (entry->locks) return TRUE;
    SetLastError(NO_ERROR);
    return FALSE;
}

SIZE_T WINAPI LocalSize(HLOCAL handle)
{
    struct mem_entry *entry;
    SIZE_T size;

    if ((entry = entry_from_handle(handle)))
        return entry->ptr ? RtlSizeHeap(GetProcessHeap(), 0, data_block(entry->ptr)) - DATA_PREFIX : 0;
    if (handle && (size = RtlSizeHeap(GetProcessHeap(), 0, handle)) != ~(SIZE_T)0) return size;
    SetLastError(ERROR_INVALID_HANDLE);
    return 0;
}

UINT WINAPI LocalFlags(HLOCAL handle)
{
    struct mem_entry *entry;

    if ((entry = entry_from_handle(handle)))
        return entry->locks | entry->flags | (entry->ptr ? 0 : LMEM_DISCARDED);
    if (handle && RtlValidateHeap(GetProcessHeap(), 0, handle)) return 0;
    SetLastError(ERROR_INVALID_HANDLE);
    return LMEM_INVALID_HANDLE;
}

HLOCAL WINAPI LocalHandle(const void *ptr)
{
    HLOCAL candidate;
    struct mem_entry *entry;

    if (entry_from_handle((HLOCAL)ptr)) return (HLOCAL)ptr;
    if (ptr && RtlValidateHeap(GetProcessHeap(), 0, data_block((void *)ptr)))
    {
        candidate = *(HLOCAL *)data_block((void *)ptr);
        if ((entry = entry_from_handle(candidate)) && entry->ptr == ptr) return candidate;
    }
    if (ptr && RtlValidateHeap(GetProcessHeap(), 0, ptr)) return (HLOCAL)ptr;
    SetLastError(ERROR_INVALID_HANDLE);
    return NULL;
}

HLOCAL WINAPI LocalReAlloc(HLOCAL handle, SIZE_T size, UINT flags)
{
    ULONG heap_flags = (flags & LMEM_ZEROINIT) ? HEAP_ZERO_MEMORY : 0;
    HANDLE heap = GetProcessHeap();
    struct mem_entry *entry;
    void *ptr;

    if (!(entry = entry_from_handle(handle)))
    {
        if (!handle || !RtlValidateHeap(heap, 0, handle))
        {
            SetLastError(ERROR_INVALID_HANDLE);
            return NULL;
        }
        if (flags & LMEM_MODIFY) return handle;
        /* fixed memory moves only when the caller allows it */
        if (!(flags & LMEM_MOVEABLE)) heap_flags |= HEAP_REALLOC_IN_PLACE_ONLY;
        if (!(ptr = RtlReAllocateHeap(heap, heap_flags, handle, size))) SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return ptr;
    }
    if (flags & LMEM_MODIFY)
    {
        if (flags & LMEM_DISCARDABLE) entry->flags |= LMEM_DISCARDABLE;
        return handle;
    }
    if (!size)
    {
        if (entry->locks)
        {
            SetLastError(ERROR_INVALID_HANDLE);
            return NULL;
        }
        if (entry->ptr) HeapFree(heap, 0, data_block(entry->ptr));
        entry->ptr = NULL;
        return handle;
    }
    if (!entry->ptr)
    {
        if (!(entry->ptr = alloc_data(handle, size, flags & LMEM_ZEROINIT)))
        {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
        return handle;
    }
    /* a locked block keeps its address unless the caller says it may move */
    if (entry->locks && !(flags & LMEM_MOVEABLE)) heap_flags |= HEAP_REALLOC_IN_PLACE_ONLY;
    if (!(ptr = RtlReAllocateHeap(heap, heap_flags, data_block(entry->ptr), size + DATA_PREFIX)))
    {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    entry->ptr = (char *)ptr + DATA_PREFIX;
    return handle;
}

/* GMEM_ flags are LMEM_ flags except for GMEM_DISCARDABLE. */
static UINT global_to_local_flags(UINT flags)
{
    UINT local = flags & (GMEM_MOVEABLE | GMEM_ZEROINIT | GMEM_MODIFY);
    if (flags & GMEM_DISCARDABLE) local |= LMEM_DISCARDABLE;
    return local;
}

HGLOBAL WINAPI GlobalAlloc(UINT flags, SIZE_T size)
{
    return LocalAlloc(global_to_local_flags(flags), size);
}

HGLOBAL WINAPI GlobalFree(HGLOBAL handle)
{
    return LocalFree(handle);
}

HGLOBAL WINAPI GlobalReAlloc(HGLOBAL handle, SIZE_T size, UINT flags)
{
    return LocalReAlloc(handle, size, global_to_local_flags(flags));
}

SIZE_T WINAPI GlobalSize(HGLOBAL handle)
{
    return LocalSize(handle);
}

void *WINAPI GlobalLock(HGLOBAL handle)
{
    return LocalLock(handle);
}

BOOL WINAPI GlobalUnlock(HGLOBAL handle)
{
    return LocalUnlock(handle);
}

HGLOBAL WINAPI GlobalHandle(const void *ptr)
{
    return LocalHandle(ptr);
}

UINT WINAPI GlobalFlags(HGLOBAL handle)
{
    UINT flags = LocalFlags(handle);
    if (flags == LMEM_INVALID_HANDLE) return GMEM_INVALID_HANDLE;
    return (flags & (LMEM_LOCKCOUNT | LMEM_DISCARDED)) | ((flags & LMEM_DISCARDABLE) ? GMEM_DISCARDABLE : 0);
}

/*
 * IsBad*Ptr: Windows answers by touching the memory under an exception
 * handler; asking the virtual memory map page by page gives the same answer
 * without a fault (a guard page is "bad" and keeps its guard, as Windows'
 * own probe would have turned it into a fault).
 */
static BOOL range_accessible(const void *ptr, UINT_PTR size, DWORD allowed)
{
    UINT_PTR addr = (UINT_PTR)ptr, end = addr + size;
    MEMORY_BASIC_INFORMATION info;

    if (!size) return TRUE;
    if (!ptr || end < addr) return FALSE;
    while (addr < end)
    {
        if (!VirtualQuery((const void *)addr, &info, sizeof(info))) return FALSE;
        if (info.State != MEM_COMMIT || (info.Protect & (PAGE_GUARD | PAGE_NOACCESS)) || !(info.Protect & allowed))
            return FALSE;
        addr = (UINT_PTR)info.BaseAddress + info.RegionSize;
    }
    return TRUE;
}

#define READABLE (PAGE_READONLY | PAGE_READWRITE | PAGE_WRITECOPY | PAGE_EXECUTE_READ | \
                  PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY)
#define WRITABLE (PAGE_READWRITE | PAGE_WRITECOPY | PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY)

BOOL WINAPI IsBadReadPtr(const void *ptr, UINT_PTR size)
{
    return !range_accessible(ptr, size, READABLE);
}

BOOL WINAPI IsBadHugeReadPtr(const void *ptr, UINT_PTR size)
{
    return IsBadReadPtr(ptr, size);
}

BOOL WINAPI IsBadWritePtr(void *ptr, UINT_PTR size)
{
    return !range_accessible(ptr, size, WRITABLE);
}

BOOL WINAPI IsBadHugeWritePtr(void *ptr, UINT_PTR size)
{
    return IsBadWritePtr(ptr, size);
}

/* Microsoft documents IsBadCodePtr as a test of read access at the address,
 * not of execute access: x86 pages that can be read could always be run. */
BOOL WINAPI IsBadCodePtr(FARPROC ptr)
{
    return !range_accessible(ptr, 1, READABLE);
}

/* Reads up to `max` characters of `size` bytes, stopping after the NUL; each
 * page is checked once, before its first character is read. */
static BOOL bad_string(const void *str, UINT_PTR max, size_t size)
{
    const char *p = str;
    UINT_PTR checked_to = (UINT_PTR)p;

    if (!max) return FALSE;
    if (!p) return TRUE;
    for (UINT_PTR i = 0; i < max; i++, p += size)
    {
        if ((UINT_PTR)p + size > checked_to)
        {
            UINT_PTR page_end = (((UINT_PTR)p + size - 1) | 0xfff) + 1;
            if (!range_accessible(p, page_end - (UINT_PTR)p, READABLE)) return TRUE;
            checked_to = page_end;
        }
        if (size == 1 ? !*p : !*(const WCHAR *)p) break;
    }
    return FALSE;
}

BOOL WINAPI IsBadStringPtrA(LPCSTR str, UINT_PTR max)
{
    return bad_string(str, max, 1);
}

BOOL WINAPI IsBadStringPtrW(LPCWSTR str, UINT_PTR max)
{
    return bad_string(str, max, sizeof(WCHAR));
}
