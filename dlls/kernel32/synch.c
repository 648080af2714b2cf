/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Events, semaphores, mutexes, waits and WaitOnAddress: the Win32 faces of the NT objects.
 *
 * Named objects live in "\BaseNamedObjects".  There is one session, so the "Global\" and
 * "Local\" prefixes both name that same directory, as they do in a single-session system.
 * The NT wait results are numerically the Win32 ones (WAIT_OBJECT_0 + i, WAIT_ABANDONED_0 + i,
 * WAIT_TIMEOUT, WAIT_IO_COMPLETION); only errors need translating.
 */
#include "kernel32_private.h"

static const WCHAR base_dir[] = L"\\BaseNamedObjects\\";

static const WCHAR *strip_namespace(const WCHAR *name)
{
    static const WCHAR global[] = L"Global\\", local[] = L"Local\\";

    if (!_wcsnicmp(name, global, ARRAYSIZE(global) - 1)) return name + ARRAYSIZE(global) - 1;
    if (!_wcsnicmp(name, local, ARRAYSIZE(local) - 1)) return name + ARRAYSIZE(local) - 1;
    return name;
}

/* Fills the object attributes for a Win32 object name (NULL or empty: an unnamed object).
 * FALSE with the last error set when the name cannot be used. */
BOOL init_object_name(struct object_name *obj, const WCHAR *name, ULONG attributes,
                             const SECURITY_ATTRIBUTES *sa)
{
    SIZE_T len;

    if (sa && sa->bInheritHandle) attributes |= OBJ_INHERIT;
    obj->nt.Buffer = NULL;
    InitializeObjectAttributes(&obj->attr, NULL, attributes, NULL, sa ? sa->lpSecurityDescriptor : NULL);
    if (!name || !*name) return TRUE;
    name = strip_namespace(name);
    len = ARRAYSIZE(base_dir) - 1 + wcslen(name);
    if (!(obj->nt.Buffer = HeapAlloc(GetProcessHeap(), 0, (len + 1) * sizeof(WCHAR))))
    {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    wcscpy(obj->nt.Buffer, base_dir);
    wcscat(obj->nt.Buffer, name);
    obj->nt.Length = len * sizeof(WCHAR);
    obj->nt.MaximumLength = obj->nt.Length + sizeof(WCHAR);
    obj->attr.ObjectName = &obj->nt;
    return TRUE;
}

void free_object_name(struct object_name *obj)
{
    if (obj->nt.Buffer) HeapFree(GetProcessHeap(), 0, obj->nt.Buffer);
}

/* The Create functions clear the last error on success, so that a caller can tell a new
 * object from an existing one (ERROR_ALREADY_EXISTS). */
HANDLE create_result(NTSTATUS status, HANDLE handle)
{
    if (status == STATUS_OBJECT_NAME_EXISTS)
    {
        SetLastError(ERROR_ALREADY_EXISTS);
        return handle;
    }
    if (!set_ntstatus(status)) return NULL;
    SetLastError(ERROR_SUCCESS);
    return handle;
}

HANDLE open_named(open_func open, DWORD access, BOOL inherit, const WCHAR *name)
{
    struct object_name obj;
    HANDLE handle = NULL;
    NTSTATUS status;

    if (!name)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (!init_object_name(&obj, name, inherit ? OBJ_INHERIT : 0, NULL)) return NULL;
    status = open(&handle, access, &obj.attr);
    free_object_name(&obj);
    if (!set_ntstatus(status)) return NULL;
    return handle;
}

/* Runs an A function through its W form: the name converted, NULL kept as NULL.  The A
 * functions refuse names of MAX_PATH characters or more, as Windows' do. */
#define WITH_WIDE_NAME(name, call) \
    do { \
        WCHAR *w = NULL; \
        HANDLE h; \
        if ((name) && strlen(name) >= MAX_PATH) \
        { \
            SetLastError(ERROR_FILENAME_EXCED_RANGE); \
            return NULL; \
        } \
        if ((name) && !(w = acp_to_wide(name))) return NULL; \
        h = (call); \
        if (w) HeapFree(GetProcessHeap(), 0, w); \
        return h; \
    } while (0)

/* ---------------------------------------------------------------- events */

HANDLE WINAPI CreateEventExW(SECURITY_ATTRIBUTES *sa, LPCWSTR name, DWORD flags, DWORD access)
{
    struct object_name obj;
    HANDLE handle = NULL;
    NTSTATUS status;

    if (!init_object_name(&obj, name, OBJ_OPENIF, sa)) return NULL;
    status = NtCreateEvent(&handle, access, &obj.attr,
                           (flags & CREATE_EVENT_MANUAL_RESET) ? NotificationEvent : SynchronizationEvent,
                           !!(flags & CREATE_EVENT_INITIAL_SET));
    free_object_name(&obj);
    return create_result(status, handle);
}

HANDLE WINAPI CreateEventExA(SECURITY_ATTRIBUTES *sa, LPCSTR name, DWORD flags, DWORD access)
{
    WITH_WIDE_NAME(name, CreateEventExW(sa, w, flags, access));
}

HANDLE WINAPI CreateEventW(SECURITY_ATTRIBUTES *sa, BOOL manual, BOOL initial, LPCWSTR name)
{
    DWORD flags = (manual ? CREATE_EVENT_MANUAL_RESET : 0) | (initial ? CREATE_EVENT_INITIAL_SET : 0);
    return CreateEventExW(sa, name, flags, EVENT_ALL_ACCESS);
}

HANDLE WINAPI CreateEventA(SECURITY_ATTRIBUTES *sa, BOOL manual, BOOL initial, LPCSTR name)
{
    WITH_WIDE_NAME(name, CreateEventW(sa, manual, initial, w));
}

HANDLE WINAPI OpenEventW(DWORD access, BOOL inherit, LPCWSTR name)
{
    return open_named(NtOpenEvent, access, inherit, name);
}

HANDLE WINAPI OpenEventA(DWORD access, BOOL inherit, LPCSTR name)
{
    WITH_WIDE_NAME(name, OpenEventW(access, inherit, w));
}

BOOL WINAPI SetEvent(HANDLE event)
{
    return set_ntstatus(NtSetEvent(event, NULL));
}

BOOL WINAPI ResetEvent(HANDLE event)
{
    return set_ntstatus(NtResetEvent(event, NULL));
}

BOOL WINAPI PulseEvent(HANDLE event)
{
    return set_ntstatus(NtPulseEvent(event, NULL));
}

/* ---------------------------------------------------------------- semaphores */

HANDLE WINAPI CreateSemaphoreExW(SECURITY_ATTRIBUTES *sa, LONG initial, LONG max, LPCWSTR name,
                                 DWORD flags, DWORD access)
{
    struct object_name obj;
    HANDLE handle = NULL;
    NTSTATUS status;

    /* no flag is defined: the parameter is reserved */
    (void)flags;
    if (!init_object_name(&obj, name, OBJ_OPENIF, sa)) return NULL;
    status = NtCreateSemaphore(&handle, access, &obj.attr, initial, max);
    free_object_name(&obj);
    return create_result(status, handle);
}

HANDLE WINAPI CreateSemaphoreExA(SECURITY_ATTRIBUTES *sa, LONG initial, LONG max, LPCSTR name,
                                 DWORD flags, DWORD access)
{
    WITH_WIDE_NAME(name, CreateSemaphoreExW(sa, initial, max, w, flags, access));
}

HANDLE WINAPI CreateSemaphoreW(SECURITY_ATTRIBUTES *sa, LONG initial, LONG max, LPCWSTR name)
{
    return CreateSemaphoreExW(sa, initial, max, name, 0, SEMAPHORE_ALL_ACCESS);
}

HANDLE WINAPI CreateSemaphoreA(SECURITY_ATTRIBUTES *sa, LONG initial, LONG max, LPCSTR name)
{
    WITH_WIDE_NAME(name, CreateSemaphoreW(sa, initial, max, w));
}

HANDLE WINAPI OpenSemaphoreW(DWORD access, BOOL inherit, LPCWSTR name)
{
    return open_named(NtOpenSemaphore, access, inherit, name);
}

HANDLE WINAPI OpenSemaphoreA(DWORD access, BOOL inherit, LPCSTR name)
{
    WITH_WIDE_NAME(name, OpenSemaphoreW(access, inherit, w));
}

BOOL WINAPI ReleaseSemaphore(HANDLE semaphore, LONG count, LONG *previous)
{
    return set_ntstatus(NtReleaseSemaphore(semaphore, count, (ULONG *)previous));
}

/* ---------------------------------------------------------------- mutexes */

HANDLE WINAPI CreateMutexExW(SECURITY_ATTRIBUTES *sa, LPCWSTR name, DWORD flags, DWORD access)
{
    struct object_name obj;
    HANDLE handle = NULL;
    NTSTATUS status;

    if (!init_object_name(&obj, name, OBJ_OPENIF, sa)) return NULL;
    status = NtCreateMutant(&handle, access, &obj.attr, !!(flags & CREATE_MUTEX_INITIAL_OWNER));
    free_object_name(&obj);
    return create_result(status, handle);
}

HANDLE WINAPI CreateMutexExA(SECURITY_ATTRIBUTES *sa, LPCSTR name, DWORD flags, DWORD access)
{
    WITH_WIDE_NAME(name, CreateMutexExW(sa, w, flags, access));
}

HANDLE WINAPI CreateMutexW(SECURITY_ATTRIBUTES *sa, BOOL owner, LPCWSTR name)
{
    return CreateMutexExW(sa, name, owner ? CREATE_MUTEX_INITIAL_OWNER : 0, MUTEX_ALL_ACCESS);
}

HANDLE WINAPI CreateMutexA(SECURITY_ATTRIBUTES *sa, BOOL owner, LPCSTR name)
{
    WITH_WIDE_NAME(name, CreateMutexW(sa, owner, w));
}

HANDLE WINAPI OpenMutexW(DWORD access, BOOL inherit, LPCWSTR name)
{
    return open_named(NtOpenMutant, access, inherit, name);
}

HANDLE WINAPI OpenMutexA(DWORD access, BOOL inherit, LPCSTR name)
{
    WITH_WIDE_NAME(name, OpenMutexW(access, inherit, w));
}

BOOL WINAPI ReleaseMutex(HANDLE mutex)
{
    return set_ntstatus(NtReleaseMutant(mutex, NULL));
}

/* ---------------------------------------------------------------- waitable timers */

HANDLE WINAPI CreateWaitableTimerExW(SECURITY_ATTRIBUTES *sa, LPCWSTR name, DWORD flags, DWORD access)
{
    struct object_name obj;
    HANDLE handle = NULL;
    NTSTATUS status;

    /* CREATE_WAITABLE_TIMER_HIGH_RESOLUTION changes nothing here: every timer has the monotonic
     * clock's resolution; other flags are ignored, as Wine 8.0 does */
    if (!init_object_name(&obj, name, OBJ_OPENIF, sa)) return NULL;
    status = NtCreateTimer(&handle, access, &obj.attr,
                           (flags & CREATE_WAITABLE_TIMER_MANUAL_RESET) ? NotificationTimer : SynchronizationTimer);
    free_object_name(&obj);
    return create_result(status, handle);
}

HANDLE WINAPI CreateWaitableTimerExA(SECURITY_ATTRIBUTES *sa, LPCSTR name, DWORD flags, DWORD access)
{
    WITH_WIDE_NAME(name, CreateWaitableTimerExW(sa, w, flags, access));
}

HANDLE WINAPI CreateWaitableTimerW(SECURITY_ATTRIBUTES *sa, BOOL manual, LPCWSTR name)
{
    return CreateWaitableTimerExW(sa, name, manual ? CREATE_WAITABLE_TIMER_MANUAL_RESET : 0, TIMER_ALL_ACCESS);
}

HANDLE WINAPI CreateWaitableTimerA(SECURITY_ATTRIBUTES *sa, BOOL manual, LPCSTR name)
{
    WITH_WIDE_NAME(name, CreateWaitableTimerW(sa, manual, w));
}

HANDLE WINAPI OpenWaitableTimerW(DWORD access, BOOL inherit, LPCWSTR name)
{
    return open_named(NtOpenTimer, access, inherit, name);
}

HANDLE WINAPI OpenWaitableTimerA(DWORD access, BOOL inherit, LPCSTR name)
{
    WITH_WIDE_NAME(name, OpenWaitableTimerW(access, inherit, w));
}

/* Sets the timer; a request to wake the machine, which Wring cannot do, still sets it. */
static BOOL set_timer(HANDLE timer, const LARGE_INTEGER *due, LONG period, PTIMERAPCROUTINE routine, void *arg,
                      BOOL resume)
{
    NTSTATUS status = NtSetTimer(timer, due, (PTIMER_APC_ROUTINE)routine, arg, resume, period, NULL);
    if (status == STATUS_TIMER_RESUME_IGNORED)
    {
        /* set all the same: the documented answer when the machine cannot be woken */
        SetLastError(ERROR_NOT_SUPPORTED);
        return TRUE;
    }
    return set_ntstatus(status);
}

BOOL WINAPI SetWaitableTimerEx(HANDLE timer, const LARGE_INTEGER *due, LONG period, PTIMERAPCROUTINE routine,
                               void *arg, REASON_CONTEXT *context, ULONG delay)
{
    /* the tolerable delay is a hint for coalescing; a wake context asks to resume the machine */
    (void)delay;
    return set_timer(timer, due, period, routine, arg, context != NULL);
}

BOOL WINAPI SetWaitableTimer(HANDLE timer, const LARGE_INTEGER *due, LONG period, PTIMERAPCROUTINE routine,
                             void *arg, BOOL resume)
{
    return set_timer(timer, due, period, routine, arg, resume);
}

BOOL WINAPI CancelWaitableTimer(HANDLE timer)
{
    return set_ntstatus(NtCancelTimer(timer, NULL));
}

/* ---------------------------------------------------------------- waits */

static LARGE_INTEGER *ms_timeout(LARGE_INTEGER *time, DWORD ms)
{
    if (ms == INFINITE) return NULL;
    time->QuadPart = (LONGLONG)ms * -10000;
    return time;
}

static DWORD wait_result(NTSTATUS status)
{
    if (NT_ERROR(status))
    {
        SetLastError(RtlNtStatusToDosError(status));
        return WAIT_FAILED;
    }
    return status;
}

DWORD WINAPI WaitForMultipleObjectsEx(DWORD count, const HANDLE *handles, BOOL wait_all, DWORD ms,
                                      BOOL alertable)
{
    LARGE_INTEGER time;

    if (!count || count > MAXIMUM_WAIT_OBJECTS)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return WAIT_FAILED;
    }
    /* the NT wait type: WaitAll is 0, WaitAny is 1 */
    return wait_result(NtWaitForMultipleObjects(count, handles, !wait_all, alertable, ms_timeout(&time, ms)));
}

