/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Host tests of the msvcrt formatter.  Standard conversions are checked
 * against glibc (correctly rounded; its two-digit exponents are widened to
 * msvcrt's three and its halfway-to-even results replaced by msvcrt's
 * halfway-away ones); msvcrt-only behaviour against strings observed from
 * msvcrt under Wine.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fenv.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windef.h>

int ms_sprintf(char *buf, const char *fmt, ...);
int ms__snprintf(char *buf, size_t n, const char *fmt, ...);
int ms__scprintf(const char *fmt, ...);
int ms_swprintf(WCHAR *buf, const WCHAR *fmt, ...);
int ms__snwprintf(WCHAR *buf, size_t n, const WCHAR *fmt, ...);
int ms__scwprintf(const WCHAR *fmt, ...);
int ms_sscanf(const char *s, const char *fmt, ...);
int ms_swscanf(const WCHAR *s, const WCHAR *fmt, ...);
int ms__snscanf(const char *s, size_t n, const char *fmt, ...);
double ms_strtod(const char *s, char **end);
double ms_wcstod(const WCHAR *s, WCHAR **end);
double ms_atof(const char *s);

static int ms_errno;
int *ms__errno(void) { return &ms_errno; }

static int passed, failed;

#define CHECK(cond, ...) do { if (cond) passed++; else { failed++; if (failed < 60) { printf("%s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } } while (0)

#define W(s) ((const WCHAR *)u"" s)

static char out[8192];

#define EXPECT(want, ...) do { int r_ = ms_sprintf(out, __VA_ARGS__); \
    CHECK(!strcmp(out, want) && r_ == (int)strlen(want), "%s: got [%s] (%d) want [%s]", #__VA_ARGS__, out, r_, want); } while (0)

static void narrow(char *dst, const WCHAR *src)
{
    while ((*dst++ = (char)*src++))
        ;
}

static unsigned long long rnd_state = 88172645463325252ull;
static unsigned long long rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return rnd_state;
}

static double from_bits(unsigned long long u) { double d; memcpy(&d, &u, 8); return d; }

/* glibc's "e+05" -> msvcrt's "e+005", taking the extra digit out of any
 * padding so the field keeps its width. */
static void widen_exponent(char *s, int width)
{
    char *e = strpbrk(s, "eE");
    size_t n, len;

    if (!e || !(e[1] == '+' || e[1] == '-'))
        return;
    n = strlen(e + 2);
    if (n < 3) {
        memmove(e + 2 + (3 - n), e + 2, n + 1);
        memset(e + 2, '0', 3 - n);
    }
    len = strlen(s);
    while ((int)len > width && len > 1) {
        if (s[0] == ' ' && s[1] == ' ')
            memmove(s, s + 1, len--);
        else if ((s[0] == ' ' || s[0] == '+' || s[0] == '-') && s[1] == '0' && s[2] != '.' && s[2] != 'e' && s[2] != 'E')
            memmove(s + 1, s + 2, len-- - 1);
        else if (s[len - 1] == ' ')
            s[--len] = 0;
        else
            break;
    }
}

static int format_width(const char *fmt)
{
    while (*fmt && (*fmt < '1' || *fmt > '9') && *fmt != '.')
        fmt++;
    return (*fmt >= '1' && *fmt <= '9') ? atoi(fmt) : 0;
}

/* Is the value exactly halfway at the cut glibc made for this conversion? */
static int is_tie(char conv, int prec, double v)
{
    static char a[4096], b[4096];
    const char *ef = conv == 'f' ? "%.*f" : "%.*e";
    int extra = conv == 'g' ? (prec ? prec : 1) : prec + 1;
    char *ea, *eb;
    size_t la;

    snprintf(a, sizeof a, ef, extra, fabs(v));
    snprintf(b, sizeof b, ef, extra + 1100, fabs(v));
    ea = conv == 'f' ? a + strlen(a) : strchr(a, 'e');
    eb = conv == 'f' ? b + strlen(b) : strchr(b, 'e');
    la = (size_t)(ea - a);
    if (ea[-1] != '5' || strncmp(a, b, la))
        return 0;
    for (const char *p = b + la; p < eb; p++)
        if (*p != '0')
            return 0;
    return 1;
}

