/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Virtual memory: Windows' reserve/commit model as VirtualAlloc, VirtualFree,
 * VirtualProtect and VirtualQuery show it, on private allocations, images,
 * the stack and free address space.
 */
#include <string.h>
#include <windows.h>
#include "wine/test.h"

#define PAGE 0x1000
#define GRANULARITY 0x10000

static void check_region(const void *addr, const void *base, const void *alloc_base, DWORD alloc_prot,
                         SIZE_T size, DWORD state, DWORD prot, DWORD type, int line)
{
    MEMORY_BASIC_INFORMATION info;
    SIZE_T ret;

    memset(&info, 0xcc, sizeof(info));
    ret = VirtualQuery(addr, &info, sizeof(info));
    ok_(__FILE__, line)(ret == sizeof(info), "VirtualQuery returned %Iu\n", ret);
    ok_(__FILE__, line)(info.BaseAddress == base, "BaseAddress %p, expected %p\n", info.BaseAddress, base);
    ok_(__FILE__, line)(info.AllocationBase == alloc_base, "AllocationBase %p, expected %p\n",
                        info.AllocationBase, alloc_base);
    ok_(__FILE__, line)(info.AllocationProtect == alloc_prot, "AllocationProtect %#lx, expected %#lx\n",
                        info.AllocationProtect, alloc_prot);
    ok_(__FILE__, line)(info.RegionSize == size, "RegionSize %#Ix, expected %#Ix\n", info.RegionSize, size);
    ok_(__FILE__, line)(info.State == state, "State %#lx, expected %#lx\n", info.State, state);
    ok_(__FILE__, line)(info.Protect == prot, "Protect %#lx, expected %#lx\n", info.Protect, prot);
    ok_(__FILE__, line)(info.Type == type, "Type %#lx, expected %#lx\n", info.Type, type);
}
#define check_region(...) check_region(__VA_ARGS__, __LINE__)

/* A free region reaches at least to the end of what was freed, and maybe further. */
static void check_free(const void *addr, SIZE_T min_size, int line)
{
    MEMORY_BASIC_INFORMATION info;

    ok_(__FILE__, line)(VirtualQuery(addr, &info, sizeof(info)) == sizeof(info), "VirtualQuery failed\n");
    ok_(__FILE__, line)(info.BaseAddress == addr, "BaseAddress %p, expected %p\n", info.BaseAddress, addr);
    ok_(__FILE__, line)(!info.AllocationBase, "AllocationBase %p\n", info.AllocationBase);
    ok_(__FILE__, line)(!info.AllocationProtect, "AllocationProtect %#lx\n", info.AllocationProtect);
    ok_(__FILE__, line)(info.RegionSize >= min_size, "RegionSize %#Ix\n", info.RegionSize);
    ok_(__FILE__, line)(info.State == MEM_FREE, "State %#lx\n", info.State);
    ok_(__FILE__, line)(info.Protect == PAGE_NOACCESS, "Protect %#lx\n", info.Protect);
    ok_(__FILE__, line)(!info.Type, "Type %#lx\n", info.Type);
}
#define check_free(...) check_free(__VA_ARGS__, __LINE__)

