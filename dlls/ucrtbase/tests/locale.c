/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Locale objects and the _l functions that take them, with the "C" locale
 * (the one every program starts in) and with NULL, the thread's locale.
 */
#include <ctype.h>
#include <stdio.h>
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>
#include "wine/test.h"

/* what Wine's headers do not declare */
_ACRTIMP _locale_t __cdecl _wcreate_locale(int, const wchar_t *);
_ACRTIMP int __cdecl _isalpha_l(int, _locale_t);
_ACRTIMP int __cdecl _isupper_l(int, _locale_t);
_ACRTIMP int __cdecl _islower_l(int, _locale_t);
_ACRTIMP int __cdecl _isdigit_l(int, _locale_t);
_ACRTIMP int __cdecl _isxdigit_l(int, _locale_t);
_ACRTIMP int __cdecl _ispunct_l(int, _locale_t);
_ACRTIMP int __cdecl _isalnum_l(int, _locale_t);
_ACRTIMP int __cdecl _isgraph_l(int, _locale_t);
_ACRTIMP int __cdecl _iscntrl_l(int, _locale_t);
_ACRTIMP int __cdecl _stricmp_l(const char *, const char *, _locale_t);
_ACRTIMP int __cdecl _strnicmp_l(const char *, const char *, size_t, _locale_t);
_ACRTIMP int __cdecl _wcsicmp_l(const wchar_t *, const wchar_t *, _locale_t);
_ACRTIMP int __cdecl _wcsnicmp_l(const wchar_t *, const wchar_t *, size_t, _locale_t);
_ACRTIMP double __cdecl _strtod_l(const char *, char **, _locale_t);
_ACRTIMP double __cdecl _wcstod_l(const wchar_t *, wchar_t **, _locale_t);
_ACRTIMP double __cdecl _atof_l(const char *, _locale_t);
_ACRTIMP long __cdecl _strtol_l(const char *, char **, int, _locale_t);
_ACRTIMP unsigned long __cdecl _strtoul_l(const char *, char **, int, _locale_t);
_ACRTIMP long __cdecl _wcstol_l(const wchar_t *, wchar_t **, int, _locale_t);
_ACRTIMP unsigned long __cdecl _wcstoul_l(const wchar_t *, wchar_t **, int, _locale_t);
_ACRTIMP long __cdecl _atol_l(const char *, _locale_t);
_ACRTIMP __int64 __cdecl _atoi64_l(const char *, _locale_t);

static void test_objects(void)
{
    _locale_t c = _create_locale(LC_ALL, "C"), cur, w;

    ok(c != NULL, "_create_locale(LC_ALL, \"C\") failed\n");
    if (!c) return;
    /* the UCRT's headers read the ctype table through the object */
    ok(c->locinfo != NULL, "no locinfo\n");
    ok(!_create_locale(LC_ALL, "no such locale"), "an unknown name made a locale\n");
    ok(!_create_locale(LC_MAX + 1, "C"), "an unknown category made a locale\n");
    ok(!_create_locale(-1, "C"), "category -1 made a locale\n");
    w = _wcreate_locale(LC_NUMERIC, L"C");
    ok(w != NULL, "_wcreate_locale(LC_NUMERIC, L\"C\") failed\n");
    cur = _get_current_locale();
    ok(cur != NULL && cur != c, "_get_current_locale gave %p\n", cur);
    _free_locale(w);
    _free_locale(cur);
    _free_locale(c);
}

