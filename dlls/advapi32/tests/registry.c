/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The registry as a program that only reads it sees it: the predefined keys
 * open themselves, and a key or value that is not there is
 * ERROR_FILE_NOT_FOUND (Go's time package falls back on that answer when
 * the Time Zones key is missing).  The names asked for exist on no system.
 */
#include <windows.h>
#include "wine/test.h"

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

START_TEST(registry)
{
    test_open_key();
    test_close_key();
    test_query_value();
}
