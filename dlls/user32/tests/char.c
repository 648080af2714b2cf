/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * user32's character functions: CharUpper/CharLower on strings, on one
 * character in the pointer's low word and on counted buffers, in Unicode and in
 * the ANSI code page; CharNext/CharPrev; the IsChar* tests; the OEM conversions.
 */
#include <string.h>
#include <windows.h>
#include "wine/test.h"

static void test_case_mapping(void)
{
    WCHAR w[] = L"Hello, W\x00f6rld \x0434\x0416!";
    char a[] = "MiXeD 123 \xe9\xc9";
    DWORD n;

    ok(CharLowerW(w) == w, "CharLowerW did not return its argument\n");
    ok(!wcscmp(w, L"hello, w\x00f6rld \x0434\x0436!"), "CharLowerW: %s\n", wine_dbgstr_w(w));
    ok(CharUpperW(w) == w, "CharUpperW did not return its argument\n");
    ok(!wcscmp(w, L"HELLO, W\x00d6RLD \x0414\x0416!"), "CharUpperW: %s\n", wine_dbgstr_w(w));

    ok(CharLowerA(a) == a, "CharLowerA did not return its argument\n");
    ok(!strcmp(a, "mixed 123 \xe9\xe9"), "CharLowerA: %s\n", a);
    ok(CharUpperA(a) == a, "CharUpperA did not return its argument\n");
    ok(!strcmp(a, "MIXED 123 \xc9\xc9"), "CharUpperA: %s\n", a);

    /* a pointer below 64K is one character in its low word */
    ok((ULONG_PTR)CharLowerW((WCHAR *)(ULONG_PTR)'Q') == 'q', "CharLowerW on a character\n");
    ok((ULONG_PTR)CharUpperW((WCHAR *)(ULONG_PTR)0x0451) == 0x0401, "CharUpperW on a character\n");
    ok((ULONG_PTR)CharUpperA((char *)(ULONG_PTR)'z') == 'Z', "CharUpperA on a character\n");
    ok((ULONG_PTR)CharLowerA((char *)(ULONG_PTR)0xc0) == 0xe0, "CharLowerA on a character\n");

    /* counted buffers: embedded zeros are characters too */
    memcpy(a, "AB\0CD", 6);
    n = CharLowerBuffA(a, 5);
    ok(n == 5 && !memcmp(a, "ab\0cd", 6), "CharLowerBuffA: %lu\n", n);
    memcpy(w, L"ab\0cd", 6 * sizeof(WCHAR));
    n = CharUpperBuffW(w, 4);
    ok(n == 4 && !memcmp(w, L"AB\0Cd", 6 * sizeof(WCHAR)), "CharUpperBuffW: %lu %s\n", n, wine_dbgstr_wn(w, 5));
    ok(!CharUpperBuffW(NULL, 0), "CharUpperBuffW(NULL, 0)\n");
}

static void test_next_prev(void)
{
    static const char a[] = "ab";
    static const WCHAR w[] = L"ab";

    ok(CharNextA(a) == a + 1, "CharNextA\n");
    ok(CharNextA(a + 2) == a + 2, "CharNextA at the end moved\n");
    ok(CharNextW(w + 1) == w + 2, "CharNextW\n");
    ok(CharNextW(w + 2) == w + 2, "CharNextW at the end moved\n");
    ok(CharPrevA(a, a + 2) == a + 1, "CharPrevA\n");
    ok(CharPrevA(a, a) == a, "CharPrevA before the start\n");
    ok(CharPrevW(w, w + 1) == w, "CharPrevW\n");
    ok(CharPrevW(w, w) == w, "CharPrevW before the start\n");
    ok(CharNextExA(CP_ACP, a, 0) == a + 1, "CharNextExA\n");
}

static void test_is_char(void)
{
    ok(IsCharAlphaW('a') && IsCharAlphaW('Z') && IsCharAlphaW(0x00e9) && IsCharAlphaW(0x0416), "letters\n");
    ok(IsCharAlphaW(0x05d0) && IsCharAlphaW(0x4e2d), "letters without case\n");
    ok(!IsCharAlphaW('1') && !IsCharAlphaW(' ') && !IsCharAlphaW('!') && !IsCharAlphaW(0x00d7), "not letters\n");
    ok(IsCharAlphaNumericW('7') && IsCharAlphaNumericW('x') && !IsCharAlphaNumericW('-'), "alphanumerics\n");
    ok(IsCharUpperW('Q') && !IsCharUpperW('q') && !IsCharUpperW('5') && IsCharUpperW(0x0410), "upper\n");
    ok(IsCharLowerW('q') && !IsCharLowerW('Q') && !IsCharLowerW('5') && IsCharLowerW(0x0430), "lower\n");
    ok(IsCharAlphaA('k') && IsCharAlphaA((char)0xe9) && !IsCharAlphaA('%'), "IsCharAlphaA\n");
    ok(IsCharAlphaNumericA('0') && !IsCharAlphaNumericA('.'), "IsCharAlphaNumericA\n");
    ok(IsCharUpperA((char)0xc9) && !IsCharUpperA((char)0xe9), "IsCharUpperA\n");
    ok(IsCharLowerA((char)0xe9) && !IsCharLowerA('E'), "IsCharLowerA\n");
}

static void test_oem(void)
{
    char oem[8], ansi[8];
    WCHAR w[8];

    /* e-acute is 0xe9 in code page 1252 and 0x82 in code page 437 */
    ok(CharToOemA("\xe9t\xe9", oem), "CharToOemA failed\n");
    ok(!strcmp(oem, "\x82t\x82"), "CharToOemA: %s\n", oem);
    ok(OemToCharA(oem, ansi), "OemToCharA failed\n");
    ok(!strcmp(ansi, "\xe9t\xe9"), "OemToCharA: %s\n", ansi);
    ok(CharToOemW(L"\x00e9!", oem) && !strcmp(oem, "\x82!"), "CharToOemW: %s\n", oem);
    ok(OemToCharW("\x82!", w) && !wcscmp(w, L"\x00e9!"), "OemToCharW: %s\n", wine_dbgstr_w(w));
    memset(oem, 'x', sizeof(oem));
    ok(CharToOemBuffA("\xe9\xe9\xe9", oem, 2) && !memcmp(oem, "\x82\x82x", 3), "CharToOemBuffA\n");
    /* the same buffer in and out */
    strcpy(ansi, "\xe9!");
    ok(CharToOemA(ansi, ansi) && !strcmp(ansi, "\x82!"), "CharToOemA in place: %s\n", ansi);
}

START_TEST(char)
{
    test_case_mapping();
    test_next_prev();
    test_is_char();
    test_oem();
}
