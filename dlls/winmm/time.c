/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * winmm.dll's timer functions, the part console programs use: Go's runtime
 * raises the timer resolution with timeBeginPeriod, others read timeGetTime.
 *
 * Windows' timer resolution is a system-wide interrupt rate that programs
 * ask to raise.  Linux has none to raise: Wring's waits and timers sleep on
 * CLOCK_MONOTONIC deadlines with the kernel's high-resolution timers, so every
 * period a program may ask for is already in effect, and the calls only check
 * the request as Windows does.
 */
#include <stdarg.h>
#include "windef.h"
#include "winbase.h"
#include "mmsystem.h"

/* what Windows 10 reports: 1 ms to 1000 s */
#define PERIOD_MIN 1
#define PERIOD_MAX 1000000

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    (void)instance; (void)reason; (void)reserved;
    return TRUE;
}

static BOOL valid_period(UINT period)
{
    return period >= PERIOD_MIN && period <= PERIOD_MAX;
}

MMRESULT WINAPI timeBeginPeriod(UINT period)
{
    return valid_period(period) ? TIMERR_NOERROR : TIMERR_NOCANDO;
}

MMRESULT WINAPI timeEndPeriod(UINT period)
{
    return valid_period(period) ? TIMERR_NOERROR : TIMERR_NOCANDO;
}

MMRESULT WINAPI timeGetDevCaps(TIMECAPS *caps, UINT size)
{
    if (!caps || size < sizeof(*caps)) return TIMERR_NOCANDO;
    caps->wPeriodMin = PERIOD_MIN;
    caps->wPeriodMax = PERIOD_MAX;
    return TIMERR_NOERROR;
}

/* Milliseconds since the system started, to the millisecond: the clock GetTickCount reads. */
DWORD WINAPI timeGetTime(void)
{
    return GetTickCount();
}

MMRESULT WINAPI timeGetSystemTime(MMTIME *time, UINT size)
{
    if (!time || size < sizeof(*time)) return TIMERR_NOCANDO;
    time->wType = TIME_MS;
    time->u.ms = timeGetTime();
    return TIMERR_NOERROR;
}
