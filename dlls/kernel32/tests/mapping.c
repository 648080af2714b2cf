/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * File mappings: CreateFileMapping, OpenFileMapping, MapViewOfFile(Ex),
 * UnmapViewOfFile and FlushViewOfFile, over files in a temporary folder and over
 * the paging file, with the errors Windows gives; a mapped file does not shrink.
 */
#include <string.h>
#include <windows.h>
#include "wine/test.h"

#define GRANULARITY 0x10000

static char temp_file[MAX_PATH];

static HANDLE create_temp(DWORD access, DWORD size, char fill)
{
    char dir[MAX_PATH];
    HANDLE file;
    DWORD done;

    GetTempPathA(sizeof(dir), dir);
    GetTempFileNameA(dir, "map", 0, temp_file);
    file = CreateFileA(temp_file, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                       CREATE_ALWAYS, 0, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFile failed, error %lu\n", GetLastError());
    for (DWORD i = 0; i < size; i++)
    {
        char c = fill + i % 26;
        WriteFile(file, &c, 1, &done, NULL);
    }
    if (access != (GENERIC_READ | GENERIC_WRITE))
    {
        CloseHandle(file);
        file = CreateFileA(temp_file, access, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
        ok(file != INVALID_HANDLE_VALUE, "reopen failed, error %lu\n", GetLastError());
    }
    return file;
}

static void test_write_through_view(void)
{
    char buf[16];
    HANDLE file, mapping;
    DWORD done;
    char *view;

    file = create_temp(GENERIC_READ | GENERIC_WRITE, 0x3000, 'a');
    mapping = CreateFileMappingA(file, NULL, PAGE_READWRITE, 0, 0, NULL);
    ok(mapping != NULL, "CreateFileMapping failed, error %lu\n", GetLastError());
    view = MapViewOfFile(mapping, FILE_MAP_WRITE, 0, 0, 0);
    ok(view != NULL, "MapViewOfFile failed, error %lu\n", GetLastError());
    ok(!((ULONG_PTR)view & (GRANULARITY - 1)), "view %p not on the allocation granularity\n", view);
    ok(view[0] == 'a' && view[0x2fff] == 'a' + 0x2fff % 26, "view does not show the file: %c %c\n",
       view[0], view[0x2fff]);
    memcpy(view + 0x1000, "through the view", 16);
    ok(FlushViewOfFile(view, 0), "FlushViewOfFile failed, error %lu\n", GetLastError());

    SetFilePointer(file, 0x1000, NULL, FILE_BEGIN);
    ok(ReadFile(file, buf, sizeof(buf), &done, NULL) && done == sizeof(buf), "ReadFile failed\n");
    ok(!memcmp(buf, "through the view", 16), "ReadFile read %.16s\n", buf);

    /* and the other way: a write to the file shows in the view */
    SetFilePointer(file, 0x2000, NULL, FILE_BEGIN);
    ok(WriteFile(file, "file", 4, &done, NULL), "WriteFile failed\n");
    ok(!memcmp(view + 0x2000, "file", 4), "view shows %.4s\n", view + 0x2000);

    ok(UnmapViewOfFile(view), "UnmapViewOfFile failed, error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!UnmapViewOfFile(view), "second UnmapViewOfFile succeeded\n");
    ok(GetLastError() == ERROR_INVALID_ADDRESS, "error %lu\n", GetLastError());
    CloseHandle(mapping);
    CloseHandle(file);
    DeleteFileA(temp_file);
}

static void test_view_offset(void)
{
    MEMORY_BASIC_INFORMATION info;
    HANDLE file, mapping;
    char *view;

    file = create_temp(GENERIC_READ | GENERIC_WRITE, 3 * GRANULARITY, 'A');
    mapping = CreateFileMappingA(file, NULL, PAGE_READONLY, 0, 0, NULL);
    ok(mapping != NULL, "CreateFileMapping failed, error %lu\n", GetLastError());

    view = MapViewOfFile(mapping, FILE_MAP_READ, 0, GRANULARITY, 0x1800);
    ok(view != NULL, "MapViewOfFile at an offset failed, error %lu\n", GetLastError());
    ok(view[0] == 'A' + GRANULARITY % 26, "view at offset shows %c\n", view[0]);
    ok(view[0x17ff] == 'A' + (GRANULARITY + 0x17ff) % 26, "view shows %c\n", view[0x17ff]);
    ok(VirtualQuery(view, &info, sizeof(info)) == sizeof(info), "VirtualQuery failed\n");
    ok(info.AllocationBase == view, "AllocationBase %p\n", info.AllocationBase);
    ok(info.Type == MEM_MAPPED, "Type %#lx\n", info.Type);
    ok(info.State == MEM_COMMIT, "State %#lx\n", info.State);
    ok(info.Protect == PAGE_READONLY, "Protect %#lx\n", info.Protect);
    ok(info.AllocationProtect == PAGE_READONLY, "AllocationProtect %#lx\n", info.AllocationProtect);
    ok(info.RegionSize == 0x2000, "RegionSize %#Ix\n", info.RegionSize);
    ok(UnmapViewOfFile(view), "UnmapViewOfFile failed\n");

    /* offsets are on the allocation granularity */
    SetLastError(0xdeadbeef);
    ok(!MapViewOfFile(mapping, FILE_MAP_READ, 0, 0x1000, 0x1000), "unaligned offset accepted\n");
    ok(GetLastError() == ERROR_MAPPED_ALIGNMENT, "error %lu\n", GetLastError());
    /* a view cannot reach past the mapping */
    SetLastError(0xdeadbeef);
    ok(!MapViewOfFile(mapping, FILE_MAP_READ, 0, 2 * GRANULARITY, GRANULARITY + 1), "oversized view accepted\n");
    ok(GetLastError() == ERROR_ACCESS_DENIED, "error %lu\n", GetLastError());
    /* nor be written through a read-only mapping */
    SetLastError(0xdeadbeef);
    ok(!MapViewOfFile(mapping, FILE_MAP_WRITE, 0, 0, 0), "write view of a read-only mapping\n");
    ok(GetLastError() == ERROR_ACCESS_DENIED, "error %lu\n", GetLastError());

    /* a copy-on-write view keeps its changes to itself */
    view = MapViewOfFile(mapping, FILE_MAP_COPY, 0, 0, 0);
    ok(view != NULL, "copy-on-write view failed, error %lu\n", GetLastError());
    if (view)
    {
        char *other = MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0);
        ok(VirtualQuery(view, &info, sizeof(info)) && info.Protect == PAGE_WRITECOPY, "Protect %#lx\n", info.Protect);
        view[0] = '!';
        ok(other && other[0] == 'A', "the write reached another view: %c\n", other ? other[0] : 0);
        UnmapViewOfFile(other);
        UnmapViewOfFile(view);
    }
    CloseHandle(mapping);
    CloseHandle(file);
    DeleteFileA(temp_file);
}

static void test_file_errors(void)
{
    HANDLE file, mapping;

    /* an empty file has nothing to map unless a size grows it */
    file = create_temp(GENERIC_READ | GENERIC_WRITE, 0, 'a');
    SetLastError(0xdeadbeef);
    mapping = CreateFileMappingA(file, NULL, PAGE_READWRITE, 0, 0, NULL);
    ok(!mapping, "mapping of an empty file\n");
    ok(GetLastError() == ERROR_FILE_INVALID, "error %lu\n", GetLastError());
    mapping = CreateFileMappingA(file, NULL, PAGE_READWRITE, 0, 0x1234, NULL);
    ok(mapping != NULL, "sized mapping failed, error %lu\n", GetLastError());
    ok(GetFileSize(file, NULL) == 0x1234, "file size %lu\n", GetFileSize(file, NULL));
    CloseHandle(mapping);
    CloseHandle(file);

    /* a file opened for reading only gives read-only mappings */
    file = create_temp(GENERIC_READ, 0x100, 'a');
    SetLastError(0xdeadbeef);
    ok(!CreateFileMappingA(file, NULL, PAGE_READWRITE, 0, 0, NULL), "writable mapping of a read-only file\n");
    ok(GetLastError() == ERROR_ACCESS_DENIED, "error %lu\n", GetLastError());
    mapping = CreateFileMappingA(file, NULL, PAGE_READONLY, 0, 0, NULL);
    ok(mapping != NULL, "read-only mapping failed, error %lu\n", GetLastError());
    CloseHandle(mapping);
    CloseHandle(file);
    DeleteFileA(temp_file);

    SetLastError(0xdeadbeef);
    ok(!CreateFileMappingA((HANDLE)0xdead0, NULL, PAGE_READONLY, 0, 0, NULL), "mapping of a bad handle\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!MapViewOfFile((HANDLE)0xdead0, FILE_MAP_READ, 0, 0, 0), "view of a bad handle\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "error %lu\n", GetLastError());
    /* the paging file needs a size */
    SetLastError(0xdeadbeef);
    ok(!CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0, NULL), "anonymous mapping of size 0\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_NOACCESS, 0, 0x1000, NULL), "PAGE_NOACCESS mapping\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());
}

static void test_named(void)
{
    static const char name[] = "wring_test_mapping";
    HANDLE mapping, again, opened, event;
    char *a, *b;

    mapping = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x20000, name);
    ok(mapping != NULL, "CreateFileMapping failed, error %lu\n", GetLastError());
    ok(GetLastError() == ERROR_SUCCESS, "error %lu for a new mapping\n", GetLastError());

    SetLastError(0xdeadbeef);
    again = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x20000, name);
    ok(again != NULL && again != mapping, "second CreateFileMapping gave %p\n", again);
    ok(GetLastError() == ERROR_ALREADY_EXISTS, "error %lu\n", GetLastError());

    opened = OpenFileMappingA(FILE_MAP_ALL_ACCESS, FALSE, name);
    ok(opened != NULL, "OpenFileMapping failed, error %lu\n", GetLastError());

    /* every view of the mapping is the same memory */
    a = MapViewOfFile(mapping, FILE_MAP_ALL_ACCESS, 0, 0, 0);
    b = MapViewOfFile(opened, FILE_MAP_WRITE, 0, GRANULARITY, 0);
    ok(a && b && a != b, "views %p %p\n", a, b);
    ok(!a[0] && !a[0x1ffff], "a fresh mapping is not zero\n");
    strcpy(a + GRANULARITY, "shared");
    ok(!strcmp(b, "shared"), "second view reads \"%s\"\n", b);
    b[100] = 'x';
    ok(a[GRANULARITY + 100] == 'x', "first view reads %c\n", a[GRANULARITY + 100]);
    UnmapViewOfFile(b);

    /* the mapping lives on while a handle to it is open */
    CloseHandle(mapping);
    CloseHandle(again);
    b = MapViewOfFile(opened, FILE_MAP_READ, 0, 0, 0);
    ok(b && !strcmp(b + GRANULARITY, "shared"), "view through the opened handle\n");
    UnmapViewOfFile(b);
    UnmapViewOfFile(a);
    CloseHandle(opened);

    SetLastError(0xdeadbeef);
    ok(!OpenFileMappingA(FILE_MAP_READ, FALSE, "wring_no_such_mapping"), "opened a missing name\n");
    ok(GetLastError() == ERROR_FILE_NOT_FOUND, "error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!OpenFileMappingW(FILE_MAP_READ, FALSE, NULL), "opened a NULL name\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());

    /* mappings share one namespace with the other named objects */
    event = CreateEventA(NULL, TRUE, FALSE, "wring_test_mapping_event");
    SetLastError(0xdeadbeef);
    ok(!CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x1000, "wring_test_mapping_event"),
       "mapping took an event's name\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!OpenFileMappingA(FILE_MAP_READ, FALSE, "wring_test_mapping_event"), "opened an event as a mapping\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "error %lu\n", GetLastError());
    CloseHandle(event);

    /* a read-only open allows read views only */
    mapping = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x1000, name);
    opened = OpenFileMappingA(FILE_MAP_READ, FALSE, name);
    ok(opened != NULL, "OpenFileMapping failed, error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!MapViewOfFile(opened, FILE_MAP_WRITE, 0, 0, 0), "write view through a read-only handle\n");
    ok(GetLastError() == ERROR_ACCESS_DENIED, "error %lu\n", GetLastError());
    CloseHandle(opened);
    CloseHandle(mapping);
}

