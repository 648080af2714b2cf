/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * File mappings: the Win32 face of ntdll's sections.  A mapping's handle gets the
 * section rights its protection allows, as Windows' does, so that a view asking
 * for more (a write view of a read-only mapping) is refused with
 * ERROR_ACCESS_DENIED by the access check itself.
 */
#include "kernel32_private.h"

/* The rights CreateFileMapping asks for: reading and querying always, writing and
 * executing where the protection allows them. */
static ACCESS_MASK mapping_access(DWORD protect)
{
    ACCESS_MASK access = STANDARD_RIGHTS_REQUIRED | SECTION_QUERY | SECTION_MAP_READ;
    switch (protect)
    {
    case PAGE_READWRITE:
        return access | SECTION_MAP_WRITE;
    case PAGE_EXECUTE_READ:
    case PAGE_EXECUTE_WRITECOPY:
        return access | SECTION_MAP_EXECUTE;
    case PAGE_EXECUTE_READWRITE:
        return access | SECTION_MAP_WRITE | SECTION_MAP_EXECUTE;
    default:
        return access;
    }
}

HANDLE WINAPI CreateFileMappingW(HANDLE file, SECURITY_ATTRIBUTES *sa, DWORD protect, DWORD size_high,
                                 DWORD size_low, LPCWSTR name)
{
    /* the protection is the low byte; SEC_* flags ride in the high bits */
    DWORD page_protect = protect & 0xff, sec_flags = protect & ~0xffUL;
    struct object_name obj;
    LARGE_INTEGER size;
    HANDLE handle = NULL;
    NTSTATUS status;

    if (!sec_flags) sec_flags = SEC_COMMIT;
    /* the paging file is named by INVALID_HANDLE_VALUE here and by no handle at all in NT */
    if (file == INVALID_HANDLE_VALUE) file = NULL;
    size.u.LowPart = size_low;
    size.u.HighPart = size_high;
    if (!init_object_name(&obj, name, OBJ_OPENIF, sa)) return NULL;
    status = NtCreateSection(&handle, mapping_access(page_protect), &obj.attr, &size, page_protect, sec_flags, file);
    free_object_name(&obj);
    return create_result(status, handle);
}

HANDLE WINAPI CreateFileMappingA(HANDLE file, SECURITY_ATTRIBUTES *sa, DWORD protect, DWORD size_high,
                                 DWORD size_low, LPCSTR name)
{
    WCHAR *w = NULL;
    HANDLE handle;

    if (name && strlen(name) >= MAX_PATH)
    {
        SetLastError(ERROR_FILENAME_EXCED_RANGE);
        return NULL;
    }
    if (name && !(w = acp_to_wide(name))) return NULL;
    handle = CreateFileMappingW(file, sa, protect, size_high, size_low, w);
    if (w) HeapFree(GetProcessHeap(), 0, w);
    return handle;
}

HANDLE WINAPI OpenFileMappingW(DWORD access, BOOL inherit, LPCWSTR name)
{
    /* FILE_MAP_COPY is SECTION_QUERY by value; what a copy-on-write view needs is to read */
    if (access == FILE_MAP_COPY) access = SECTION_MAP_READ;
    return open_named(NtOpenSection, access, inherit, name);
}

HANDLE WINAPI OpenFileMappingA(DWORD access, BOOL inherit, LPCSTR name)
{
    WCHAR *w;
    HANDLE handle;

    if (!name)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (strlen(name) >= MAX_PATH)
    {
        SetLastError(ERROR_FILENAME_EXCED_RANGE);
        return NULL;
    }
    if (!(w = acp_to_wide(name))) return NULL;
    handle = OpenFileMappingW(access, inherit, w);
    HeapFree(GetProcessHeap(), 0, w);
    return handle;
}

/* The page protection of a view asked for with FILE_MAP_* rights. */
static ULONG view_protect(DWORD access)
{
    BOOL exec = !!(access & FILE_MAP_EXECUTE);

    if (access & FILE_MAP_WRITE) return exec ? PAGE_EXECUTE_READWRITE : PAGE_READWRITE;
    if (access & FILE_MAP_READ) return exec ? PAGE_EXECUTE_READ : PAGE_READONLY;
    if (access & FILE_MAP_COPY) return exec ? PAGE_EXECUTE_WRITECOPY : PAGE_WRITECOPY;
    return PAGE_NOACCESS;
}

LPVOID WINAPI MapViewOfFileEx(HANDLE mapping, DWORD access, DWORD offset_high, DWORD offset_low, SIZE_T count,
                              LPVOID base)
{
    LARGE_INTEGER offset;
    NTSTATUS status;

    offset.u.LowPart = offset_low;
    offset.u.HighPart = offset_high;
    status = NtMapViewOfSection(mapping, GetCurrentProcess(), &base, 0, 0, &offset, &count, ViewShare, 0,
                                view_protect(access));
    return set_ntstatus(status) ? base : NULL;
}

LPVOID WINAPI MapViewOfFile(HANDLE mapping, DWORD access, DWORD offset_high, DWORD offset_low, SIZE_T count)
{
    return MapViewOfFileEx(mapping, access, offset_high, offset_low, count, NULL);
}

BOOL WINAPI UnmapViewOfFile(LPCVOID addr)
{
    return set_ntstatus(NtUnmapViewOfSection(GetCurrentProcess(), (void *)addr));
}

BOOL WINAPI FlushViewOfFile(LPCVOID addr, SIZE_T size)
{
    return set_ntstatus(NtFlushVirtualMemory(GetCurrentProcess(), &addr, &size, 0));
}
