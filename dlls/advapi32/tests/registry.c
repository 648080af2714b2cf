/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The registry: the predefined keys open themselves, and a key or value that
 * is not there is ERROR_FILE_NOT_FOUND (Go's time package falls back on that
 * answer when the Time Zones key is missing); keys are created, read,
 * enumerated and deleted under HKCU\Software\Wring test, with the sizes and
 * error codes Windows gives.
 */
#include <windows.h>
#include <stdio.h>
#include "wine/test.h"

static const WCHAR test_key[] = L"Software\\Wring test";

static void test_open_key(void)
{
    HKEY key;
    LSTATUS ret;

    key = (HKEY)0xdeadbeef;
    ret = RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"Software\\Wring test\\no such key", 0, KEY_READ, &key);
    ok(ret == ERROR_FILE_NOT_FOUND, "missing key: %ld\n", ret);
    ok(key == NULL, "missing key: handle %p\n", key);
    ret = RegOpenKeyExW(HKEY_CURRENT_USER, L"Wring test no such key", 0, KEY_QUERY_VALUE, &key);
    ok(ret == ERROR_FILE_NOT_FOUND, "missing key under HKCU: %ld\n", ret);

    /* an empty name opens the predefined key itself */
    key = NULL;
    ret = RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"", 0, KEY_READ, &key);
    ok(ret == ERROR_SUCCESS && key == HKEY_LOCAL_MACHINE, "empty name: %ld handle %p\n", ret, key);
    key = NULL;
    ret = RegOpenKeyExW(HKEY_LOCAL_MACHINE, NULL, 0, KEY_READ, &key);
    ok(ret == ERROR_SUCCESS && key == HKEY_LOCAL_MACHINE, "NULL name: %ld handle %p\n", ret, key);

    ret = RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"Software", 0, KEY_READ, NULL);
    ok(ret == ERROR_INVALID_PARAMETER, "no result pointer: %ld\n", ret);
    ret = RegOpenKeyExW(NULL, L"Software", 0, KEY_READ, &key);
    ok(ret == ERROR_INVALID_HANDLE, "NULL key: %ld\n", ret);
}

static void test_close_key(void)
{
    ok(RegCloseKey(HKEY_LOCAL_MACHINE) == ERROR_SUCCESS, "closing HKLM failed\n");
    ok(RegCloseKey(HKEY_CURRENT_USER) == ERROR_SUCCESS, "closing HKCU failed\n");
    ok(RegCloseKey(NULL) == ERROR_INVALID_HANDLE, "closing NULL succeeded\n");
}

static void test_query_value(void)
{
    DWORD type = 0xdeadbeef, size = 4;
    BYTE data[4];
    LSTATUS ret;

    ret = RegQueryValueExW(HKEY_LOCAL_MACHINE, L"Wring test no such value", NULL, &type, data, &size);
    ok(ret == ERROR_FILE_NOT_FOUND, "missing value: %ld\n", ret);
    ret = RegQueryValueExW(HKEY_LOCAL_MACHINE, L"Wring test no such value", NULL, NULL, data, NULL);
    ok(ret == ERROR_INVALID_PARAMETER, "data without a size: %ld\n", ret);
    ret = RegQueryValueExW(NULL, L"Wring test no such value", NULL, NULL, NULL, NULL);
    ok(ret == ERROR_INVALID_HANDLE, "NULL key: %ld\n", ret);
}


