/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* msvcrt string, memory, conversion, sorting and ctype basics. */
#define __USE_MINGW_ANSI_STDIO 0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include "wine/test.h"

/* The truncating strncpy/strncat calls below are what is being tested. */
#pragma GCC diagnostic ignored "-Wstringop-truncation"

static void test_str(void)
{
    char buf[32];
    const char *s = "hello world";

    ok(strlen("") == 0 && strlen(s) == 11, "strlen\n");
    ok(strcmp("abc", "abd") < 0 && strcmp("abd", "abc") > 0 && !strcmp("x", "x"), "strcmp\n");
    ok(strcmp("a", "\xe9") < 0, "strcmp must compare unsigned chars\n");
    ok(strncmp("abcX", "abcY", 3) == 0 && strncmp("abcX", "abcY", 4) < 0, "strncmp\n");
    ok(_stricmp("HeLLo", "hello") == 0 && _stricmp("a", "B") < 0, "_stricmp\n");
    ok(_strnicmp("ABCx", "abcy", 3) == 0, "_strnicmp\n");
    strcpy(buf, "abc");
    ok(strcat(buf, "def") == buf && !strcmp(buf, "abcdef"), "strcat: %s\n", buf);
    memset(buf, 'x', sizeof(buf));
    strncpy(buf, "ab", 5);
    ok(!memcmp(buf, "ab\0\0\0x", 6), "strncpy must pad with NULs\n");
    strncpy(buf, "abcdef", 3);
    ok(!memcmp(buf, "abc\0", 4), "strncpy must not terminate when truncating\n");
    strcpy(buf, "ab");
    strncat(buf, "cdef", 2);
    ok(!strcmp(buf, "abcd"), "strncat: %s\n", buf);
    ok(strchr(s, 'o') == s + 4 && strrchr(s, 'o') == s + 7, "strchr/strrchr\n");
    ok(strchr(s, 0) == s + 11, "strchr must find the terminator\n");
    ok(!strchr(s, 'z'), "strchr found a missing char\n");
    ok(strstr(s, "wor") == s + 6 && strstr(s, "") == s && !strstr(s, "xyz"), "strstr\n");
    ok(strspn("aabbc", "ab") == 4 && strcspn("abcde", "dc") == 2, "strspn/strcspn\n");
    ok(strpbrk(s, "wd") == s + 6, "strpbrk\n");
    strcpy(buf, "a,b,,c");
    ok(!strcmp(strtok(buf, ","), "a") && !strcmp(strtok(NULL, ","), "b") &&
       !strcmp(strtok(NULL, ","), "c") && !strtok(NULL, ","), "strtok\n");
    {
        char *dup = _strdup(s);
        ok(dup && dup != s && !strcmp(dup, s), "_strdup\n");
        free(dup);
    }
    strcpy(buf, "MiXeD");
    ok(!strcmp(_strlwr(buf), "mixed") && !strcmp(_strupr(buf), "MIXED"), "_strlwr/_strupr\n");
    strcpy(buf, "abc");
    ok(!strcmp(_strrev(buf), "cba"), "_strrev\n");
}

static void test_mem(void)
{
    char buf[16] = "0123456789";

    ok(memcmp("abc", "abd", 3) < 0 && memcmp("abc", "abd", 2) == 0, "memcmp\n");
    ok(memcmp("\x01", "\xff", 1) < 0, "memcmp must compare unsigned bytes\n");
    ok(memchr(buf, '5', 10) == buf + 5 && !memchr(buf, '5', 5), "memchr\n");
    memmove(buf + 2, buf, 5);
    ok(!memcmp(buf, "0101234789", 10), "memmove forward overlap: %.10s\n", buf);
    memmove(buf, buf + 2, 5);
    ok(!memcmp(buf, "0123434789", 10), "memmove backward overlap: %.10s\n", buf);
    ok(memset(buf, 'z', 3) == buf && !memcmp(buf, "zzz", 3), "memset\n");
    ok(memcpy(buf, "ab", 2) == buf && !memcmp(buf, "abz", 3), "memcpy\n");
    ok(_memicmp("AbC", "aBc", 3) == 0, "_memicmp\n");
}

static void test_wcs(void)
{
    wchar_t buf[32];
    const wchar_t *s = L"wide string";

    ok(wcslen(s) == 11 && wcslen(L"") == 0, "wcslen\n");
    ok(wcscmp(L"abc", L"abd") < 0 && !wcscmp(s, L"wide string"), "wcscmp\n");
    ok(wcsncmp(L"abX", L"abY", 2) == 0, "wcsncmp\n");
    ok(_wcsicmp(L"WIDE", L"wide") == 0, "_wcsicmp\n");
    wcscpy(buf, L"ab");
    wcscat(buf, L"cd");
    ok(!wcscmp(buf, L"abcd"), "wcscpy/wcscat\n");
    ok(wcschr(s, L's') == s + 5 && wcsrchr(s, L'i') == s + 8, "wcschr/wcsrchr\n");
    ok(wcsstr(s, L"str") == s + 5, "wcsstr\n");
    ok(wcstol(L"  -123", NULL, 10) == -123, "wcstol\n");
    ok(!wcscmp(_wcsupr(buf), L"ABCD"), "_wcsupr\n");
}