static void test_reserve_commit(void)
{
    char *base, *p;
    DWORD old;
    SIZE_T i;

    base = VirtualAlloc(NULL, 3 * GRANULARITY, MEM_RESERVE, PAGE_READWRITE);
    ok(base != NULL, "reserve failed, error %lu\n", GetLastError());
    ok(!((ULONG_PTR)base & (GRANULARITY - 1)), "reservation %p not on the allocation granularity\n", base);
    check_region(base, base, base, PAGE_READWRITE, 3 * GRANULARITY, MEM_RESERVE, 0, MEM_PRIVATE);

    /* commit two pages in the middle: the region splits in three */
    p = VirtualAlloc(base + 2 * PAGE + 10, PAGE, MEM_COMMIT, PAGE_READWRITE);
    ok(p == base + 2 * PAGE, "commit returned %p, expected %p\n", p, base + 2 * PAGE);
    p = VirtualAlloc(base + 3 * PAGE, PAGE, MEM_COMMIT, PAGE_READWRITE);
    ok(p == base + 3 * PAGE, "commit returned %p\n", p);
    check_region(base, base, base, PAGE_READWRITE, 2 * PAGE, MEM_RESERVE, 0, MEM_PRIVATE);
    check_region(base + 2 * PAGE + 123, base + 2 * PAGE, base, PAGE_READWRITE, 2 * PAGE, MEM_COMMIT,
                 PAGE_READWRITE, MEM_PRIVATE);
    check_region(base + 4 * PAGE, base + 4 * PAGE, base, PAGE_READWRITE, 3 * GRANULARITY - 4 * PAGE,
                 MEM_RESERVE, 0, MEM_PRIVATE);

    /* committed memory reads as zero */
    for (i = 0; i < 2 * PAGE; i++) if (base[2 * PAGE + i]) break;
    ok(i == 2 * PAGE, "byte %Iu not zero\n", i);
    memset(base + 2 * PAGE, 0x5a, 2 * PAGE);

    /* committing again keeps the contents and takes the new protection */
    p = VirtualAlloc(base + 2 * PAGE, PAGE, MEM_COMMIT, PAGE_READONLY);
    ok(p == base + 2 * PAGE, "recommit returned %p\n", p);
    ok(base[2 * PAGE] == 0x5a, "contents lost on recommit\n");
    check_region(base + 2 * PAGE, base + 2 * PAGE, base, PAGE_READWRITE, PAGE, MEM_COMMIT, PAGE_READONLY,
                 MEM_PRIVATE);
    ok(VirtualProtect(base + 2 * PAGE, PAGE, PAGE_READWRITE, &old), "VirtualProtect failed %lu\n", GetLastError());
    ok(old == PAGE_READONLY, "old protection %#lx\n", old);

    /* decommit one page: it reads as zero once committed again */
    ok(VirtualFree(base + 2 * PAGE, PAGE, MEM_DECOMMIT), "decommit failed %lu\n", GetLastError());
    check_region(base + 2 * PAGE, base + 2 * PAGE, base, PAGE_READWRITE, PAGE, MEM_RESERVE, 0, MEM_PRIVATE);
    check_region(base + 3 * PAGE, base + 3 * PAGE, base, PAGE_READWRITE, PAGE, MEM_COMMIT, PAGE_READWRITE,
                 MEM_PRIVATE);
    p = VirtualAlloc(base + 2 * PAGE, PAGE, MEM_COMMIT, PAGE_READWRITE);
    ok(p == base + 2 * PAGE, "commit returned %p\n", p);
    ok(base[2 * PAGE] == 0 && base[3 * PAGE - 1] == 0, "decommitted page kept its contents\n");
    ok(base[3 * PAGE] == 0x5a, "neighbouring page lost its contents\n");

    /* decommitting reserved pages is fine; a size of 0 at the base decommits the whole region */
    ok(VirtualFree(base, PAGE, MEM_DECOMMIT), "decommit of reserved page failed %lu\n", GetLastError());
    ok(VirtualFree(base, 0, MEM_DECOMMIT), "decommit of the region failed %lu\n", GetLastError());
    check_region(base, base, base, PAGE_READWRITE, 3 * GRANULARITY, MEM_RESERVE, 0, MEM_PRIVATE);

    /* committing across the end of the reservation fails */
    SetLastError(0xdeadbeef);
    p = VirtualAlloc(base + 3 * GRANULARITY - PAGE, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE);
    ok(!p, "commit past the end succeeded\n");
    ok(GetLastError() == ERROR_INVALID_ADDRESS, "error %lu\n", GetLastError());

    /* reserving inside a reservation fails */
    SetLastError(0xdeadbeef);
    p = VirtualAlloc(base + GRANULARITY, GRANULARITY, MEM_RESERVE, PAGE_READWRITE);
    ok(!p, "reserve over a reservation succeeded\n");
    ok(GetLastError() == ERROR_INVALID_ADDRESS, "error %lu\n", GetLastError());

    ok(VirtualFree(base, 0, MEM_RELEASE), "release failed %lu\n", GetLastError());
    check_free(base, 3 * GRANULARITY);
}