static void check_float(const char *fmt, char conv, int prec, double v)
{
    static char want[4096];
    int r = ms_sprintf(out, fmt, prec, v);

    snprintf(want, sizeof want, fmt, prec, v);
    widen_exponent(want, format_width(fmt));
    if (strcmp(out, want) && conv != 'a' && is_tie(conv, prec, v)) {
        /* glibc rounding away from zero gives msvcrt's tie result, except
         * that it drops a digit of %#g when the rounding carries */
        if (conv == 'g' && strchr(fmt, '#'))
            return;
        fesetround(signbit(v) ? FE_DOWNWARD : FE_UPWARD);
        snprintf(want, sizeof want, fmt, prec, v);
        fesetround(FE_TONEAREST);
        widen_exponent(want, format_width(fmt));
    }
    CHECK(!strcmp(out, want) && r == (int)strlen(want), "%s %d %a: got [%s] want [%s]", fmt, prec, v, out, want);
}

static void test_floats_vs_glibc(void)
{
    static const int precs[] = { 0, 1, 2, 3, 5, 6, 8, 10, 13, 15, 16, 17, 18, 20, 25, 40, 60, 100, 340, 800 };
    static const char *fmts[] = { "%.*f", "%.*e", "%.*g", "%.*E", "%.*G", "%#.*g", "%+.*e", "%-+30.*f", "% 040.*g", "%#.*e" };
    static const double specials[] = { 0.0, -0.0, 1.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 9.5, 99.5, 999999.5, 0.1, 1e22, 1e23,
        5e-324, 2.2250738585072014e-308, 2.2250738585072009e-308, 1.7976931348623157e308, 123456789012345678.0,
        9.999999999999999e22, 0.000123456, 1e-5, 1e-4, 123456.0, 1234567.0, 0.05, 0.25, 1e100, 9.9999e-5, 0.99999999 };
    int i, j, k;

    for (i = 0; i < (int)(sizeof specials / sizeof *specials); i++)
        for (j = 0; j < (int)(sizeof precs / sizeof *precs); j++)
            for (k = 0; k < (int)(sizeof fmts / sizeof *fmts); k++)
                check_float(fmts[k], fmts[k][strlen(fmts[k]) - 1] | 0x20, precs[j], specials[i]);

    for (i = 0; i < 3000; i++) {
        unsigned long long u = rnd();
        double v;
        if (i % 5 == 0)
            u &= 0x800fffffffffffffull;                     /* subnormal */
        else if (i % 5 == 1)
            u = (u & 0x800fffffffffffffull) | ((0x3c0ull + rnd() % 0x80) << 52); /* near 1 */
        else if (i % 5 == 2)
            u &= 0xfff0000000000000ull | (rnd() & 0xff) << 44; /* short mantissas: many ties */
        v = from_bits(u);
        if (isnan(v) || isinf(v))
            continue;
        for (j = 0; j < (int)(sizeof precs / sizeof *precs); j++) {
            if (precs[j] > 40 && i % 10)
                continue;
            check_float("%.*f", 'f', precs[j], v);
            check_float("%.*e", 'e', precs[j], v);
            check_float("%.*g", 'g', precs[j], v);
        }
        check_float("%.*a", 'a', 13, v);
        check_float("%.*a", 'a', 20, v);
    }
}

