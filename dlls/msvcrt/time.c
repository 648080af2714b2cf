/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * msvcrt's time functions. Wring's local time zone is UTC, always: local
 * time equals UTC, there is no daylight saving time (tm_isdst is 0 and
 * mktime ignores it), _timezone and _daylight are 0. On Win64 the unsuffixed
 * functions (time, gmtime, mktime, ...) take a 64-bit time_t.
 */

#include "corelib.h"

#define SECS_PER_DAY 86400
/* 1601-01-01 (FILETIME's epoch) to 1970-01-01, in 100 ns units. */
#define EPOCH_DIFF_100NS 116444736000000000ull
/* 3000-12-31 23:59:59 UTC, the last moment the 64-bit functions accept. */
#define MAX_TIME64 32535215999ll
#define MAX_TIME32 0x7fffffffll
#define CLOCKS_PER_SEC 1000

struct timeb64
{
    __time64_t time;
    unsigned short millitm;
    short timezone;
    short dstflag;
};

struct timeb32
{
    __time32_t time;
    unsigned short millitm;
    short timezone;
    short dstflag;
};

win_long _timezone = 0;
int _daylight = 0;
win_long _dstbias = 0;
static char std_name[64] = "Coordinated Universal Time";
static char dst_name[64] = "Coordinated Universal Time";
char *_tzname[2] = { std_name, dst_name };

static const char day_names[7][10] =
    { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };
static const char month_names[12][10] =
    { "January", "February", "March", "April", "May", "June", "July", "August",
      "September", "October", "November", "December" };

/* The time zone never changes, so there is nothing to read from TZ. */
void __cdecl _tzset(void)
{
}

int __cdecl _get_tzname(size_t *len, char *buf, size_t size, int index)
{
    const char *name;
    size_t n = 0;

    if (!len || (!buf && size) || index < 0 || index > 1) return *_errno() = EINVAL;
    name = _tzname[index];
    while (name[n]) n++;
    *len = n + 1;
    if (!buf) return 0;
    if (size < n + 1) return *_errno() = ERANGE;
    for (size = 0; size <= n; size++) buf[size] = name[size];
    return 0;
}

static u64 now_100ns(void)
{
    core_filetime ft;

    GetSystemTimeAsFileTime(&ft);
    return (((u64)ft.hi << 32) | ft.lo) - EPOCH_DIFF_100NS;
}

__time64_t __cdecl _time64(__time64_t *out)
{
    __time64_t t = (__time64_t)(now_100ns() / 10000000);

    if (out) *out = t;
    return t;
}

__time32_t __cdecl _time32(__time32_t *out)
{
    __time32_t t = (__time32_t)_time64(0);

    if (out) *out = t;
    return t;
}

__time64_t __cdecl time(__time64_t *out)
{
    return _time64(out);
}

void __cdecl _ftime64(struct timeb64 *tb)
{
    u64 t = now_100ns();

    tb->time = (__time64_t)(t / 10000000);
    tb->millitm = (unsigned short)(t / 10000 % 1000);
    tb->timezone = 0;
    tb->dstflag = 0;
}

void __cdecl _ftime(struct timeb64 *tb)
{
    _ftime64(tb);
}

void __cdecl _ftime32(struct timeb32 *tb)
{
    struct timeb64 t;

    _ftime64(&t);
    tb->time = (__time32_t)t.time;
    tb->millitm = t.millitm;
    tb->timezone = t.timezone;
    tb->dstflag = t.dstflag;
}

static s64 clock_start;

/* DllMain's DLL_PROCESS_ATTACH calls this so clock() counts from start-up. */
void core_time_init(void)
{
    s64 now;

    QueryPerformanceCounter(&now);
    clock_start = now;
}

int __cdecl clock(void)
{
    s64 now, freq;

    if (!clock_start) core_time_init();
    QueryPerformanceCounter(&now);
    QueryPerformanceFrequency(&freq);
    if (freq <= 0) return -1;
    now -= clock_start;
    return (int)(now / freq * CLOCKS_PER_SEC + now % freq * CLOCKS_PER_SEC / freq);
}

