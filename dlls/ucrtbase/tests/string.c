/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Narrow, wide and multibyte strings, conversions and strerror, as the UCRT exports them. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <ctype.h>
#include <wctype.h>
#include <errno.h>
#include "wine/test.h"

static void test_narrow(void)
{
    char buf[32], *dup, *tok, *ctx;

    ok(strlen("hello") == 5, "strlen\n");
    ok(strcmp("abc", "abd") < 0 && strcmp("b", "a") > 0 && !strcmp("x", "x"), "strcmp\n");
    ok(!strncmp("abcdef", "abcxyz", 3) && strncmp("abcdef", "abcxyz", 4) < 0, "strncmp\n");
    ok(!_stricmp("HeLLo", "hello") && _strnicmp("ABc", "abd", 3) < 0, "_stricmp\n");
    memset(buf, 'x', sizeof(buf));
    strncpy(buf, "ab", 5);
    ok(!memcmp(buf, "ab\0\0\0x", 6), "strncpy pads with NULs\n");
    ok(strchr("hello", 'l') == (const char *)"hello" + 2 || !strcmp(strchr("hello", 'l'), "llo"), "strchr\n");
    ok(!strcmp(strrchr("hello", 'l'), "lo") && !strcmp(strstr("haystack", "st"), "stack"), "strrchr/strstr\n");
    dup = _strdup("copy");
    ok(dup && !strcmp(dup, "copy"), "_strdup\n");
    free(dup);
    strcpy(buf, "a,b;;c");
    tok = strtok(buf, ",;");
    ok(tok && !strcmp(tok, "a"), "strtok 1\n");
    tok = strtok(NULL, ",;");
    ok(tok && !strcmp(tok, "b"), "strtok 2\n");
    tok = strtok(NULL, ",;");
    ok(tok && !strcmp(tok, "c"), "strtok 3\n");
    ok(strtok(NULL, ",;") == NULL, "strtok end\n");
    ctx = NULL;
    ok(isdigit('7') && !isdigit('a') && isprint(' ') && !isprint('\n'), "ctype\n");
    ok(toupper('q') == 'Q' && tolower('Q') == 'q', "case\n");
    (void)ctx;
}

static void test_wide(void)
{
    wchar_t buf[16];

    ok(wcslen(L"wide") == 4, "wcslen\n");
    ok(wcscmp(L"abc", L"abd") < 0 && !wcscmp(L"x", L"x"), "wcscmp\n");
    ok(!_wcsicmp(L"WiDe", L"wide"), "_wcsicmp\n");
    ok(towupper(L'a') == L'A' && towlower(L'Z') == L'z' && towupper(L'5') == L'5', "towupper/towlower\n");
    ok(iswctype(L'5', _DIGIT) && !iswctype(L'x', _DIGIT) && iswalpha(0x00e9), "iswctype\n");
    wcscpy(buf, L"ab");
    wcscat(buf, L"cd");
    ok(!wcscmp(buf, L"abcd") && wcschr(buf, L'c') == buf + 2, "wcscpy/wcscat/wcschr\n");
}

static void test_multibyte(void)
{
    wchar_t w[16];
    char a[16];
    size_t n;

    n = mbstowcs(w, "text", 16);
    ok(n == 4 && !wcscmp(w, L"text"), "mbstowcs %Iu\n", n);
    n = wcstombs(a, L"back", 16);
    ok(n == 4 && !strcmp(a, "back"), "wcstombs %Iu\n", n);
    n = mbstowcs(NULL, "measure", 0);
    ok(n == 7, "measuring %Iu\n", n);
}

