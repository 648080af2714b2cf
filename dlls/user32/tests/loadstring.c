/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * LoadStringW and LoadStringA over strings.rc: the block arithmetic, strings
 * that are not there, the size-0 form that points into the resource, and
 * truncation with the NUL kept.
 */
#include <string.h>
#include <windows.h>
#include "wine/test.h"

static void test_wide(void)
{
    HINSTANCE exe = GetModuleHandleW(NULL);
    const IMAGE_NT_HEADERS *nt = (const IMAGE_NT_HEADERS *)((char *)exe + ((IMAGE_DOS_HEADER *)exe)->e_lfanew);
    WCHAR buf[64];
    const WCHAR *ptr = NULL;
    INT ret;

    ret = LoadStringW(exe, 1, buf, ARRAY_SIZE(buf));
    ok(ret == 3 && !wcscmp(buf, L"one"), "string 1: %d %s\n", ret, wine_dbgstr_w(buf));
    ret = LoadStringW(NULL, 2, buf, ARRAY_SIZE(buf));
    ok(ret == 13 && !wcscmp(buf, L"second string"), "string 2: %d %s\n", ret, wine_dbgstr_w(buf));
    ret = LoadStringW(exe, 17, buf, ARRAY_SIZE(buf));
    ok(ret == 9 && !wcscmp(buf, L"block two"), "string 17: %d %s\n", ret, wine_dbgstr_w(buf));
    ret = LoadStringW(exe, 100, buf, ARRAY_SIZE(buf));
    ok(ret == 6 && !wcscmp(buf, L"caf\x00e9 \x0434"), "string 100: %d %s\n", ret, wine_dbgstr_w(buf));

    /* a string missing from a block that is there, and a block that is not */
    buf[0] = 'x';
    ret = LoadStringW(exe, 5, buf, ARRAY_SIZE(buf));
    ok(ret == 0 && !buf[0], "string 5: %d %s\n", ret, wine_dbgstr_w(buf));
    ret = LoadStringW(exe, 1000, buf, ARRAY_SIZE(buf));
    ok(ret == 0, "string 1000: %d\n", ret);

    /* truncated to the buffer, NUL included */
    ret = LoadStringW(exe, 2, buf, 4);
    ok(ret == 3 && !wcscmp(buf, L"sec"), "truncated: %d %s\n", ret, wine_dbgstr_w(buf));
    ret = LoadStringW(exe, 2, buf, 1);
    ok(ret == 0, "one-character buffer: %d\n", ret);

    /* size 0: a pointer to the string in the resource, which has no NUL of its own */
    ret = LoadStringW(exe, 2, (WCHAR *)&ptr, 0);
    ok(ret == 13, "in place: %d\n", ret);
    ok(ptr && !memcmp(ptr, L"second string", 13 * sizeof(WCHAR)), "in place: %s\n", wine_dbgstr_wn(ptr, 13));
    ok((const char *)ptr > (const char *)exe && (const char *)ptr < (const char *)exe + nt->OptionalHeader.SizeOfImage,
       "string at %p is not in the image at %p\n", ptr, exe);
    ret = LoadStringW(exe, 1, (WCHAR *)&ptr, 0);
    ok(ret == 3 && ptr && ptr[3] == 13, "string 1 in place is followed by string 2's count, not a NUL\n");
}

static void test_ansi(void)
{
    HINSTANCE exe = GetModuleHandleA(NULL);
    char buf[64];
    INT ret;

    ret = LoadStringA(exe, 2, buf, sizeof(buf));
    ok(ret == 13 && !strcmp(buf, "second string"), "string 2: %d %s\n", ret, buf);
    ret = LoadStringA(exe, 17, buf, sizeof(buf));
    ok(ret == 9 && !strcmp(buf, "block two"), "string 17: %d %s\n", ret, buf);

    memset(buf, 'x', sizeof(buf));
    ret = LoadStringA(exe, 2, buf, 5);
    ok(ret == 4 && !strcmp(buf, "seco"), "truncated: %d %s\n", ret, buf);
    buf[0] = 'x';
    ret = LoadStringA(exe, 2, buf, 1);
    ok(ret == 0 && !buf[0], "one-byte buffer: %d\n", ret);

    /* a missing string is an empty one, terminated */
    buf[0] = 'x';
    ret = LoadStringA(exe, 1000, buf, sizeof(buf));
    ok(ret == 0 && !buf[0], "string 1000: %d\n", ret);
    buf[0] = 'x';
    ret = LoadStringA(exe, 5, buf, sizeof(buf));
    ok(ret == 0 && !buf[0], "string 5: %d\n", ret);

    /* there is no in-place form for ANSI */
    ret = LoadStringA(exe, 2, buf, 0);
    ok(ret == -1, "size 0: %d\n", ret);
}

START_TEST(loadstring)
{
    test_wide();
    test_ansi();
}