double __cdecl _difftime64(__time64_t end, __time64_t start) { return (double)(end - start); }
double __cdecl _difftime32(__time32_t end, __time32_t start) { return (double)end - (double)start; }
double __cdecl difftime(__time64_t end, __time64_t start)    { return _difftime64(end, start); }

/* Days from 1970-01-01 to year-month-day of the proleptic Gregorian calendar
 * (month 1-12), counted in 400-year eras of 146097 days from 0000-03-01. */
static s64 days_from_civil(s64 y, int m, int d)
{
    s64 era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Breaks t (seconds since 1970, >= 0) down into *tm. */
static void break_down(s64 t, struct tm *tm)
{
    s64 days = t / SECS_PER_DAY, secs = t % SECS_PER_DAY;
    s64 z = days + 719468, era = z / 146097, doe = z - era * 146097;
    s64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    s64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    s64 mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    s64 y = yoe + era * 400 + (m <= 2);

    tm->tm_sec = (int)(secs % 60);
    tm->tm_min = (int)(secs / 60 % 60);
    tm->tm_hour = (int)(secs / 3600);
    tm->tm_mday = d;
    tm->tm_mon = m - 1;
    tm->tm_year = (int)(y - 1900);
    tm->tm_wday = (int)((days + 4) % 7);
    tm->tm_yday = (int)(days - days_from_civil(y, 1, 1));
    tm->tm_isdst = 0;
}

static struct tm *to_tm(s64 t, s64 max)
{
    struct tm *tm = &core_thread_data()->tm;

    if (t < 0 || t > max)
    {
        *_errno() = EINVAL;
        return 0;
    }
    break_down(t, tm);
    return tm;
}

struct tm *__cdecl _gmtime64(const __time64_t *t)
{
    if (!t) { *_errno() = EINVAL; return 0; }
    return to_tm(*t, MAX_TIME64);
}

struct tm *__cdecl _gmtime32(const __time32_t *t)
{
    if (!t) { *_errno() = EINVAL; return 0; }
    return to_tm(*t, MAX_TIME32);
}

struct tm *__cdecl gmtime(const __time64_t *t)          { return _gmtime64(t); }
struct tm *__cdecl _localtime64(const __time64_t *t)    { return _gmtime64(t); }
struct tm *__cdecl _localtime32(const __time32_t *t)    { return _gmtime32(t); }
struct tm *__cdecl localtime(const __time64_t *t)       { return _gmtime64(t); }

/* Normalizes *tm (fields may be out of range) and answers its time, or -1
 * (EINVAL) before 1970 or after max. */
static s64 make_time(struct tm *tm, s64 max)
{
    s64 mon, year, t;

    if (!tm)
    {
        *_errno() = EINVAL;
        return -1;
    }
    mon = tm->tm_mon;
    year = (s64)tm->tm_year + 1900 + mon / 12;
    mon %= 12;
    if (mon < 0) { mon += 12; year--; }
    t = (days_from_civil(year, (int)mon + 1, 1) + tm->tm_mday - 1) * SECS_PER_DAY +
        (s64)tm->tm_hour * 3600 + (s64)tm->tm_min * 60 + tm->tm_sec;
    if (t < 0 || t > max)
    {
        *_errno() = EINVAL;
        return -1;
    }
    break_down(t, tm);
    return t;
}

__time64_t __cdecl _mktime64(struct tm *tm)   { return make_time(tm, MAX_TIME64); }
__time32_t __cdecl _mktime32(struct tm *tm)   { return (__time32_t)make_time(tm, MAX_TIME32); }
__time64_t __cdecl mktime(struct tm *tm)      { return make_time(tm, MAX_TIME64); }
__time64_t __cdecl _mkgmtime64(struct tm *tm) { return make_time(tm, MAX_TIME64); }
__time32_t __cdecl _mkgmtime32(struct tm *tm) { return (__time32_t)make_time(tm, MAX_TIME32); }
__time64_t __cdecl _mkgmtime(struct tm *tm)   { return make_time(tm, MAX_TIME64); }

/* Text output shared by the narrow and wide functions. */
struct out
{
    void *buf;
    size_t size, len;
    int wide, full;
};

static void put_char(struct out *o, unsigned int c)
{
    if (o->len + 1 >= o->size)
    {
        o->full = 1;
        return;
    }
    if (o->wide) ((wchar_t *)o->buf)[o->len++] = (wchar_t)c;
    else ((char *)o->buf)[o->len++] = (char)c;
}

static void put_str(struct out *o, const char *s, size_t max)
{
    while (*s && max--) put_char(o, (unsigned char)*s++);
}

/* At least `width` digits, zero-padded; `strip` (the '#' flag) drops the padding. */
static void put_num(struct out *o, int v, int width, int strip)
{
    char digits[12];
    int n = 0;
    unsigned int u = v < 0 ? 0u - (unsigned int)v : (unsigned int)v;

    do { digits[n++] = (char)('0' + u % 10); u /= 10; } while (u);
    if (v < 0) put_char(o, '-');
    if (!strip) while (width-- > n) put_char(o, '0');
    while (n--) put_char(o, digits[n]);
}

static int in_range(int v, int lo, int hi)
{
    return v >= lo && v <= hi;
}

static int put_field(struct out *o, unsigned int spec, int alt, const struct tm *tm);

#ifdef WRING_UCRT
static int is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* The weekday of the year's last day (0 Sunday), for years after 0. */
static int last_weekday(int year)
{
    return (year + year / 4 - year / 100 + year / 400) % 7;
}

/* ISO 8601 weeks start on Monday; week 1 holds the year's first Thursday. */
static int iso_weeks_in(int year)
{
    return last_weekday(year) == 4 || last_weekday(year - 1) == 3 ? 53 : 52;
}

static int iso_week(const struct tm *tm, int *iso_year)
{
    int year = tm->tm_year + 1900, week = (tm->tm_yday - (tm->tm_wday + 6) % 7 + 10) / 7;

    if (week < 1)
    {
        year--;
        week = iso_weeks_in(year);
    }
    else if (week > iso_weeks_in(year))
    {
        year++;
        week = 1;
    }
    *iso_year = year;
    return week;
}

/* The conversions C99 added, which the UCRT has and msvcrt.dll has not. */
static int put_c99_field(struct out *o, unsigned int spec, int alt, const struct tm *tm)
{
    int year, week, bias;

    switch (spec)
    {
    case 'C':
        if (!in_range(tm->tm_year, -1899, 8099)) return 0;
        put_num(o, (tm->tm_year + 1900) / 100, 2, alt);
        return 1;
    case 'D':
        return put_field(o, 'm', alt, tm) && (put_char(o, '/'), put_field(o, 'd', alt, tm)) &&
               (put_char(o, '/'), put_field(o, 'y', alt, tm));
    case 'e':
        if (!in_range(tm->tm_mday, 1, 31)) return 0;
        if (tm->tm_mday < 10 && !alt) put_char(o, ' ');
        put_num(o, tm->tm_mday, 1, alt);
        return 1;
    case 'F':
        return put_field(o, 'Y', alt, tm) && (put_char(o, '-'), put_field(o, 'm', alt, tm)) &&
               (put_char(o, '-'), put_field(o, 'd', alt, tm));
    case 'g': case 'G': case 'V':
        if (!in_range(tm->tm_wday, 0, 6) || !in_range(tm->tm_yday, 0, 365 + is_leap(tm->tm_year + 1900) - 1) ||
            !in_range(tm->tm_year, -1899, 8099))
            return 0;
        week = iso_week(tm, &year);
        if (spec == 'V') put_num(o, week, 2, alt);
        else if (spec == 'G') put_num(o, year, 1, alt);
        else put_num(o, year % 100, 2, alt);
        return 1;
    case 'h':
        return put_field(o, 'b', alt, tm);
    case 'n':
        put_char(o, '\n');
        return 1;
    case 't':
        put_char(o, '\t');
        return 1;
    case 'r':
        return put_field(o, 'I', alt, tm) && (put_char(o, ':'), put_field(o, 'M', alt, tm)) &&
               (put_char(o, ':'), put_field(o, 'S', alt, tm)) && (put_char(o, ' '), put_field(o, 'p', alt, tm));
    case 'R':
        return put_field(o, 'H', alt, tm) && (put_char(o, ':'), put_field(o, 'M', alt, tm));
    case 'T':
        return put_field(o, 'H', alt, tm) && (put_char(o, ':'), put_field(o, 'M', alt, tm)) &&
               (put_char(o, ':'), put_field(o, 'S', alt, tm));
    case 'u':
        if (!in_range(tm->tm_wday, 0, 6)) return 0;
        put_num(o, tm->tm_wday ? tm->tm_wday : 7, 1, alt);
        return 1;
    case 'z':
        /* the offset east of UTC, +hhmm */
        bias = -(int)(_timezone + (tm->tm_isdst > 0 ? _dstbias : 0)) / 60;
        put_char(o, bias < 0 ? '-' : '+');
        if (bias < 0) bias = -bias;
        put_num(o, bias / 60 * 100 + bias % 60, 4, 0);
        return 1;
    default:
        return 0;
    }
}
#endif

/* One conversion of strftime; 0 for an unknown one or a field out of range. */
static int put_field(struct out *o, unsigned int spec, int alt, const struct tm *tm)
{
    int hour12;

    switch (spec)
    {
    case 'a': case 'A':
        if (!in_range(tm->tm_wday, 0, 6)) return 0;
        put_str(o, day_names[tm->tm_wday], spec == 'a' ? 3 : 10);
        return 1;
    case 'b': case 'B':
        if (!in_range(tm->tm_mon, 0, 11)) return 0;
        put_str(o, month_names[tm->tm_mon], spec == 'b' ? 3 : 10);
        return 1;
    case 'c':
        if (alt)
            return put_field(o, 'x', 1, tm) && (put_char(o, ' '), put_field(o, 'X', 0, tm));
#ifdef WRING_UCRT
        /* the UCRT's C locale has C99's "%a %b %e %T %Y" */
        return put_field(o, 'a', 0, tm) && (put_char(o, ' '), put_field(o, 'b', 0, tm)) &&
               (put_char(o, ' '), put_field(o, 'e', 0, tm)) && (put_char(o, ' '), put_field(o, 'T', 0, tm)) &&
               (put_char(o, ' '), put_field(o, 'Y', 0, tm));
#endif
        return put_field(o, 'x', 0, tm) && (put_char(o, ' '), put_field(o, 'X', 0, tm));
    case 'x':
        if (alt)
        {
            if (!put_field(o, 'A', 0, tm)) return 0;
            put_str(o, ", ", 2);
            if (!put_field(o, 'B', 0, tm)) return 0;
            put_char(o, ' ');
            if (!put_field(o, 'd', 0, tm)) return 0;
            put_str(o, ", ", 2);
            return put_field(o, 'Y', 0, tm);
        }
        if (!put_field(o, 'm', 0, tm)) return 0;
        put_char(o, '/');
        if (!put_field(o, 'd', 0, tm)) return 0;
        put_char(o, '/');
        return put_field(o, 'y', 0, tm);
    case 'X':
        if (!put_field(o, 'H', 0, tm)) return 0;
        put_char(o, ':');
        if (!put_field(o, 'M', 0, tm)) return 0;
        put_char(o, ':');
        return put_field(o, 'S', 0, tm);
    case 'd':
        if (!in_range(tm->tm_mday, 1, 31)) return 0;
        put_num(o, tm->tm_mday, 2, alt);
        return 1;
    case 'H':
        if (!in_range(tm->tm_hour, 0, 23)) return 0;
        put_num(o, tm->tm_hour, 2, alt);
        return 1;
    case 'I':
        if (!in_range(tm->tm_hour, 0, 23)) return 0;
        hour12 = tm->tm_hour % 12;
        put_num(o, hour12 ? hour12 : 12, 2, alt);
        return 1;
    case 'j':
        if (!in_range(tm->tm_yday, 0, 365)) return 0;
        put_num(o, tm->tm_yday + 1, 3, alt);
        return 1;
    case 'm':
        if (!in_range(tm->tm_mon, 0, 11)) return 0;
        put_num(o, tm->tm_mon + 1, 2, alt);
        return 1;
    case 'M':
        if (!in_range(tm->tm_min, 0, 59)) return 0;
        put_num(o, tm->tm_min, 2, alt);
        return 1;
    case 'p':
        if (!in_range(tm->tm_hour, 0, 23)) return 0;
        put_str(o, tm->tm_hour < 12 ? "AM" : "PM", 2);
        return 1;
    case 'S':
        if (!in_range(tm->tm_sec, 0, 59)) return 0;
        put_num(o, tm->tm_sec, 2, alt);
        return 1;
    case 'U':
        if (!in_range(tm->tm_wday, 0, 6) || !in_range(tm->tm_yday, 0, 365)) return 0;
        put_num(o, (tm->tm_yday + 7 - tm->tm_wday) / 7, 2, alt);
        return 1;
    case 'W':
        if (!in_range(tm->tm_wday, 0, 6) || !in_range(tm->tm_yday, 0, 365)) return 0;
        put_num(o, (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7, 2, alt);
        return 1;
    case 'w':
        if (!in_range(tm->tm_wday, 0, 6)) return 0;
        put_num(o, tm->tm_wday, 1, alt);
        return 1;
    case 'y':
        if (!in_range(tm->tm_year, 0, 8099)) return 0;
        put_num(o, tm->tm_year % 100, 2, alt);
        return 1;
    case 'Y':
        if (!in_range(tm->tm_year, -1899, 8099)) return 0;
        put_num(o, tm->tm_year + 1900, 1, alt);
        return 1;
#ifndef WRING_UCRT
    /* msvcrt writes the zone's name for %z as well. */
    case 'z':
#endif
    case 'Z':
        put_str(o, _tzname[0], 64);
        return 1;
    case '%':
        put_char(o, '%');
        return 1;
    default:
#ifdef WRING_UCRT
        return put_c99_field(o, spec, alt, tm);
#else
        return 0;
#endif
    }
}

static unsigned int fmt_at(const void *fmt, size_t i, int wide)
{
    return wide ? ((const wchar_t *)fmt)[i] : ((const unsigned char *)fmt)[i];
}

/* On overflow (ERANGE) or a bad conversion or field (EINVAL) the result is
 * an empty string and 0. */
static size_t format_time(void *buf, size_t size, const void *fmt, int wide, const struct tm *tm)
{
    struct out o = { buf, size, 0, wide, 0 };
    size_t i = 0;
    int error = 0;
    unsigned int c;

    if (!buf || !size || !fmt || !tm)
    {
        *_errno() = EINVAL;
        if (buf && size) put_char(&o, 0);
        return 0;
    }
    while (!error && (c = fmt_at(fmt, i++, wide)))
    {
        int alt = 0;

        if (c != '%')
            put_char(&o, c);
        else
        {
            c = fmt_at(fmt, i, wide);
            if (c == '#')
            {
                alt = 1;
                c = fmt_at(fmt, ++i, wide);
            }
            if (c) i++;
            if (!put_field(&o, c, alt, tm)) error = EINVAL;
        }
        if (o.full) error = ERANGE;
    }
    if (error)
    {
        *_errno() = error;
        ((char *)buf)[0] = 0;
        if (wide) ((wchar_t *)buf)[0] = 0;
        return 0;
    }
    if (wide) ((wchar_t *)buf)[o.len] = 0;
    else ((char *)buf)[o.len] = 0;
    return o.len;
}

size_t __cdecl strftime(char *buf, size_t size, const char *fmt, const struct tm *tm)
{
    return format_time(buf, size, fmt, 0, tm);
}

size_t __cdecl wcsftime(wchar_t *buf, size_t size, const wchar_t *fmt, const struct tm *tm)
{
    return format_time(buf, size, fmt, 1, tm);
}

/* "Tue Jan 09 03:04:05 2024\n": msvcrt pads the day with a zero, the UCRT with a space as C does. */
static void *format_asctime(const struct tm *tm, int wide)
{
    struct core_thread *t = core_thread_data();
    void *buf = wide ? (void *)t->wasctime_buf : (void *)t->asctime_buf;
    struct out o = { buf, 26, 0, wide, 0 };

    if (!tm || !in_range(tm->tm_wday, 0, 6) || !in_range(tm->tm_mon, 0, 11) || !in_range(tm->tm_mday, 1, 31) ||
        !in_range(tm->tm_hour, 0, 23) || !in_range(tm->tm_min, 0, 59) || !in_range(tm->tm_sec, 0, 59) ||
        !in_range(tm->tm_year, -1899, 8099))
    {
        *_errno() = EINVAL;
        return 0;
    }
    put_str(&o, day_names[tm->tm_wday], 3);
    put_char(&o, ' ');
    put_str(&o, month_names[tm->tm_mon], 3);
    put_char(&o, ' ');
#ifdef WRING_UCRT
    if (tm->tm_mday < 10) put_char(&o, ' ');
    put_num(&o, tm->tm_mday, 1, 0);
#else
    put_num(&o, tm->tm_mday, 2, 0);
#endif
    put_char(&o, ' ');
    put_field(&o, 'X', 0, tm);
    put_char(&o, ' ');
    put_num(&o, tm->tm_year + 1900, 4, 0);
    put_char(&o, '\n');
    o.size++;
    put_char(&o, 0);
    return buf;
}

char *__cdecl asctime(const struct tm *tm)       { return format_asctime(tm, 0); }
wchar_t *__cdecl _wasctime(const struct tm *tm)  { return format_asctime(tm, 1); }

char *__cdecl _ctime64(const __time64_t *t)
{
    struct tm *tm = _localtime64(t);
    return tm ? asctime(tm) : 0;
}

char *__cdecl _ctime32(const __time32_t *t)
{
    struct tm *tm = _localtime32(t);
    return tm ? asctime(tm) : 0;
}

wchar_t *__cdecl _wctime64(const __time64_t *t)
{
    struct tm *tm = _localtime64(t);
    return tm ? _wasctime(tm) : 0;
}

wchar_t *__cdecl _wctime32(const __time32_t *t)
{
    struct tm *tm = _localtime32(t);
    return tm ? _wasctime(tm) : 0;
}

char *__cdecl ctime(const __time64_t *t)     { return _ctime64(t); }
wchar_t *__cdecl _wctime(const __time64_t *t) { return _wctime64(t); }

/* "mm/dd/yy" and "hh:mm:ss" of the current local time, in a 9-unit buffer. */
static void *date_or_time(void *buf, int wide, unsigned int spec)
{
    __time64_t now = _time64(0);
    struct tm tm;

    break_down(now, &tm);
    format_time(buf, 9, wide ? (const void *)(spec == 'x' ? L"%x" : L"%X") : (spec == 'x' ? "%x" : "%X"), wide, &tm);
    return buf;
}

char *__cdecl _strdate(char *buf)        { return date_or_time(buf, 0, 'x'); }
char *__cdecl _strtime(char *buf)        { return date_or_time(buf, 0, 'X'); }
wchar_t *__cdecl _wstrdate(wchar_t *buf) { return date_or_time(buf, 1, 'x'); }
wchar_t *__cdecl _wstrtime(wchar_t *buf) { return date_or_time(buf, 1, 'X'); }
