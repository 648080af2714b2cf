/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sscanf conformance table for msvcrt.dll. */
#define __USE_MINGW_ANSI_STDIO 0
#include <stdio.h>
#include <string.h>
#include <math.h>
#include "wine/test.h"

enum scan_type { S_INT, S_UINT, S_LL, S_DBL, S_FLT, S_STR, S_CHARS, S_SHORT, S_PTR };

struct scan_case
{
    const char *input;
    const char *fmt;
    enum scan_type type;
    int ret;                /* what sscanf returns */
    long long ival;         /* expected integer result */
    double dval;            /* expected floating result */
    const char *sval;       /* expected string result */
};

static const struct scan_case cases[] =
{
    { "42", "%d", S_INT, 1, 42 },
    { "  -17xyz", "%d", S_INT, 1, -17 },
    { "+5", "%d", S_INT, 1, 5 },
    { "0x1A", "%x", S_INT, 1, 26 },
    { "1A", "%X", S_INT, 1, 26 },
    { "0x1A", "%i", S_INT, 1, 26 },
    { "017", "%i", S_INT, 1, 15 },
    { "017", "%d", S_INT, 1, 17 },
    { "777", "%o", S_INT, 1, 511 },
    { "12345", "%3d", S_INT, 1, 123 },
    { "4294967295", "%u", S_UINT, 1, 4294967295LL },
    { "-1", "%u", S_UINT, 1, 4294967295LL },
    { "123456789012345", "%I64d", S_LL, 1, 123456789012345LL },
    { "-9223372036854775808", "%lld", S_LL, 1, -9223372036854775807LL - 1 },
    { "ffffffffffffffff", "%I64x", S_LL, 1, -1LL },
    { "70000", "%hd", S_SHORT, 1, 4464 },
    { "abc", "%d", S_INT, 0, 0 },
    { "", "%d", S_INT, -1, 0 },
    { "x=5", "x=%d", S_INT, 1, 5 },
    { "y=5", "x=%d", S_INT, 0, 0 },
    { "3.25", "%lf", S_DBL, 1, 0, 3.25 },
    { "-1e3", "%lf", S_DBL, 1, 0, -1000.0 },
    { "1.5E-2", "%le", S_DBL, 1, 0, 0.015 },
    { ".5", "%lg", S_DBL, 1, 0, 0.5 },
    { "2.5", "%f", S_FLT, 1, 0, 2.5 },
    { "123.456", "%4lf", S_DBL, 1, 0, 123.0 },
    { "hello world", "%s", S_STR, 1, 0, 0, "hello" },
    { "  padded", "%s", S_STR, 1, 0, 0, "padded" },
    { "abcdef", "%3s", S_STR, 1, 0, 0, "abc" },
    { "abc123", "%[a-z]", S_STR, 1, 0, 0, "abc" },
    { "abc123", "%[^0-9]", S_STR, 1, 0, 0, "abc" },
    { "a]b", "%[]a]", S_STR, 1, 0, 0, "a]" },
    { "123abc", "%[a-z]", S_STR, 0, 0, 0, "" },
    { " xy", "%2c", S_CHARS, 1, 0, 0, " x" },
    { "0000000000001234", "%p", S_PTR, 1, 0x1234 },
};

static void test_table(void)
{
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(cases); i++)
    {
        const struct scan_case *c = &cases[i];
        int iv = 0x7777, ret;
        unsigned int uv = 0;
        long long llv = 0;
        short sv = 0;
        double dv = 0;
        float fv = 0;
        void *pv = NULL;
        char str[32];

        winetest_push_context("%u: \"%s\" \"%s\"", i, c->input, c->fmt);
        memset(str, 0, sizeof(str));
        switch (c->type)
        {
        case S_INT:
            ret = sscanf(c->input, c->fmt, &iv);
            ok(ret == c->ret, "returned %d\n", ret);
            if (c->ret == 1) ok(iv == c->ival, "got %d\n", iv);
            else ok(iv == 0x7777, "variable written: %d\n", iv);
            break;
        case S_UINT:
            ret = sscanf(c->input, c->fmt, &uv);
            ok(ret == c->ret, "returned %d\n", ret);
            ok(uv == (unsigned int)c->ival, "got %u\n", uv);
            break;
        case S_LL:
            ret = sscanf(c->input, c->fmt, &llv);
            ok(ret == c->ret, "returned %d\n", ret);
            ok(llv == c->ival, "got %s\n", wine_dbgstr_longlong(llv));
            break;
        case S_SHORT:
            ret = sscanf(c->input, c->fmt, &sv);
            ok(ret == c->ret, "returned %d\n", ret);
            ok(sv == c->ival, "got %d\n", sv);
            break;
        case S_DBL:
            ret = sscanf(c->input, c->fmt, &dv);
            ok(ret == c->ret, "returned %d\n", ret);
            ok(dv == c->dval, "got %.17g\n", dv);
            break;
        case S_FLT:
            ret = sscanf(c->input, c->fmt, &fv);
            ok(ret == c->ret, "returned %d\n", ret);
            ok(fv == (float)c->dval, "got %.9g\n", fv);
            break;
        case S_STR:
        case S_CHARS:
            ret = sscanf(c->input, c->fmt, str);
            ok(ret == c->ret, "returned %d\n", ret);
            ok(!strcmp(str, c->sval), "got \"%s\"\n", str);
            break;
        case S_PTR:
            ret = sscanf(c->input, c->fmt, &pv);
            ok(ret == c->ret, "returned %d\n", ret);
            ok(pv == (void *)(ULONG_PTR)c->ival, "got %p\n", pv);
            break;
        }
        winetest_pop_context();
    }
}

static void test_multiple(void)
{
    char name[16], c;
    int a = 0, b = 0, n = -1, ret;
    double d = 0;

    ret = sscanf("10 20 3.5 name", "%d %d %lf %15s", &a, &b, &d, name);
    ok(ret == 4, "returned %d\n", ret);
    ok(a == 10 && b == 20 && d == 3.5 && !strcmp(name, "name"), "got %d %d %g %s\n", a, b, d, name);

    ret = sscanf("1,2", "%d,%d%n", &a, &b, &n);
    ok(ret == 2, "%%n must not be counted: returned %d\n", ret);
    ok(n == 3, "%%n gave %d\n", n);

    ret = sscanf("7 8", "%*d %d", &a);
    ok(ret == 1 && a == 8, "suppressed assignment: %d %d\n", ret, a);

    ret = sscanf("5", "%d %d", &a, &b);
    ok(ret == 1, "input ended early: returned %d\n", ret);

    ret = sscanf("%z", "%%%c", &c);
    ok(ret == 1 && c == 'z', "literal percent: %d %c\n", ret, c);
}

START_TEST(scanf)
{
    test_table();
    test_multiple();
}
