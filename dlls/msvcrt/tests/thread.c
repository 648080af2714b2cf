/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* CRT threads: _beginthreadex, _endthreadex, _beginthread, _endthread. */
#include <errno.h>
#include <process.h>
#include <windows.h>
#include "wine/test.h"

#define HANG_MS 60000

static unsigned int __stdcall returns_arg(void *arg)
{
    return (unsigned int)(UINT_PTR)arg;
}

static unsigned int __stdcall ends_early(void *arg)
{
    _endthreadex(0x4321);
    return 1;
}

static void __cdecl sets_event(void *arg)
{
    SetEvent(arg);
}

static void __cdecl ends_itself(void *arg)
{
    SetEvent(arg);
    _endthread();
    SetEvent(NULL);
}

static void test_beginthreadex(void)
{
    unsigned int id = 0;
    DWORD code;
    HANDLE thread;

    thread = (HANDLE)_beginthreadex(NULL, 0, returns_arg, (void *)0x1234, 0, &id);
    ok(thread != NULL && id != 0, "_beginthreadex: %p, id %u, errno %d\n", thread, id, errno);
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "the thread did not end\n");
    ok(GetExitCodeThread(thread, &code) && code == 0x1234, "exit code %#lx\n", code);
    ok(CloseHandle(thread), "the handle is the caller's to close: %lu\n", GetLastError());

    /* created suspended, it runs once resumed; _endthreadex gives the exit code */
    thread = (HANDLE)_beginthreadex(NULL, 0, ends_early, NULL, CREATE_SUSPENDED, NULL);
    ok(thread != NULL, "_beginthreadex(CREATE_SUSPENDED): errno %d\n", errno);
    ok(WaitForSingleObject(thread, 0) == WAIT_TIMEOUT, "a suspended thread ended\n");
    ok(ResumeThread(thread) == 1, "ResumeThread\n");
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "the thread did not end\n");
    ok(GetExitCodeThread(thread, &code) && code == 0x4321, "exit code after _endthreadex %#lx\n", code);
    CloseHandle(thread);

    errno = 0;
    ok(!_beginthreadex(NULL, 0, NULL, NULL, 0, NULL) && errno == EINVAL, "no routine: errno %d\n", errno);
}

static void test_beginthread(void)
{
    HANDLE event = CreateEventA(NULL, FALSE, FALSE, NULL);
    uintptr_t thread;

    thread = _beginthread(sets_event, 0, event);
    ok(thread != (uintptr_t)-1, "_beginthread: errno %d\n", errno);
    ok(WaitForSingleObject(event, HANG_MS) == WAIT_OBJECT_0, "the routine did not run\n");
    thread = _beginthread(ends_itself, 0, event);
    ok(thread != (uintptr_t)-1, "_beginthread: errno %d\n", errno);
    ok(WaitForSingleObject(event, HANG_MS) == WAIT_OBJECT_0, "the routine did not run\n");

    errno = 0;
    ok(_beginthread(NULL, 0, NULL) == (uintptr_t)-1 && errno == EINVAL, "no routine: errno %d\n", errno);
    CloseHandle(event);
}

START_TEST(thread)
{
    test_beginthreadex();
    test_beginthread();
}
