/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Heaps: the process heap and private heaps (HeapCreate), and the Local and
 * Global memory functions with their fixed and moveable blocks.
 */
#include <string.h>
#include <windows.h>
#include "wine/test.h"

static BOOL all_zero(const void *p, SIZE_T size)
{
    const BYTE *b = p;
    while (size--) if (*b++) return FALSE;
    return TRUE;
}

static void test_process_heap(void)
{
    HANDLE heap = GetProcessHeap();
    char *p, *q;
    SIZE_T size;

    ok(heap != NULL, "no process heap\n");
    ok(heap == ((void ***)NtCurrentTeb())[12][6], "PEB.ProcessHeap differs\n");

    p = HeapAlloc(heap, HEAP_ZERO_MEMORY, 1000);
    ok(p != NULL, "HeapAlloc failed\n");
    ok(!((ULONG_PTR)p & 15), "block %p not 16-byte aligned\n", p);
    ok(all_zero(p, 1000), "HEAP_ZERO_MEMORY block not zero\n");
    ok(HeapSize(heap, 0, p) == 1000, "HeapSize %Iu\n", HeapSize(heap, 0, p));
    ok(HeapValidate(heap, 0, p), "block does not validate\n");
    memset(p, 0x11, 1000);

    q = HeapReAlloc(heap, HEAP_ZERO_MEMORY, p, 5000);
    ok(q != NULL, "HeapReAlloc failed\n");
    ok(q[0] == 0x11 && q[999] == 0x11, "contents lost\n");
    ok(all_zero(q + 1000, 4000), "grown part not zero\n");
    ok(HeapSize(heap, 0, q) == 5000, "HeapSize %Iu\n", HeapSize(heap, 0, q));

    q = HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, p = q, 100);
    ok(q == p, "shrinking in place moved the block: %p -> %p\n", p, q);
    ok(HeapSize(heap, 0, q) == 100, "HeapSize %Iu\n", HeapSize(heap, 0, q));
    q = HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, p, 1 << 24);
    ok(!q, "growing 16 MiB in place succeeded\n");
    ok(HeapSize(heap, 0, p) == 100, "failed in-place growth changed the size to %Iu\n", HeapSize(heap, 0, p));
    ok(HeapFree(heap, 0, p), "HeapFree failed %lu\n", GetLastError());

    p = HeapAlloc(heap, HEAP_NO_SERIALIZE, 0);
    ok(p != NULL, "zero-size HeapAlloc failed\n");
    ok(HeapSize(heap, 0, p) == 0, "HeapSize %Iu\n", HeapSize(heap, 0, p));
    ok(HeapFree(heap, HEAP_NO_SERIALIZE, p), "HeapFree failed %lu\n", GetLastError());

    ok(HeapFree(heap, 0, NULL), "HeapFree(NULL) failed\n");
    ok(!HeapAlloc(heap, 0, ~(SIZE_T)0 - 64), "huge HeapAlloc succeeded\n");
    ok(HeapValidate(heap, 0, NULL), "process heap does not validate\n");

    SetLastError(0xdeadbeef);
    size = HeapCompact(heap, 0);
    /* Wine 8.0's RtlCompactHeap does nothing and fails */
    todo_wine ok(size || GetLastError() == NO_ERROR, "HeapCompact failed %lu\n", GetLastError());

    SetLastError(0xdeadbeef);
    ok(!HeapDestroy(heap), "destroying the process heap succeeded\n");
}