static void test_create_delete(void)
{
    HKEY key, sub, again;
    DWORD disposition;
    LSTATUS ret;

    RegDeleteTreeW(HKEY_CURRENT_USER, test_key);
    ret = RegCreateKeyExW(HKEY_CURRENT_USER, L"Software\\Wring test\\a\\b", 0, NULL, 0, KEY_ALL_ACCESS, NULL,
                          &sub, &disposition);
    ok(ret == ERROR_SUCCESS, "create a\\b: %ld\n", ret);
    ok(disposition == REG_CREATED_NEW_KEY, "disposition %lu\n", disposition);
    ret = RegCreateKeyExW(HKEY_CURRENT_USER, L"Software\\Wring test\\a\\b\\", 0, NULL, 0, KEY_READ, NULL,
                          &again, &disposition);
    ok(ret == ERROR_SUCCESS && disposition == REG_OPENED_EXISTING_KEY, "again: %ld disposition %lu\n", ret,
       disposition);
    RegCloseKey(again);

    ret = RegOpenKeyExW(HKEY_CURRENT_USER, L"software\\WRING TEST\\A", 0, KEY_ALL_ACCESS, &key);
    ok(ret == ERROR_SUCCESS, "open in another case: %ld\n", ret);
    ret = RegOpenKeyExW(key, L"c", 0, KEY_READ, &again);
    ok(ret == ERROR_FILE_NOT_FOUND, "missing child: %ld\n", ret);
    ret = RegOpenKeyExW(key, L"c\\d", 0, KEY_READ, &again);
    ok(ret == ERROR_FILE_NOT_FOUND, "missing parent: %ld\n", ret);

    /* a key with subkeys cannot go */
    ret = RegDeleteKeyW(HKEY_CURRENT_USER, L"Software\\Wring test\\a");
    ok(ret == ERROR_ACCESS_DENIED, "delete with subkeys: %ld\n", ret);
    ret = RegDeleteKeyW(key, L"b");
    ok(ret == ERROR_SUCCESS, "delete b: %ld\n", ret);
    ret = RegDeleteKeyW(key, L"b");
    ok(ret == ERROR_FILE_NOT_FOUND, "delete b twice: %ld\n", ret);
    ret = RegDeleteKeyW(key, NULL);
    ok(ret == ERROR_INVALID_PARAMETER, "delete NULL: %ld\n", ret);

    /* the handle on a deleted key still works, for nothing */
    ret = RegSetValueExW(sub, L"v", 0, REG_DWORD, (const BYTE *)&disposition, sizeof(disposition));
    ok(ret == ERROR_KEY_DELETED, "set on deleted: %ld\n", ret);
    ret = RegQueryValueExW(sub, L"v", NULL, NULL, NULL, NULL);
    ok(ret == ERROR_KEY_DELETED, "query on deleted: %ld\n", ret);
    ret = RegCreateKeyExW(sub, L"x", 0, NULL, 0, KEY_READ, NULL, &again, NULL);
    ok(ret == ERROR_KEY_DELETED, "create under deleted: %ld\n", ret);
    ok(RegCloseKey(sub) == ERROR_SUCCESS, "close deleted\n");
    ok(RegCloseKey(sub) == ERROR_INVALID_HANDLE, "close twice\n");

    /* a handle without the right */
    ret = RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\Wring test\\a", 0, KEY_QUERY_VALUE, &again);
    ok(ret == ERROR_SUCCESS, "open read-only: %ld\n", ret);
    ret = RegSetValueExW(again, L"v", 0, REG_DWORD, (const BYTE *)&disposition, sizeof(disposition));
    ok(ret == ERROR_ACCESS_DENIED, "set through a read-only handle: %ld\n", ret);
    RegCloseKey(again);

    ret = RegDeleteKeyW(key, L"");
    ok(ret == ERROR_SUCCESS, "delete the key itself: %ld\n", ret);
    RegCloseKey(key);
    ret = RegOpenKeyExW(HKEY_CURRENT_USER, L"Software\\Wring test\\a", 0, KEY_READ, &key);
    ok(ret == ERROR_FILE_NOT_FOUND, "a after delete: %ld\n", ret);
    ret = RegDeleteKeyW(HKEY_CURRENT_USER, test_key);
    ok(ret == ERROR_SUCCESS, "delete the test key: %ld\n", ret);
}

