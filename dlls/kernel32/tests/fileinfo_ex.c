/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * SetFileInformationByHandle and GetFinalPathNameByHandleW as the Rust standard
 * library calls them: truncating, setting times, renaming (with and without
 * replacing, and the Ex form's POSIX semantics), deleting through a handle
 * (and the Ex form's POSIX semantics, where the name goes at this handle's
 * close though another handle stays open), and an open file's full name.
 */
#define _WIN32_WINNT 0x0A000006
#include <windows.h>
#include "wine/test.h"

static WCHAR dir[MAX_PATH];

static void make_path(WCHAR *path, const WCHAR *name)
{
    lstrcpyW(path, dir);
    lstrcatW(path, name);
}

static HANDLE create(const WCHAR *path, DWORD access, DWORD share, DWORD disposition)
{
    HANDLE file = CreateFileW(path, access, share, NULL, disposition, FILE_ATTRIBUTE_NORMAL, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFileW %s: %lu\n", wine_dbgstr_w(path), GetLastError());
    return file;
}

static BOOL exists(const WCHAR *path)
{
    return GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES;
}

static BOOL set_rename(HANDLE file, FILE_INFO_BY_HANDLE_CLASS klass, DWORD flags, const WCHAR *target)
{
    BYTE buffer[sizeof(FILE_RENAME_INFO) + MAX_PATH * sizeof(WCHAR)];
    FILE_RENAME_INFO *info = (FILE_RENAME_INFO *)buffer;

    memset(buffer, 0, sizeof(buffer));
    if (klass == FileRenameInfoEx) info->Flags = flags;
    else info->ReplaceIfExists = flags != 0;
    info->RootDirectory = NULL;
    info->FileNameLength = lstrlenW(target) * sizeof(WCHAR);
    memcpy(info->FileName, target, info->FileNameLength);
    return SetFileInformationByHandle(file, klass, info, sizeof(buffer));
}

static void test_end_of_file_and_times(void)
{
    WCHAR path[MAX_PATH];
    FILE_END_OF_FILE_INFO eof = { { .QuadPart = 4 } };
    FILE_BASIC_INFO basic, got;
    LARGE_INTEGER size;
    HANDLE file, reader;
    DWORD written;
    BOOL ret;

    make_path(path, L"eof.txt");
    file = create(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, CREATE_ALWAYS);
    WriteFile(file, "0123456789", 10, &written, NULL);
    ret = SetFileInformationByHandle(file, FileEndOfFileInfo, &eof, sizeof(eof));
    ok(ret, "FileEndOfFileInfo: %lu\n", GetLastError());
    ok(GetFileSizeEx(file, &size) && size.QuadPart == 4, "size %lld after truncating\n", size.QuadPart);

    reader = create(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING);
    SetLastError(0xdeadbeef);
    ret = SetFileInformationByHandle(reader, FileEndOfFileInfo, &eof, sizeof(eof));
    /* Wine 8.0 says ERROR_INVALID_HANDLE */
    todo_wine ok(!ret && GetLastError() == ERROR_ACCESS_DENIED, "read-only handle: %d, error %lu\n", ret, GetLastError());
    CloseHandle(reader);

    ok(GetFileInformationByHandleEx(file, FileBasicInfo, &basic, sizeof(basic)), "FileBasicInfo: %lu\n",
       GetLastError());
    basic.LastWriteTime.QuadPart = 130000000000000000LL;    /* 2012 */
    basic.CreationTime.QuadPart = basic.LastAccessTime.QuadPart = basic.ChangeTime.QuadPart = 0;
    basic.FileAttributes = 0;
    ret = SetFileInformationByHandle(file, FileBasicInfo, &basic, sizeof(basic));
    ok(ret, "setting FileBasicInfo: %lu\n", GetLastError());
    ok(GetFileInformationByHandleEx(file, FileBasicInfo, &got, sizeof(got)), "FileBasicInfo: %lu\n", GetLastError());
    ok(got.LastWriteTime.QuadPart == basic.LastWriteTime.QuadPart, "write time %lld\n", got.LastWriteTime.QuadPart);

    SetLastError(0xdeadbeef);
    ret = SetFileInformationByHandle(file, FileStandardInfo, &basic, sizeof(basic));
    ok(!ret && GetLastError() == ERROR_INVALID_PARAMETER, "a query-only class: %d, error %lu\n", ret, GetLastError());
    CloseHandle(file);
    DeleteFileW(path);
}

static void test_rename(void)
{
    WCHAR a[MAX_PATH], b[MAX_PATH], c[MAX_PATH];
    HANDLE file, other;
    BOOL ret;

    make_path(a, L"ren_a.txt");
    make_path(b, L"ren_b.txt");
    make_path(c, L"ren_c.txt");
    CloseHandle(create(b, GENERIC_WRITE, 0, CREATE_ALWAYS));
    file = create(a, GENERIC_WRITE | DELETE, 0, CREATE_ALWAYS);

    SetLastError(0xdeadbeef);
    ret = set_rename(file, FileRenameInfo, 0, b);
    ok(!ret && GetLastError() == ERROR_ALREADY_EXISTS, "onto an existing file: %d, error %lu\n", ret,
       GetLastError());
    ret = set_rename(file, FileRenameInfo, 0, c);
    ok(ret, "rename to a new name: %lu\n", GetLastError());
    ok(!exists(a) && exists(c), "the name did not move\n");
    ret = set_rename(file, FileRenameInfo, 1, b);
    ok(ret, "rename replacing: %lu\n", GetLastError());
    ok(!exists(c) && exists(b), "the name did not move over the old file\n");

    /* the Ex form: POSIX semantics replace a file another handle has open */
    other = create(a, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, CREATE_ALWAYS);
    ret = set_rename(file, FileRenameInfoEx, FILE_RENAME_FLAG_REPLACE_IF_EXISTS | FILE_RENAME_FLAG_POSIX_SEMANTICS, a);
    /* Wine 8.0 has no FileRenameInfoEx: ERROR_INVALID_PARAMETER */
    todo_wine ok(ret, "POSIX rename over an open file: %lu\n", GetLastError());
    if (ret) ok(exists(a) && !exists(b), "the name did not move over the open file\n");
    CloseHandle(other);
    CloseHandle(file);
    DeleteFileW(a);
    DeleteFileW(b);

    file = create(a, GENERIC_WRITE, 0, CREATE_ALWAYS);
    SetLastError(0xdeadbeef);
    ret = set_rename(file, FileRenameInfo, 0, c);
    /* Wine 8.0 renames without DELETE access */
    todo_wine ok(!ret && GetLastError() == ERROR_ACCESS_DENIED, "without DELETE access: %d, error %lu\n", ret,
       GetLastError());
    CloseHandle(file);
    DeleteFileW(a);
    DeleteFileW(c);
}

static void test_disposition(void)
{
    FILE_DISPOSITION_INFO disp = { TRUE };
    FILE_DISPOSITION_INFO_EX ex;
    WCHAR path[MAX_PATH];
    HANDLE file;
    BOOL ret;

    make_path(path, L"disp.txt");
    file = create(path, GENERIC_WRITE | DELETE, 0, CREATE_ALWAYS);
    ret = SetFileInformationByHandle(file, FileDispositionInfo, &disp, sizeof(disp));
    ok(ret, "FileDispositionInfo: %lu\n", GetLastError());
    ok(exists(path), "gone before the close\n");
    CloseHandle(file);
    ok(!exists(path), "still there after the close\n");

    /* read-only files refuse, unless the flag says to ignore the attribute */
    CloseHandle(create(path, GENERIC_WRITE, 0, CREATE_ALWAYS));
    SetFileAttributesW(path, FILE_ATTRIBUTE_READONLY);
    file = create(path, DELETE, 0, OPEN_EXISTING);
    SetLastError(0xdeadbeef);
    ret = SetFileInformationByHandle(file, FileDispositionInfo, &disp, sizeof(disp));
    ok(!ret && GetLastError() == ERROR_ACCESS_DENIED, "read-only: %d, error %lu\n", ret, GetLastError());
    ex.Flags = FILE_DISPOSITION_FLAG_DELETE | FILE_DISPOSITION_FLAG_IGNORE_READONLY_ATTRIBUTE;
    ret = SetFileInformationByHandle(file, FileDispositionInfoEx, &ex, sizeof(ex));
    /* Wine 8.0 has no FileDispositionInfoEx: ERROR_INVALID_PARAMETER */
    todo_wine ok(ret, "ignoring the read-only bit: %lu\n", GetLastError());
    CloseHandle(file);
    if (ret) ok(!exists(path), "the read-only file stayed\n");
    SetFileAttributesW(path, 0);
    DeleteFileW(path);
}

static void test_disposition_ex(void)
{
    FILE_DISPOSITION_INFO_EX ex;
    WCHAR path[MAX_PATH];
    HANDLE file, other;
    char byte = 0;
    DWORD read;
    BOOL ret;

    make_path(path, L"disp_ex.txt");
    /* POSIX semantics: the name goes at this handle's close, though another handle is open */
    file = create(path, GENERIC_WRITE | DELETE, FILE_SHARE_READ | FILE_SHARE_DELETE, CREATE_ALWAYS);
    WriteFile(file, "x", 1, &read, NULL);
    other = create(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, OPEN_EXISTING);
    ex.Flags = FILE_DISPOSITION_FLAG_DELETE | FILE_DISPOSITION_FLAG_POSIX_SEMANTICS;
    ret = SetFileInformationByHandle(file, FileDispositionInfoEx, &ex, sizeof(ex));
    /* Wine 8.0 has no FileDispositionInfoEx: ERROR_INVALID_PARAMETER */
    todo_wine ok(ret, "FileDispositionInfoEx: %lu\n", GetLastError());
    CloseHandle(file);
    if (!ret)
    {
        CloseHandle(other);
        DeleteFileW(path);
        return;
    }
    ok(!exists(path), "the name stayed while another handle is open\n");
    ok(ReadFile(other, &byte, 1, &read, NULL) && read == 1 && byte == 'x', "the other handle lost the data\n");
    CloseHandle(other);

    /* a delete asked for and taken back */
    file = create(path, GENERIC_WRITE | DELETE, 0, CREATE_ALWAYS);
    ex.Flags = FILE_DISPOSITION_FLAG_DELETE;
    ok(SetFileInformationByHandle(file, FileDispositionInfoEx, &ex, sizeof(ex)), "delete: %lu\n", GetLastError());
    ex.Flags = FILE_DISPOSITION_FLAG_DO_NOT_DELETE;
    ok(SetFileInformationByHandle(file, FileDispositionInfoEx, &ex, sizeof(ex)), "undelete: %lu\n", GetLastError());
    CloseHandle(file);
    ok(exists(path), "deleted though taken back\n");
    DeleteFileW(path);
}

static void test_final_path(void)
{
    WCHAR path[MAX_PATH], full[MAX_PATH], got[MAX_PATH + 8], small[4];
    HANDLE file;
    DWORD len, needed;

    make_path(path, L"final.txt");
    file = create(path, GENERIC_WRITE, 0, CREATE_ALWAYS);
    GetLongPathNameW(path, full, ARRAYSIZE(full));

    len = GetFinalPathNameByHandleW(file, got, ARRAYSIZE(got), FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
    ok(len == lstrlenW(got), "returned %lu for %s\n", len, wine_dbgstr_w(got));
    ok(!wcsncmp(got, L"\\\\?\\", 4) && !lstrcmpiW(got + 4, full), "DOS name %s for %s\n", wine_dbgstr_w(got),
       wine_dbgstr_w(full));

    needed = GetFinalPathNameByHandleW(file, small, ARRAYSIZE(small), VOLUME_NAME_DOS);
    ok(needed == len + 1, "a small buffer: %lu, the name is %lu\n", needed, len);

    len = GetFinalPathNameByHandleW(file, got, ARRAYSIZE(got), VOLUME_NAME_NONE);
    ok(len == lstrlenW(got) && !lstrcmpiW(got, full + 2), "volume-less name %s (%lu) for %s\n",
       wine_dbgstr_w(got), len, wine_dbgstr_w(full));

    SetLastError(0xdeadbeef);
    len = GetFinalPathNameByHandleW(file, got, ARRAYSIZE(got), 0x100);
    ok(!len && GetLastError() == ERROR_INVALID_PARAMETER, "unknown flag: %lu, error %lu\n", len, GetLastError());
    CloseHandle(file);
    DeleteFileW(path);
}

START_TEST(fileinfo_ex)
{
    WCHAR temp[MAX_PATH];

    GetTempPathW(ARRAYSIZE(temp), temp);
    wsprintfW(dir, L"%swring_fileinfo_%lu\\", temp, GetCurrentProcessId());
    ok(CreateDirectoryW(dir, NULL), "CreateDirectoryW: %lu\n", GetLastError());
    test_end_of_file_and_times();
    test_rename();
    test_disposition();
    test_disposition_ex();
    test_final_path();
    ok(RemoveDirectoryW(dir), "RemoveDirectoryW: %lu (files left behind)\n", GetLastError());
}
