/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Directories: CreateDirectory, RemoveDirectory, the FindFirstFile family (over
 * NtQueryDirectoryFile), and the long/short path names.
 */
#include "kernel32_private.h"

#define FIND_MAGIC 0x646e6946u   /* "Find" */

struct find_handle
{
    DWORD magic;
    HANDLE dir;
    ULONG size;             /* bytes of entries in data */
    ULONG pos;              /* offset of the next entry to hand out */
    ULONG buffer_size;
    BYTE data[];
};

BOOL WINAPI CreateDirectoryW(LPCWSTR path, SECURITY_ATTRIBUTES *sa)
{
    UNICODE_STRING nt;
    OBJECT_ATTRIBUTES attr;
    IO_STATUS_BLOCK io;
    HANDLE handle;
    NTSTATUS status;
    (void)sa;

    if (!path || !*path)
    {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return FALSE;
    }
    if ((status = RtlDosPathNameToNtPathName_U_WithStatus(path, &nt, NULL, NULL))) return set_ntstatus(status);
    InitializeObjectAttributes(&attr, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL);
    status = NtCreateFile(&handle, FILE_LIST_DIRECTORY | SYNCHRONIZE, &attr, &io, NULL, FILE_ATTRIBUTE_NORMAL,
                          FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_CREATE,
                          FILE_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT | FILE_OPEN_FOR_BACKUP_INTENT, NULL, 0);
    RtlFreeHeap(GetProcessHeap(), 0, nt.Buffer);
    if (!status) NtClose(handle);
    return set_ntstatus(status);
}

BOOL WINAPI CreateDirectoryA(LPCSTR path, SECURITY_ATTRIBUTES *sa)
{
    WCHAR *w;
    BOOL ret;
    if (!path) return CreateDirectoryW(NULL, sa);
    if (!(w = ansi_to_wide(path))) return FALSE;
    ret = CreateDirectoryW(w, sa);
    HeapFree(GetProcessHeap(), 0, w);
    return ret;
}

/* An open for deletion plus the delete disposition: the directory goes when the handle closes. */
BOOL WINAPI RemoveDirectoryW(LPCWSTR path)
{
    UNICODE_STRING nt;
    OBJECT_ATTRIBUTES attr;
    IO_STATUS_BLOCK io;
    FILE_DISPOSITION_INFORMATION disp = { TRUE };
    HANDLE handle;
    NTSTATUS status;

    if (!path)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if ((status = RtlDosPathNameToNtPathName_U_WithStatus(path, &nt, NULL, NULL))) return set_ntstatus(status);
    InitializeObjectAttributes(&attr, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL);
    status = NtOpenFile(&handle, DELETE | SYNCHRONIZE, &attr, &io,
                        FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                        FILE_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT | FILE_OPEN_FOR_BACKUP_INTENT);
    RtlFreeHeap(GetProcessHeap(), 0, nt.Buffer);
    if (status) return set_ntstatus(status);
    status = NtSetInformationFile(handle, &io, &disp, sizeof(disp), FileDispositionInformation);
    NtClose(handle);
    return set_ntstatus(status);
}

BOOL WINAPI RemoveDirectoryA(LPCSTR path)
{
    WCHAR *w;
    BOOL ret;
    if (!path) return RemoveDirectoryW(NULL);
    if (!(w = ansi_to_wide(path))) return FALSE;
    ret = RemoveDirectoryW(w);
    HeapFree(GetProcessHeap(), 0, w);
    return ret;
}

/*
 * Win32 masks to file-system expressions, as Windows does it: "*.*" is everything, "?" may
 * match nothing at a period or the end, a "*" before a period stops at the final period, and
 * a period before a wildcard or at the end also matches the end of a name without one.
 */
static void convert_mask(const WCHAR *mask, size_t len, WCHAR *out)
{
    if (len == 3 && mask[0] == '*' && mask[1] == '.' && mask[2] == '*')
    {
        out[0] = '*';
        out[1] = 0;
        return;
    }
    for (size_t i = 0; i < len; i++)
    {
        WCHAR c = mask[i], next = i + 1 < len ? mask[i + 1] : 0;
        if (c == '?') c = '>';
        else if (c == '*' && next == '.') c = '<';
        else if (c == '.' && (next == '?' || next == '*' || !next)) c = '"';
        out[i] = c;
    }
    out[len] = 0;
}