static void test_float_msvcrt(void)
{
    double inf = INFINITY, qnan = from_bits(0x7ff8000000000000ull), ind = from_bits(0xfff8000000000000ull);

    EXPECT("[1.#INF00][1.#INF00e+000][1.#INF][0x1.#INF000000000p+0][1.#J][1][     1.#IO][1.#INF00  ][1.#INF00E+000][1.#INF]",
           "[%f][%e][%g][%a][%.2f][%.0f][%10.3f][%-10.6f][%E][%G]", inf, inf, inf, inf, inf, inf, inf, inf, inf, inf);
    EXPECT("[-1.#INF00][-1.#INF00e+000][-1.#INF][-0x1.#INF000000000p+0][-1.#J][-1][-1.$][+1.#INF00]",
           "[%f][%e][%g][%a][%.2f][%.0f][%.1f][%+f]", -inf, -inf, -inf, -inf, -inf, -inf, -inf, inf);
    EXPECT("[1.#QNAN0][1.#QNAN0e+000][1.#QNAN][0x1.#QNAN00000000p+0][1.#R][1][1.$][1.#QO]",
           "[%f][%e][%g][%a][%.2f][%.0f][%.1f][%.3f]", qnan, qnan, qnan, qnan, qnan, qnan, qnan, qnan);
    EXPECT("[-1.#IND00][-1.#IND00e+000][-1.#IND][-0x1.#IND000000000p+0][-1.#J][-1][-1.$][-1.#IO]",
           "[%f][%e][%g][%a][%.2f][%.0f][%.1f][%.3f]", ind, ind, ind, ind, ind, ind, ind, ind);
    EXPECT("[-1.#IND00][1.#QNAN0][1.#INF][1][1.$][1.#QNAN][1.#QNAN0000][1.#QOe+000][0x1.$p+0][1.#QNAN000000000000000]",
           "[%f][%f][%g][%.1g][%#.2g][%.10g][%#.10g][%.3e][%.1a][%.20f]", ind, from_bits(0x7ff8000000000001ull), inf, inf,
           inf, qnan, qnan, qnan, inf, qnan);
    EXPECT("[1.#SNAN0][-1.#QNAN0]", "[%f][%f]", from_bits(0x7ff0000000000001ull), from_bits(0xfff8000000000001ull));
    EXPECT("[001.#QNAN0][-0000001.$][ 1.#INF00]", "[%010f][%010.1f][% f]", qnan, ind, inf);
    EXPECT("[1.000000e+000][1e+020][1e-005][1E-300][1.00000][0.0001][0x1.000p+0][0x1.0000000000000p+0][0X1.FF00000000000P+7][0x0.0000000000000p+0][0x0.0000000000001p-1022]",
           "[%e][%g][%g][%G][%#g][%g][%.3a][%a][%A][%a][%a]", 1.0, 1e20, 1e-5, 1e-300, 1.0, 0.0001, 1.0, 1.0, 255.5, 0.0, 5e-324);
    EXPECT("[0.10000000000000000555][1.000000000000000055511151231258e-001][0.10000000000000001][123456][1.23457e+006][1.00][100000]",
           "[%.20f][%.30e][%.17g][%g][%g][%#.3g][%g]", 0.1, 0.1, 0.1, 123456.0, 1234567.0, 1.0, 100000.0);
    EXPECT("[1e+004][1.e+000][1.][1][2][3]", "[%.0e][%#.0e][%#.0f][%.0f][%.0f][%.0f]", 12345.0, 1.0, 1.0, 0.5, 1.5, 2.5);
    EXPECT("[-0001.50][+0001.50][    1.50][1.50    |][1.#INF00][1.#INF00e+000]",
           "[%08.2f][%+08.2f][% 8.2f][%-8.2f|][%08f][%010e]", -1.5, 1.5, 1.5, 1.5, inf, inf);
    EXPECT("[0x2.0p+0][0x2p+0][-0x0.0000000000000p+0][0x1.0000000000000p-1022][0x1.00000000000000000000p+0]",
           "[%.1a][%.0a][%a][%a][%.20a]", 1.96875, 1.5, -0.0, 2.2250738585072014e-308, 1.0);
    EXPECT("[-0.000000][-0.000000e+000][-0][5e+000][5.e+000][+0.000123][1e-005][1.23457e+008]",
           "[%f][%e][%g][%.0e][%#.0e][%+.3g][%g][%g]", -0.0, -0.0, -0.0, 5.0, 5.0, 0.0001234, 1e-5, 123456789.0);
    EXPECT("[0.13][0.4][1e+001][0x1.8p+1][0x0.8p-1022]", "[%.2f][%.1f][%.0e][%.1a][%.1a]", 0.125, 0.375, 9.5, 3.0,
           from_bits(0x0008000000000000ull));
    EXPECT("[3.14][   2.500]", "[%.*f][%*.*f]", 2, 3.14159, 8, 3, 2.5);
    EXPECT("[1.500000][1.500000]", "[%Lf][%lf]", 1.5, 1.5);
}