static void test_view_at_address(void)
{
    HANDLE mapping;
    char *base, *view;

    mapping = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x2000, NULL);
    ok(mapping != NULL, "CreateFileMapping failed, error %lu\n", GetLastError());
    /* find free address space, then map the view there */
    base = VirtualAlloc(NULL, GRANULARITY, MEM_RESERVE, PAGE_NOACCESS);
    VirtualFree(base, 0, MEM_RELEASE);
    view = MapViewOfFileEx(mapping, FILE_MAP_WRITE, 0, 0, 0, base);
    ok(view == base, "MapViewOfFileEx gave %p, wanted %p (error %lu)\n", view, base, GetLastError());
    view[0x1fff] = 1;
    SetLastError(0xdeadbeef);
    ok(!MapViewOfFileEx(mapping, FILE_MAP_WRITE, 0, 0, 0, base), "second view over the first\n");
    ok(GetLastError() == ERROR_INVALID_ADDRESS, "error %lu\n", GetLastError());
    /* VirtualFree does not release a view */
    ok(!VirtualFree(view, 0, MEM_RELEASE), "VirtualFree released a view\n");
    ok(UnmapViewOfFile(view), "UnmapViewOfFile failed\n");
    CloseHandle(mapping);
}

static LONGLONG file_size(HANDLE file)
{
    LARGE_INTEGER size;
    ok(GetFileSizeEx(file, &size), "GetFileSizeEx failed, error %lu\n", GetLastError());
    return size.QuadPart;
}