static void test_alloc_commit_direct(void)
{
    char *base, *p;

    base = VirtualAlloc(NULL, 5000, MEM_RESERVE | MEM_COMMIT, PAGE_EXECUTE_READWRITE);
    ok(base != NULL, "alloc failed %lu\n", GetLastError());
    ok(!((ULONG_PTR)base & (GRANULARITY - 1)), "allocation %p not on the allocation granularity\n", base);
    check_region(base, base, base, PAGE_EXECUTE_READWRITE, 2 * PAGE, MEM_COMMIT, PAGE_EXECUTE_READWRITE,
                 MEM_PRIVATE);
    /* the rest of the granule is not part of the allocation */
    check_free(base + 2 * PAGE, GRANULARITY - 2 * PAGE);
    ok(VirtualFree(base, 0, MEM_RELEASE), "release failed %lu\n", GetLastError());

    /* MEM_COMMIT alone with no address reserves too */
    base = VirtualAlloc(NULL, PAGE, MEM_COMMIT, PAGE_READONLY);
    ok(base != NULL, "alloc failed %lu\n", GetLastError());
    check_region(base, base, base, PAGE_READONLY, PAGE, MEM_COMMIT, PAGE_READONLY, MEM_PRIVATE);
    ok(base[0] == 0 && base[PAGE - 1] == 0, "not zero\n");
    ok(VirtualFree(base, 0, MEM_RELEASE), "release failed %lu\n", GetLastError());

    /* MEM_COMMIT alone at an address nobody reserved fails */
    SetLastError(0xdeadbeef);
    p = VirtualAlloc(base, PAGE, MEM_COMMIT, PAGE_READWRITE);
    ok(!p, "commit of free memory succeeded\n");
    ok(GetLastError() == ERROR_INVALID_ADDRESS, "error %lu\n", GetLastError());

    /* reserve at a chosen address: rounded down to the granularity */
    p = VirtualAlloc(base + PAGE + 12, PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    if (p)
    {
        ok(p == base, "got %p, expected %p\n", p, base);
        check_region(p, base, base, PAGE_READWRITE, 3 * PAGE, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE);
        SetLastError(0xdeadbeef);
        ok(!VirtualAlloc(base, PAGE, MEM_RESERVE, PAGE_READWRITE), "reserve at a taken address succeeded\n");
        ok(GetLastError() == ERROR_INVALID_ADDRESS, "error %lu\n", GetLastError());
        ok(VirtualFree(p, 0, MEM_RELEASE), "release failed %lu\n", GetLastError());
    }
    else skip("address %p was taken again\n", base);

    /* MEM_TOP_DOWN is accepted */
    p = VirtualAlloc(NULL, PAGE, MEM_RESERVE | MEM_COMMIT | MEM_TOP_DOWN, PAGE_READWRITE);
    ok(p != NULL, "MEM_TOP_DOWN failed %lu\n", GetLastError());
    if (p) p[0] = 1;
    ok(VirtualFree(p, 0, MEM_RELEASE), "release failed %lu\n", GetLastError());
}

static void test_alloc_errors(void)
{
    static const DWORD bad_protect[] = { 0, PAGE_READONLY | PAGE_READWRITE, 0x200000, PAGE_GUARD };
    char *p;
    unsigned i;

    for (i = 0; i < ARRAY_SIZE(bad_protect); i++)
    {
        winetest_push_context("protect %#lx", bad_protect[i]);
        SetLastError(0xdeadbeef);
        p = VirtualAlloc(NULL, PAGE, MEM_RESERVE | MEM_COMMIT, bad_protect[i]);
        ok(!p, "allocation succeeded\n");
        ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());
        if (p) VirtualFree(p, 0, MEM_RELEASE);
        winetest_pop_context();
    }

    SetLastError(0xdeadbeef);
    p = VirtualAlloc(NULL, 0, MEM_RESERVE, PAGE_READWRITE);
    ok(!p, "zero size succeeded\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());

    SetLastError(0xdeadbeef);
    p = VirtualAlloc(NULL, PAGE, 0, PAGE_READWRITE);
    ok(!p, "no type succeeded\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());

    SetLastError(0xdeadbeef);
    p = VirtualAlloc(NULL, PAGE, MEM_RESERVE | MEM_DECOMMIT, PAGE_READWRITE);
    ok(!p, "bad type succeeded\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());

    SetLastError(0xdeadbeef);
    p = VirtualAlloc(NULL, (SIZE_T)1 << 46, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    ok(!p, "64 TiB succeeded\n");
    ok(GetLastError() == ERROR_NOT_ENOUGH_MEMORY, "error %lu\n", GetLastError());
    if (p) VirtualFree(p, 0, MEM_RELEASE);

    SetLastError(0xdeadbeef);
    p = VirtualAlloc(NULL, ~(SIZE_T)0 - 2 * GRANULARITY, MEM_RESERVE, PAGE_READWRITE);
    ok(!p, "huge size succeeded\n");
    ok(GetLastError() == ERROR_NOT_ENOUGH_MEMORY || GetLastError() == ERROR_INVALID_PARAMETER,
       "error %lu\n", GetLastError());
}

static void test_free_errors(void)
{
    char *base, *p;
    int local;

    base = VirtualAlloc(NULL, 2 * GRANULARITY, MEM_RESERVE, PAGE_READWRITE);
    ok(base != NULL, "reserve failed %lu\n", GetLastError());
    ok(VirtualAlloc(base, PAGE, MEM_COMMIT, PAGE_READWRITE) == base, "commit failed %lu\n", GetLastError());

    SetLastError(0xdeadbeef);
    ok(!VirtualFree(base, PAGE, MEM_RELEASE), "release with a size succeeded\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());

    SetLastError(0xdeadbeef);
    ok(!VirtualFree(base + PAGE, 0, MEM_RELEASE), "release off the base succeeded\n");
    ok(GetLastError() == ERROR_INVALID_ADDRESS, "error %lu\n", GetLastError());

    SetLastError(0xdeadbeef);
    ok(!VirtualFree(base, 0, 0), "free without a type succeeded\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());

    SetLastError(0xdeadbeef);
    ok(!VirtualFree(base, 0, MEM_RELEASE | MEM_DECOMMIT), "release|decommit succeeded\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());

    SetLastError(0xdeadbeef);
    ok(!VirtualFree(base + GRANULARITY, 2 * GRANULARITY, MEM_DECOMMIT), "decommit past the end succeeded\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());

    SetLastError(0xdeadbeef);
    ok(!VirtualFree(base + PAGE, 0, MEM_DECOMMIT), "decommit of the rest off the base succeeded\n");
    ok(GetLastError() == ERROR_INVALID_ADDRESS, "error %lu\n", GetLastError());

    /* MEM_RESET keeps the pages committed and ignores the protection */
    ok(VirtualAlloc(base, PAGE, MEM_RESET, PAGE_NOACCESS) == base, "MEM_RESET failed %lu\n", GetLastError());
    check_region(base, base, base, PAGE_READWRITE, PAGE, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE);
    /* Microsoft documents that MEM_RESET goes with no other type; Wine 8.0 lets it pass */
    SetLastError(0xdeadbeef);
    p = VirtualAlloc(base, PAGE, MEM_RESET | MEM_COMMIT, PAGE_READWRITE);
    todo_wine ok(!p, "MEM_RESET|MEM_COMMIT succeeded\n");
    todo_wine ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());

    check_region(base, base, base, PAGE_READWRITE, PAGE, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE);
    ok(VirtualFree(base, 0, MEM_RELEASE), "release failed %lu\n", GetLastError());

    SetLastError(0xdeadbeef);
    ok(!VirtualFree(base, 0, MEM_RELEASE), "second release succeeded\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());

    SetLastError(0xdeadbeef);
    ok(!VirtualFree(&local, 0, MEM_RELEASE), "release of the stack succeeded\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER || GetLastError() == ERROR_INVALID_ADDRESS,
       "error %lu\n", GetLastError());
}

static void test_protect(void)
{
    static const DWORD prots[] = { PAGE_NOACCESS, PAGE_READONLY, PAGE_READWRITE, PAGE_EXECUTE,
                                   PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE };
    char *base;
    DWORD old;
    unsigned i;

    base = VirtualAlloc(NULL, 4 * PAGE, MEM_RESERVE, PAGE_NOACCESS);
    ok(base != NULL, "reserve failed %lu\n", GetLastError());
    ok(VirtualAlloc(base, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE) == base, "commit failed %lu\n", GetLastError());

    for (i = 0; i < ARRAY_SIZE(prots); i++)
    {
        winetest_push_context("protect %#lx", prots[i]);
        ok(VirtualProtect(base + PAGE, PAGE, prots[i], &old), "VirtualProtect failed %lu\n", GetLastError());
        ok(old == (i ? prots[i - 1] : PAGE_READWRITE), "old %#lx\n", old);
        check_region(base + PAGE, base + PAGE, base, PAGE_NOACCESS, PAGE, MEM_COMMIT, prots[i], MEM_PRIVATE);
        winetest_pop_context();
    }
    ok(VirtualProtect(base + PAGE, PAGE, PAGE_READWRITE, &old), "VirtualProtect failed %lu\n", GetLastError());
    check_region(base, base, base, PAGE_NOACCESS, 2 * PAGE, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE);

    /* the old protection is the first page's */
    ok(VirtualProtect(base, PAGE, PAGE_READONLY, &old), "VirtualProtect failed %lu\n", GetLastError());
    ok(VirtualProtect(base, 2 * PAGE, PAGE_READWRITE, &old), "VirtualProtect failed %lu\n", GetLastError());
    ok(old == PAGE_READONLY, "old %#lx\n", old);

    /* a guard page is recorded as such */
    ok(VirtualProtect(base + PAGE, PAGE, PAGE_READWRITE | PAGE_GUARD, &old), "guard failed %lu\n", GetLastError());
    check_region(base + PAGE, base + PAGE, base, PAGE_NOACCESS, PAGE, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD,
                 MEM_PRIVATE);
    ok(VirtualProtect(base + PAGE, PAGE, PAGE_READWRITE, &old), "VirtualProtect failed %lu\n", GetLastError());
    ok(old == (PAGE_READWRITE | PAGE_GUARD), "old %#lx\n", old);

    /* uncommitted pages cannot be protected, nor can a range reaching them */
    SetLastError(0xdeadbeef);
    ok(!VirtualProtect(base + 2 * PAGE, PAGE, PAGE_READWRITE, &old), "protect of reserved page succeeded\n");
    ok(GetLastError() == ERROR_INVALID_ADDRESS, "error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!VirtualProtect(base + PAGE, 2 * PAGE, PAGE_READONLY, &old), "protect over reserved page succeeded\n");
    ok(GetLastError() == ERROR_INVALID_ADDRESS, "error %lu\n", GetLastError());
    check_region(base + PAGE, base + PAGE, base, PAGE_NOACCESS, PAGE, MEM_COMMIT, PAGE_READWRITE, MEM_PRIVATE);

    SetLastError(0xdeadbeef);
    ok(!VirtualProtect(base, PAGE, 0, &old), "protection 0 succeeded\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!VirtualProtect(base, PAGE, PAGE_READONLY | PAGE_READWRITE, &old), "two protections succeeded\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());

    ok(VirtualFree(base, 0, MEM_RELEASE), "release failed %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!VirtualProtect(base, PAGE, PAGE_READWRITE, &old), "protect of free memory succeeded\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());
}

static void test_query_image_and_stack(void)
{
    MEMORY_BASIC_INFORMATION info;
    HMODULE exe = GetModuleHandleA(NULL), k32 = GetModuleHandleA("kernel32.dll");
    NT_TIB *tib = (NT_TIB *)NtCurrentTeb();
    int local = 0;

    ok(VirtualQuery(exe, &info, sizeof(info)) == sizeof(info), "VirtualQuery failed %lu\n", GetLastError());
    ok(info.BaseAddress == exe, "BaseAddress %p\n", info.BaseAddress);
    ok(info.AllocationBase == exe, "AllocationBase %p\n", info.AllocationBase);
    ok(info.AllocationProtect == PAGE_EXECUTE_WRITECOPY, "AllocationProtect %#lx\n", info.AllocationProtect);
    ok(info.State == MEM_COMMIT, "State %#lx\n", info.State);
    ok(info.Protect == PAGE_READONLY, "headers Protect %#lx\n", info.Protect);
    ok(info.Type == MEM_IMAGE, "Type %#lx\n", info.Type);
    ok(info.RegionSize == PAGE, "headers RegionSize %#Ix\n", info.RegionSize);

    ok(VirtualQuery(test_query_image_and_stack, &info, sizeof(info)) == sizeof(info), "VirtualQuery failed\n");
    ok(info.AllocationBase == exe, "code AllocationBase %p\n", info.AllocationBase);
    ok(info.Protect == PAGE_EXECUTE_READ, "code Protect %#lx\n", info.Protect);
    ok(info.Type == MEM_IMAGE, "Type %#lx\n", info.Type);

    ok(VirtualQuery(GetProcAddress(k32, "VirtualQuery"), &info, sizeof(info)) == sizeof(info), "failed\n");
    ok(info.AllocationBase == k32, "kernel32 AllocationBase %p\n", info.AllocationBase);
    ok(info.Type == MEM_IMAGE, "Type %#lx\n", info.Type);

    ok(VirtualQuery(&local, &info, sizeof(info)) == sizeof(info), "VirtualQuery failed %lu\n", GetLastError());
    ok(info.BaseAddress == (void *)((ULONG_PTR)&local & ~(ULONG_PTR)(PAGE - 1)), "BaseAddress %p\n", info.BaseAddress);
    ok((char *)info.AllocationBase <= (char *)tib->StackLimit, "AllocationBase %p, stack limit %p\n",
       info.AllocationBase, tib->StackLimit);
    ok(info.AllocationBase == ((void **)NtCurrentTeb())[0x1478 / sizeof(void *)],
       "AllocationBase %p is not DeallocationStack\n", info.AllocationBase);
    ok(info.State == MEM_COMMIT, "State %#lx\n", info.State);
    ok(info.Protect == PAGE_READWRITE, "Protect %#lx\n", info.Protect);
    ok(info.Type == MEM_PRIVATE, "Type %#lx\n", info.Type);
    ok((char *)info.BaseAddress + info.RegionSize == tib->StackBase, "stack region ends at %p, base %p\n",
       (char *)info.BaseAddress + info.RegionSize, tib->StackBase);

    SetLastError(0xdeadbeef);
    ok(!VirtualQuery((void *)~(ULONG_PTR)0xffff, &info, sizeof(info)), "query of kernel space succeeded\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!VirtualQuery(&local, &info, sizeof(info) - 1), "short buffer succeeded\n");
    /* Windows' NtQueryVirtualMemory says STATUS_INFO_LENGTH_MISMATCH; Wine 8.0 says the parameter is invalid */
    ok(GetLastError() == ERROR_BAD_LENGTH || GetLastError() == ERROR_INVALID_PARAMETER,
       "error %lu\n", GetLastError());
}

static void test_query_free(void)
{
    char *base;

    base = VirtualAlloc(NULL, 2 * GRANULARITY, MEM_RESERVE, PAGE_READWRITE);
    ok(base != NULL, "reserve failed %lu\n", GetLastError());
    ok(VirtualFree(base, 0, MEM_RELEASE), "release failed %lu\n", GetLastError());
    check_free(base, 2 * GRANULARITY);
}

static DWORD WINAPI alloc_thread(void *arg)
{
    LONG *failures = arg;
    char *p[16];
    unsigned i, round;

    for (round = 0; round < 50; round++)
    {
        for (i = 0; i < ARRAY_SIZE(p); i++)
        {
            p[i] = VirtualAlloc(NULL, (i + 1) * PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
            if (!p[i] || p[i][0]) { InterlockedIncrement(failures); continue; }
            p[i][0] = 1;
        }
        for (i = 0; i < ARRAY_SIZE(p); i++)
            if (p[i] && !VirtualFree(p[i], 0, MEM_RELEASE)) InterlockedIncrement(failures);
    }
    return 0;
}

/* Threads arrive in parallel with this work: find them at run time so the exe loads without them. */
static void test_threads(void)
{
    HMODULE k32 = GetModuleHandleA("kernel32.dll");
    HANDLE (WINAPI *pCreateThread)(SECURITY_ATTRIBUTES *, SIZE_T, LPTHREAD_START_ROUTINE, void *, DWORD, DWORD *);
    DWORD (WINAPI *pWaitForSingleObject)(HANDLE, DWORD);
    HANDLE threads[4];
    LONG failures = 0;
    unsigned i, count;

    pCreateThread = (void *)GetProcAddress(k32, "CreateThread");
    pWaitForSingleObject = (void *)GetProcAddress(k32, "WaitForSingleObject");
    if (!pCreateThread || !pWaitForSingleObject)
    {
        win_skip("no threads\n");
        return;
    }
    for (count = 0; count < ARRAY_SIZE(threads); count++)
        if (!(threads[count] = pCreateThread(NULL, 0, alloc_thread, &failures, 0, NULL))) break;
    ok(count == ARRAY_SIZE(threads), "CreateThread failed %lu\n", GetLastError());
    for (i = 0; i < count; i++)
    {
        pWaitForSingleObject(threads[i], INFINITE);
        CloseHandle(threads[i]);
    }
    ok(!failures, "%ld failures in threads\n", failures);
}

/* IsBad*Ptr answer from the protection of every page of the range. */
static void test_is_bad_ptr(void)
{
    SYSTEM_INFO si;
    char *mem;
    DWORD old;

    GetSystemInfo(&si);
    mem = VirtualAlloc(NULL, 2 * si.dwPageSize, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    ok(mem != NULL, "VirtualAlloc failed: %lu\n", GetLastError());
    ok(!IsBadReadPtr(mem, 2 * si.dwPageSize), "read/write pages are readable\n");
    ok(!IsBadWritePtr(mem, 2 * si.dwPageSize), "read/write pages are writable\n");
    ok(!IsBadReadPtr(NULL, 0), "an empty range is never bad\n");
    ok(IsBadReadPtr(NULL, 1), "NULL is bad\n");
    ok(IsBadWritePtr(NULL, 1), "NULL is bad\n");

    ok(VirtualProtect(mem + si.dwPageSize, si.dwPageSize, PAGE_NOACCESS, &old), "VirtualProtect failed\n");
    ok(!IsBadReadPtr(mem, si.dwPageSize), "the first page is still readable\n");
    ok(IsBadReadPtr(mem + si.dwPageSize - 1, 2), "a range reaching the no-access page is bad\n");
    ok(IsBadWritePtr(mem + si.dwPageSize, 1), "a no-access page is not writable\n");
    ok(IsBadCodePtr((FARPROC)(mem + si.dwPageSize)), "a no-access page cannot be read as code\n");

    /* a string that ends before the no-access page is good; one that runs into it is bad */
    memset(mem, 'x', si.dwPageSize);
    mem[si.dwPageSize - 2] = 0;
    ok(!IsBadStringPtrA(mem, ~(UINT_PTR)0), "a terminated string is good\n");
    mem[si.dwPageSize - 2] = 'x';
    ok(IsBadStringPtrA(mem, ~(UINT_PTR)0), "a string running into a no-access page is bad\n");
    ok(!IsBadStringPtrA(mem, si.dwPageSize), "reading stops after max characters\n");
    ok(IsBadStringPtrW((WCHAR *)mem, si.dwPageSize), "a wide string running into a no-access page is bad\n");
    ok(!IsBadStringPtrW((WCHAR *)mem, 16), "reading stops after max wide characters\n");
    /* lstrlen answers 0 for a string it cannot read to its end, as Windows' catches the fault */
    ok(lstrlenA(mem) == 0, "lstrlenA of a string running into a no-access page\n");
    ok(lstrlenW((WCHAR *)mem) == 0, "lstrlenW of a string running into a no-access page\n");
    ok(lstrlenA(mem + si.dwPageSize) == 0, "lstrlenA of a no-access page\n");
    mem[si.dwPageSize - 2] = 0;
    ok(lstrlenA(mem + si.dwPageSize - 4) == 2, "lstrlenA of a readable string\n");
    mem[si.dwPageSize - 2] = 'x';
    ok(!IsBadStringPtrA(mem + si.dwPageSize, 0), "max 0 reads nothing\n");
    ok(IsBadStringPtrA(NULL, 1), "NULL is bad\n");

    ok(VirtualProtect(mem, si.dwPageSize, PAGE_READONLY, &old), "VirtualProtect failed\n");
    ok(!IsBadReadPtr(mem, si.dwPageSize), "a read-only page is readable\n");
    ok(IsBadWritePtr(mem, 1), "a read-only page is not writable\n");
    ok(!IsBadCodePtr((FARPROC)mem), "IsBadCodePtr tests read access\n");
    ok(!IsBadCodePtr((FARPROC)GetProcAddress(GetModuleHandleA("kernel32.dll"), "Sleep")),
       "kernel32's code is executable\n");
    ok(VirtualFree(mem, 0, MEM_RELEASE), "VirtualFree failed\n");
    ok(IsBadReadPtr(mem, 1), "freed memory is bad\n");
}

START_TEST(virtual)
{
    test_reserve_commit();
    test_alloc_commit_direct();
    test_alloc_errors();
    test_free_errors();
    test_protect();
    test_query_image_and_stack();
    test_query_free();
    test_threads();
    test_is_bad_ptr();
}
