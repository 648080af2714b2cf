/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* scanf through __stdio_common_vsscanf and friends: lengths, the secure family, wide specifiers. */
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include "wine/test.h"

static int __cdecl common_sscanf(unsigned __int64 options, const char *str, size_t len, const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = __stdio_common_vsscanf(options, str, len, fmt, NULL, ap);
    va_end(ap);
    return ret;
}

static int __cdecl common_swscanf(unsigned __int64 options, const wchar_t *str, size_t len, const wchar_t *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = __stdio_common_vswscanf(options, str, len, fmt, NULL, ap);
    va_end(ap);
    return ret;
}

static void test_sscanf(void)
{
    char word[16];
    int a = 0, b = 0;
    double d = 0;
    long long ll = 0;
    int ret;

    ret = sscanf("12 abc 3.5 -9000000000", "%d %15s %lf %lld", &a, word, &d, &ll);
    ok(ret == 4, "sscanf returned %d\n", ret);
    ok(a == 12 && !strcmp(word, "abc") && d == 3.5 && ll == -9000000000ll, "got %d %s %g %lld\n", a, word, d, ll);
    ret = sscanf("", "%d", &a);
    ok(ret == EOF, "empty input: %d\n", ret);
    ret = sscanf("x", "%d", &a);
    ok(ret == 0, "no match: %d\n", ret);

    /* the length bounds the input, NUL or not */
    a = 0;
    ret = common_sscanf(0, "12345", 3, "%d%n", &a, &b);
    ok(ret == 1 && a == 123 && b == 3, "length 3: %d %d %d\n", ret, a, b);
}

static void test_c99_floats(void)
{
    double a = 0, b = 0, c = 0, d = 0, e = 0;
    int ret;

    ret = sscanf("inf -Infinity nan 0x1.8p1 1e3", "%lf %lf %lf %lf %lf", &a, &b, &c, &d, &e);
    ok(ret == 5, "sscanf returned %d\n", ret);
    ok(a > 1e308 && b < -1e308 && c != c && d == 3.0 && e == 1000.0, "got %g %g %g %g %g\n", a, b, c, d, e);
    ret = sscanf("0x1Fp-4 INFx", "%lf %lf%c", &a, &b, (char *)&c);
    ok(ret == 3 && a == 1.9375 && b > 1e308 && *(char *)&c == 'x', "hex and INF: %d %g\n", ret, a);
}

static void test_secure(void)
{
    char little[4], big[16];
    char c[2];
    int ret;

    ret = sscanf_s("abc defghij", "%s %s", little, (unsigned)sizeof(little), big, (unsigned)sizeof(big));
    ok(ret == 2 && !strcmp(little, "abc") && !strcmp(big, "defghij"), "got %d %s %s\n", ret, little, big);
    memset(little, 'x', sizeof(little));
    ret = sscanf_s("abcd efg", "%s %s", little, (unsigned)sizeof(little), big, (unsigned)sizeof(big));
    ok(ret == 0, "too long for the buffer: %d\n", ret);
    ok(little[0] == 0, "the buffer is left empty\n");
    ret = sscanf_s("xy", "%c%c", &c[0], 1u, &c[1], 1u);
    ok(ret == 2 && c[0] == 'x' && c[1] == 'y', "chars: %d\n", ret);
}

static void test_wide(void)
{
    wchar_t w[16];
    char n[16];
    int ret;

    /* the headers' default: %s in the wide family stores wide characters */
    ret = swscanf(L"hello world", L"%15s %15S", w, n);
    ok(ret == 2 && !wcscmp(w, L"hello") && !strcmp(n, "world"), "legacy: %d\n", ret);
    /* without LEGACY_WIDE_SPECIFIERS, %s stores narrow ones and %ls wide (the ISO rule
     * _CRT_STDIO_ISO_WIDE_SPECIFIERS selects); Wine 8.0 ignores the option and stores wide ones */
    memset(n, 0, sizeof(n));
    ret = common_swscanf(0, L"abc def", (size_t)-1, L"%15s %15ls", n, w);
    todo_wine ok(ret == 2 && !strcmp(n, "abc") && !wcscmp(w, L"def"), "C99: %d %s\n", ret, n);
}

START_TEST(scanf)
{
    test_sscanf();
    test_c99_floats();
    test_secure();
    test_wide();
}
