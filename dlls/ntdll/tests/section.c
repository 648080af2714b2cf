/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ntdll's sections, reached through GetProcAddress as a program that uses them
 * would: NtCreateSection, NtOpenSection, NtMapViewOfSection, NtUnmapViewOfSection
 * and NtQuerySection, with the statuses Windows returns.
 */
#include <string.h>
#include <windows.h>
#include <winternl.h>
#include "wine/test.h"

#ifndef STATUS_MAPPED_ALIGNMENT
#define STATUS_MAPPED_ALIGNMENT ((NTSTATUS)0xc0000220)
#endif
#ifndef STATUS_INVALID_VIEW_SIZE
#define STATUS_INVALID_VIEW_SIZE ((NTSTATUS)0xc000001f)
#endif
#ifndef STATUS_NOT_MAPPED_VIEW
#define STATUS_NOT_MAPPED_VIEW ((NTSTATUS)0xc0000019)
#endif
#ifndef STATUS_OBJECT_NAME_EXISTS
#define STATUS_OBJECT_NAME_EXISTS ((NTSTATUS)0x40000000)
#endif
#ifndef STATUS_OBJECT_NAME_NOT_FOUND
#define STATUS_OBJECT_NAME_NOT_FOUND ((NTSTATUS)0xc0000034)
#endif
#ifndef STATUS_ACCESS_DENIED
#define STATUS_ACCESS_DENIED ((NTSTATUS)0xc0000022)
#endif
#ifndef STATUS_SECTION_PROTECTION
#define STATUS_SECTION_PROTECTION ((NTSTATUS)0xc000004e)
#endif
#ifndef STATUS_INVALID_PAGE_PROTECTION
#define STATUS_INVALID_PAGE_PROTECTION ((NTSTATUS)0xc0000045)
#endif

typedef struct
{
    void *BaseAddress;
    ULONG Attributes;
    LARGE_INTEGER Size;
} section_basic_info;

static NTSTATUS (WINAPI *pNtCreateSection)(HANDLE *, ACCESS_MASK, const OBJECT_ATTRIBUTES *, const LARGE_INTEGER *,
                                           ULONG, ULONG, HANDLE);
static NTSTATUS (WINAPI *pNtOpenSection)(HANDLE *, ACCESS_MASK, const OBJECT_ATTRIBUTES *);
static NTSTATUS (WINAPI *pNtMapViewOfSection)(HANDLE, HANDLE, void **, ULONG_PTR, SIZE_T, const LARGE_INTEGER *,
                                              SIZE_T *, int, ULONG, ULONG);
static NTSTATUS (WINAPI *pNtUnmapViewOfSection)(HANDLE, void *);
static NTSTATUS (WINAPI *pNtQuerySection)(HANDLE, int, void *, SIZE_T, SIZE_T *);
static NTSTATUS (WINAPI *pNtClose)(HANDLE);

#define VIEW_SHARE 1

static void init_name(OBJECT_ATTRIBUTES *attr, UNICODE_STRING *us, const WCHAR *name)
{
    us->Buffer = (WCHAR *)name;
    us->Length = wcslen(name) * sizeof(WCHAR);
    us->MaximumLength = us->Length + sizeof(WCHAR);
    InitializeObjectAttributes(attr, us, OBJ_OPENIF, NULL, NULL);
}