static void test_integers(void)
{
    static const char *flags[] = { "", "-", "+", " ", "#", "0", "-+", "+0", "#0", "- #", "0 " };
    static const char *widths[] = { "", "1", "5", "12", "25" };
    static const char *precs[] = { "", ".0", ".1", ".3", ".10", ".22" };
    static const char convs[] = "diuoxX";
    static const long long vals[] = { 0, 1, -1, 7, 8, 15, 16, 255, -255, 32767, -32768, 65535, 2147483647,
        -2147483647 - 1, 4294967295ll, 9223372036854775807ll, -9223372036854775807ll - 1, 0x123456789abcdefll, 1000000 };
    char fmt[64], want[256];
    size_t f, w, p, c, v;
    int size;

    for (f = 0; f < sizeof flags / sizeof *flags; f++)
    for (w = 0; w < sizeof widths / sizeof *widths; w++)
    for (p = 0; p < sizeof precs / sizeof *precs; p++)
    for (c = 0; c < 6; c++)
    for (size = 0; size < 4; size++)
    for (v = 0; v < sizeof vals / sizeof *vals; v++) {
        static const char *ms_size[] = { "", "h", "ll", "I64" }, *gl_size[] = { "", "h", "ll", "ll" };
        int r;
        snprintf(fmt, sizeof fmt, "%%%s%s%s%s%c", flags[f], widths[w], precs[p], gl_size[size], convs[c]);
        if (size >= 2)
            snprintf(want, sizeof want, fmt, vals[v]);
        else
            snprintf(want, sizeof want, fmt, (int)vals[v]);
        snprintf(fmt, sizeof fmt, "%%%s%s%s%s%c", flags[f], widths[w], precs[p], ms_size[size], convs[c]);
        r = size >= 2 ? ms_sprintf(out, fmt, vals[v]) : ms_sprintf(out, fmt, (int)vals[v]);
        CHECK(!strcmp(out, want) && r == (int)strlen(want), "%s %lld: got [%s] want [%s]", fmt, vals[v], out, want);
    }

    EXPECT("[-1099511627776][-5][-7][4611686018427387904][300][4464][-1][3][4][fedcba9876543210]",
           "[%I64d][%I32d][%Id][%lld][%hhd][%hd][%zd][%td][%jd][%I64x]", -1ll << 40, -5, -7ll, 1ll << 62, 300, 70000,
           (size_t)-1, 3ll, 4ll, 0xfedcba9876543210ull);
    EXPECT("[4294967295][ffffffff][2345][1234][-1]", "[%lu][%lx][%hx][%hhx][%ld]", 4294967295u, 0xffffffffu, 0x12345, 0x1234, -1);
    EXPECT("[010][0xff][0XFF][+5][ 5][-0042][42   |][007][     007][0][][    0]",
           "[%#o][%#x][%#X][%+d][% d][%05d][%-5d|][%.3d][%08.3d][%#.0o][%.0d][%#5x]", 8, 255, 255, 5, 5, -42, 42, 7, 7, 0, 0, 0);
    EXPECT("[    1][2    |][3   |][abc][5]", "[%*d][%-*d|][%*d|][%.*s][%.*d]", 5, 1, 5, 2, -4, 3, -1, "abc", -3, 5);
    EXPECT("[-9223372036854775808][18446744073709551615][123][ABC]", "[%lld][%I64u][%llx][%I64X]",
           -9223372036854775807ll - 1, 18446744073709551615ull, 0x123ll, 0xabcll);
}

