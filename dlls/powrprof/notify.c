/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * powrprof.dll's suspend and resume notifications, which Go's runtime
 * registers for at start-up so that its timers catch up after a resume.
 *
 * Wring does not see the machine suspend (a Linux process is frozen and
 * thawed without being told), so a registration is kept, its callback is
 * never called, and unregistering frees it.  The registrations are listed so
 * that a handle this DLL did not hand out, or one unregistered already, is
 * refused rather than freed.
 */
#include <stdarg.h>
#include "ntstatus.h"
#define WIN32_NO_STATUS
#include "windef.h"
#include "winbase.h"
#include "winternl.h"
#include "winuser.h"
#include "powrprof.h"

/* winuser.h's subscription for DEVICE_NOTIFY_CALLBACK (not in Wine 8.0's headers) */
#ifndef DEVICE_NOTIFY_CALLBACK
#define DEVICE_NOTIFY_CALLBACK 2
#endif
typedef ULONG (CALLBACK *notify_callback)(void *context, ULONG type, void *setting);
struct subscribe_parameters
{
    notify_callback callback;
    void *context;
};

struct registration
{
    struct registration *next;
    struct subscribe_parameters params;     /* a copy: the caller's may be on its stack */
};

static struct registration *registrations;
static RTL_SRWLOCK lock = RTL_SRWLOCK_INIT;

static HANDLE heap(void)
{
    return NtCurrentTeb()->Peb->ProcessHeap;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    (void)instance; (void)reason; (void)reserved;
    return TRUE;
}

DWORD WINAPI PowerRegisterSuspendResumeNotification(DWORD flags, HANDLE recipient, HPOWERNOTIFY *handle)
{
    const struct subscribe_parameters *params = recipient;
    struct registration *reg;

    /* Windows takes callbacks only: a window or a service handle goes through user32 or the SCM */
    if (flags != DEVICE_NOTIFY_CALLBACK || !params || !params->callback || !handle) return ERROR_INVALID_PARAMETER;
    if (!(reg = RtlAllocateHeap(heap(), 0, sizeof(*reg)))) return ERROR_NOT_ENOUGH_MEMORY;
    reg->params = *params;
    RtlAcquireSRWLockExclusive(&lock);
    reg->next = registrations;
    registrations = reg;
    RtlReleaseSRWLockExclusive(&lock);
    *handle = reg;
    return ERROR_SUCCESS;
}

DWORD WINAPI PowerUnregisterSuspendResumeNotification(HPOWERNOTIFY handle)
{
    struct registration **cur, *found = NULL;

    RtlAcquireSRWLockExclusive(&lock);
    for (cur = &registrations; *cur; cur = &(*cur)->next)
        if (*cur == handle)
        {
            found = *cur;
            *cur = found->next;
            break;
        }
    RtlReleaseSRWLockExclusive(&lock);
    if (!found) return ERROR_INVALID_HANDLE;
    RtlFreeHeap(heap(), 0, found);
    return ERROR_SUCCESS;
}