static void test_values(void)
{
    static const WCHAR text[] = L"hello";
    static const BYTE binary[3] = { 1, 2, 3 };
    WCHAR wbuf[64];
    char abuf[64];
    DWORD dword = 0x12345678, type, size, value;
    HKEY key;
    LSTATUS ret;

    ret = RegCreateKeyExW(HKEY_CURRENT_USER, test_key, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, NULL);
    ok(ret == ERROR_SUCCESS, "create: %ld\n", ret);
    ok(!RegSetValueExW(key, L"text", 0, REG_SZ, (const BYTE *)text, sizeof(text)), "set text\n");
    ok(!RegSetValueExW(key, L"number", 0, REG_DWORD, (const BYTE *)&dword, sizeof(dword)), "set number\n");
    ok(!RegSetValueExW(key, L"bytes", 0, REG_BINARY, binary, sizeof(binary)), "set bytes\n");
    ok(!RegSetValueExW(key, NULL, 0, REG_SZ, (const BYTE *)L"default", 16), "set default\n");
    SetEnvironmentVariableW(L"WRING_REG_TEST", L"expanded");
    ok(!RegSetValueExW(key, L"path", 0, REG_EXPAND_SZ, (const BYTE *)L"%WRING_REG_TEST%\\x",
                       sizeof(L"%WRING_REG_TEST%\\x")), "set path\n");

    /* NULL data gives the size, a short buffer ERROR_MORE_DATA and the size needed */
    size = 0xdeadbeef;
    ret = RegQueryValueExW(key, L"TEXT", NULL, &type, NULL, &size);
    ok(ret == ERROR_SUCCESS && type == REG_SZ && size == sizeof(text), "size: %ld type %lu size %lu\n", ret,
       type, size);
    size = 4;
    ret = RegQueryValueExW(key, L"text", NULL, &type, (BYTE *)wbuf, &size);
    ok(ret == ERROR_MORE_DATA && size == sizeof(text), "short: %ld size %lu\n", ret, size);
    size = sizeof(wbuf);
    ret = RegQueryValueExW(key, L"text", NULL, &type, (BYTE *)wbuf, &size);
    ok(ret == ERROR_SUCCESS && size == sizeof(text) && !wcscmp(wbuf, text), "text: %ld size %lu\n", ret, size);
    size = sizeof(value);
    ret = RegQueryValueExW(key, L"number", NULL, &type, (BYTE *)&value, &size);
    ok(ret == ERROR_SUCCESS && type == REG_DWORD && value == dword, "number: %ld type %lu %lx\n", ret, type, value);
    size = sizeof(wbuf);
    ret = RegQueryValueExW(key, L"", NULL, &type, (BYTE *)wbuf, &size);
    ok(ret == ERROR_SUCCESS && !wcscmp(wbuf, L"default"), "default value: %ld\n", ret);

    /* the ANSI size of a string is its ANSI length, asked for with or without a buffer */
    size = 0;
    ret = RegQueryValueExA(key, "text", NULL, &type, NULL, &size);
    ok(ret == ERROR_SUCCESS && size == 6, "A size: %ld size %lu\n", ret, size);
    size = 3;
    ret = RegQueryValueExA(key, "text", NULL, &type, (BYTE *)abuf, &size);
    ok(ret == ERROR_MORE_DATA && size == 6, "A short: %ld size %lu\n", ret, size);
    size = sizeof(abuf);
    ret = RegQueryValueExA(key, "text", NULL, &type, (BYTE *)abuf, &size);
    ok(ret == ERROR_SUCCESS && size == 6 && !strcmp(abuf, "hello"), "A text: %ld size %lu\n", ret, size);
    ret = RegSetValueExA(key, "ansi", 0, REG_SZ, (const BYTE *)"abc", 4);
    ok(ret == ERROR_SUCCESS, "set A: %ld\n", ret);
    size = sizeof(wbuf);
    ret = RegQueryValueExW(key, L"ansi", NULL, &type, (BYTE *)wbuf, &size);
    ok(ret == ERROR_SUCCESS && size == 8 && !wcscmp(wbuf, L"abc"), "A stored wide: %ld size %lu\n", ret, size);
    size = sizeof(abuf);
    ret = RegQueryValueExA(key, "bytes", NULL, &type, (BYTE *)abuf, &size);
    ok(ret == ERROR_SUCCESS && type == REG_BINARY && size == 3 && !memcmp(abuf, binary, 3), "A bytes: %ld\n", ret);

    /* RegGetValue: the type filter, expansion, RRF_NOEXPAND */
    size = sizeof(value);
    ret = RegGetValueW(key, NULL, L"number", RRF_RT_REG_DWORD, &type, &value, &size);
    ok(ret == ERROR_SUCCESS && value == dword, "get number: %ld\n", ret);
    size = sizeof(wbuf);
    ret = RegGetValueW(key, NULL, L"number", RRF_RT_REG_SZ, &type, wbuf, &size);
    ok(ret == ERROR_UNSUPPORTED_TYPE, "number as a string: %ld\n", ret);
    size = sizeof(wbuf);
    ret = RegGetValueW(HKEY_CURRENT_USER, L"Software\\Wring test", L"path", RRF_RT_REG_SZ, &type, wbuf, &size);
    ok(ret == ERROR_SUCCESS && type == REG_SZ && !wcscmp(wbuf, L"expanded\\x") && size == sizeof(L"expanded\\x"),
       "expanded: %ld type %lu %s size %lu\n", ret, type, wine_dbgstr_w(wbuf), size);
    size = 0;
    ret = RegGetValueW(key, NULL, L"path", RRF_RT_REG_SZ, &type, NULL, &size);
    ok(ret == ERROR_SUCCESS && size == sizeof(L"expanded\\x"), "expanded size: %ld size %lu\n", ret, size);
    size = sizeof(wbuf);
    ret = RegGetValueW(key, NULL, L"path", RRF_RT_REG_SZ, &type, wbuf, &size);
    ok(ret == ERROR_SUCCESS, "expand_sz under RRF_RT_REG_SZ: %ld\n", ret);
    size = sizeof(wbuf);
    ret = RegGetValueW(key, NULL, L"path", RRF_RT_REG_EXPAND_SZ | RRF_NOEXPAND, &type, wbuf, &size);
    ok(ret == ERROR_SUCCESS && type == REG_EXPAND_SZ && !wcscmp(wbuf, L"%WRING_REG_TEST%\\x"),
       "not expanded: %ld %s\n", ret, wine_dbgstr_w(wbuf));
    ret = RegGetValueW(key, NULL, L"path", RRF_RT_REG_EXPAND_SZ, &type, wbuf, &size);
    ok(ret == ERROR_INVALID_PARAMETER, "expand_sz without RRF_NOEXPAND: %ld\n", ret);
    size = 2;
    ret = RegGetValueW(key, NULL, L"text", RRF_RT_REG_SZ, &type, wbuf, &size);
    ok(ret == ERROR_MORE_DATA && size == sizeof(text), "get short: %ld size %lu\n", ret, size);
    size = sizeof(abuf);
    ret = RegGetValueA(key, NULL, "text", RRF_RT_ANY, &type, abuf, &size);
    ok(ret == ERROR_SUCCESS && size == 6 && !strcmp(abuf, "hello"), "get A: %ld size %lu\n", ret, size);
    ret = RegGetValueW(key, NULL, L"missing", RRF_RT_ANY, &type, NULL, NULL);
    ok(ret == ERROR_FILE_NOT_FOUND, "get missing: %ld\n", ret);

    ret = RegDeleteValueW(key, L"bytes");
    ok(ret == ERROR_SUCCESS, "delete value: %ld\n", ret);
    ret = RegDeleteValueW(key, L"bytes");
    ok(ret == ERROR_FILE_NOT_FOUND, "delete value twice: %ld\n", ret);
    ret = RegQueryValueExW(key, L"bytes", NULL, NULL, NULL, NULL);
    ok(ret == ERROR_FILE_NOT_FOUND, "deleted value: %ld\n", ret);
    RegCloseKey(key);
    ok(!RegDeleteTreeW(HKEY_CURRENT_USER, test_key), "delete tree\n");
}

