/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * CRT threads: _beginthreadex and _endthreadex are CreateThread and ExitThread with the CRT's
 * error conventions.  A _beginthread thread owns its handle: _endthread, or the routine's
 * return, closes it, so the caller must not (Microsoft's documented difference).
 */
#include "msvcrt_private.h"
#include <stdint.h>

typedef unsigned int (__stdcall *start_ex_routine)(void *);
typedef void (__cdecl *start_routine)(void *);

struct begin_info
{
    start_routine start;
    void *arg;
    HANDLE handle;
};

void __cdecl _endthread(void)
{
    struct thread_data *data = msvcrt_get_thread_data();

    if (data->beginthread_handle)
    {
        CloseHandle(data->beginthread_handle);
        data->beginthread_handle = NULL;
    }
    ExitThread(0);
}

void __cdecl _endthreadex(unsigned int code)
{
    ExitThread(code);
}

static DWORD WINAPI begin_trampoline(void *param)
{
    struct begin_info info = *(struct begin_info *)param;

    HeapFree(msvcrt_heap, 0, param);
    msvcrt_get_thread_data()->beginthread_handle = info.handle;
    info.start(info.arg);
    _endthread();
    return 0;
}

uintptr_t __cdecl _beginthreadex(void *security, unsigned int stack_size, start_ex_routine start, void *arg,
                                 unsigned int flags, unsigned int *id)
{
    HANDLE thread;
    DWORD tid;

    if (!start)
    {
        *_errno() = M_EINVAL;
        return 0;
    }
    if (!(thread = CreateThread(security, stack_size, (LPTHREAD_START_ROUTINE)start, arg, flags, &tid)))
    {
        msvcrt_set_errno_from_win32(GetLastError());
        return 0;
    }
    if (id) *id = tid;
    return (uintptr_t)thread;
}

uintptr_t __cdecl _beginthread(start_routine start, unsigned int stack_size, void *arg)
{
    struct begin_info *info;
    HANDLE thread;

    if (!start)
    {
        *_errno() = M_EINVAL;
        return (uintptr_t)-1;
    }
    if (!(info = HeapAlloc(msvcrt_heap, 0, sizeof(*info))))
    {
        *_errno() = M_EAGAIN;
        return (uintptr_t)-1;
    }
    info->start = start;
    info->arg = arg;
    /* suspended until the thread can be told its own handle */
    if (!(thread = CreateThread(NULL, stack_size, begin_trampoline, info, CREATE_SUSPENDED, NULL)))
    {
        msvcrt_set_errno_from_win32(GetLastError());
        HeapFree(msvcrt_heap, 0, info);
        return (uintptr_t)-1;
    }
    info->handle = thread;
    ResumeThread(thread);
    return (uintptr_t)thread;
}