static void test_strings_and_misc(void)
{
    int n = -7, r;
    short hn = -1;
    long long lln = -1;
    WCHAR wbuf[128];
    struct { USHORT len, max; const void *buf; } ansi = { 3, 5, "abcde" }, uni = { 4, 6, u"xyz" };

    EXPECT("[000000001234ABCD][0X000000001234ABCD][    0000000000000012][0000000000000012    |][FF]",
           "[%p][%#p][%20p][%-20p|][%X]", (void *)0x1234abcd, (void *)0x1234abcd, (void *)0x12, (void *)0x12, 255);
    EXPECT("[wide][S][hs][ws][C][l][w][h]", "[%ls][%S][%hs][%ws][%C][%lc][%wc][%hc]", W("wide"), W("S"), "hs", W("ws"),
           'C', 'l', 'w', 'h');
    EXPECT("[abc][        xy][(null)][(null)][   (nu]", "[%.3s][%10.2s][%s][%ls][%6.3s]", "abcdef", "xyz", (char *)0,
           (WCHAR *)0, (char *)0);
    EXPECT("[a][    b][c    |][000ab][0000x]", "[%c][%5c][%-5c|][%05s][%05c]", 'a', 'b', 'c', "ab", 'x');
    EXPECT("[%][y][k][%][]]", "[%%][%y][%k][%5%][%F]]");
    EXPECT("[1.500000][2.500000]", "[%Nf][%Ff]", 1.5, 2.5);
    EXPECT("[abc][xy][(null)]", "[%Z][%wZ][%Z]", &ansi, &uni, (void *)0);
    EXPECT("[\xe9][]", "[%ls][%lc]", W("\u00e9"), 0x3b1);
    EXPECT("ab", "ab%");

    r = ms_sprintf(out, "[%ls]", W("a\u03b1z"));
    CHECK(r == -1, "unmappable %%ls: %d", r);
    r = ms_sprintf(out, "ab%ncd%hn%lln", &n, &hn, &lln);
    CHECK(r == 4 && n == 2 && hn == 4 && lln == 4, "%%n: %d %d %d %lld", r, n, hn, (long long)lln);

    memset(out, '#', 20);
    r = ms__snprintf(out, 5, "abcdefgh");
    CHECK(r == -1 && !memcmp(out, "abcde#", 6), "_snprintf trunc %d", r);
    memset(out, '#', 20);
    r = ms__snprintf(out, 8, "abcdefgh");
    CHECK(r == 8 && !memcmp(out, "abcdefgh#", 9), "_snprintf exact %d", r);
    r = ms__snprintf(out, 9, "abcdefgh");
    CHECK(r == 8 && !strcmp(out, "abcdefgh"), "_snprintf fits %d", r);
    r = ms__snprintf(NULL, 0, "%d", 12345);
    CHECK(r == 5, "_snprintf measure %d", r);
    r = ms__snprintf(out, 0, "");
    CHECK(r == 0, "_snprintf empty %d", r);
    r = ms__scprintf("%d%s", 12345, "xy");
    CHECK(r == 7, "_scprintf %d", r);

    r = ms_swprintf(wbuf, W("[%s][%S][%hs][%ls][%c][%C][%hc][%d][%5.1f][%ws]"), W("ws"), "ns", "hs", W("ls"), 'c', 'C', 'h', 5, 2.25, W("w"));
    narrow(out, wbuf);
    CHECK(r == 38 && !strcmp(out, "[ws][ns][hs][ls][c][C][h][5][  2.3][w]"), "swprintf %d [%s]", r, out);
    r = ms_swprintf(wbuf, W("[%s][%c]"), W("\u03b1\u4e00"), 0x4e00);
    CHECK(r == 7 && wbuf[1] == 0x3b1 && wbuf[2] == 0x4e00 && wbuf[5] == 0x4e00, "swprintf wide chars %d", r);
    wbuf[3] = 'Q';
    r = ms__snwprintf(wbuf, 3, W("abcdef"));
    CHECK(r == -1 && wbuf[2] == 'c' && wbuf[3] == 'Q', "_snwprintf %d", r);
    r = ms__scwprintf(W("%s"), W("abcd"));
    CHECK(r == 4, "_scwprintf %d", r);
}

