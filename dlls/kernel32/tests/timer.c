/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Waitable timers: manual-reset and synchronization timers, relative and
 * absolute due times, periods, cancelling, named timers, the completion
 * routine queued to the setting thread, and NtQueryTimer.
 */
#include <windows.h>
#include <winternl.h>
#include "wine/test.h"

#define HANG_MS 60000

static void test_manual(void)
{
    LARGE_INTEGER due = { .QuadPart = -10000 };   /* 1 ms from now */
    HANDLE timer = CreateWaitableTimerW(NULL, TRUE, NULL);

    ok(timer != NULL, "CreateWaitableTimerW: %lu\n", GetLastError());
    ok(WaitForSingleObject(timer, 0) == WAIT_TIMEOUT, "a new timer is signalled\n");
    ok(SetWaitableTimer(timer, &due, 0, NULL, NULL, FALSE), "SetWaitableTimer: %lu\n", GetLastError());
    ok(WaitForSingleObject(timer, HANG_MS) == WAIT_OBJECT_0, "the timer never fired\n");
    /* a notification timer stays signalled for every waiter */
    ok(WaitForSingleObject(timer, 0) == WAIT_OBJECT_0, "the manual-reset timer reset itself\n");
    /* setting it again resets it until the new expiry */
    due.QuadPart = -(LONGLONG)HANG_MS * 10000;
    ok(SetWaitableTimer(timer, &due, 0, NULL, NULL, FALSE), "SetWaitableTimer: %lu\n", GetLastError());
    ok(WaitForSingleObject(timer, 0) == WAIT_TIMEOUT, "setting did not reset the timer\n");
    /* cancelled, it never fires; the signal stays as it was */
    ok(CancelWaitableTimer(timer), "CancelWaitableTimer: %lu\n", GetLastError());
    ok(WaitForSingleObject(timer, 0) == WAIT_TIMEOUT, "a cancelled timer is signalled\n");
    CloseHandle(timer);
}

static void test_synchronization(void)
{
    LARGE_INTEGER due = { .QuadPart = 0 };   /* a system time in the past: at once */
    HANDLE timer = CreateWaitableTimerExW(NULL, NULL, 0, TIMER_ALL_ACCESS);

    ok(timer != NULL, "CreateWaitableTimerExW: %lu\n", GetLastError());
    ok(SetWaitableTimer(timer, &due, 0, NULL, NULL, FALSE), "SetWaitableTimer: %lu\n", GetLastError());
    ok(WaitForSingleObject(timer, HANG_MS) == WAIT_OBJECT_0, "the timer never fired\n");
    /* one waiter takes the signal */
    ok(WaitForSingleObject(timer, 0) == WAIT_TIMEOUT, "the synchronization timer stayed signalled\n");
    CloseHandle(timer);
    /* high resolution (Windows 10 1803) is a timer like the others */
    timer = CreateWaitableTimerExW(NULL, NULL, 2 /* CREATE_WAITABLE_TIMER_HIGH_RESOLUTION */, TIMER_ALL_ACCESS);
    ok(timer != NULL, "a high-resolution timer: %lu\n", GetLastError());
    ok(SetWaitableTimer(timer, &due, 0, NULL, NULL, FALSE), "SetWaitableTimer: %lu\n", GetLastError());
    ok(WaitForSingleObject(timer, HANG_MS) == WAIT_OBJECT_0, "the high-resolution timer never fired\n");
    CloseHandle(timer);
}

static void test_periodic(void)
{
    LARGE_INTEGER due = { .QuadPart = -10000 };
    HANDLE timer = CreateWaitableTimerW(NULL, FALSE, NULL);
    int i;

    ok(SetWaitableTimer(timer, &due, 1, NULL, NULL, FALSE), "SetWaitableTimer: %lu\n", GetLastError());
    /* every period signals it again */
    for (i = 0; i < 3; i++)
        ok(WaitForSingleObject(timer, HANG_MS) == WAIT_OBJECT_0, "expiry %d never came\n", i);
    ok(CancelWaitableTimer(timer), "CancelWaitableTimer: %lu\n", GetLastError());
    CloseHandle(timer);
}