static void test_anonymous(void)
{
    static const WCHAR name[] = L"\\BaseNamedObjects\\wring_test_section";
    section_basic_info info;
    OBJECT_ATTRIBUTES attr;
    UNICODE_STRING us;
    HANDLE section, other;
    LARGE_INTEGER size, offset;
    SIZE_T view_size, ret;
    char *a = NULL, *b = NULL, *tail = NULL;
    NTSTATUS status;

    init_name(&attr, &us, name);
    size.QuadPart = 0x23456;
    status = pNtCreateSection(&section, SECTION_ALL_ACCESS, &attr, &size, PAGE_READWRITE, SEC_COMMIT, NULL);
    ok(!status, "NtCreateSection returned %#lx\n", status);
    status = pNtCreateSection(&other, SECTION_ALL_ACCESS, &attr, &size, PAGE_READWRITE, SEC_COMMIT, NULL);
    ok(status == STATUS_OBJECT_NAME_EXISTS, "second NtCreateSection returned %#lx\n", status);
    if (!status || status == STATUS_OBJECT_NAME_EXISTS) pNtClose(other);

    memset(&info, 0xcc, sizeof(info));
    status = pNtQuerySection(section, 0, &info, sizeof(info), &ret);
    ok(!status, "NtQuerySection returned %#lx\n", status);
    ok(ret == sizeof(info), "length %Iu\n", ret);
    /* a section of the paging file is made of whole pages */
    ok(info.Size.QuadPart == 0x24000, "size %#I64x\n", info.Size.QuadPart);
    ok(info.Attributes == SEC_COMMIT, "attributes %#lx\n", info.Attributes);
    ok(!info.BaseAddress, "base %p\n", info.BaseAddress);

    /* the whole section, whose size is in pages */
    view_size = 0;
    status = pNtMapViewOfSection(section, GetCurrentProcess(), (void **)&a, 0, 0, NULL, &view_size, VIEW_SHARE, 0,
                                 PAGE_READWRITE);
    ok(!status, "NtMapViewOfSection returned %#lx\n", status);
    ok(view_size == 0x24000, "view size %#Ix\n", view_size);

    status = pNtOpenSection(&other, SECTION_MAP_READ, &attr);
    ok(!status, "NtOpenSection returned %#lx\n", status);
    offset.QuadPart = 0x20000;
    view_size = 0;
    status = pNtMapViewOfSection(other, GetCurrentProcess(), (void **)&tail, 0, 0, &offset, &view_size, VIEW_SHARE,
                                 0, PAGE_READONLY);
    ok(!status, "NtMapViewOfSection at an offset returned %#lx\n", status);
    ok(view_size == 0x4000, "view size %#Ix\n", view_size);
    if (a && tail)
    {
        a[0x20010] = 42;
        ok(tail[0x10] == 42, "views do not share memory\n");
    }

    /* a read-only open cannot write */
    view_size = 0;
    b = NULL;
    status = pNtMapViewOfSection(other, GetCurrentProcess(), (void **)&b, 0, 0, NULL, &view_size, VIEW_SHARE, 0,
                                 PAGE_READWRITE);
    ok(status == STATUS_ACCESS_DENIED, "write view through a read handle returned %#lx\n", status);

    offset.QuadPart = 0x1000;
    view_size = 0;
    b = NULL;
    status = pNtMapViewOfSection(section, GetCurrentProcess(), (void **)&b, 0, 0, &offset, &view_size, VIEW_SHARE, 0,
                                 PAGE_READWRITE);
    ok(status == STATUS_MAPPED_ALIGNMENT, "unaligned offset returned %#lx\n", status);
    offset.QuadPart = 0x30000;
    status = pNtMapViewOfSection(section, GetCurrentProcess(), (void **)&b, 0, 0, &offset, &view_size, VIEW_SHARE, 0,
                                 PAGE_READWRITE);
    ok(status == STATUS_INVALID_PARAMETER, "offset past the end returned %#lx\n", status);
    offset.QuadPart = 0x20000;
    view_size = 0x5000;
    status = pNtMapViewOfSection(section, GetCurrentProcess(), (void **)&b, 0, 0, &offset, &view_size, VIEW_SHARE, 0,
                                 PAGE_READWRITE);
    ok(status == STATUS_INVALID_VIEW_SIZE, "view past the end returned %#lx\n", status);
    view_size = 0;
    status = pNtMapViewOfSection(section, GetCurrentProcess(), (void **)&b, 0, 0, NULL, &view_size, VIEW_SHARE, 0,
                                 PAGE_READWRITE | PAGE_GUARD);
    ok(status == STATUS_INVALID_PAGE_PROTECTION, "guard view returned %#lx\n", status);

    status = pNtUnmapViewOfSection(GetCurrentProcess(), a + 0x1234);
    ok(!status, "NtUnmapViewOfSection inside the view returned %#lx\n", status);
    status = pNtUnmapViewOfSection(GetCurrentProcess(), a);
    ok(status == STATUS_NOT_MAPPED_VIEW, "second unmap returned %#lx\n", status);
    pNtClose(other);
    pNtClose(section);
    /* a view outlives the handles of its section */
    ok(tail[0x10] == 42, "view lost its memory\n");
    pNtUnmapViewOfSection(GetCurrentProcess(), tail);

    /* the name goes with the last handle */
    status = pNtOpenSection(&other, SECTION_MAP_READ, &attr);
    ok(status == STATUS_OBJECT_NAME_NOT_FOUND, "NtOpenSection after close returned %#lx\n", status);
}

static void test_read_only_section(void)
{
    LARGE_INTEGER size;
    HANDLE section;
    SIZE_T view_size = 0;
    void *view = NULL;
    NTSTATUS status;

    size.QuadPart = 0x1000;
    status = pNtCreateSection(&section, SECTION_ALL_ACCESS, NULL, &size, PAGE_READONLY, SEC_COMMIT, NULL);
    ok(!status, "NtCreateSection returned %#lx\n", status);
    /* the handle has every right; the section's protection still forbids writing */
    status = pNtMapViewOfSection(section, GetCurrentProcess(), &view, 0, 0, NULL, &view_size, VIEW_SHARE, 0,
                                 PAGE_READWRITE);
    /* Wine 8.0 checks only the handle's rights, and maps the view writable */
    todo_wine ok(status == STATUS_SECTION_PROTECTION, "write view of a read-only section returned %#lx\n", status);
    if (!status)
    {
        pNtUnmapViewOfSection(GetCurrentProcess(), view);
        view = NULL;
        view_size = 0;
    }
    status = pNtMapViewOfSection(section, GetCurrentProcess(), &view, 0, 0, NULL, &view_size, VIEW_SHARE, 0,
                                 PAGE_READONLY);
    ok(!status, "read view returned %#lx\n", status);
    if (!status) pNtUnmapViewOfSection(GetCurrentProcess(), view);
    pNtClose(section);
}

START_TEST(section)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");

    pNtCreateSection = (void *)GetProcAddress(ntdll, "NtCreateSection");
    pNtOpenSection = (void *)GetProcAddress(ntdll, "NtOpenSection");
    pNtMapViewOfSection = (void *)GetProcAddress(ntdll, "NtMapViewOfSection");
    pNtUnmapViewOfSection = (void *)GetProcAddress(ntdll, "NtUnmapViewOfSection");
    pNtQuerySection = (void *)GetProcAddress(ntdll, "NtQuerySection");
    pNtClose = (void *)GetProcAddress(ntdll, "NtClose");
    if (!pNtCreateSection || !pNtOpenSection || !pNtMapViewOfSection || !pNtUnmapViewOfSection || !pNtQuerySection)
    {
        ok(0, "ntdll lacks a section export\n");
        return;
    }
    test_anonymous();
    test_read_only_section();
}