static void test_ctype(void)
{
    _locale_t c = _create_locale(LC_ALL, "C");
    _locale_t locs[2] = { c, NULL };
    int i;

    for (i = 0; i < 2; i++)
    {
        _locale_t l = locs[i];
        ok(_isalpha_l('a', l) && !_isalpha_l('1', l) && !_isalpha_l(0xe9, l), "_isalpha_l (%d)\n", i);
        ok(_isupper_l('Q', l) && !_isupper_l('q', l), "_isupper_l (%d)\n", i);
        ok(_islower_l('q', l) && !_islower_l('Q', l), "_islower_l (%d)\n", i);
        ok(_isdigit_l('7', l) && !_isdigit_l('x', l), "_isdigit_l (%d)\n", i);
        ok(_isxdigit_l('F', l) && !_isxdigit_l('g', l), "_isxdigit_l (%d)\n", i);
        ok(_isspace_l('\t', l) && !_isspace_l('_', l), "_isspace_l (%d)\n", i);
        ok(_ispunct_l('!', l) && !_ispunct_l('a', l), "_ispunct_l (%d)\n", i);
        ok(_isalnum_l('z', l) && _isalnum_l('0', l) && !_isalnum_l('-', l), "_isalnum_l (%d)\n", i);
        ok(_isprint_l(' ', l) && !_isprint_l('\n', l), "_isprint_l (%d)\n", i);
        ok(_isgraph_l('~', l) && !_isgraph_l(' ', l), "_isgraph_l (%d)\n", i);
        ok(_iscntrl_l(0x7f, l) && !_iscntrl_l('A', l), "_iscntrl_l (%d)\n", i);
        ok(_isblank_l(' ', l) && !_isblank_l('\n', l), "_isblank_l (%d)\n", i);
        /* a tab is a blank (Microsoft's documentation); Wine 8.0 says it is not */
        todo_wine ok(_isblank_l('\t', l), "_isblank_l('\\t') (%d)\n", i);
        ok(_isctype_l('5', _DIGIT, l) && !_isctype_l('a', _DIGIT, l), "_isctype_l (%d)\n", i);
        ok(_toupper_l('a', l) == 'A' && _toupper_l('1', l) == '1' && _toupper_l(0xe9, l) == 0xe9, "_toupper_l (%d)\n", i);
        ok(_tolower_l('Z', l) == 'z' && _tolower_l('[', l) == '[', "_tolower_l (%d)\n", i);
        ok(_iswalpha_l(L'b', l) && !_iswalpha_l(L'2', l), "_iswalpha_l (%d)\n", i);
        ok(_iswdigit_l(L'3', l) && _iswspace_l(L' ', l) && _iswupper_l(L'B', l) && _iswlower_l(L'b', l),
           "_isw*_l (%d)\n", i);
        ok(_iswctype_l(L'x', _ALPHA, l) && !_iswctype_l(L'.', _ALPHA, l), "_iswctype_l (%d)\n", i);
        ok(_towupper_l(L'q', l) == L'Q' && _towlower_l(L'Q', l) == L'q', "_tow*_l (%d)\n", i);
    }
    _free_locale(c);
}

static void test_strings(void)
{
    _locale_t c = _create_locale(LC_ALL, "C");

    ok(!_stricmp_l("Hello", "hELLO", c), "_stricmp_l\n");
    ok(_stricmp_l("apple", "Banana", c) < 0 && _stricmp_l("b", "A", NULL) > 0, "_stricmp_l order\n");
    ok(!_strnicmp_l("ABCdef", "abcXYZ", 3, c) && _strnicmp_l("ABCdef", "abcXYZ", 4, c) < 0, "_strnicmp_l\n");
    ok(!_memicmp_l("AbC\0x", "aBc\0y", 4, c) && _memicmp_l("AbC\0x", "aBc\0y", 5, c) < 0, "_memicmp_l\n");
    ok(_strcoll_l("a", "b", c) < 0 && !_strcoll_l("same", "same", NULL), "_strcoll_l\n");
    ok(!_stricoll_l("MiXeD", "mixed", c), "_stricoll_l\n");
    ok(!_wcsicmp_l(L"Wide", L"wIDE", c) && _wcsicmp_l(L"a", L"B", c) < 0, "_wcsicmp_l\n");
    ok(!_wcsnicmp_l(L"PREfix", L"prefer", 3, c), "_wcsnicmp_l\n");
    ok(_wcscoll_l(L"x", L"y", c) < 0, "_wcscoll_l\n");
    _free_locale(c);
}

