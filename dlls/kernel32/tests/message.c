/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * FormatMessage: inserts from a va_list and from an array, printf formats in
 * inserts, the escapes, IGNORE_INSERTS, the width mask, an allocated buffer,
 * a small buffer, and system messages with their line break.
 */
#include <stdarg.h>
#include <string.h>
#include <windows.h>
#include "wine/test.h"

static DWORD format_w(WCHAR *buf, DWORD size, DWORD flags, const WCHAR *fmt, ...)
{
    va_list args;
    DWORD ret;
    va_start(args, fmt);
    ret = FormatMessageW(FORMAT_MESSAGE_FROM_STRING | flags, fmt, 0, 0, buf, size, &args);
    va_end(args);
    return ret;
}

static DWORD format_a(char *buf, DWORD size, DWORD flags, const char *fmt, ...)
{
    va_list args;
    DWORD ret;
    va_start(args, fmt);
    ret = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | flags, fmt, 0, 0, buf, size, &args);
    va_end(args);
    return ret;
}

static void test_inserts(void)
{
    WCHAR w[128];
    char a[128];
    DWORD n;

    n = format_w(w, ARRAY_SIZE(w), 0, L"%2 then %1", L"one", L"two");
    ok(n == 12 && !wcscmp(w, L"two then one"), "%lu %s\n", n, wine_dbgstr_w(w));
    n = format_w(w, ARRAY_SIZE(w), 0, L"[%1!5d!|%2!-4x!|%3!08X!]", 42, 0xab, 0xbeef);
    ok(!wcscmp(w, L"[   42|ab  |0000BEEF]"), "%lu %s\n", n, wine_dbgstr_w(w));
    n = format_a(a, sizeof(a), 0, "%1 and %2!S!", "narrow", L"wide");
    ok(n == 15 && !strcmp(a, "narrow and wide"), "%lu %s\n", n, a);
    n = format_w(w, ARRAY_SIZE(w), 0, L"a%nb%tc%%d%.e%!f%0ignored");
    ok(!wcscmp(w, L"a\r\nb\tc%d.e!f"), "%lu %s\n", n, wine_dbgstr_w(w));
    n = format_w(w, ARRAY_SIZE(w), FORMAT_MESSAGE_IGNORE_INSERTS, L"keep %1 and %2!d!");
    ok(!wcscmp(w, L"keep %1 and %2!d!"), "%lu %s\n", n, wine_dbgstr_w(w));
}

static void test_array_and_width(void)
{
    DWORD_PTR args[2] = { (DWORD_PTR)L"first", 7 };
    WCHAR w[64];
    DWORD n;

    n = FormatMessageW(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, L"%1=%2!u!", 0, 0, w,
                       ARRAY_SIZE(w), (va_list *)args);
    ok(n == 7 && !wcscmp(w, L"first=7"), "%lu %s\n", n, wine_dbgstr_w(w));
    /* the width mask turns the text's own line breaks into spaces; %n stays a break */
    n = FormatMessageW(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_MAX_WIDTH_MASK, L"one\r\ntwo%nthree", 0, 0, w,
                       ARRAY_SIZE(w), NULL);
    ok(!wcscmp(w, L"one two\r\nthree"), "%lu %s\n", n, wine_dbgstr_w(w));
}

static void test_buffers(void)
{
    WCHAR *allocated = NULL, small[4];
    DWORD n;

    n = FormatMessageW(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ALLOCATE_BUFFER, L"allocated text", 0, 0,
                       (WCHAR *)&allocated, 0, NULL);
    ok(n == 14 && allocated && !wcscmp(allocated, L"allocated text"), "%lu %s\n", n, wine_dbgstr_w(allocated));
    ok(!LocalFree(allocated), "LocalFree failed\n");
    SetLastError(0xdeadbeef);
    n = FormatMessageW(FORMAT_MESSAGE_FROM_STRING, L"too long", 0, 0, small, ARRAY_SIZE(small), NULL);
    ok(!n && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "small buffer: %lu %lu\n", n, GetLastError());
}

/* Windows' own texts (the System Error Codes reference); Wine 8.0's table words them its own way */
static void test_system(void)
{
    WCHAR w[256];
    char a[256];
    DWORD n;

    n = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, ERROR_FILE_NOT_FOUND,
                       MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT), w, ARRAY_SIZE(w), NULL);
    todo_wine ok(n && !wcscmp(w, L"The system cannot find the file specified.\r\n"), "%lu %s\n", n, wine_dbgstr_w(w));
    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, ERROR_ACCESS_DENIED, 0, a,
                       sizeof(a), NULL);
    todo_wine ok(n == 19 && !strcmp(a, "Access is denied.\r\n"), "%lu %s\n", n, a);
    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS | FORMAT_MESSAGE_MAX_WIDTH_MASK,
                       NULL, ERROR_INVALID_PARAMETER, 0, a, sizeof(a), NULL);
    todo_wine ok(n && !strcmp(a, "The parameter is incorrect. "), "%lu [%s]\n", n, a);
    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, E_NOTIMPL, 0, a, sizeof(a), NULL);
    todo_wine ok(n && !strcmp(a, "Not implemented\r\n"), "E_NOTIMPL: %lu [%s]\n", n, a);
    /* an HRESULT made from a Win32 error has that error's text */
    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, ERROR_ACCESS_DENIED, 0, a,
                       sizeof(a), NULL);
    ok(n, "ERROR_ACCESS_DENIED has no text\n");
    n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
                       HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED), 0, a + 128, sizeof(a) - 128, NULL);
    ok(n && !strcmp(a, a + 128), "HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED): %lu [%s], not [%s]\n", n, a + 128, a);
    SetLastError(0xdeadbeef);
    n = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM, NULL, 0x2badbad, 0, w, ARRAY_SIZE(w), NULL);
    ok(!n && GetLastError() == ERROR_MR_MID_NOT_FOUND, "an unknown id: %lu %lu\n", n, GetLastError());
}

START_TEST(message)
{
    test_inserts();
    test_array_and_width();
    test_buffers();
    test_system();
}