DWORD WINAPI WaitForMultipleObjects(DWORD count, const HANDLE *handles, BOOL wait_all, DWORD ms)
{
    return WaitForMultipleObjectsEx(count, handles, wait_all, ms, FALSE);
}

DWORD WINAPI WaitForSingleObjectEx(HANDLE handle, DWORD ms, BOOL alertable)
{
    LARGE_INTEGER time;
    return wait_result(NtWaitForSingleObject(handle, alertable, ms_timeout(&time, ms)));
}

DWORD WINAPI WaitForSingleObject(HANDLE handle, DWORD ms)
{
    return WaitForSingleObjectEx(handle, ms, FALSE);
}

DWORD WINAPI SignalObjectAndWait(HANDLE signal, HANDLE wait, DWORD ms, BOOL alertable)
{
    LARGE_INTEGER time;
    return wait_result(NtSignalAndWaitForSingleObject(signal, wait, alertable, ms_timeout(&time, ms)));
}

BOOL WINAPI WaitOnAddress(volatile void *addr, void *compare, SIZE_T size, DWORD ms)
{
    LARGE_INTEGER time;
    NTSTATUS status = RtlWaitOnAddress((const void *)addr, compare, size, ms_timeout(&time, ms));

    if (status == STATUS_TIMEOUT)
    {
        SetLastError(ERROR_TIMEOUT);
        return FALSE;
    }
    return set_ntstatus(status);
}