static void test_strtod(void)
{
    static const struct { const char *s; double v; int end, erange; } cases[] = {
        { "0x1p3", 8, 5, 0 }, { "inf", INFINITY, 3, 0 }, { "-INFINITY", -INFINITY, 9, 0 }, { "1e400", INFINITY, 5, 1 },
        { "1e-400", 0, 6, 1 }, { "4.9e-324", 5e-324, 8, 1 }, { "  -1.5e+3x", -1500, 9, 0 }, { ".5", 0.5, 2, 0 },
        { "5.", 5, 2, 0 }, { ".", 0, 0, 0 }, { "-", 0, 0, 0 }, { "1e", 1, 1, 0 }, { "1e+", 1, 1, 0 }, { "0x", 0, 1, 0 },
        { "1.#INF", 1, 2, 0 }, { "2.2250738585072011e-308", 2.2250738585072009e-308, 23, 1 }, { "1d5", 1, 1, 0 },
        { "+.e1", 0, 0, 0 }, { "00012", 12, 5, 0 }, { "  \t\n7", 7, 5, 0 }, { "0x1.fffffffffffff8p0", 2, 20, 0 },
        { "0x1.fffffffffffff7ffp0", 0x1.fffffffffffffp0, 22, 0 }, { "0X.8P-1", 0.25, 7, 0 }, { "1.7976931348623158e308", 1.7976931348623157e308, 22, 0 },
        { "1.7976931348623159e308", INFINITY, 22, 1 }, { "2.4703282292062328e-324", 5e-324, 23, 1 },
        { "2.4703282292062327e-324", 0, 23, 1 }, { "0.000000000000000000000000000000000000001e39", 1, 44, 0 },
        { "123456789012345678901234567890", 123456789012345678901234567890.0, 30, 0 }, { "-0", -0.0, 2, 0 },
        { "nan(123)", NAN, 8, 0 }, { "9007199254740993", 9007199254740992.0, 16, 0 }, { "9007199254740995", 9007199254740996.0, 16, 0 },
    };
    size_t i;
    char *end;
    WCHAR wide[64];

    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        double v;
        ms_errno = 0;
        v = ms_strtod(cases[i].s, &end);
        CHECK((isnan(cases[i].v) ? isnan(v) : !memcmp(&v, &cases[i].v, 8)) && end - cases[i].s == cases[i].end &&
              (ms_errno == 34) == cases[i].erange, "strtod(%s) = %a end %d errno %d", cases[i].s, v, (int)(end - cases[i].s), ms_errno);
    }
    for (i = 0; i < 20 && "  -12.5e1z"[i]; i++)
        wide[i] = (WCHAR)"  -12.5e1z"[i];
    wide[i] = 0;
    {
        WCHAR *wend;
        double v = ms_wcstod(wide, &wend);
        CHECK(v == -125 && wend - wide == 9, "wcstod %g %d", v, (int)(wend - wide));
    }
    CHECK(ms_atof("  3.25xyz") == 3.25, "atof");

    /* Round trips and exact halfway points against glibc's strtod. */
    for (i = 0; i < 20000; i++) {
        static char buf[2048];
        unsigned long long u = rnd();
        double v, want, got;
        if (i % 4 == 0)
            u &= 0x800fffffffffffffull;
        v = from_bits(u);
        if (isnan(v) || isinf(v))
            continue;
        switch (i % 4) {
        case 0: snprintf(buf, sizeof buf, "%.17g", v); break;
        case 1: snprintf(buf, sizeof buf, "%.*e", (int)(rnd() % 25), v); break;
        default: {
            /* the exact midpoint to the next double, and just either side of it */
            long double mid = ((long double)v + (long double)nextafter(v, INFINITY)) / 2;
            if (isinf(nextafter(v, INFINITY)))
                continue;
            snprintf(buf, sizeof buf, "%.800Le", mid);
            if (i % 8 == 3) {
                char *e = strchr(buf, 'e');
                size_t k = (size_t)(e - buf);
                memmove(buf + k + 1, buf + k, strlen(buf + k) + 1);
                buf[k] = (i % 16 == 3) ? '1' : '0';
                if (i % 16 != 3) {
                    /* just below: decrement the last nonzero digit */
                    char *p = buf + k - 1;
                    while (*p == '0')
                        *p-- = '9';
                    if (*p != '.')
                        (*p)--;
                }
            }
        }
        }
        want = strtod(buf, NULL);
        got = ms_strtod(buf, NULL);
        CHECK(!memcmp(&want, &got, 8), "strtod(%.60s...) got %a want %a", buf, got, want);
    }
}

