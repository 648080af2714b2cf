/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * user32's wsprintfA/W: the types and flags Windows documents, strings of the
 * other width (%S, %hs, %ls), NULL strings and the 1024-character limit (where the
 * output is cut, Wine 8.0 returns 1024 and the documentation 1023: only the text is checked).
 */
#include <string.h>
#include <windows.h>
#include "wine/test.h"

static void test_narrow(void)
{
    char buf[2048], big[1500];
    int n;

    n = wsprintfA(buf, "%d|%5d|%-5d|%05d|%i", -42, 7, 7, 7, 0);
    ok(n == 23 && !strcmp(buf, "-42|    7|7    |00007|0"), "%d: %s\n", n, buf);
    n = wsprintfA(buf, "%u %x %X %#x %#X %08x", 4000000000u, 255, 255, 255, 255, 0xbeef);
    ok(!strcmp(buf, "4000000000 ff FF 0xff 0XFF 0000beef"), "%d: %s\n", n, buf);
    n = wsprintfA(buf, "%.3d|%010ld|%I32x|%Ix", 5, -1, 0xabc, (ULONG_PTR)0x123456789);
    ok(!strcmp(buf, "005|-000000001|abc|123456789"), "%d: %s\n", n, buf);
    n = wsprintfA(buf, "%I64d %I64u %I64x", (LONG64)-5000000000, (ULONG64)18000000000000000000u,
                  (ULONG64)0x123456789a);
    ok(!strcmp(buf, "-5000000000 18000000000000000000 123456789a"), "%d: %s\n", n, buf);
    n = wsprintfA(buf, "[%s] [%5s] [%-5s] [%.2s] [%S] [%hs] [%ls]", "abc", "ab", "ab", "abcdef", L"wide",
                  "narrow", L"long");
    ok(!strcmp(buf, "[abc] [   ab] [ab   ] [ab] [wide] [narrow] [long]"), "%d: %s\n", n, buf);
    n = wsprintfA(buf, "%c%C%3c%%", 'x', L'y', 'z');
    ok(n == 6 && !strcmp(buf, "xy  z%"), "%d: %s\n", n, buf);
    n = wsprintfA(buf, "%s", (char *)NULL);
    ok(n == 6 && !strcmp(buf, "(null)"), "%d: %s\n", n, buf);
    n = wsprintfA(buf, "%p", (void *)0x1234);
    ok(n == 16 && !strcmp(buf, "0000000000001234"), "%d: %s\n", n, buf);

    /* at most 1024 characters with the zero: the rest is cut */
    memset(big, 'q', sizeof(big) - 1);
    big[sizeof(big) - 1] = 0;
    n = wsprintfA(buf, "%s", big);
    ok(strlen(buf) == 1023, "long output: %d %u\n", n, (unsigned)strlen(buf));
}

static void test_wide(void)
{
    WCHAR buf[64];
    int n;

    n = wsprintfW(buf, L"%s|%S|%hs|%ls|%c|%C", L"w", "n", "h", L"l", L'c', 'C');
    ok(n == 11 && !wcscmp(buf, L"w|n|h|l|c|C"), "%d: %s\n", n, wine_dbgstr_w(buf));
    n = wsprintfW(buf, L"%d %04X %s", -1, 0xab, (WCHAR *)NULL);
    ok(!wcscmp(buf, L"-1 00AB (null)"), "%d: %s\n", n, wine_dbgstr_w(buf));
    n = wsprintfW(buf, L"%S", "\xe9");
    ok(n == 1 && buf[0] == 0x00e9, "%d: %#x\n", n, buf[0]);
}

START_TEST(wsprintf)
{
    test_narrow();
    test_wide();
}