static BOOL find_fill(struct find_handle *find, BOOL restart, const UNICODE_STRING *mask)
{
    IO_STATUS_BLOCK io;
    NTSTATUS status = NtQueryDirectoryFile(find->dir, NULL, NULL, NULL, &io, find->data, find->buffer_size,
                                           FileBothDirectoryInformation, FALSE, (UNICODE_STRING *)mask, restart);
    if (status) return set_ntstatus(status);
    find->size = io.Information;
    find->pos = 0;
    return TRUE;
}

static BOOL find_next(struct find_handle *find, WIN32_FIND_DATAW *data)
{
    FILE_BOTH_DIRECTORY_INFORMATION *entry;
    ULONG len;

    if (find->pos >= find->size && !find_fill(find, FALSE, NULL)) return FALSE;
    entry = (FILE_BOTH_DIRECTORY_INFORMATION *)(find->data + find->pos);
    find->pos = entry->NextEntryOffset ? find->pos + entry->NextEntryOffset : find->size;

    memset(data, 0, sizeof(*data));
    data->dwFileAttributes = entry->FileAttributes;
    data->ftCreationTime.dwLowDateTime = entry->CreationTime.u.LowPart;
    data->ftCreationTime.dwHighDateTime = entry->CreationTime.u.HighPart;
    data->ftLastAccessTime.dwLowDateTime = entry->LastAccessTime.u.LowPart;
    data->ftLastAccessTime.dwHighDateTime = entry->LastAccessTime.u.HighPart;
    data->ftLastWriteTime.dwLowDateTime = entry->LastWriteTime.u.LowPart;
    data->ftLastWriteTime.dwHighDateTime = entry->LastWriteTime.u.HighPart;
    data->nFileSizeHigh = entry->EndOfFile.u.HighPart;
    data->nFileSizeLow = entry->EndOfFile.u.LowPart;
    len = entry->FileNameLength / sizeof(WCHAR);
    if (len >= MAX_PATH) len = MAX_PATH - 1;
    memcpy(data->cFileName, entry->FileName, len * sizeof(WCHAR));
    len = entry->ShortNameLength / sizeof(WCHAR);
    if (len > 13) len = 13;
    memcpy(data->cAlternateFileName, entry->ShortName, len * sizeof(WCHAR));
    return TRUE;
}