static int apc_calls;
static void *apc_arg;
static DWORD apc_thread;
static void CALLBACK timer_routine(void *arg, DWORD low, DWORD high)
{
    apc_calls++;
    apc_arg = arg;
    apc_thread = GetCurrentThreadId();
    ok(high != 0, "the routine's time is %#lx:%#lx\n", high, low);
}

static void test_routine(void)
{
    LARGE_INTEGER due = { .QuadPart = -10000 };
    HANDLE timer = CreateWaitableTimerW(NULL, TRUE, NULL);

    apc_calls = 0;
    ok(SetWaitableTimer(timer, &due, 0, timer_routine, &apc_calls, FALSE), "SetWaitableTimer: %lu\n",
       GetLastError());
    ok(WaitForSingleObject(timer, HANG_MS) == WAIT_OBJECT_0, "the timer never fired\n");
    /* the routine is an APC of the thread that set the timer: it waits for an alertable wait */
    ok(!apc_calls, "the routine ran outside an alertable wait\n");
    ok(SleepEx(HANG_MS, TRUE) == WAIT_IO_COMPLETION, "no APC came\n");
    ok(apc_calls == 1 && apc_arg == &apc_calls && apc_thread == GetCurrentThreadId(), "routine: %d calls\n",
       apc_calls);
    CloseHandle(timer);
}

static void test_named(void)
{
    HANDLE timer, other;

    timer = CreateWaitableTimerA(NULL, TRUE, "wring_timer_test");
    ok(timer != NULL && GetLastError() == 0, "CreateWaitableTimerA: %lu\n", GetLastError());
    other = CreateWaitableTimerA(NULL, TRUE, "wring_timer_test");
    ok(other != NULL && GetLastError() == ERROR_ALREADY_EXISTS, "second create: %lu\n", GetLastError());
    CloseHandle(other);
    other = OpenWaitableTimerA(TIMER_ALL_ACCESS, FALSE, "wring_timer_test");
    ok(other != NULL, "OpenWaitableTimerA: %lu\n", GetLastError());
    CloseHandle(other);
    SetLastError(0xdeadbeef);
    ok(!OpenWaitableTimerA(TIMER_ALL_ACCESS, FALSE, "wring_no_such_timer") && GetLastError() == ERROR_FILE_NOT_FOUND,
       "opening a missing timer: %lu\n", GetLastError());
    /* an event's name is not a timer's */
    other = CreateEventA(NULL, FALSE, FALSE, "wring_timer_event");
    SetLastError(0xdeadbeef);
    ok(!OpenWaitableTimerA(TIMER_ALL_ACCESS, FALSE, "wring_timer_event") && GetLastError() == ERROR_INVALID_HANDLE,
       "an event opened as a timer: %lu\n", GetLastError());
    CloseHandle(other);
    CloseHandle(timer);
}

static void test_query(void)
{
    NTSTATUS (WINAPI *query)(HANDLE, int, void *, ULONG, ULONG *);
    LARGE_INTEGER due = { .QuadPart = -(LONGLONG)HANG_MS * 10000 };
    struct { LARGE_INTEGER remaining; BOOLEAN state; } info;
    HANDLE timer = CreateWaitableTimerW(NULL, TRUE, NULL);
    ULONG len = 0;
    NTSTATUS status;

    query = (void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtQueryTimer");
    ok(SetWaitableTimer(timer, &due, 0, NULL, NULL, FALSE), "SetWaitableTimer: %lu\n", GetLastError());
    status = query(timer, 0 /* TimerBasicInformation */, &info, sizeof(info), &len);
    ok(!status && len == sizeof(info), "NtQueryTimer: %#lx %lu\n", status, len);
    ok(!info.state && info.remaining.QuadPart > 0 && info.remaining.QuadPart <= -due.QuadPart,
       "state %u, remaining %I64d\n", info.state, info.remaining.QuadPart);
    CancelWaitableTimer(timer);
    CloseHandle(timer);
}

START_TEST(timer)
{
    test_manual();
    test_synchronization();
    test_periodic();
    test_routine();
    test_named();
    test_query();
}
