/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The bounds-checked functions (strcpy_s and family, memcpy_s, fopen_s, the _s time conversions). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <errno.h>
#include <time.h>
#include <sys/stat.h>
#include "wine/test.h"

/* What Wine's headers leave out */
#define TIME_UTC 1
struct timespec64 { __time64_t tv_sec; long tv_nsec; };
__declspec(dllimport) int __cdecl _timespec64_get(struct timespec64 *ts, int base);
__declspec(dllimport) errno_t __cdecl _gmtime64_s(struct tm *out, const __time64_t *t);
__declspec(dllimport) errno_t __cdecl _localtime64_s(struct tm *out, const __time64_t *t);
__declspec(dllimport) errno_t __cdecl _ctime64_s(char *buf, size_t size, const __time64_t *t);
__declspec(dllimport) errno_t __cdecl asctime_s(char *buf, size_t size, const struct tm *tm);

static int calls;
static void __cdecl handler(const wchar_t *expr, const wchar_t *func, const wchar_t *file,
                            unsigned int line, uintptr_t reserved)
{
    calls++;
}

static void test_strcpy_s(void)
{
    char buf[8];
    wchar_t w[4];
    errno_t err;

    ok(strcpy_s(buf, sizeof(buf), "abc") == 0 && !strcmp(buf, "abc"), "strcpy_s\n");
    ok(strcat_s(buf, sizeof(buf), "defg") == 0 && !strcmp(buf, "abcdefg"), "strcat_s to the last byte\n");
    calls = 0;
    ok(strcat_s(buf, sizeof(buf), "h") == ERANGE && buf[0] == 0 && calls == 1, "strcat_s too long\n");
    calls = 0;
    ok(strcpy_s(buf, sizeof(buf), "12345678") == ERANGE && buf[0] == 0 && calls == 1, "strcpy_s too long\n");
    calls = 0;
    strcpy(buf, "x");
    ok(strcpy_s(buf, sizeof(buf), NULL) == EINVAL && buf[0] == 0 && calls == 1, "no source\n");
    calls = 0;
    ok(strcpy_s(NULL, 4, "a") == EINVAL && calls == 1, "no destination\n");

    ok(strncpy_s(buf, sizeof(buf), "abcdef", 3) == 0 && !strcmp(buf, "abc"), "strncpy_s with a count\n");
    ok(strncpy_s(buf, sizeof(buf), "abcdefghij", _TRUNCATE) == STRUNCATE && !strcmp(buf, "abcdefg"),
       "strncpy_s with _TRUNCATE: %s\n", buf);
    ok(strncat_s(buf, sizeof(buf), "zz", _TRUNCATE) == STRUNCATE && !strcmp(buf, "abcdefg"), "nothing fits\n");
    strcpy(buf, "ab");
    ok(strncat_s(buf, sizeof(buf), "cdef", 2) == 0 && !strcmp(buf, "abcd"), "strncat_s: %s\n", buf);
    calls = 0;
    memset(buf, 'x', sizeof(buf));
    err = strcat_s(buf, sizeof(buf), "a");
    /* EINVAL, as Microsoft documents; Wine 8.0 says ERANGE */
    todo_wine ok(err == EINVAL, "an unterminated destination: %d\n", err);
    ok(buf[0] == 0 && calls == 1, "an unterminated destination: %d calls\n", calls);

    ok(wcscpy_s(w, 4, L"abc") == 0 && !wcscmp(w, L"abc"), "wcscpy_s\n");
    calls = 0;
    ok(wcscat_s(w, 4, L"d") == ERANGE && w[0] == 0, "wcscat_s too long\n");
    /* Wine 8.0 reports the narrow forms but not the wide ones */
    todo_wine ok(calls == 1, "wcscat_s too long: %d calls\n", calls);
    ok(wcsncpy_s(w, 4, L"wxyz", _TRUNCATE) == STRUNCATE && !wcscmp(w, L"wxy"), "wcsncpy_s\n");
    w[1] = 0;
    ok(wcsncat_s(w, 4, L"12", 5) == 0 && !wcscmp(w, L"w12"), "wcsncat_s\n");
}

static void test_memcpy_s(void)
{
    char dst[4], src[8] = "1234567";

    ok(memcpy_s(dst, sizeof(dst), src, 4) == 0 && !memcmp(dst, "1234", 4), "memcpy_s\n");
    calls = 0;
    ok(memcpy_s(dst, sizeof(dst), src, 5) == ERANGE && calls == 1, "memcpy_s too long\n");
    ok(!memcmp(dst, "\0\0\0\0", 4), "the destination is cleared\n");
    calls = 0;
    ok(memcpy_s(dst, sizeof(dst), NULL, 0) == 0 && calls == 0, "nothing to copy\n");
    ok(memmove_s(src + 1, 7, src, 6) == 0 && !memcmp(src, "1123456", 7), "memmove_s overlaps\n");
    calls = 0;
    ok(memmove_s(dst, sizeof(dst), src, 5) == ERANGE && calls == 1, "memmove_s too long\n");
}

static void test_strerror_s(void)
{
    char buf[64], cut[6];

    ok(strerror_s(buf, sizeof(buf), ENOENT) == 0 && !strcmp(buf, "No such file or directory"), "strerror_s\n");
    ok(strerror_s(cut, sizeof(cut), ENOENT) == 0 && !strcmp(cut, "No su"), "cut: %s\n", cut);
}