HANDLE WINAPI FindFirstFileExW(LPCWSTR name, FINDEX_INFO_LEVELS level, void *data, FINDEX_SEARCH_OPS search,
                               void *filter, DWORD flags)
{
    const WCHAR *mask_start;
    WCHAR *dir_name, *mask_buf;
    UNICODE_STRING nt, mask;
    OBJECT_ATTRIBUTES attr;
    IO_STATUS_BLOCK io;
    struct find_handle *find;
    size_t dir_len, mask_len;
    ULONG buffer_size = (flags & FIND_FIRST_EX_LARGE_FETCH) ? 65536 : 8192;
    NTSTATUS status;

    if ((level != FindExInfoStandard && level != FindExInfoBasic) || filter ||
        (search != FindExSearchNameMatch && search != FindExSearchLimitToDirectories) ||
        (flags & ~(FIND_FIRST_EX_CASE_SENSITIVE | FIND_FIRST_EX_LARGE_FETCH)) || !name || !data)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    /* the mask is the last component as the caller wrote it: full-path rules would drop trailing dots */
    mask_start = name;
    for (const WCHAR *p = name; *p; p++)
        if (*p == '\\' || *p == '/' || (*p == ':' && p == name + 1)) mask_start = p + 1;
    mask_len = wcslen(mask_start);
    if (!mask_len)
    {
        SetLastError(ERROR_FILE_NOT_FOUND);
        return INVALID_HANDLE_VALUE;
    }
    dir_len = mask_start - name;
    if (!(dir_name = HeapAlloc(GetProcessHeap(), 0, (dir_len + 2) * sizeof(WCHAR))))
    {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return INVALID_HANDLE_VALUE;
    }
    memcpy(dir_name, name, dir_len * sizeof(WCHAR));
    /* a bare mask (or "C:mask") searches the current directory */
    if (!dir_len || name[dir_len - 1] == ':') dir_name[dir_len++] = '.';
    dir_name[dir_len] = 0;
    status = RtlDosPathNameToNtPathName_U_WithStatus(dir_name, &nt, NULL, NULL);
    HeapFree(GetProcessHeap(), 0, dir_name);
    if (status)
    {
        set_ntstatus(status);
        return INVALID_HANDLE_VALUE;
    }

    if (!(find = HeapAlloc(GetProcessHeap(), 0, sizeof(*find) + buffer_size)) ||
        !(mask_buf = HeapAlloc(GetProcessHeap(), 0, (mask_len + 1) * sizeof(WCHAR))))
    {
        HeapFree(GetProcessHeap(), 0, find);
        RtlFreeHeap(GetProcessHeap(), 0, nt.Buffer);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return INVALID_HANDLE_VALUE;
    }
    find->magic = FIND_MAGIC;
    find->buffer_size = buffer_size;
    find->size = find->pos = 0;
    InitializeObjectAttributes(&attr, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL);
    status = NtOpenFile(&find->dir, FILE_LIST_DIRECTORY | SYNCHRONIZE, &attr, &io,
                        FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                        FILE_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT | FILE_OPEN_FOR_BACKUP_INTENT);
    RtlFreeHeap(GetProcessHeap(), 0, nt.Buffer);
    if (status)
    {
        /* the directory part is what is missing, so it is the path that was not found */
        if (status == STATUS_OBJECT_NAME_NOT_FOUND || status == STATUS_NOT_A_DIRECTORY)
            status = STATUS_OBJECT_PATH_NOT_FOUND;
        HeapFree(GetProcessHeap(), 0, mask_buf);
        HeapFree(GetProcessHeap(), 0, find);
        set_ntstatus(status);
        return INVALID_HANDLE_VALUE;
    }
    convert_mask(mask_start, mask_len, mask_buf);
    RtlInitUnicodeString(&mask, mask_buf);
    if (!find_fill(find, TRUE, &mask) || !find_next(find, data))
    {
        NtClose(find->dir);
        HeapFree(GetProcessHeap(), 0, mask_buf);
        HeapFree(GetProcessHeap(), 0, find);
        return INVALID_HANDLE_VALUE;
    }
    HeapFree(GetProcessHeap(), 0, mask_buf);
    if (level == FindExInfoBasic) ((WIN32_FIND_DATAW *)data)->cAlternateFileName[0] = 0;
    SetLastError(NO_ERROR);
    return find;
}

HANDLE WINAPI FindFirstFileW(LPCWSTR name, WIN32_FIND_DATAW *data)
{
    return FindFirstFileExW(name, FindExInfoStandard, data, FindExSearchNameMatch, NULL, 0);
}

static void find_data_to_ansi(const WIN32_FIND_DATAW *w, WIN32_FIND_DATAA *a)
{
    a->dwFileAttributes = w->dwFileAttributes;
    a->ftCreationTime = w->ftCreationTime;
    a->ftLastAccessTime = w->ftLastAccessTime;
    a->ftLastWriteTime = w->ftLastWriteTime;
    a->nFileSizeHigh = w->nFileSizeHigh;
    a->nFileSizeLow = w->nFileSizeLow;
    a->dwReserved0 = w->dwReserved0;
    a->dwReserved1 = w->dwReserved1;
    WideCharToMultiByte(file_api_code_page(), 0, w->cFileName, -1, a->cFileName, sizeof(a->cFileName), NULL, NULL);
    WideCharToMultiByte(file_api_code_page(), 0, w->cAlternateFileName, -1, a->cAlternateFileName,
                        sizeof(a->cAlternateFileName), NULL, NULL);
}

HANDLE WINAPI FindFirstFileExA(LPCSTR name, FINDEX_INFO_LEVELS level, void *data, FINDEX_SEARCH_OPS search,
                               void *filter, DWORD flags)
{
    WIN32_FIND_DATAW wdata;
    WCHAR *w;
    HANDLE find;
    if (!name || !data)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    if (!(w = ansi_to_wide(name))) return INVALID_HANDLE_VALUE;
    find = FindFirstFileExW(w, level, &wdata, search, filter, flags);
    HeapFree(GetProcessHeap(), 0, w);
    if (find != INVALID_HANDLE_VALUE) find_data_to_ansi(&wdata, data);
    return find;
}

HANDLE WINAPI FindFirstFileA(LPCSTR name, WIN32_FIND_DATAA *data)
{
    return FindFirstFileExA(name, FindExInfoStandard, data, FindExSearchNameMatch, NULL, 0);
}