static void test_enumerate(void)
{
    /* Windows enumerates values in the order they were set, Wine 8.0 sorted: set in sorted order,
     * the two agree */
    static const WCHAR *const names[] = { L"Alpha", L"beta", L"gamma" };
    WCHAR name[64], class[64];
    DWORD len, class_len, subkeys, max_subkey, values, max_value_name, max_value, type, size, i;
    char aname[64];
    HKEY key, sub;
    LSTATUS ret;

    RegDeleteTreeW(HKEY_CURRENT_USER, test_key);
    ret = RegCreateKeyExW(HKEY_CURRENT_USER, test_key, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, NULL);
    ok(ret == ERROR_SUCCESS, "create: %ld\n", ret);
    for (i = 0; i < ARRAY_SIZE(names); i++)
    {
        ret = RegCreateKeyExW(key, names[i], 0, (WCHAR *)L"cls", 0, KEY_ALL_ACCESS, NULL, &sub, NULL);
        ok(ret == ERROR_SUCCESS, "create %s: %ld\n", wine_dbgstr_w(names[i]), ret);
        RegCloseKey(sub);
        ret = RegSetValueExW(key, names[i], 0, REG_SZ, (const BYTE *)names[i], (wcslen(names[i]) + 1) * 2);
        ok(ret == ERROR_SUCCESS, "set %s: %ld\n", wine_dbgstr_w(names[i]), ret);
    }

    /* subkeys come sorted without regard to case, whatever the order they were made in */
    static const WCHAR *const sorted[] = { L"Alpha", L"beta", L"gamma" };
    HKEY later;
    ret = RegCreateKeyExW(key, L"ALPHA0", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &later, NULL);
    ok(ret == ERROR_SUCCESS, "create ALPHA0: %ld\n", ret);
    RegCloseKey(later);
    ret = RegDeleteKeyW(key, L"alpha0");
    ok(ret == ERROR_SUCCESS, "delete alpha0: %ld\n", ret);
    for (i = 0; i < ARRAY_SIZE(sorted); i++)
    {
        len = ARRAY_SIZE(name);
        class_len = ARRAY_SIZE(class);
        ret = RegEnumKeyExW(key, i, name, &len, NULL, class, &class_len, NULL);
        ok(ret == ERROR_SUCCESS && !wcscmp(name, sorted[i]) && len == wcslen(sorted[i]),
           "key %lu: %ld %s len %lu\n", i, ret, wine_dbgstr_w(name), len);
        ok(ret == ERROR_SUCCESS && !wcscmp(class, L"cls") && class_len == 3, "class %lu: %s\n", i,
           wine_dbgstr_w(class));
    }
    len = ARRAY_SIZE(name);
    ret = RegEnumKeyExW(key, i, name, &len, NULL, NULL, NULL, NULL);
    ok(ret == ERROR_NO_MORE_ITEMS, "past the end: %ld\n", ret);
    len = 5;   /* "Alpha" and no room for its terminator */
    ret = RegEnumKeyExW(key, 0, name, &len, NULL, NULL, NULL, NULL);
    ok(ret == ERROR_MORE_DATA, "short name: %ld\n", ret);
    len = sizeof(aname);
    ret = RegEnumKeyExA(key, 1, aname, &len, NULL, NULL, NULL, NULL);
    ok(ret == ERROR_SUCCESS && !strcmp(aname, "beta") && len == 4, "A key: %ld %s\n", ret, aname);

    /* values in the order they were set */
    for (i = 0; i < ARRAY_SIZE(names); i++)
    {
        len = ARRAY_SIZE(name);
        size = sizeof(class);
        ret = RegEnumValueW(key, i, name, &len, NULL, &type, (BYTE *)class, &size);
        ok(ret == ERROR_SUCCESS && !wcscmp(name, names[i]) && type == REG_SZ && !wcscmp(class, names[i]) &&
           size == (wcslen(names[i]) + 1) * 2, "value %lu: %ld %s size %lu\n", i, ret, wine_dbgstr_w(name), size);
    }
    len = ARRAY_SIZE(name);
    ret = RegEnumValueW(key, i, name, &len, NULL, NULL, NULL, NULL);
    ok(ret == ERROR_NO_MORE_ITEMS, "values past the end: %ld\n", ret);
    len = ARRAY_SIZE(name);
    size = 2;
    ret = RegEnumValueW(key, 0, name, &len, NULL, &type, (BYTE *)class, &size);
    ok(ret == ERROR_MORE_DATA && size == sizeof(L"Alpha"), "short data: %ld size %lu\n", ret, size);
    len = sizeof(aname);
    size = sizeof(class);
    ret = RegEnumValueA(key, 1, aname, &len, NULL, &type, (BYTE *)class, &size);
    ok(ret == ERROR_SUCCESS && !strcmp(aname, "beta") && size == 5 && !strcmp((char *)class, "beta"),
       "A value: %ld %s size %lu\n", ret, aname, size);

    ret = RegQueryInfoKeyW(key, NULL, NULL, NULL, &subkeys, &max_subkey, NULL, &values, &max_value_name,
                           &max_value, NULL, NULL);
    ok(ret == ERROR_SUCCESS, "info: %ld\n", ret);
    ok(subkeys == 3 && max_subkey == 5, "subkeys %lu max %lu\n", subkeys, max_subkey);
    ok(values == 3 && max_value_name == 5 && max_value == sizeof(L"gamma"), "values %lu max name %lu data %lu\n",
       values, max_value_name, max_value);
    ret = RegQueryInfoKeyW(NULL, NULL, NULL, NULL, &subkeys, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    ok(ret == ERROR_INVALID_HANDLE, "info on NULL: %ld\n", ret);
    RegCloseKey(key);

    ret = RegDeleteTreeW(HKEY_CURRENT_USER, test_key);
    ok(ret == ERROR_SUCCESS, "delete tree: %ld\n", ret);
    ret = RegOpenKeyExW(HKEY_CURRENT_USER, test_key, 0, KEY_READ, &key);
    ok(ret == ERROR_FILE_NOT_FOUND, "after delete tree: %ld\n", ret);
}

/* What a new machine has, consistent with the version the system reports. */
static void test_well_known(void)
{
    RTL_OSVERSIONINFOEXW version = { sizeof(version) };
    LONG (WINAPI *pRtlGetVersion)(RTL_OSVERSIONINFOEXW *) =
        (void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "RtlGetVersion");
    WCHAR buf[MAX_PATH], expect[16];
    DWORD size, major;
    LSTATUS ret;
    HKEY key;

    pRtlGetVersion(&version);
    size = sizeof(major);
    ret = RegGetValueW(HKEY_LOCAL_MACHINE, L"Software\\Microsoft\\Windows NT\\CurrentVersion",
                       L"CurrentMajorVersionNumber", RRF_RT_REG_DWORD, NULL, &major, &size);
    /* Windows 10 added the number; a Wine prefix set to an older version has none */
    if (version.dwMajorVersion >= 10)
        ok(ret == ERROR_SUCCESS && major == version.dwMajorVersion, "major: %ld %lu\n", ret, major);
    else ok(ret == ERROR_FILE_NOT_FOUND, "major before Windows 10: %ld\n", ret);
    size = sizeof(buf);
    ret = RegGetValueW(HKEY_LOCAL_MACHINE, L"Software\\Microsoft\\Windows NT\\CurrentVersion",
                       L"CurrentBuildNumber", RRF_RT_REG_SZ, NULL, buf, &size);
    swprintf(expect, ARRAY_SIZE(expect), L"%lu", version.dwBuildNumber);
    ok(ret == ERROR_SUCCESS && !wcscmp(buf, expect), "build: %ld %s\n", ret, wine_dbgstr_w(buf));
    size = sizeof(buf);
    ret = RegGetValueW(HKEY_LOCAL_MACHINE, L"Software\\Microsoft\\Windows NT\\CurrentVersion", L"ProductName",
                       RRF_RT_REG_SZ, NULL, buf, &size);
    ok(ret == ERROR_SUCCESS && wcsstr(buf, L"Windows"), "product: %ld %s\n", ret, wine_dbgstr_w(buf));
    size = sizeof(buf);
    ret = RegGetValueW(HKEY_LOCAL_MACHINE, L"Software\\Microsoft\\Windows\\CurrentVersion", L"ProgramFilesDir",
                       RRF_RT_REG_SZ, NULL, buf, &size);
    ok(ret == ERROR_SUCCESS && !wcscmp(buf + 1, L":\\Program Files"), "program files: %ld %s\n", ret,
       wine_dbgstr_w(buf));
    size = sizeof(buf);
    ret = RegGetValueW(HKEY_LOCAL_MACHINE, L"Software\\Microsoft\\Windows\\CurrentVersion", L"CommonFilesDir",
                       RRF_RT_REG_SZ, NULL, buf, &size);
    ok(ret == ERROR_SUCCESS && !wcscmp(buf + 1, L":\\Program Files\\Common Files"), "common files: %ld %s\n", ret,
       wine_dbgstr_w(buf));
    ret = RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"System\\CurrentControlSet\\Control\\Session Manager\\Environment",
                        0, KEY_READ, &key);
    ok(ret == ERROR_SUCCESS, "system environment: %ld\n", ret);
    size = sizeof(buf);
    ret = RegQueryValueExW(key, L"OS", NULL, NULL, (BYTE *)buf, &size);
    ok(ret == ERROR_SUCCESS && !wcscmp(buf, L"Windows_NT"), "OS: %ld %s\n", ret, wine_dbgstr_w(buf));
    RegCloseKey(key);
    ret = RegOpenKeyExW(HKEY_CURRENT_USER, L"Environment", 0, KEY_READ, &key);
    ok(ret == ERROR_SUCCESS, "user environment: %ld\n", ret);
    RegCloseKey(key);
    ret = RegOpenKeyExW(HKEY_CLASSES_ROOT, NULL, 0, KEY_READ, &key);
    ok(ret == ERROR_SUCCESS && key == HKEY_CLASSES_ROOT, "classes root: %ld\n", ret);
    size = ARRAY_SIZE(buf);
    ret = RegEnumKeyExW(HKEY_LOCAL_MACHINE, 0, buf, &size, NULL, NULL, NULL, NULL);
    ok(ret == ERROR_SUCCESS, "HKLM has keys: %ld\n", ret);
}

START_TEST(registry)
{
    test_open_key();
    test_close_key();
    test_query_value();
    test_create_delete();
    test_values();
    test_enumerate();
    test_well_known();
}