static void test_strtol(void)
{
    char *end;
    long l;
    unsigned long ul;

    l = strtol("  -42abc", &end, 10);
    ok(l == -42 && !strcmp(end, "abc"), "got %ld, rest %s\n", l, end);
    l = strtol("0x1f", &end, 16);
    ok(l == 31 && !*end, "hex with prefix: %ld\n", l);
    l = strtol("0x1f", &end, 0);
    ok(l == 31, "base 0 hex: %ld\n", l);
    l = strtol("017", &end, 0);
    ok(l == 15, "base 0 octal: %ld\n", l);
    l = strtol("zz", &end, 36);
    ok(l == 35 * 36 + 35, "base 36: %ld\n", l);
    l = strtol("xyz", &end, 10);
    ok(l == 0 && !strcmp(end, "xyz"), "no digits must leave end at the start\n");
    errno = 0;
    l = strtol("99999999999", &end, 10);
    ok(l == LONG_MAX && errno == ERANGE, "overflow: %ld errno %d\n", l, errno);
    errno = 0;
    l = strtol("-99999999999", &end, 10);
    ok(l == LONG_MIN && errno == ERANGE, "underflow: %ld errno %d\n", l, errno);
    ul = strtoul("4294967295", &end, 10);
    ok(ul == 4294967295UL, "strtoul max: %lu\n", ul);
    ul = strtoul("-1", &end, 10);
    ok(ul == 4294967295UL, "strtoul negates: %lu\n", ul);
    ok(_strtoi64("-9223372036854775808", NULL, 10) == (-9223372036854775807LL - 1), "_strtoi64\n");
    ok(_strtoui64("ffffffffffffffff", NULL, 16) == ~0ULL, "_strtoui64\n");
    ok(atoi(" 12abc") == 12 && atol("-7") == -7 && _atoi64("123456789012") == 123456789012LL, "atoi\n");
}

static void test_strtod(void)
{
    char *end;
    double d;

    d = strtod("3.5e2xyz", &end);
    ok(d == 350.0 && !strcmp(end, "xyz"), "got %g rest %s\n", d, end);
    d = strtod("  -.25", &end);
    ok(d == -0.25 && !*end, "got %g\n", d);
    d = strtod("0.1", NULL);
    ok(d == 0.1, "0.1 must be correctly rounded: %.17g\n", d);
    errno = 0;
    d = strtod("1e400", &end);
    ok(d > 1e308 && errno == ERANGE, "overflow: %g errno %d\n", d, errno);
    d = strtod("abc", &end);
    ok(d == 0 && !strcmp(end, "abc"), "no number\n");
    d = strtod("1.7976931348623157e308", NULL);
    ok(d == 1.7976931348623157e308, "DBL_MAX: %.17g\n", d);
    d = atof("2.5");
    ok(d == 2.5, "atof: %g\n", d);
}

static int __cdecl cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

static void test_qsort_bsearch(void)
{
    int values[] = { 5, 3, 9, 1, 7, 3, 0, -4, 8, 2, 6, 4 };
    int key, i, *found;

    qsort(values, ARRAY_SIZE(values), sizeof(int), cmp_int);
    for (i = 1; i < (int)ARRAY_SIZE(values); i++)
        ok(values[i - 1] <= values[i], "not sorted at %d\n", i);
    key = 7;
    found = bsearch(&key, values, ARRAY_SIZE(values), sizeof(int), cmp_int);
    ok(found && *found == 7, "bsearch did not find 7\n");
    key = 10;
    found = bsearch(&key, values, ARRAY_SIZE(values), sizeof(int), cmp_int);
    ok(!found, "bsearch found 10\n");
    qsort(values, 0, sizeof(int), cmp_int);
}

static void test_ctype(void)
{
    int c, alpha = 0, digit = 0, space = 0, upper = 0, punct = 0;

    for (c = 0; c < 128; c++)
    {
        if (isalpha(c)) alpha++;
        if (isdigit(c)) digit++;
        if (isspace(c)) space++;
        if (isupper(c)) upper++;
        if (ispunct(c)) punct++;
    }
    ok(alpha == 52 && digit == 10 && space == 6 && upper == 26 && punct == 32,
       "ASCII classes: %d %d %d %d %d\n", alpha, digit, space, upper, punct);
    ok(isxdigit('f') && isxdigit('F') && !isxdigit('g'), "isxdigit\n");
    ok(toupper('a') == 'A' && tolower('Z') == 'z' && toupper('1') == '1', "toupper/tolower\n");
    ok(!isalpha(EOF), "EOF is not alpha\n");
    ok(iswalpha(L'a') && iswdigit(L'5') && iswspace(L' ') && !iswalpha(L'1'), "iswctype\n");
    ok(towupper(L'a') == L'A', "towupper\n");
}

START_TEST(string)
{
    test_str();
    test_mem();
    test_wcs();
    test_strtol();
    test_strtod();
    test_qsort_bsearch();
    test_ctype();
}