static void test_foreign_pointers(void)
{
    HANDLE heap = GetProcessHeap(), priv;
    char *page, *p, *mine;
    char local[64];

    priv = HeapCreate(0, 0, 0);
    ok(priv != NULL, "HeapCreate failed %lu\n", GetLastError());
    p = HeapAlloc(priv, 0, 32);
    mine = HeapAlloc(heap, 0, 32);
    page = VirtualAlloc(NULL, 0x1000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    ok(p && mine && page, "allocations failed\n");

    SetLastError(0xdeadbeef);
    ok(!HeapFree(heap, 0, p), "freeing another heap's block succeeded\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());
    ok(!HeapFree(priv, 0, mine), "freeing the process heap's block in a private heap succeeded\n");
    ok(!HeapValidate(heap, 0, p), "another heap's block validates\n");
    ok(HeapSize(heap, 0, p) == ~(SIZE_T)0, "HeapSize of another heap's block %Iu\n", HeapSize(heap, 0, p));
    ok(!HeapFree(heap, 0, mine + 16), "freeing inside a block succeeded\n");
    ok(!HeapFree(heap, 0, mine + 1), "freeing an unaligned pointer succeeded\n");
    memset(local, 0, sizeof(local));
    ok(!HeapFree(heap, 0, local + 32), "freeing a stack buffer succeeded\n");
    ok(!HeapFree(priv, 0, local + 32), "freeing a stack buffer succeeded\n");
    /* the page below a fresh allocation need not be readable: validation must not fault there */
    ok(!HeapValidate(heap, 0, page), "a page validates\n");
    ok(!HeapValidate(priv, 0, page), "a page validates\n");

    ok(HeapFree(heap, 0, mine), "HeapFree failed %lu\n", GetLastError());
    ok(HeapFree(priv, 0, p), "HeapFree failed %lu\n", GetLastError());
    ok(!HeapFree(priv, 0, p), "double free succeeded\n");
    ok(HeapValidate(priv, 0, NULL), "heap does not validate after a refused double free\n");
    ok(HeapDestroy(priv), "HeapDestroy failed %lu\n", GetLastError());
    VirtualFree(page, 0, MEM_RELEASE);
}

static void test_private_heap(void)
{
    HANDLE heap, heaps[64];
    char *blocks[100], *p;
    DWORD count, i;
    BOOL found;

    heap = HeapCreate(HEAP_NO_SERIALIZE, 0x10000, 0);
    ok(heap != NULL, "HeapCreate failed %lu\n", GetLastError());
    ok(heap != GetProcessHeap(), "got the process heap\n");

    count = GetProcessHeaps(ARRAY_SIZE(heaps), heaps);
    ok(count >= 2 && count <= ARRAY_SIZE(heaps), "GetProcessHeaps returned %lu\n", count);
    for (i = 0, found = FALSE; i < count && i < ARRAY_SIZE(heaps); i++) found |= heaps[i] == heap;
    ok(found, "new heap not listed\n");
    for (i = 0, found = FALSE; i < count && i < ARRAY_SIZE(heaps); i++) found |= heaps[i] == GetProcessHeap();
    ok(found, "process heap not listed\n");
    ok(GetProcessHeaps(0, heaps) == count, "GetProcessHeaps(0) differs\n");

    for (i = 0; i < ARRAY_SIZE(blocks); i++)
    {
        blocks[i] = HeapAlloc(heap, i & 1 ? HEAP_ZERO_MEMORY : 0, 100 + i * 37);
        ok(blocks[i] != NULL, "HeapAlloc %lu failed\n", i);
        if (i & 1) ok(all_zero(blocks[i], 100 + i * 37), "block %lu not zero\n", i);
        memset(blocks[i], i, 100 + i * 37);
    }
    ok(HeapValidate(heap, 0, NULL), "heap does not validate\n");
    for (i = 0; i < ARRAY_SIZE(blocks); i += 2) ok(HeapFree(heap, 0, blocks[i]), "HeapFree %lu failed\n", i);
    for (i = 1; i < ARRAY_SIZE(blocks); i += 2)
    {
        ok(HeapSize(heap, 0, blocks[i]) == 100 + i * 37, "HeapSize %Iu\n", HeapSize(heap, 0, blocks[i]));
        ok((BYTE)blocks[i][99] == i, "block %lu changed\n", i);
    }
    p = HeapReAlloc(heap, 0, blocks[1], 100000);
    ok(p != NULL, "HeapReAlloc failed\n");
    ok(p[0] == 1 && p[136] == 1, "contents lost\n");
    ok(HeapValidate(heap, 0, p), "block does not validate\n");
    ok(HeapValidate(heap, 0, NULL), "heap does not validate\n");

    ok(HeapLock(heap), "HeapLock failed %lu\n", GetLastError());
    ok(HeapLock(heap), "recursive HeapLock failed %lu\n", GetLastError());
    ok(HeapUnlock(heap), "HeapUnlock failed %lu\n", GetLastError());
    ok(HeapUnlock(heap), "HeapUnlock failed %lu\n", GetLastError());

    /* destroying the heap frees the blocks still in it */
    ok(HeapDestroy(heap), "HeapDestroy failed %lu\n", GetLastError());
    count = GetProcessHeaps(ARRAY_SIZE(heaps), heaps);
    for (i = 0, found = FALSE; i < count && i < ARRAY_SIZE(heaps); i++) found |= heaps[i] == heap;
    ok(!found, "destroyed heap still listed\n");
}

static void test_fixed_size_heap(void)
{
    HANDLE heap = HeapCreate(0, 0, 0x20000);
    char *p, *q;

    ok(heap != NULL, "HeapCreate failed %lu\n", GetLastError());
    p = HeapAlloc(heap, 0, 0x8000);
    ok(p != NULL, "HeapAlloc failed\n");
    q = HeapAlloc(heap, 0, 0x100000);
    ok(!q, "a block larger than the heap succeeded\n");
    ok(HeapDestroy(heap), "HeapDestroy failed %lu\n", GetLastError());
}

static void test_heap_information(void)
{
    ULONG value = 0xdeadbeef;
    SIZE_T size = 0;

    ok(HeapQueryInformation(GetProcessHeap(), HeapCompatibilityInformation, &value, sizeof(value), &size),
       "HeapQueryInformation failed %lu\n", GetLastError());
    ok(value == 0 || value == 2, "compatibility %lu\n", value);
    ok(size == sizeof(value), "size %Iu\n", size);
    SetLastError(0xdeadbeef);
    ok(!HeapQueryInformation(GetProcessHeap(), HeapCompatibilityInformation, &value, 2, &size),
       "short buffer succeeded\n");
    ok(GetLastError() == ERROR_INSUFFICIENT_BUFFER, "error %lu\n", GetLastError());

    value = 2;
    ok(HeapSetInformation(GetProcessHeap(), HeapCompatibilityInformation, &value, sizeof(value)),
       "enabling the LFH failed %lu\n", GetLastError());
    ok(HeapQueryInformation(GetProcessHeap(), HeapCompatibilityInformation, &value, sizeof(value), NULL),
       "HeapQueryInformation failed %lu\n", GetLastError());
    /* Wine 8.0 accepts the request but keeps reporting a standard heap */
    todo_wine ok(value == 2, "compatibility %lu after enabling the LFH\n", value);
    /* HeapEnableTerminationOnCorruption */
    ok(HeapSetInformation(NULL, 1, NULL, 0), "HeapEnableTerminationOnCorruption failed %lu\n", GetLastError());
}

static void test_local_fixed(void)
{
    HLOCAL h;
    char *p;

    h = LocalAlloc(LMEM_FIXED | LMEM_ZEROINIT, 100);
    ok(h != NULL, "LocalAlloc failed %lu\n", GetLastError());
    ok(!((ULONG_PTR)h & 15), "fixed block %p not aligned\n", h);
    ok(all_zero(h, 100), "LMEM_ZEROINIT block not zero\n");
    ok(LocalSize(h) == 100, "LocalSize %Iu\n", LocalSize(h));
    ok(LocalFlags(h) == 0, "LocalFlags %#x\n", LocalFlags(h));
    ok(LocalLock(h) == h, "LocalLock of fixed memory is not the pointer\n");
    ok(LocalHandle(h) == h, "LocalHandle %p\n", LocalHandle(h));
    ok(HeapSize(GetProcessHeap(), 0, h) == 100, "fixed Local memory is not a process heap block\n");

    memset(h, 0x22, 100);
    p = LocalReAlloc(h, 50, 0);
    ok(p == h, "shrinking moved the block\n");
    ok(LocalSize(p) == 50, "LocalSize %Iu\n", LocalSize(p));
    p = LocalReAlloc(h, 100000, LMEM_MOVEABLE | LMEM_ZEROINIT);
    ok(p != NULL, "growing failed %lu\n", GetLastError());
    ok(p[0] == 0x22 && p[49] == 0x22, "contents lost\n");
    ok(all_zero(p + 50, 100000 - 50), "grown part not zero\n");
    ok(LocalFree(p) == NULL, "LocalFree failed %lu\n", GetLastError());

    ok(LocalFree(NULL) == NULL, "LocalFree(NULL) failed\n");

    h = GlobalAlloc(GPTR, 64);
    ok(h != NULL, "GlobalAlloc failed %lu\n", GetLastError());
    ok(all_zero(h, 64), "GPTR block not zero\n");
    ok(GlobalSize(h) == 64, "GlobalSize %Iu\n", GlobalSize(h));
    ok(GlobalLock(h) == h, "GlobalLock of fixed memory is not the pointer\n");
    ok(GlobalHandle(h) == h, "GlobalHandle %p\n", GlobalHandle(h));
    ok(GlobalFlags(h) == 0, "GlobalFlags %#x\n", GlobalFlags(h));
    ok(GlobalFree(h) == NULL, "GlobalFree failed %lu\n", GetLastError());
}

static void test_local_moveable(void)
{
    HLOCAL h, h2;
    char *p, *p2;

    h = LocalAlloc(LMEM_MOVEABLE | LMEM_ZEROINIT, 100);
    ok(h != NULL, "LocalAlloc failed %lu\n", GetLastError());
    ok(LocalFlags(h) == 0, "LocalFlags %#x\n", LocalFlags(h));
    ok(LocalSize(h) == 100, "LocalSize %Iu\n", LocalSize(h));

    p = LocalLock(h);
    ok(p != NULL && p != (char *)h, "LocalLock returned %p for %p\n", p, h);
    ok(all_zero(p, 100), "LMEM_ZEROINIT block not zero\n");
    ok(*(void **)h == p, "a moveable handle points at its pointer\n");
    ok(LocalFlags(h) == 1, "LocalFlags %#x\n", LocalFlags(h));
    ok(LocalLock(h) == p, "second lock moved\n");
    ok(LocalFlags(h) == 2, "LocalFlags %#x\n", LocalFlags(h));
    ok(LocalHandle(p) == h, "LocalHandle %p, expected %p\n", LocalHandle(p), h);
    memset(p, 0x33, 100);

    SetLastError(0xdeadbeef);
    ok(LocalUnlock(h), "unlock with a lock left returned FALSE\n");
    ok(GetLastError() == 0xdeadbeef, "error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!LocalUnlock(h), "last unlock returned TRUE\n");
    ok(GetLastError() == NO_ERROR, "error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!LocalUnlock(h), "unlock of an unlocked block returned TRUE\n");
    ok(GetLastError() == ERROR_NOT_LOCKED, "error %lu\n", GetLastError());

    /* an unlocked moveable block may move, and its handle stays */
    h2 = LocalReAlloc(h, 200000, LMEM_MOVEABLE | LMEM_ZEROINIT);
    ok(h2 == h, "LocalReAlloc returned %p for %p\n", h2, h);
    ok(LocalSize(h) == 200000, "LocalSize %Iu\n", LocalSize(h));
    p2 = LocalLock(h);
    ok(p2 != NULL, "LocalLock failed\n");
    ok(p2[0] == 0x33 && p2[99] == 0x33, "contents lost\n");
    ok(all_zero(p2 + 100, 200000 - 100), "grown part not zero\n");
    LocalUnlock(h);

    /* discarding: size 0 leaves the handle without memory */
    h2 = LocalReAlloc(h, 0, LMEM_MOVEABLE);
    ok(h2 == h, "discarding returned %p\n", h2);
    ok(LocalFlags(h) == LMEM_DISCARDED, "LocalFlags %#x\n", LocalFlags(h));
    ok(LocalSize(h) == 0, "LocalSize %Iu\n", LocalSize(h));
    ok(LocalLock(h) == NULL, "locking discarded memory succeeded\n");
    h2 = LocalReAlloc(h, 10, LMEM_MOVEABLE);
    ok(h2 == h, "reviving returned %p\n", h2);
    ok(LocalSize(h) == 10, "LocalSize %Iu\n", LocalSize(h));
    ok(LocalFree(h) == NULL, "LocalFree failed %lu\n", GetLastError());

    /* a zero-size moveable allocation starts discarded */
    h = LocalAlloc(LMEM_MOVEABLE, 0);
    ok(h != NULL, "LocalAlloc failed %lu\n", GetLastError());
    ok(LocalFlags(h) == LMEM_DISCARDED, "LocalFlags %#x\n", LocalFlags(h));
    ok(LocalLock(h) == NULL, "locking discarded memory succeeded\n");
    ok(LocalFree(h) == NULL, "LocalFree failed %lu\n", GetLastError());

    h = GlobalAlloc(GHND, 300);
    ok(h != NULL, "GlobalAlloc failed %lu\n", GetLastError());
    p = GlobalLock(h);
    ok(p != NULL && p != (char *)h, "GlobalLock returned %p\n", p);
    ok(all_zero(p, 300), "GHND block not zero\n");
    ok(GlobalFlags(h) == 1, "GlobalFlags %#x\n", GlobalFlags(h));
    ok(GlobalHandle(p) == h, "GlobalHandle %p\n", GlobalHandle(p));
    ok(GlobalSize(h) == 300, "GlobalSize %Iu\n", GlobalSize(h));
    ok(!GlobalUnlock(h), "last unlock returned TRUE\n");
    ok(GlobalFlags(h) == 0, "GlobalFlags %#x\n", GlobalFlags(h));
    h2 = GlobalReAlloc(h, 0, GMEM_MODIFY | GMEM_DISCARDABLE);
    ok(h2 == h, "GMEM_MODIFY returned %p\n", h2);
    ok(GlobalFlags(h) == GMEM_DISCARDABLE, "GlobalFlags %#x\n", GlobalFlags(h));
    ok(GlobalFree(h) == NULL, "GlobalFree failed %lu\n", GetLastError());
}

static void test_local_invalid(void)
{
    HLOCAL h = LocalAlloc(LMEM_MOVEABLE, 16);
    char local[32];

    ok(LocalFree(h) == NULL, "LocalFree failed\n");
    SetLastError(0xdeadbeef);
    ok(LocalFlags(h) == LMEM_INVALID_HANDLE, "LocalFlags of a freed handle %#x\n", LocalFlags(h));
    ok(GetLastError() == ERROR_INVALID_HANDLE, "error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(LocalSize(h) == 0, "LocalSize of a freed handle %Iu\n", LocalSize(h));
    ok(GetLastError() == ERROR_INVALID_HANDLE, "error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(LocalLock(h) == NULL, "LocalLock of a freed handle succeeded\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(LocalFree(h) == h, "double LocalFree succeeded\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(LocalFree(local + 16) == local + 16, "LocalFree of a stack buffer succeeded\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "error %lu\n", GetLastError());
}

START_TEST(heap)
{
    test_process_heap();
    test_foreign_pointers();
    test_private_heap();
    test_fixed_size_heap();
    test_heap_information();
    test_local_fixed();
    test_local_moveable();
    test_local_invalid();
}