static struct find_handle *find_from_handle(HANDLE handle)
{
    struct find_handle *find = handle;
    if (!handle || handle == INVALID_HANDLE_VALUE || find->magic != FIND_MAGIC)
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    return find;
}

BOOL WINAPI FindNextFileW(HANDLE handle, WIN32_FIND_DATAW *data)
{
    struct find_handle *find = find_from_handle(handle);
    if (!find) return FALSE;
    if (!data)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return find_next(find, data);
}

BOOL WINAPI FindNextFileA(HANDLE handle, WIN32_FIND_DATAA *data)
{
    WIN32_FIND_DATAW wdata;
    if (!FindNextFileW(handle, data ? &wdata : NULL)) return FALSE;
    find_data_to_ansi(&wdata, data);
    return TRUE;
}

BOOL WINAPI FindClose(HANDLE handle)
{
    struct find_handle *find = find_from_handle(handle);
    if (!find) return FALSE;
    find->magic = 0;
    NtClose(find->dir);
    HeapFree(GetProcessHeap(), 0, find);
    return TRUE;
}

/*
 * Wring's file systems have no 8.3 names, so a path's long and short forms are the path
 * itself; like Windows, both fail for a path that does not exist.
 */
static DWORD same_path_name(LPCWSTR path, LPWSTR buffer, DWORD size)
{
    DWORD len;
    if (!path)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES) return 0;
    len = wcslen(path);
    if (len + 1 > size) return len + 1;
    memmove(buffer, path, (len + 1) * sizeof(WCHAR));
    return len;
}

DWORD WINAPI GetLongPathNameW(LPCWSTR path, LPWSTR buffer, DWORD size)
{
    return same_path_name(path, buffer, size);
}

DWORD WINAPI GetShortPathNameW(LPCWSTR path, LPWSTR buffer, DWORD size)
{
    return same_path_name(path, buffer, size);
}

static DWORD same_path_name_ansi(LPCSTR path, LPSTR buffer, DWORD size)
{
    WCHAR *w;
    DWORD len;
    if (!path)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!(w = ansi_to_wide(path))) return 0;
    len = same_path_name(w, w, wcslen(w) + 1);
    if (len) len = wide_to_ansi_result(w, len, buffer, size);
    HeapFree(GetProcessHeap(), 0, w);
    return len;
}

DWORD WINAPI GetLongPathNameA(LPCSTR path, LPSTR buffer, DWORD size)
{
    return same_path_name_ansi(path, buffer, size);
}

DWORD WINAPI GetShortPathNameA(LPCSTR path, LPSTR buffer, DWORD size)
{
    return same_path_name_ansi(path, buffer, size);
}

/* The Windows directory is C:\windows, under the prefix (DESIGN.md §4); the
 * lengths follow GetWindowsDirectory: without the NUL when it fits, with it
 * (the size needed) when it does not. */
static UINT copy_dir_w(const WCHAR *dir, LPWSTR buffer, UINT size)
{
    UINT len = wcslen(dir);
    if (len + 1 > size) return len + 1;
    memcpy(buffer, dir, (len + 1) * sizeof(WCHAR));
    return len;
}

UINT WINAPI GetWindowsDirectoryW(LPWSTR buffer, UINT size)
{
    return copy_dir_w(L"C:\\windows", buffer, size);
}

UINT WINAPI GetSystemWindowsDirectoryW(LPWSTR buffer, UINT size)
{
    return copy_dir_w(L"C:\\windows", buffer, size);
}

UINT WINAPI GetSystemDirectoryW(LPWSTR buffer, UINT size)
{
    return copy_dir_w(L"C:\\windows\\system32", buffer, size);
}

UINT WINAPI GetWindowsDirectoryA(LPSTR buffer, UINT size)
{
    return wide_to_ansi_result(L"C:\\windows", 10, buffer, size);
}

UINT WINAPI GetSystemWindowsDirectoryA(LPSTR buffer, UINT size)
{
    return wide_to_ansi_result(L"C:\\windows", 10, buffer, size);
}

UINT WINAPI GetSystemDirectoryA(LPSTR buffer, UINT size)
{
    return wide_to_ansi_result(L"C:\\windows\\system32", 19, buffer, size);
}
