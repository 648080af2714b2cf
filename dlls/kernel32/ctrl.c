/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * SetConsoleCtrlHandler: the handlers a console program adds for Ctrl-C,
 * Ctrl-Break and the console closing.  As on Windows, a control event runs
 * them on a thread of their own, the last added first, until one returns
 * TRUE; when none does, the process ends with STATUS_CONTROL_C_EXIT.  A NULL
 * handler added makes the process ignore Ctrl-C (and only Ctrl-C).  The thread
 * starts when the first handler is added and waits in Wring's Unix side
 * (dlls/ntdll/unix/ctrl.c), which receives the signals.
 */
#include "kernel32_private.h"

NTSTATUS WINAPI wring_wait_console_event(ULONG *event);

static SRWLOCK ctrl_lock = SRWLOCK_INIT;
static PHANDLER_ROUTINE *handlers;
static unsigned int handler_count, handler_capacity;
static BOOL ignore_ctrl_c;
static BOOL dispatcher_started;

static BOOL run_handlers(DWORD event)
{
    PHANDLER_ROUTINE *copy;
    unsigned int count;
    BOOL handled = FALSE;

    /* a handler may add or remove handlers: run the list as it was when the event came */
    RtlAcquireSRWLockExclusive(&ctrl_lock);
    count = handler_count;
    copy = HeapAlloc(GetProcessHeap(), 0, (count ? count : 1) * sizeof(*copy));
    if (copy) memcpy(copy, handlers, count * sizeof(*copy));
    else count = 0;
    if (event == CTRL_C_EVENT && ignore_ctrl_c) handled = TRUE;
    RtlReleaseSRWLockExclusive(&ctrl_lock);
    while (!handled && count--) handled = copy[count](event);
    HeapFree(GetProcessHeap(), 0, copy);
    return handled;
}

static DWORD WINAPI ctrl_dispatcher(void *arg)
{
    ULONG event;

    (void)arg;
    while (!wring_wait_console_event(&event))
        if (!run_handlers(event)) RtlExitUserProcess(STATUS_CONTROL_C_EXIT);
    return 0;
}

static BOOL start_dispatcher(void)
{
    HANDLE thread;

    if (dispatcher_started) return TRUE;
    if (!(thread = CreateThread(NULL, 0, ctrl_dispatcher, NULL, 0, NULL))) return FALSE;
    CloseHandle(thread);
    dispatcher_started = TRUE;
    return TRUE;
}

BOOL WINAPI SetConsoleCtrlHandler(PHANDLER_ROUTINE handler, BOOL add)
{
    BOOL ret = TRUE;
    unsigned int i;

    RtlAcquireSRWLockExclusive(&ctrl_lock);
    if (!handler)
        ignore_ctrl_c = add;
    else if (add)
    {
        if (handler_count == handler_capacity)
        {
            unsigned int capacity = handler_capacity ? handler_capacity * 2 : 8;
            PHANDLER_ROUTINE *grown = handlers
                ? RtlReAllocateHeap(GetProcessHeap(), 0, handlers, capacity * sizeof(*grown))
                : HeapAlloc(GetProcessHeap(), 0, capacity * sizeof(*grown));
            if (!grown)
            {
                SetLastError(ERROR_NOT_ENOUGH_MEMORY);
                ret = FALSE;
            }
            else
            {
                handlers = grown;
                handler_capacity = capacity;
            }
        }
        if (ret) handlers[handler_count++] = handler;
    }
    else
    {
        /* the most recently added instance goes */
        for (i = handler_count; i > 0 && handlers[i - 1] != handler; i--) ;
        if (!i)
        {
            SetLastError(ERROR_INVALID_PARAMETER);
            ret = FALSE;
        }
        else
        {
            memmove(&handlers[i - 1], &handlers[i], (handler_count - i) * sizeof(*handlers));
            handler_count--;
        }
    }
    if (ret && (add || handler_count) && !start_dispatcher()) ret = FALSE;
    RtlReleaseSRWLockExclusive(&ctrl_lock);
    return ret;
}
