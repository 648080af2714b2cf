/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Threads: creation, exit codes, priorities, suspension, APCs.  Each function is a thin layer
 * over the NT thread calls; ExitThread is a forwarder to ntdll.RtlExitUserThread in the .def.
 * Threads can only be created in the calling process: child processes are separate wring
 * processes with no way in.
 */
#include "kernel32_private.h"

/* Priorities beyond +-2 are saturation values: Windows reports them as time-critical or idle. */
#define PRIORITY_SATURATION 15

static BOOL is_current_process(HANDLE process)
{
    PROCESS_BASIC_INFORMATION info;
    NTSTATUS status;

    if (process == GetCurrentProcess()) return TRUE;
    status = NtQueryInformationProcess(process, ProcessBasicInformation, &info, sizeof(info), NULL);
    if (status)
    {
        set_ntstatus(status);
        return FALSE;
    }
    if (info.UniqueProcessId == (ULONG_PTR)GetCurrentProcessId()) return TRUE;
    SetLastError(ERROR_NOT_SUPPORTED);
    return FALSE;
}

static BOOL query_basic_info(HANDLE thread, THREAD_BASIC_INFORMATION *info)
{
    return set_ntstatus(NtQueryInformationThread(thread, ThreadBasicInformation, info, sizeof(*info), NULL));
}

HANDLE WINAPI CreateRemoteThreadEx(HANDLE process, SECURITY_ATTRIBUTES *sa, SIZE_T stack,
                                   LPTHREAD_START_ROUTINE start, void *param, DWORD flags,
                                   LPPROC_THREAD_ATTRIBUTE_LIST attributes, DWORD *id)
{
    THREAD_BASIC_INFORMATION info;
    OBJECT_ATTRIBUTES attr;
    SIZE_T commit = 0, reserve = 0;
    ULONG nt_flags = 0;
    HANDLE handle;

    if (!is_current_process(process)) return NULL;
    /* no thread attribute (group affinity, ideal processor, ...) is implemented */
    if (attributes)
    {
        SetLastError(ERROR_NOT_SUPPORTED);
        return NULL;
    }
    if (flags & STACK_SIZE_PARAM_IS_A_RESERVATION) reserve = stack;
    else commit = stack;
    if (flags & CREATE_SUSPENDED) nt_flags |= THREAD_CREATE_FLAGS_CREATE_SUSPENDED;

    InitializeObjectAttributes(&attr, NULL, sa && sa->bInheritHandle ? OBJ_INHERIT : 0, NULL,
                               sa ? sa->lpSecurityDescriptor : NULL);
    if (!set_ntstatus(NtCreateThreadEx(&handle, THREAD_ALL_ACCESS, &attr, GetCurrentProcess(),
                                       (PRTL_THREAD_START_ROUTINE)start, param, nt_flags, 0, commit, reserve,
                                       NULL)))
        return NULL;
    if (id)
    {
        if (!query_basic_info(handle, &info))
        {
            DWORD error = GetLastError();
            NtClose(handle);
            SetLastError(error);
            return NULL;
        }
        *id = HandleToULong(info.ClientId.UniqueThread);
    }
    return handle;
}

HANDLE WINAPI CreateRemoteThread(HANDLE process, SECURITY_ATTRIBUTES *sa, SIZE_T stack,
                                 LPTHREAD_START_ROUTINE start, void *param, DWORD flags, DWORD *id)
{
    return CreateRemoteThreadEx(process, sa, stack, start, param, flags, NULL, id);
}

HANDLE WINAPI CreateThread(SECURITY_ATTRIBUTES *sa, SIZE_T stack, LPTHREAD_START_ROUTINE start,
                           void *param, DWORD flags, DWORD *id)
{
    return CreateRemoteThreadEx(GetCurrentProcess(), sa, stack, start, param, flags, NULL, id);
}

BOOL WINAPI TerminateThread(HANDLE thread, DWORD code)
{
    /* NtTerminateThread(NULL) means the calling thread; TerminateThread(NULL) is an error */
    if (!thread)
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return set_ntstatus(NtTerminateThread(thread, code));
}

BOOL WINAPI GetExitCodeThread(HANDLE thread, DWORD *code)
{
    THREAD_BASIC_INFORMATION info;

    if (!query_basic_info(thread, &info)) return FALSE;
    if (code) *code = info.ExitStatus;
    return TRUE;
}

HANDLE WINAPI OpenThread(DWORD access, BOOL inherit, DWORD id)
{
    OBJECT_ATTRIBUTES attr;
    CLIENT_ID cid;
    HANDLE handle;

    InitializeObjectAttributes(&attr, NULL, inherit ? OBJ_INHERIT : 0, NULL, NULL);
    cid.UniqueProcess = 0;
    cid.UniqueThread = ULongToHandle(id);
    if (!set_ntstatus(NtOpenThread(&handle, access, &attr, &cid))) return NULL;
    return handle;
}

