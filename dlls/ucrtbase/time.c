/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The UCRT's time additions: the _s conversions into the caller's struct tm, _timespec64_get, and
 * the time zone's variables behind the functions its headers read them through. */
#include "corelib.h"
#include "invalid.h"

#define TIME_UTC 1

extern win_long _timezone;
extern int _daylight;
extern win_long _dstbias;
extern char *_tzname[2];

char *__cdecl asctime(const struct tm *tm);
wchar_t *__cdecl _wasctime(const struct tm *tm);
char *__cdecl _ctime64(const __time64_t *t);
wchar_t *__cdecl _wctime64(const __time64_t *t);
struct tm *__cdecl _gmtime64(const __time64_t *t);
struct tm *__cdecl _localtime64(const __time64_t *t);
void *__cdecl memset(void *d, int c, size_t n);

struct timespec64
{
    __time64_t tv_sec;
    win_long tv_nsec;
};

/* A missing or unconvertible time leaves every field -1. */
static int convert_s(struct tm *out, const __time64_t *t, struct tm *(__cdecl *convert)(const __time64_t *))
{
    struct tm *r;

    if (!out) return ucrt_invalid(EINVAL, EINVAL);
    if (!t || !(r = convert(t)))
    {
        memset(out, 0xff, sizeof(*out));
        return ucrt_invalid(EINVAL, EINVAL);
    }
    *out = *r;
    return 0;
}

int __cdecl _gmtime64_s(struct tm *out, const __time64_t *t)
{
    return convert_s(out, t, _gmtime64);
}

int __cdecl _localtime64_s(struct tm *out, const __time64_t *t)
{
    return convert_s(out, t, _localtime64);
}

/* The 26 characters of asctime's "Thu Dec  7 09:03:01 2023\n" into the caller's buffer; a text
 * that could not be made (a field out of range, a bad time) or a buffer too small is EINVAL. */
static int copy_text_s(void *buf, size_t size, const void *text, int wide, int have_input)
{
    size_t i;

    if (!buf || !size) return ucrt_invalid(EINVAL, EINVAL);
    if (wide) ((wchar_t *)buf)[0] = 0;
    else ((char *)buf)[0] = 0;
    if (size < 26 || !have_input || !text) return ucrt_invalid(EINVAL, EINVAL);
    for (i = 0; i < 26; i++)
    {
        if (wide) ((wchar_t *)buf)[i] = ((const wchar_t *)text)[i];
        else ((char *)buf)[i] = ((const char *)text)[i];
    }
    return 0;
}

int __cdecl asctime_s(char *buf, size_t size, const struct tm *tm)
{
    return copy_text_s(buf, size, buf && size >= 26 && tm ? asctime(tm) : 0, 0, tm != 0);
}

int __cdecl _wasctime_s(wchar_t *buf, size_t size, const struct tm *tm)
{
    return copy_text_s(buf, size, buf && size >= 26 && tm ? _wasctime(tm) : 0, 1, tm != 0);
}

int __cdecl _ctime64_s(char *buf, size_t size, const __time64_t *t)
{
    return copy_text_s(buf, size, buf && size >= 26 && t ? _ctime64(t) : 0, 0, t != 0);
}

int __cdecl _wctime64_s(wchar_t *buf, size_t size, const __time64_t *t)
{
    return copy_text_s(buf, size, buf && size >= 26 && t ? _wctime64(t) : 0, 1, t != 0);
}

/* C11's timespec_get: the base it was given on success, 0 for a base other than TIME_UTC. */
int __cdecl _timespec64_get(struct timespec64 *ts, int base)
{
    core_filetime ft;
    u64 ticks;

    if (!ts) return ucrt_invalid(EINVAL, 0);
    if (base != TIME_UTC) return 0;
    GetSystemTimeAsFileTime(&ft);
    ticks = ((u64)ft.hi << 32 | ft.lo) - 116444736000000000ull;
    ts->tv_sec = (__time64_t)(ticks / 10000000);
    ts->tv_nsec = (win_long)(ticks % 10000000) * 100;
    return base;
}

/* <time.h>'s _timezone, _daylight, _dstbias and _tzname are these functions' results. */
win_long *__cdecl __timezone(void) { return &_timezone; }
int *__cdecl __daylight(void) { return &_daylight; }
win_long *__cdecl __dstbias(void) { return &_dstbias; }
char **__cdecl __tzname(void) { return _tzname; }

int __cdecl _get_timezone(win_long *seconds)
{
    if (!seconds) return ucrt_invalid(EINVAL, EINVAL);
    *seconds = _timezone;
    return 0;
}

int __cdecl _get_daylight(int *hours)
{
    if (!hours) return ucrt_invalid(EINVAL, EINVAL);
    *hours = _daylight;
    return 0;
}

int __cdecl _get_dstbias(win_long *seconds)
{
    if (!seconds) return ucrt_invalid(EINVAL, EINVAL);
    *seconds = _dstbias;
    return 0;
}