static void test_convert(void)
{
    char *end;
    char buf[40];

    ok(strtol("  -123xyz", &end, 10) == -123 && !strcmp(end, "xyz"), "strtol\n");
    ok(strtoul("ff", NULL, 16) == 255 && strtol("0x1f", NULL, 0) == 31, "bases\n");
    errno = 0;
    ok(strtol("99999999999", NULL, 10) == 2147483647 && errno == ERANGE, "strtol overflow\n");
    ok(_strtoi64("-9000000000", NULL, 10) == -9000000000ll, "_strtoi64\n");
    ok(atoi("42") == 42 && atof("2.5") == 2.5, "atoi/atof\n");
    ok(strtod("0x1.8p3", &end) == 12.0 && !*end, "strtod hex: %s\n", end);
    ok(strtod("1e-2", NULL) == 0.01, "strtod decimal\n");
    ok(!strcmp(_itoa(-255, buf, 10), "-255"), "_itoa: %s\n", buf);
    ok(!strcmp(_itoa(-255, buf, 16), "ffffff01"), "_itoa of a negative in base 16: %s\n", buf);
    ok(!strcmp(_ui64toa(18446744073709551615ull, buf, 10), "18446744073709551615"), "_ui64toa: %s\n", buf);
}

__declspec(dllimport) wchar_t *__cdecl wcstok(wchar_t *s, const wchar_t *delim, wchar_t **context);

static int handler_calls;
static void __cdecl counting_handler(const wchar_t *expr, const wchar_t *func, const wchar_t *file,
                                     unsigned int line, uintptr_t reserved)
{
    handler_calls++;
}

static void test_tokens(void)
{
    _invalid_parameter_handler old;
    wchar_t w1[16], w2[16], *c1 = NULL, *c2 = NULL, *t;
    char a[16], *ac = NULL, *at;

    /* C11's wcstok: two strings tokenised at once, each with its own context */
    wcscpy(w1, L"a b");
    wcscpy(w2, L"x,y");
    t = wcstok(w1, L" ", &c1);
    ok(t && !wcscmp(t, L"a"), "first of w1\n");
    t = wcstok(w2, L",", &c2);
    ok(t && !wcscmp(t, L"x"), "first of w2\n");
    t = wcstok(NULL, L" ", &c1);
    ok(t && !wcscmp(t, L"b"), "second of w1\n");
    t = wcstok(NULL, L",", &c2);
    ok(t && !wcscmp(t, L"y"), "second of w2\n");
    ok(wcstok(NULL, L" ", &c1) == NULL && wcstok(NULL, L",", &c2) == NULL, "the ends\n");

    strcpy(a, "--p-q");
    at = strtok_s(a, "-", &ac);
    ok(at && !strcmp(at, "p"), "strtok_s first\n");
    at = strtok_s(NULL, "-", &ac);
    ok(at && !strcmp(at, "q"), "strtok_s second\n");
    ok(strtok_s(NULL, "-", &ac) == NULL, "strtok_s end\n");

    old = _set_invalid_parameter_handler(counting_handler);
    handler_calls = 0;
    errno = 0;
    ac = NULL;
    ok(strtok_s(NULL, "-", &ac) == NULL, "no string and no context\n");
    ok(errno == EINVAL && handler_calls == 1, "errno %d, %d calls\n", errno, handler_calls);
    handler_calls = 0;
    ok(wcstok_s(w1, NULL, &c1) == NULL && handler_calls == 1, "no delimiters: %d calls\n", handler_calls);
    _set_invalid_parameter_handler(old);
}

static void test_strerror(void)
{
    ok(!strcmp(strerror(ENOENT), "No such file or directory"), "ENOENT: %s\n", strerror(ENOENT));
    ok(!strcmp(strerror(EINVAL), "Invalid argument"), "EINVAL: %s\n", strerror(EINVAL));
    ok(_errno() != NULL && __doserrno() != NULL, "errno locations\n");
    errno = EDOM;
    ok(*_errno() == EDOM, "errno is *_errno()\n");
}

START_TEST(string)
{
    test_narrow();
    test_wide();
    test_multibyte();
    test_convert();
    test_tokens();
    test_strerror();
}