DWORD WINAPI GetThreadId(HANDLE thread)
{
    THREAD_BASIC_INFORMATION info;

    if (!query_basic_info(thread, &info)) return 0;
    return HandleToULong(info.ClientId.UniqueThread);
}

DWORD WINAPI GetProcessIdOfThread(HANDLE thread)
{
    THREAD_BASIC_INFORMATION info;

    if (!query_basic_info(thread, &info)) return 0;
    return HandleToULong(info.ClientId.UniqueProcess);
}

/* The thread's base priority is an increment over its process class, as SetThreadPriority gave it. */
int WINAPI GetThreadPriority(HANDLE thread)
{
    THREAD_BASIC_INFORMATION info;

    if (!query_basic_info(thread, &info)) return THREAD_PRIORITY_ERROR_RETURN;
    if (info.BasePriority > THREAD_PRIORITY_HIGHEST) return THREAD_PRIORITY_TIME_CRITICAL;
    if (info.BasePriority < THREAD_PRIORITY_LOWEST) return THREAD_PRIORITY_IDLE;
    return info.BasePriority;
}

/* Only the values Windows accepts in a normal-class process: -2..2 and the two saturations. */
BOOL WINAPI SetThreadPriority(HANDLE thread, int priority)
{
    LONG increment = priority;

    if ((priority < THREAD_PRIORITY_LOWEST || priority > THREAD_PRIORITY_HIGHEST) &&
        priority != THREAD_PRIORITY_IDLE && priority != THREAD_PRIORITY_TIME_CRITICAL)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (priority == THREAD_PRIORITY_TIME_CRITICAL) increment = PRIORITY_SATURATION;
    else if (priority == THREAD_PRIORITY_IDLE) increment = -PRIORITY_SATURATION;
    return set_ntstatus(NtSetInformationThread(thread, ThreadBasePriority, &increment, sizeof(increment)));
}

DWORD WINAPI ResumeThread(HANDLE thread)
{
    ULONG previous;

    if (!set_ntstatus(NtResumeThread(thread, &previous))) return ~0u;
    return previous;
}

BOOL WINAPI GetThreadContext(HANDLE thread, CONTEXT *context)
{
    return set_ntstatus(NtGetContextThread(thread, context));
}

BOOL WINAPI SetThreadContext(HANDLE thread, const CONTEXT *context)
{
    return set_ntstatus(NtSetContextThread(thread, context));
}

DWORD WINAPI SuspendThread(HANDLE thread)
{
    ULONG previous;

    if (!set_ntstatus(NtSuspendThread(thread, &previous))) return ~0u;
    return previous;
}

BOOL WINAPI SwitchToThread(void)
{
    return NtYieldExecution() != STATUS_NO_YIELD_PERFORMED;
}

void WINAPI GetCurrentThreadStackLimits(ULONG_PTR *low, ULONG_PTR *high)
{
    TEB *teb = NtCurrentTeb();

    *low = (ULONG_PTR)teb->DeallocationStack;
    *high = (ULONG_PTR)teb->Tib.StackBase;
}

/* An APC function takes one argument; the NT form passes three, which the x64 calling
 * convention lets the callee ignore. */
DWORD WINAPI QueueUserAPC(PAPCFUNC func, HANDLE thread, ULONG_PTR data)
{
    return set_ntstatus(NtQueueApcThread(thread, (PNTAPCFUNC)func, data, 0, 0));
}

BOOL WINAPI DisableThreadLibraryCalls(HMODULE module)
{
    return set_ntstatus(LdrDisableThreadCalloutsForDll(module));
}

/* Returns the mask the thread had, 0 with the last error set when the new one is refused
 * (empty, or outside the process's processors). */
/* The previous ideal processor, as NtSetInformationThread answers it; MAXIMUM_PROCESSORS asks only. */
DWORD WINAPI SetThreadIdealProcessor(HANDLE thread, DWORD number)
{
    NTSTATUS status = NtSetInformationThread(thread, ThreadIdealProcessor, &number, sizeof(number));
    if (NT_ERROR(status))
    {
        set_ntstatus(status);
        return ~0u;
    }
    return status;
}

DWORD_PTR WINAPI SetThreadAffinityMask(HANDLE thread, DWORD_PTR mask)
{
    THREAD_BASIC_INFORMATION basic;

    if (!set_ntstatus(NtQueryInformationThread(thread, ThreadBasicInformation, &basic, sizeof(basic), NULL)))
        return 0;
    if (!set_ntstatus(NtSetInformationThread(thread, ThreadAffinityMask, &mask, sizeof(mask)))) return 0;
    return basic.AffinityMask;
}