static void test_numbers(void)
{
    _locale_t c = _create_locale(LC_ALL, "C");
    char *end;
    wchar_t *wend;
    double d;

    /* the "C" locale's decimal point is '.': a ',' ends the number */
    d = _strtod_l("3.25,5", &end, c);
    ok(d == 3.25 && *end == ',', "_strtod_l: %g, stopped at %s\n", d, end);
    d = _wcstod_l(L"-1e3x", &wend, NULL);
    ok(d == -1000.0 && *wend == L'x', "_wcstod_l: %g\n", d);
    ok(_atof_l("2.5", c) == 2.5, "_atof_l\n");
    ok(_strtol_l("  -0x1fz", &end, 16, c) == -31 && *end == 'z', "_strtol_l\n");
    errno = 0;
    ok(_strtol_l("99999999999", NULL, 10, c) == 2147483647 && errno == ERANGE, "_strtol_l's overflow: errno %d\n",
       errno);
    ok(_strtoul_l("4294967295", NULL, 10, c) == 4294967295u, "_strtoul_l\n");
    ok(_strtoi64_l("-9000000000", NULL, 10, c) == -9000000000ll, "_strtoi64_l\n");
    ok(_strtoui64_l("ffffffffffffffff", NULL, 16, c) == ~0ull, "_strtoui64_l\n");
    ok(_wcstol_l(L"0777", NULL, 0, c) == 511, "_wcstol_l\n");
    ok(_wcstoul_l(L"101", NULL, 2, c) == 5, "_wcstoul_l\n");
    ok(_wcstoi64_l(L"-12345678901", NULL, 10, NULL) == -12345678901ll, "_wcstoi64_l\n");
    ok(_atoi_l("42abc", c) == 42 && _atol_l("-7", c) == -7, "_atoi_l, _atol_l\n");
    ok(_atoi64_l("123456789012", c) == 123456789012ll, "_atoi64_l\n");
    ok(_strtoll_l("-5", NULL, 10, c) == -5 && _strtoull_l("5", NULL, 10, c) == 5, "_strtoll_l, _strtoull_l\n");
    _free_locale(c);
}

/* _vsnprintf_l as the UCRT's headers write it: __stdio_common_vsprintf with the locale */
static int __cdecl snprintf_l(char *buf, size_t len, const char *fmt, _locale_t l, ...)
{
    va_list ap;
    int ret;

    va_start(ap, l);
    ret = __stdio_common_vsprintf(_CRT_INTERNAL_PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION, buf, len, fmt, l, ap);
    va_end(ap);
    return ret;
}

static int __cdecl swprintf_p_l(wchar_t *buf, size_t len, const wchar_t *fmt, _locale_t l, ...)
{
    va_list ap;
    int ret;

    va_start(ap, l);
    ret = _vswprintf_p_l(buf, len, fmt, l, ap);
    va_end(ap);
    return ret;
}

static int __cdecl scwprintf_p_l(const wchar_t *fmt, _locale_t l, ...)
{
    va_list ap;
    int ret;

    va_start(ap, l);
    ret = _vscwprintf_p_l(fmt, l, ap);
    va_end(ap);
    return ret;
}

/* printf and scanf given a locale object: the "C" locale's '.' */
static void test_stdio(void)
{
    _locale_t c = _create_locale(LC_ALL, "C");
    char buf[32];
    wchar_t wbuf[32];
    double d = 0;
    int ret;

    ret = snprintf_l(buf, sizeof(buf), "%.2f|%d", c, 1.5, -3);
    ok(ret == 7 && !strcmp(buf, "1.50|-3"), "_snprintf_l: %d %s\n", ret, buf);
    ret = snprintf_l(buf, 4, "%s", c, "abcdef");
    ok(ret == -1 && !memcmp(buf, "abcd", 4), "_snprintf_l cut: %d\n", ret);
    ret = _swprintf_l(wbuf, 32, L"%g", c, 0.25);
    ok(ret == 4 && !wcscmp(wbuf, L"0.25"), "_swprintf_l: %d %ls\n", ret, wbuf);
    ret = swprintf_p_l(wbuf, 32, L"%2$.1f %1$d", c, 7, 2.5);
    ok(ret == 5 && !wcscmp(wbuf, L"2.5 7"), "_swprintf_p_l: %d %ls\n", ret, wbuf);
    ret = scwprintf_p_l(L"%2$ls%1$ls", NULL, L"ab", L"cde");
    ok(ret == 5, "_scwprintf_p_l: %d\n", ret);
    ret = _sscanf_l("6.125", "%lf", c, &d);
    ok(ret == 1 && d == 6.125, "_sscanf_l: %d %g\n", ret, d);
    _free_locale(c);
}

START_TEST(locale)
{
    test_objects();
    test_ctype();
    test_strings();
    test_numbers();
    test_stdio();
}
