/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * version.dll over the exe's own version.rc: the size and the copy of the
 * version information, VS_FIXEDFILEINFO at "\\", the translation table, a
 * string value in both character sets, keys without regard to case, and the
 * errors for a missing file and a missing value.
 */
#include <string.h>
#include <windows.h>
#include "wine/test.h"

static void test_info(void)
{
    WCHAR path[MAX_PATH];
    char path_a[MAX_PATH];
    DWORD size, handle = 0xdeadbeef;
    VS_FIXEDFILEINFO *fixed;
    WORD *translation;
    WCHAR *text;
    char *text_a;
    void *data;
    UINT len;
    BOOL ret;

    GetModuleFileNameW(NULL, path, MAX_PATH);
    GetModuleFileNameA(NULL, path_a, MAX_PATH);
    size = GetFileVersionInfoSizeW(path, &handle);
    ok(size > sizeof(VS_FIXEDFILEINFO), "GetFileVersionInfoSizeW: %lu (%lu)\n", size, GetLastError());
    ok(handle == 0, "handle %lu\n", handle);
    ok(GetFileVersionInfoSizeA(path_a, NULL) == size, "the A size differs\n");
    if (!size) return;

    data = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size);
    ret = GetFileVersionInfoW(path, 0, size, data);
    ok(ret, "GetFileVersionInfoW: %lu\n", GetLastError());
    ok(*(WORD *)data <= size && !memcmp((WORD *)data + 3, L"VS_VERSION_INFO", 32),
       "the copy does not start with the VS_VERSION_INFO block\n");

    ret = VerQueryValueW(data, L"\\", (void **)&fixed, &len);
    ok(ret && len == sizeof(*fixed), "VerQueryValueW(\\): %d %u\n", ret, len);
    ok(fixed->dwSignature == VS_FFI_SIGNATURE, "signature %#lx\n", fixed->dwSignature);
    ok(fixed->dwFileVersionMS == MAKELONG(2, 1) && fixed->dwFileVersionLS == MAKELONG(4, 3),
       "file version %#lx %#lx\n", fixed->dwFileVersionMS, fixed->dwFileVersionLS);
    ok(fixed->dwProductVersionMS == MAKELONG(6, 5) && fixed->dwProductVersionLS == MAKELONG(8, 7),
       "product version %#lx %#lx\n", fixed->dwProductVersionMS, fixed->dwProductVersionLS);
    ok(fixed->dwFileType == VFT_APP, "file type %lu\n", fixed->dwFileType);

    ret = VerQueryValueW(data, L"\\VarFileInfo\\Translation", (void **)&translation, &len);
    ok(ret && len == 4, "translation: %d %u\n", ret, len);
    ok(ret && translation[0] == 0x409 && translation[1] == 1200, "translation %04x %u\n", translation[0],
       translation[1]);

    ret = VerQueryValueW(data, L"\\StringFileInfo\\040904b0\\FileVersion", (void **)&text, &len);
    ok(ret && !wcscmp(text, L"1.2.3.4"), "FileVersion: %d %s\n", ret, wine_dbgstr_w(ret ? text : NULL));
    ok(len >= 7, "FileVersion length %u\n", len);
    ret = VerQueryValueW(data, L"\\stringfileinfo\\040904B0\\productname", (void **)&text, &len);
    ok(ret && !wcscmp(text, L"version_test"), "keys without regard to case: %d\n", ret);

    ret = VerQueryValueA(data, "\\StringFileInfo\\040904b0\\CompanyName", (void **)&text_a, &len);
    ok(ret && !strcmp(text_a, "Wring tests"), "CompanyName (A): %d %s\n", ret, ret ? text_a : "");
    ok((char *)text_a > (char *)data && (char *)text_a < (char *)data + size, "the ANSI text is not in the buffer\n");
    ret = VerQueryValueA(data, "\\VarFileInfo\\Translation", (void **)&translation, &len);
    ok(ret && len == 4 && translation[0] == 0x409, "translation (A): %d %u\n", ret, len);

    SetLastError(0xdeadbeef);
    ret = VerQueryValueW(data, L"\\StringFileInfo\\040904b0\\NoSuchValue", (void **)&text, &len);
    ok(!ret, "a missing value found\n");
    ok(GetLastError() == ERROR_RESOURCE_TYPE_NOT_FOUND, "missing value: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!VerQueryValueW(data, L"\\StringFileInfo\\040704b0", (void **)&text, &len), "a missing block found\n");
    HeapFree(GetProcessHeap(), 0, data);

    /* the A copy reads the same */
    data = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size);
    ok(GetFileVersionInfoA(path_a, 0, size, data), "GetFileVersionInfoA: %lu\n", GetLastError());
    ret = VerQueryValueA(data, "\\StringFileInfo\\040904b0\\FileVersion", (void **)&text_a, &len);
    ok(ret && !strcmp(text_a, "1.2.3.4"), "FileVersion (A): %d\n", ret);
    HeapFree(GetProcessHeap(), 0, data);

    SetLastError(0xdeadbeef);
    handle = 0xdeadbeef;
    ok(!GetFileVersionInfoSizeW(L"no_such_file_for_version.dll", &handle), "size of a missing file\n");
    ok(GetLastError() == ERROR_FILE_NOT_FOUND, "missing file: %lu\n", GetLastError());
    ok(handle == 0, "handle %lu for a missing file\n", handle);
}

START_TEST(info)
{
    test_info();
}