static void test_scanf(void)
{
    int a = -1, b = -1, n = -1, r;
    char s1[64], s2[64], c[4];
    long long ll = 0;
    double d = 0;
    float f = 0;
    short h = 0;
    signed char hh = 0;
    void *ptr = NULL;
    WCHAR ws[16];

    r = ms_sscanf("12 abc def", "%d %s %s", &a, s1, s2);
    CHECK(r == 3 && a == 12 && !strcmp(s1, "abc") && !strcmp(s2, "def"), "basic %d", r);
    CHECK(ms_sscanf("", "%d", &a) == -1, "empty");
    CHECK(ms_sscanf("   ", "%d", &a) == -1, "blank");
    CHECK(ms_sscanf("x", "%d", &a) == 0, "nomatch");
    CHECK(ms_sscanf("", " ") == -1 && ms_sscanf("", "%n", &n) == -1 && ms_sscanf("  ", " ") == 0, "empty forms");
    r = ms_sscanf("12", "%d%n", &a, &n);
    CHECK(r == 1 && n == 2, "%%n %d %d", r, n);
    r = ms_sscanf("12345678901234 -5", "%I64d %lld", &ll, &ll);
    CHECK(r == 2 && ll == -5, "I64 %d", r);
    r = ms_sscanf("12345678901234", "%lld", &ll);
    CHECK(r == 1 && ll == 12345678901234ll, "ll %d", r);
    r = ms_sscanf("1.5e3 2.5", "%lf %f", &d, &f);
    CHECK(r == 2 && d == 1500 && f == 2.5f, "floats %d", r);
    r = ms_sscanf("abcdef", "%3c%2s", c, s1);
    CHECK(r == 2 && !memcmp(c, "abc", 3) && !strcmp(s1, "de"), "%%c %d", r);
    r = ms_sscanf("abc]def", "%[^]]]%s", s1, s2);
    CHECK(r == 2 && !strcmp(s1, "abc") && !strcmp(s2, "def"), "scanset ] %d", r);
    r = ms_sscanf("a-b-c9", "%[a-c-]", s1);
    CHECK(r == 1 && !strcmp(s1, "a-b-c"), "scanset range %d", r);
    r = ms_sscanf("]]x", "%[]]", s1);
    CHECK(r == 1 && !strcmp(s1, "]]"), "scanset leading ] %d", r);
    r = ms_sscanf("0x1A 077 -0x10", "%x %i %i", &a, &b, &n);
    CHECK(r == 3 && a == 26 && b == 63 && n == -16, "bases %d", r);
    r = ms_sscanf("70000 300", "%hd %hhd", &h, &hh);
    CHECK(r == 2 && h == 4464 && hh == 44, "short %d %d", r, h);
    r = ms_sscanf("12 34", "%*d %d", &a);
    CHECK(r == 1 && a == 34, "suppress %d", r);
    CHECK(ms_sscanf("abc", "abd%d", &a) == 0, "literal");
    r = ms_sscanf("4294967295 -1", "%u %u", &a, &b);
    CHECK(r == 2 && a == -1 && b == -1, "unsigned");
    r = ms_sscanf("99999999999", "%d", &a);
    CHECK(r == 1 && a == 1215752191, "wrap %d", a);
    CHECK(ms_sscanf("inf", "%lf", &d) == 0, "no inf");
    r = ms_sscanf("0x1p3", "%lf%s", &d, s1);
    CHECK(r == 2 && d == 0 && !strcmp(s1, "x1p3"), "no hex float %d", r);
    r = ms_sscanf("1e+x", "%lf%s", &d, s1);
    CHECK(r == 2 && d == 1 && !strcmp(s1, "x"), "1e+x %d", r);
    r = ms_sscanf("  x", " %c", c);
    CHECK(r == 1 && c[0] == 'x', "space c");
    CHECK(ms_sscanf("12", "%d %d", &a, &b) == 1, "partial");
    CHECK(ms_sscanf("-", "%d", &a) == 0, "minus");
    r = ms_sscanf("123456", "%3d%d", &a, &b);
    CHECK(r == 2 && a == 123 && b == 456, "width %d", r);
    memset(s1, 'z', 8);
    r = ms_sscanf("abc", "%ls", (WCHAR *)s1);
    CHECK(r == 1 && !memcmp(s1, "a\0b\0c\0\0\0", 8), "%%ls");
    r = ms_sscanf("1%2", "%d%%%d", &a, &b);
    CHECK(r == 2 && a == 1 && b == 2, "%%%%");
    r = ms_swscanf(W("hello w"), W("%s %S"), ws, s1);
    CHECK(r == 2 && ws[0] == 'h' && ws[5] == 0 && !strcmp(s1, "w"), "swscanf %d", r);
    r = ms_swscanf(W("\u03b1\u03b2 x"), W("%[^ ] %c"), ws, ws + 8);
    CHECK(r == 2 && ws[0] == 0x3b1 && ws[1] == 0x3b2 && ws[2] == 0 && ws[8] == 'x', "swscanf wide set %d", r);
    r = ms_sscanf("ff 12", "%X %p", &a, &ptr);
    CHECK(r == 2 && a == 255 && ptr == (void *)0x12, "hex/p");
    r = ms_sscanf("1.5", "%Lf", &d);
    CHECK(r == 1 && d == 1.5, "Lf");
    r = ms_sscanf("-0 +-1", "%u %d", &a, &b);
    CHECK(r == 1 && a == 0, "signs");
    r = ms_sscanf("0.1000000000000000055511151231257827021181583404541015625 2.4703282292062328e-324", "%lf %lf", &d, &d);
    CHECK(r == 2 && d == 5e-324, "exact float");
    r = ms__snscanf("123456", 3, "%d", &a);
    CHECK(r == 1 && a == 123, "_snscanf %d", a);
    r = ms_sscanf("abc def", "%s%n %n%s", s1, &a, &b, s2);
    CHECK(r == 2 && a == 3 && b == 4 && !strcmp(s2, "def"), "n positions %d %d", a, b);
    r = ms_sscanf("ab", "%5c", s1);
    CHECK(r == 0, "short %%c %d", r);
    r = ms_sscanf("xyz", "%*[xy]%c", c);
    CHECK(r == 1 && c[0] == 'z', "suppressed set");
}

int main(void)
{
    test_float_msvcrt();
    test_integers();
    test_strings_and_misc();
    test_floats_vs_glibc();
    test_strtod();
    test_scanf();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
