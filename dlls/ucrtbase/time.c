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
