/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Time: _time64 against the system clock, UTC conversions both ways, strftime. */
#include <time.h>
#include <string.h>
#include <windows.h>
#include "wine/test.h"

__declspec(dllimport) __time64_t __cdecl _mkgmtime64(struct tm *tm);

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

START_TEST(time)
{
    test_time64();
    test_gmtime();
    test_strftime();
}