static void test_fopen_s(void)
{
    char dir[MAX_PATH], path[MAX_PATH];
    struct _stat64i32 st;
    FILE *f = (FILE *)1;
    errno_t err;

    GetTempPathA(sizeof(dir), dir);
    strcpy(path, dir);
    strcat(path, "ucrt_fopen_s.txt");
    err = fopen_s(&f, path, "w");
    ok(err == 0 && f, "fopen_s: %d\n", err);
    if (!f) return;
    fputs("four", f);
    fclose(f);
    ok(_stat64i32(path, &st) == 0 && st.st_size == 4 && (st.st_mode & _S_IFREG), "_stat64i32\n");
    ok(remove(path) == 0, "remove\n");
    f = (FILE *)1;
    err = fopen_s(&f, path, "r");
    ok(err == ENOENT && f == NULL, "a missing file: %d %p\n", err, f);
    calls = 0;
    ok(fopen_s(NULL, path, "r") == EINVAL && calls == 1, "no result pointer\n");
}

static void test_time_s(void)
{
    __time64_t t = 86400 * 365 + 3661;
    struct timespec64 ts;
    struct tm tm;
    char text[32];

    ok(_gmtime64_s(&tm, &t) == 0 && tm.tm_year == 71 && tm.tm_hour == 1 && tm.tm_min == 1 && tm.tm_sec == 1,
       "_gmtime64_s\n");
    calls = 0;
    ok(_gmtime64_s(&tm, NULL) == EINVAL && tm.tm_year == -1, "no time\n");
    /* Wine 8.0 fails these without calling the invalid-parameter handler */
    todo_wine ok(calls == 1, "no time: %d calls\n", calls);
    t = -5;
    calls = 0;
    ok(_gmtime64_s(&tm, &t) == EINVAL && tm.tm_mday == -1, "a time before 1970\n");
    todo_wine ok(calls == 1, "a time before 1970: %d calls\n", calls);
    t = 0;
    ok(_localtime64_s(&tm, &t) == 0, "_localtime64_s\n");
    t = 0;
    ok(_gmtime64_s(&tm, &t) == 0 && asctime_s(text, sizeof(text), &tm) == 0, "asctime_s\n");
    ok(!strcmp(text, "Thu Jan  1 00:00:00 1970\n"), "asctime_s gave %s\n", text);
    calls = 0;
    ok(asctime_s(text, 25, &tm) == EINVAL && text[0] == 0 && calls == 1, "asctime_s into 25 characters\n");
    tm.tm_mon = 12;
    calls = 0;
    ok(asctime_s(text, sizeof(text), &tm) == EINVAL && calls == 1, "asctime_s of a 13th month\n");
    t = 86400 * 20;
    ok(_ctime64_s(text, sizeof(text), &t) == 0 && !strcmp(text, _ctime64(&t)), "_ctime64_s\n");
    ok(_timespec64_get(&ts, TIME_UTC) == TIME_UTC, "_timespec64_get\n");
    ok(ts.tv_sec > 1600000000 && ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000, "%I64d %ld\n", ts.tv_sec, ts.tv_nsec);
    ok(_timespec64_get(&ts, 0) == 0, "an unknown base\n");
}

/* Looked up by name: Wine's headers turn some of these into calls of the _i64 functions. */
static void test_c99_names(void)
{
    HMODULE crt = GetModuleHandleA("ucrtbase.dll");
    long long (__cdecl *p_strtoll)(const char *, char **, int);
    unsigned long long (__cdecl *p_strtoull)(const char *, char **, int);
    double (__cdecl *p_strtold)(const char *, char **);
    char *end;

    ok(crt != NULL, "ucrtbase.dll is not loaded\n");
    if (!crt) return;
    p_strtoll = (void *)GetProcAddress(crt, "strtoll");
    p_strtoull = (void *)GetProcAddress(crt, "strtoull");
    p_strtold = (void *)GetProcAddress(crt, "strtold");
    ok(p_strtoll && p_strtoull && p_strtold, "missing exports\n");
    if (!p_strtoll || !p_strtoull || !p_strtold) return;
    ok(p_strtoll("-9000000000x", &end, 10) == -9000000000ll && *end == 'x', "strtoll\n");
    ok(p_strtoull("18446744073709551615", NULL, 10) == 18446744073709551615ull, "strtoull\n");
    ok(p_strtold("2.5", NULL) == 2.5, "strtold\n");
    ok(wcstoll(L"123456789012", NULL, 10) == 123456789012ll, "wcstoll\n");
    ok(atoll("77777777777") == 77777777777ll && llabs(-5ll) == 5, "atoll/llabs\n");
    ok(lldiv(-7, 2).quot == -3 && lldiv(-7, 2).rem == -1, "lldiv\n");
}

START_TEST(secure)
{
    _invalid_parameter_handler old = _set_invalid_parameter_handler(handler);

    test_strcpy_s();
    test_memcpy_s();
    test_strerror_s();
    test_fopen_s();
    test_time_s();
    test_c99_names();
    _set_invalid_parameter_handler(old);
}
