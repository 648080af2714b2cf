/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * BSTRs: the byte length stored before the string, the NUL after it,
 * embedded NULs and odd byte lengths, reallocation (also from a part of the
 * string itself), NULL handling, and the fixed ordinals programs import.
 */
#include <string.h>
#include <windows.h>
#include <oleauto.h>
#include "wine/test.h"

static void test_alloc(void)
{
    BSTR b;

    b = SysAllocString(L"hello");
    ok(b != NULL, "SysAllocString failed\n");
    ok(SysStringLen(b) == 5, "length %u\n", SysStringLen(b));
    ok(SysStringByteLen(b) == 10, "byte length %u\n", SysStringByteLen(b));
    ok(((DWORD *)b)[-1] == 10, "prefix %lu\n", ((DWORD *)b)[-1]);
    ok(!wcscmp(b, L"hello"), "text %s\n", wine_dbgstr_w(b));
    ok(!((ULONG_PTR)b & 7), "BSTR %p not 8-byte aligned\n", b);
    SysFreeString(b);

    ok(!SysAllocString(NULL), "SysAllocString(NULL) made a string\n");
    ok(!SysStringLen(NULL) && !SysStringByteLen(NULL), "a NULL BSTR has a length\n");
    SysFreeString(NULL);

    /* the length counts embedded NULs; a NUL follows the counted part */
    b = SysAllocStringLen(L"a\0b\0c", 5);
    ok(SysStringLen(b) == 5 && !memcmp(b, L"a\0b\0c", 12), "embedded NULs: %u\n", SysStringLen(b));
    SysFreeString(b);
    b = SysAllocStringLen(L"truncated", 4);
    ok(SysStringLen(b) == 4 && !wcscmp(b, L"trun"), "SysAllocStringLen(4): %s\n", wine_dbgstr_w(b));
    SysFreeString(b);
    b = SysAllocStringLen(NULL, 3);
    ok(b && SysStringLen(b) == 3 && !b[3], "SysAllocStringLen(NULL, 3): %u\n", SysStringLen(b));
    SysFreeString(b);
    b = SysAllocStringLen(L"", 0);
    ok(b && !SysStringLen(b) && !b[0], "an empty BSTR is a string\n");
    SysFreeString(b);
}

static void test_byte_len(void)
{
    BSTR b;

    /* an odd number of bytes: the byte length says so, the character length rounds down */
    b = SysAllocStringByteLen("abc", 3);
    ok(b != NULL, "SysAllocStringByteLen failed\n");
    ok(SysStringByteLen(b) == 3, "byte length %u\n", SysStringByteLen(b));
    ok(SysStringLen(b) == 1, "length %u\n", SysStringLen(b));
    ok(!memcmp(b, "abc", 4), "bytes and one NUL after them\n");
    ok(!((char *)b)[3] && !((char *)b)[4], "two NUL bytes after the data\n");
    SysFreeString(b);

    b = SysAllocStringByteLen("x\0y", 3);
    ok(SysStringByteLen(b) == 3 && !memcmp(b, "x\0y", 3), "embedded NUL byte\n");
    SysFreeString(b);
    b = SysAllocStringByteLen(NULL, 6);
    ok(b && SysStringByteLen(b) == 6 && SysStringLen(b) == 3 && !b[3], "without a source: %u\n", SysStringByteLen(b));
    SysFreeString(b);
    b = SysAllocStringByteLen("", 0);
    ok(b && !SysStringByteLen(b) && !b[0], "empty byte string\n");
    SysFreeString(b);
}

static void test_realloc(void)
{
    BSTR b = SysAllocString(L"first");
    BSTR before;

    ok(SysReAllocString(&b, L"a longer second string"), "SysReAllocString failed\n");
    ok(SysStringLen(b) == 22 && !wcscmp(b, L"a longer second string"), "text %s\n", wine_dbgstr_w(b));
    /* the source may be a part of the string being replaced */
    ok(SysReAllocString(&b, b + 9), "SysReAllocString from itself failed\n");
    ok(!wcscmp(b, L"second string") && SysStringLen(b) == 13, "from itself: %s\n", wine_dbgstr_w(b));
    ok(SysReAllocStringLen(&b, b, 6), "SysReAllocStringLen failed\n");
    ok(SysStringLen(b) == 6 && !wcscmp(b, L"second"), "shortened: %s\n", wine_dbgstr_w(b));
    ok(SysReAllocStringLen(&b, L"x\0y", 3), "SysReAllocStringLen with a NUL failed\n");
    ok(SysStringLen(b) == 3 && !memcmp(b, L"x\0y", 8), "with a NUL: %u\n", SysStringLen(b));

    before = NULL;
    ok(SysReAllocString(&before, L"new"), "SysReAllocString of NULL failed\n");
    ok(!wcscmp(before, L"new"), "from NULL: %s\n", wine_dbgstr_w(before));
    SysFreeString(before);

    ok(!SysReAllocString(NULL, L"x"), "SysReAllocString(NULL) succeeded\n");
    SysFreeString(b);
}

static void test_ordinals(void)
{
    static const struct { int ordinal; const char *name; } fixed[] =
    {
        { 2, "SysAllocString" }, { 3, "SysReAllocString" }, { 4, "SysAllocStringLen" },
        { 5, "SysReAllocStringLen" }, { 6, "SysFreeString" }, { 7, "SysStringLen" },
        { 8, "VariantInit" }, { 9, "VariantClear" }, { 10, "VariantCopy" },
        { 149, "SysStringByteLen" }, { 150, "SysAllocStringByteLen" },
    };
    HMODULE module = GetModuleHandleA("oleaut32.dll");

    ok(module != NULL, "oleaut32.dll not loaded\n");
    for (int i = 0; i < ARRAY_SIZE(fixed); i++)
    {
        FARPROC by_ordinal = GetProcAddress(module, MAKEINTRESOURCEA(fixed[i].ordinal));
        ok(by_ordinal && by_ordinal == GetProcAddress(module, fixed[i].name), "ordinal %d is not %s\n",
           fixed[i].ordinal, fixed[i].name);
    }
}

START_TEST(bstr)
{
    test_alloc();
    test_byte_len();
    test_realloc();
    test_ordinals();
}
