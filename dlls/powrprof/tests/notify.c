/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * powrprof's suspend and resume registration as Go's runtime makes it: a
 * DEVICE_NOTIFY_CALLBACK subscription succeeds with a handle, nothing is
 * called while the machine does not sleep, and the handle is freed once.
 */
#include <windows.h>
#include "wine/test.h"

#ifndef DEVICE_NOTIFY_CALLBACK
#define DEVICE_NOTIFY_CALLBACK 2
#endif
typedef ULONG (CALLBACK *notify_callback)(void *context, ULONG type, void *setting);
typedef struct
{
    notify_callback Callback;
    void *Context;
} subscribe_parameters;

static DWORD (WINAPI *pPowerRegisterSuspendResumeNotification)(DWORD, HANDLE, void **);
static DWORD (WINAPI *pPowerUnregisterSuspendResumeNotification)(void *);

static LONG calls;

static ULONG CALLBACK on_power(void *context, ULONG type, void *setting)
{
    InterlockedIncrement(&calls);
    return ERROR_SUCCESS;
}

START_TEST(notify)
{
    subscribe_parameters params = { on_power, &calls };
    HMODULE dll = LoadLibraryA("powrprof.dll");
    void *handle = NULL, *second = NULL;
    DWORD ret;

    ok(dll != NULL, "LoadLibrary(powrprof.dll): %lu\n", GetLastError());
    if (!dll) return;
    pPowerRegisterSuspendResumeNotification = (void *)GetProcAddress(dll, "PowerRegisterSuspendResumeNotification");
    pPowerUnregisterSuspendResumeNotification = (void *)GetProcAddress(dll, "PowerUnregisterSuspendResumeNotification");
    if (!pPowerRegisterSuspendResumeNotification || !pPowerUnregisterSuspendResumeNotification)
    {
        /* Windows 8 and later have them */
        win_skip("no suspend/resume notifications\n");
        return;
    }

    ret = pPowerRegisterSuspendResumeNotification(DEVICE_NOTIFY_CALLBACK, &params, &handle);
    ok(ret == ERROR_SUCCESS, "register: %lu\n", ret);
    ok(handle != NULL, "no registration handle\n");
    ret = pPowerRegisterSuspendResumeNotification(DEVICE_NOTIFY_CALLBACK, &params, &second);
    ok(ret == ERROR_SUCCESS, "second register: %lu\n", ret);
    /* Wine 8.0's registration is a stub that hands every caller the same constant */
    todo_wine ok(second != NULL && second != handle, "second handle %p, first %p\n", second, handle);
    ok(calls == 0, "the callback ran %ld times at registration\n", calls);

    ok(pPowerUnregisterSuspendResumeNotification(second) == ERROR_SUCCESS, "unregister failed\n");
    ok(pPowerUnregisterSuspendResumeNotification(handle) == ERROR_SUCCESS, "unregister failed\n");
    /* a handle is freed once; Wine 8.0's stub accepts anything */
    ret = pPowerUnregisterSuspendResumeNotification(handle);
    todo_wine ok(ret != ERROR_SUCCESS, "a second unregister succeeded\n");
    ok(calls == 0, "the callback ran %ld times\n", calls);
    FreeLibrary(dll);
}
