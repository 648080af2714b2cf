/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The Unix side of virtual memory and heaps: the view list under threads, a
 * view replacing the stale ones it overlaps, and heap calls on pointers whose
 * header would lie on an unreadable page.
 */
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include "../../dlls/ntdll/unix/private.h"
#include "unix_test.h"

#define ROUNDS 200

static void *alloc_free_loop(void *arg)
{
    long failures = 0;
    for (int i = 0; i < ROUNDS; i++)
    {
        void *base = NULL;
        SIZE_T size = (i % 7 + 1) * 0x1000;
        MEMORY_BASIC_INFORMATION mbi;
        if (NtAllocateVirtualMemory(NtCurrentProcess(), &base, 0, &size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE))
        {
            failures++;
            continue;
        }
        ((char *)base)[size - 1] = 1;
        if (NtQueryVirtualMemory(NtCurrentProcess(), base, MemoryBasicInformation, &mbi, sizeof(mbi), NULL) ||
            mbi.AllocationBase != base || mbi.RegionSize != size || mbi.State != MEM_COMMIT)
            failures++;
        size = 0;
        if (NtFreeVirtualMemory(NtCurrentProcess(), &base, &size, MEM_RELEASE)) failures++;
    }
    return (void *)failures;
}

static void test_threads(void)
{
    pthread_t threads[4];
    long total = 0;
    for (int i = 0; i < 4; i++) pthread_create(&threads[i], NULL, alloc_free_loop, NULL);
    for (int i = 0; i < 4; i++)
    {
        void *ret;
        pthread_join(threads[i], &ret);
        total += (long)ret;
    }
    check(!total, "%ld failures in threads", total);
}

static void test_replaced_view(void)
{
    MEMORY_BASIC_INFORMATION mbi;
    char *p = mmap(NULL, 0x10000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    virtual_add_view(p, 0x4000, MEM_PRIVATE, PAGE_READONLY);
    virtual_add_view(p + 0x2000, 0x8000, MEM_PRIVATE, PAGE_READWRITE);
    check(!NtQueryVirtualMemory(NtCurrentProcess(), p + 0x3000, MemoryBasicInformation, &mbi, sizeof(mbi), NULL),
          "query failed");
    check(mbi.AllocationBase == p + 0x2000, "AllocationBase %p, expected %p", mbi.AllocationBase, p + 0x2000);
    check(mbi.Protect == PAGE_READWRITE, "Protect %#x", (unsigned)mbi.Protect);
    check(!NtQueryVirtualMemory(NtCurrentProcess(), p, MemoryBasicInformation, &mbi, sizeof(mbi), NULL),
          "query failed");
    check(mbi.State != MEM_FREE || mbi.AllocationBase == NULL, "stale view left at %p", p);
    virtual_remove_view(p + 0x2000);
    munmap(p, 0x10000);
}

static void test_heap_page_start(void)
{
    HANDLE heap = heap_process_heap(), priv = RtlCreateHeap(HEAP_GROWABLE, NULL, 0, 0, NULL, NULL);
    char *p = mmap(NULL, 0x2000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    char *page = p + 0x1000;

    /* nothing may be read below the page: make it inaccessible */
    munmap(p, 0x1000);
    /* hide where page came from, so the compiler does not take it for a bad free */
    __asm__("" : "+r"(page));
    check(!RtlFreeHeap(heap, 0, page), "freeing a page start succeeded");
    check(!RtlFreeHeap(priv, 0, page), "freeing a page start in a private heap succeeded");
    check(RtlSizeHeap(heap, 0, page) == ~(SIZE_T)0, "HeapSize of a page start");
    check(!RtlReAllocateHeap(heap, 0, page, 10), "realloc of a page start succeeded");
    check(!RtlValidateHeap(priv, 0, page), "a page start validates");
    check(RtlDestroyHeap(priv) == NULL, "RtlDestroyHeap failed");
    check(RtlDestroyHeap(heap) == heap, "the process heap was destroyed");
    munmap(page, 0x1000);
}

static void test_heap_destroy_frees(void)
{
    HANDLE priv = RtlCreateHeap(HEAP_GROWABLE, NULL, 0, 0, NULL, NULL);
    void *blocks[1000];
    for (int i = 0; i < 1000; i++) blocks[i] = RtlAllocateHeap(priv, 0, i * 3);
    for (int i = 0; i < 1000; i += 3) check(RtlFreeHeap(priv, 0, blocks[i]), "free %d failed", i);
    check(RtlValidateHeap(priv, 0, NULL), "heap does not validate");
    check(RtlDestroyHeap(priv) == NULL, "RtlDestroyHeap failed");
}

int main(void)
{
    test_threads();
    test_replaced_view();
    test_heap_page_start();
    test_heap_destroy_frees();
    return unix_test_done("virtual");
}
