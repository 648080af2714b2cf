/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Time: _time64 against the system clock, UTC conversions both ways, strftime. */
#include <time.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "wine/test.h"

__declspec(dllimport) __time64_t __cdecl _mkgmtime64(struct tm *tm);
/* What the UCRT's <time.h> reads _timezone, _daylight, _dstbias and _tzname through (Wine's uses msvcrt's) */
__declspec(dllimport) long *__cdecl __timezone(void);
__declspec(dllimport) int *__cdecl __daylight(void);
__declspec(dllimport) long *__cdecl __dstbias(void);
__declspec(dllimport) char **__cdecl __tzname(void);
__declspec(dllimport) errno_t __cdecl _get_timezone(long *seconds);
__declspec(dllimport) errno_t __cdecl _get_daylight(int *hours);
__declspec(dllimport) errno_t __cdecl _get_dstbias(long *seconds);

static void test_time64(void)
{
    FILETIME ft;
    ULARGE_INTEGER u;
    __time64_t t, before, after;

    GetSystemTimeAsFileTime(&ft);
    u.LowPart = ft.dwLowDateTime;
    u.HighPart = ft.dwHighDateTime;
    before = (__time64_t)((u.QuadPart - 116444736000000000ull) / 10000000);
    t = _time64(NULL);
    GetSystemTimeAsFileTime(&ft);
    u.LowPart = ft.dwLowDateTime;
    u.HighPart = ft.dwHighDateTime;
    after = (__time64_t)((u.QuadPart - 116444736000000000ull) / 10000000);
    ok(t >= before && t <= after, "_time64 %I64d outside [%I64d, %I64d]\n", t, before, after);
    ok(_time64(&before) == before, "_time64 stores its result\n");
}

static void test_gmtime(void)
{
    __time64_t t = 0;
    struct tm *tm, copy;

    tm = _gmtime64(&t);
    ok(tm != NULL, "_gmtime64 failed\n");
    if (!tm) return;
    ok(tm->tm_year == 70 && tm->tm_mon == 0 && tm->tm_mday == 1 && tm->tm_wday == 4 && tm->tm_yday == 0 &&
       tm->tm_hour == 0, "the epoch: %d-%d-%d wday %d\n", tm->tm_year, tm->tm_mon, tm->tm_mday, tm->tm_wday);

    t = 951782400 + 3600 * 13 + 60 * 5 + 9;   /* 2000-02-29 13:05:09 UTC */
    tm = _gmtime64(&t);
    ok(tm && tm->tm_year == 100 && tm->tm_mon == 1 && tm->tm_mday == 29 && tm->tm_hour == 13 &&
       tm->tm_min == 5 && tm->tm_sec == 9 && tm->tm_yday == 59, "a leap day\n");
    if (!tm) return;
    copy = *tm;
    ok(_mkgmtime64(&copy) == t, "_mkgmtime64 does not invert _gmtime64\n");
    copy.tm_mday += 1;   /* normalised: 2000-03-01 */
    ok(_mkgmtime64(&copy) == t + 86400 && copy.tm_mon == 2 && copy.tm_mday == 1, "normalising\n");
}

static void test_strftime(void)
{
    struct tm tm;
    char buf[64];
    size_t n;

    memset(&tm, 0, sizeof(tm));
    tm.tm_year = 123;
    tm.tm_mon = 11;
    tm.tm_mday = 7;
    tm.tm_hour = 9;
    tm.tm_min = 3;
    tm.tm_sec = 1;
    tm.tm_wday = 4;
    tm.tm_yday = 340;
    n = strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %a %b %j", &tm);
    ok(n == 31 && !strcmp(buf, "2023-12-07 09:03:01 Thu Dec 341"), "got %Iu %s\n", n, buf);
    n = strftime(buf, sizeof(buf), "%F %T|%D|%e|%C|%u|%h|%R|%r", &tm);
    ok(!strcmp(buf, "2023-12-07 09:03:01|12/07/23| 7|20|4|Dec|09:03|09:03:01 AM"), "C99's conversions: %s\n", buf);
    n = strftime(buf, sizeof(buf), "%G-W%V-%u %g%n%t|", &tm);
    ok(!strcmp(buf, "2023-W49-4 23\n\t|"), "ISO weeks: %s\n", buf);
    n = strftime(buf, sizeof(buf), "%c", &tm);
    ok(!strcmp(buf, "Thu Dec  7 09:03:01 2023"), "%%c in the C locale: %s\n", buf);
    tm.tm_year = 121;   /* 2021-01-01, a Friday: in 2020's week 53 */
    tm.tm_mon = 0;
    tm.tm_mday = 1;
    tm.tm_wday = 5;
    tm.tm_yday = 0;
    n = strftime(buf, sizeof(buf), "%G %V %g", &tm);
    ok(!strcmp(buf, "2020 53 20"), "the first days in the last ISO week: %s\n", buf);
    tm.tm_year = 124;   /* 2024-12-30, a Monday: in 2025's week 1 */
    tm.tm_mon = 11;
    tm.tm_mday = 30;
    tm.tm_wday = 1;
    tm.tm_yday = 364;
    n = strftime(buf, sizeof(buf), "%G %V", &tm);
    ok(!strcmp(buf, "2025 01"), "the last days in the next ISO year: %s\n", buf);
    n = strftime(buf, 5, "%Y-%m-%d", &tm);
    ok(n == 0, "too small a buffer gives 0, got %Iu\n", n);
}

static int calls;
static void __cdecl handler(const wchar_t *expr, const wchar_t *func, const wchar_t *file,
                            unsigned int line, uintptr_t reserved)
{
    calls++;
}

static void test_zone(void)
{
    _invalid_parameter_handler old;
    long tz = -1, bias = -1;
    int daylight = -1;
    char **names;

    _tzset();
    ok(_get_timezone(&tz) == 0 && tz == *__timezone(), "_get_timezone %ld, __timezone %ld\n", tz, *__timezone());
    ok(_get_daylight(&daylight) == 0 && daylight == *__daylight(), "_get_daylight\n");
    ok(_get_dstbias(&bias) == 0 && bias == *__dstbias(), "_get_dstbias\n");
    names = __tzname();
    ok(names && names[0] && names[1], "__tzname\n");
    old = _set_invalid_parameter_handler(handler);
    calls = 0;
    ok(_get_timezone(NULL) == EINVAL && calls == 1, "no result pointer: %d calls\n", calls);
    _set_invalid_parameter_handler(old);
}

START_TEST(time)
{
    test_time64();
    test_gmtime();
    test_strftime();
    test_zone();
}
