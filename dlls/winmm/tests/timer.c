/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * winmm's timer functions, looked up as Go's runtime looks up timeBeginPeriod
 * and timeEndPeriod: the periods the device reports are accepted and others
 * refused, and timeGetTime and timeGetSystemTime read one millisecond clock
 * that moves forward.
 */
#include <windows.h>
#include <mmsystem.h>
#include "wine/test.h"

static MMRESULT (WINAPI *ptimeBeginPeriod)(UINT);
static MMRESULT (WINAPI *ptimeEndPeriod)(UINT);
static MMRESULT (WINAPI *ptimeGetDevCaps)(TIMECAPS *, UINT);
static MMRESULT (WINAPI *ptimeGetSystemTime)(MMTIME *, UINT);
static DWORD (WINAPI *ptimeGetTime)(void);

static void test_periods(void)
{
    TIMECAPS caps = { 0, 0 };
    MMRESULT ret;

    ret = ptimeGetDevCaps(&caps, sizeof(caps));
    ok(ret == TIMERR_NOERROR, "timeGetDevCaps: %u\n", ret);
    ok(caps.wPeriodMin == 1, "shortest period %u\n", caps.wPeriodMin);
    ok(caps.wPeriodMax >= caps.wPeriodMin, "longest period %u\n", caps.wPeriodMax);
    ret = ptimeGetDevCaps(NULL, sizeof(caps));
    ok(ret != TIMERR_NOERROR, "timeGetDevCaps without a buffer succeeded\n");

    /* what Go asks for, begun and ended in pairs */
    ok(ptimeBeginPeriod(1) == TIMERR_NOERROR, "timeBeginPeriod(1) failed\n");
    ok(ptimeBeginPeriod(caps.wPeriodMax) == TIMERR_NOERROR, "timeBeginPeriod(%u) failed\n", caps.wPeriodMax);
    ok(ptimeEndPeriod(caps.wPeriodMax) == TIMERR_NOERROR, "timeEndPeriod(%u) failed\n", caps.wPeriodMax);
    ok(ptimeEndPeriod(1) == TIMERR_NOERROR, "timeEndPeriod(1) failed\n");

    /* outside what the device reports */
    ok(ptimeBeginPeriod(0) == TIMERR_NOCANDO, "timeBeginPeriod(0) was not refused\n");
    ok(ptimeEndPeriod(0) == TIMERR_NOCANDO, "timeEndPeriod(0) was not refused\n");
    ok(ptimeBeginPeriod(caps.wPeriodMax + 1) == TIMERR_NOCANDO, "timeBeginPeriod(%u) was not refused\n",
       caps.wPeriodMax + 1);
}

static void test_clock(void)
{
    LARGE_INTEGER due = { .QuadPart = -30 * 10000 };    /* 30 ms */
    HANDLE timer = CreateWaitableTimerW(NULL, TRUE, NULL);
    DWORD before, after, prev, now;
    MMTIME mmt;
    MMRESULT ret;
    int i;

    before = prev = ptimeGetTime();
    for (i = 0; i < 1000; i++)
    {
        now = ptimeGetTime();
        ok(now - prev < 0x80000000, "the clock went back from %lu to %lu\n", prev, now);
        prev = now;
    }

    memset(&mmt, 0xcc, sizeof(mmt));
    ret = ptimeGetSystemTime(&mmt, sizeof(mmt));
    after = ptimeGetTime();
    ok(ret == TIMERR_NOERROR, "timeGetSystemTime: %u\n", ret);
    ok(mmt.wType == TIME_MS, "type %u\n", mmt.wType);
    ok(mmt.u.ms - before <= after - before, "timeGetSystemTime said %lu, between %lu and %lu\n",
       mmt.u.ms, before, after);

    /* 30 ms gone by on a timer move a millisecond clock forward */
    ok(SetWaitableTimer(timer, &due, 0, NULL, NULL, FALSE), "SetWaitableTimer: %lu\n", GetLastError());
    ok(WaitForSingleObject(timer, 60000) == WAIT_OBJECT_0, "the timer did not expire\n");
    now = ptimeGetTime();
    ok(now != after && now - after < 0x80000000, "the clock stood at %lu, then %lu\n", after, now);
    CloseHandle(timer);
}

START_TEST(timer)
{
    HMODULE winmm = LoadLibraryA("winmm.dll");

    ok(winmm != NULL, "LoadLibrary(winmm.dll): %lu\n", GetLastError());
    if (!winmm) return;
    ptimeBeginPeriod = (void *)GetProcAddress(winmm, "timeBeginPeriod");
    ptimeEndPeriod = (void *)GetProcAddress(winmm, "timeEndPeriod");
    ptimeGetDevCaps = (void *)GetProcAddress(winmm, "timeGetDevCaps");
    ptimeGetSystemTime = (void *)GetProcAddress(winmm, "timeGetSystemTime");
    ptimeGetTime = (void *)GetProcAddress(winmm, "timeGetTime");
    ok(ptimeBeginPeriod && ptimeEndPeriod && ptimeGetDevCaps && ptimeGetSystemTime && ptimeGetTime,
       "winmm lacks a timer function\n");
    if (!ptimeBeginPeriod || !ptimeEndPeriod || !ptimeGetDevCaps || !ptimeGetSystemTime || !ptimeGetTime) return;
    test_periods();
    test_clock();
    FreeLibrary(winmm);
}