static BOOL set_end(HANDLE file, LONG end)
{
    SetFilePointer(file, end, NULL, FILE_BEGIN);
    return SetEndOfFile(file);
}

/* A mapped file may grow but not shrink, and an overwriting open is refused, while a
 * section or a view of it exists: Windows says ERROR_USER_MAPPED_FILE, and nothing is cut. */
static void test_mapped_file_size(void)
{
    HANDLE file, mapping, other;
    char *view;

    file = create_temp(GENERIC_READ | GENERIC_WRITE, 8, 'a');
    mapping = CreateFileMappingA(file, NULL, PAGE_READWRITE, 0, 4, NULL);
    ok(mapping != NULL, "CreateFileMapping failed, error %lu\n", GetLastError());

    ok(set_end(file, 8), "keeping the size failed, error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!set_end(file, 6), "a mapped file shrank\n");
    ok(GetLastError() == ERROR_USER_MAPPED_FILE, "error %lu\n", GetLastError());
    ok(file_size(file) == 8, "size %I64d\n", file_size(file));
    ok(set_end(file, 0x2000), "growing failed, error %lu\n", GetLastError());
    ok(file_size(file) == 0x2000, "size %I64d\n", file_size(file));

    SetLastError(0xdeadbeef);
    other = CreateFileA(temp_file, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, CREATE_ALWAYS, 0, NULL);
    ok(other == INVALID_HANDLE_VALUE, "CREATE_ALWAYS over a mapping succeeded\n");
    ok(GetLastError() == ERROR_USER_MAPPED_FILE, "error %lu\n", GetLastError());
    if (other != INVALID_HANDLE_VALUE) CloseHandle(other);
    SetLastError(0xdeadbeef);
    other = CreateFileA(temp_file, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, TRUNCATE_EXISTING, 0, NULL);
    ok(other == INVALID_HANDLE_VALUE, "TRUNCATE_EXISTING over a mapping succeeded\n");
    ok(GetLastError() == ERROR_USER_MAPPED_FILE, "error %lu\n", GetLastError());
    if (other != INVALID_HANDLE_VALUE) CloseHandle(other);
    ok(file_size(file) == 0x2000, "size %I64d\n", file_size(file));

    /* the view holds the file once the section's handle is gone */
    view = MapViewOfFile(mapping, FILE_MAP_WRITE, 0, 0, 4);
    ok(view != NULL, "MapViewOfFile failed, error %lu\n", GetLastError());
    CloseHandle(mapping);
    SetLastError(0xdeadbeef);
    ok(!set_end(file, 0x1fff), "a file with a view shrank\n");
    ok(GetLastError() == ERROR_USER_MAPPED_FILE, "error %lu\n", GetLastError());
    ok(view[0] == 'a', "view shows %c\n", view[0]);

    ok(UnmapViewOfFile(view), "UnmapViewOfFile failed, error %lu\n", GetLastError());
    ok(set_end(file, 2), "shrinking an unmapped file failed, error %lu\n", GetLastError());
    ok(file_size(file) == 2, "size %I64d\n", file_size(file));
    CloseHandle(file);
    other = CreateFileA(temp_file, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(other != INVALID_HANDLE_VALUE, "CREATE_ALWAYS on an unmapped file failed, error %lu\n", GetLastError());
    CloseHandle(other);
    DeleteFileA(temp_file);
}

START_TEST(mapping)
{
    test_write_through_view();
    test_view_offset();
    test_file_errors();
    test_named();
    test_view_at_address();
    test_mapped_file_size();
}
