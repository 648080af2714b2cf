/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The process: identity, version, exit. */
#include "kernel32_private.h"

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    (void)instance; (void)reserved;
    /* a thread's outermost frame hands unhandled exceptions to this filter, as on Windows */
    if (reason == DLL_PROCESS_ATTACH) RtlSetUnhandledExceptionFilter(UnhandledExceptionFilter);
    /* fiber-local storage callbacks run for the thread that ends */
    if (reason == DLL_THREAD_DETACH || reason == DLL_PROCESS_DETACH) fls_thread_exit();
    return TRUE;
}

HANDLE WINAPI GetCurrentProcess(void)
{
    return (HANDLE)~(ULONG_PTR)0;
}

HANDLE WINAPI GetCurrentThread(void)
{
    return (HANDLE)~(ULONG_PTR)1;
}

DWORD WINAPI GetCurrentProcessId(void)
{
    return HandleToULong(NtCurrentTeb()->ClientId.UniqueProcess);
}

DWORD WINAPI GetProcessId(HANDLE process)
{
    PROCESS_BASIC_INFORMATION info;

    if (!set_ntstatus(NtQueryInformationProcess(process, ProcessBasicInformation, &info, sizeof(info), NULL)))
        return 0;
    return (DWORD)info.UniqueProcessId;
}

DWORD WINAPI GetCurrentThreadId(void)
{
    return HandleToULong(NtCurrentTeb()->ClientId.UniqueThread);
}

BOOL WINAPI TerminateProcess(HANDLE process, DWORD code)
{
    if (!process)
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return set_ntstatus(NtTerminateProcess(process, code));
}

/* The last line of a process whose exception nothing may handle (ntdll.dll). */
void WINAPI wring_unhandled_exception(const EXCEPTION_RECORD *record) __attribute__((noreturn));

/* No handler sees a fail-fast exception: the process ends at once, saying which and where. */
void WINAPI RaiseFailFastException(EXCEPTION_RECORD *record, CONTEXT *context, DWORD flags)
{
    EXCEPTION_RECORD fail_fast = { 0 };

    (void)context; (void)flags;
    if (!record)
    {
        fail_fast.ExceptionCode = STATUS_FAIL_FAST_EXCEPTION;
        fail_fast.ExceptionFlags = EXCEPTION_NONCONTINUABLE;
        fail_fast.ExceptionAddress = __builtin_return_address(0);
        record = &fail_fast;
    }
    wring_unhandled_exception(record);
}

/* The dynamic priority boost is the scheduler's; Wring keeps the setting the program asks for. */
static BOOL priority_boost_disabled;

/* Only this process can be named: Wring has no handles to others. */
static BOOL is_this_process(HANDLE process)
{
    if (process == GetCurrentProcess()) return TRUE;
    SetLastError(ERROR_INVALID_HANDLE);
    return FALSE;
}

BOOL WINAPI SetProcessPriorityBoost(HANDLE process, BOOL disable)
{
    if (!is_this_process(process)) return FALSE;
    priority_boost_disabled = !!disable;
    return TRUE;
}

BOOL WINAPI GetProcessPriorityBoost(HANDLE process, BOOL *disabled)
{
    if (!is_this_process(process)) return FALSE;
    *disabled = priority_boost_disabled;
    return TRUE;
}

/* Windows Error Reporting's flags for the process: kept, though no report is ever made. */
static DWORD wer_flags;

HRESULT WINAPI WerSetFlags(DWORD flags)
{
    wer_flags = flags;
    return S_OK;
}

HRESULT WINAPI WerGetFlags(HANDLE process, DWORD *flags)
{
    if (process != GetCurrentProcess()) return HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE);
    if (!flags) return E_POINTER;
    *flags = wer_flags;
    return S_OK;
}

BOOL WINAPI GetExitCodeProcess(HANDLE process, DWORD *code)
{
    /* only the calling process can be asked, and it is still running */
    if (process != GetCurrentProcess())
    {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    *code = STILL_ACTIVE;
    return TRUE;
}

DWORD WINAPI GetVersion(void)
{
    PEB *peb = NtCurrentTeb()->Peb;
    return MAKELONG(MAKEWORD(peb->OSMajorVersion, peb->OSMinorVersion), peb->OSBuildNumber & 0x7fff);
}

BOOL WINAPI GetVersionExW(OSVERSIONINFOW *info)
{
    if (info->dwOSVersionInfoSize != sizeof(OSVERSIONINFOW) && info->dwOSVersionInfoSize != sizeof(OSVERSIONINFOEXW))
    {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    /* without a manifest, programs are told Windows 8 (6.2), as Windows 10 does */
    info->dwMajorVersion = 6;
    info->dwMinorVersion = 2;
    info->dwBuildNumber = 9200;
    info->dwPlatformId = VER_PLATFORM_WIN32_NT;
    info->szCSDVersion[0] = 0;
    if (info->dwOSVersionInfoSize == sizeof(OSVERSIONINFOEXW))
    {
        OSVERSIONINFOEXW *ex = (OSVERSIONINFOEXW *)info;
        ex->wServicePackMajor = ex->wServicePackMinor = 0;
        ex->wSuiteMask = VER_SUITE_SINGLEUSERTS;
        ex->wProductType = VER_NT_WORKSTATION;
        ex->wReserved = 0;
    }
    return TRUE;
}

BOOL WINAPI GetVersionExA(OSVERSIONINFOA *info)
{
    OSVERSIONINFOEXW w;
    if (info->dwOSVersionInfoSize != sizeof(OSVERSIONINFOA) && info->dwOSVersionInfoSize != sizeof(OSVERSIONINFOEXA))
    {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    w.dwOSVersionInfoSize = sizeof(w);
    GetVersionExW((OSVERSIONINFOW *)&w);
    info->dwMajorVersion = w.dwMajorVersion;
    info->dwMinorVersion = w.dwMinorVersion;
    info->dwBuildNumber = w.dwBuildNumber;
    info->dwPlatformId = w.dwPlatformId;
    info->szCSDVersion[0] = 0;
    if (info->dwOSVersionInfoSize == sizeof(OSVERSIONINFOEXA))
    {
        OSVERSIONINFOEXA *ex = (OSVERSIONINFOEXA *)info;
        ex->wServicePackMajor = ex->wServicePackMinor = 0;
        ex->wSuiteMask = w.wSuiteMask;
        ex->wProductType = w.wProductType;
        ex->wReserved = 0;
    }
    return TRUE;
}

BOOL WINAPI IsDebuggerPresent(void)
{
    return NtCurrentTeb()->Peb->BeingDebugged;
}

BOOL WINAPI IsProcessorFeaturePresent(DWORD feature)
{
    /* the answers Windows keeps in KUSER_SHARED_DATA, which the Unix side fills: 64 of them */
    const BOOLEAN *features = (const BOOLEAN *)0x7ffe0274;
    return feature < 64 && features[feature];
}

/* The handle's flags: HANDLE_FLAG_INHERIT is kept for child processes, which Wring does not
 * start yet, and handles created inheritable do not report it; HANDLE_FLAG_PROTECT_FROM_CLOSE
 * makes CloseHandle fail. */
BOOL WINAPI GetHandleInformation(HANDLE handle, DWORD *flags)
{
    OBJECT_DATA_INFORMATION info;
    NTSTATUS status = NtQueryObject(handle, ObjectDataInformation, &info, sizeof(info), NULL);

    if (status) return set_ntstatus(status);
    if (flags)
        *flags = (info.InheritHandle ? HANDLE_FLAG_INHERIT : 0) | (info.ProtectFromClose ? HANDLE_FLAG_PROTECT_FROM_CLOSE : 0);
    return TRUE;
}

BOOL WINAPI SetHandleInformation(HANDLE handle, DWORD mask, DWORD flags)
{
    OBJECT_DATA_INFORMATION info;
    NTSTATUS status = NtQueryObject(handle, ObjectDataInformation, &info, sizeof(info), NULL);

    if (status) return set_ntstatus(status);
    if (mask & HANDLE_FLAG_INHERIT) info.InheritHandle = !!(flags & HANDLE_FLAG_INHERIT);
    if (mask & HANDLE_FLAG_PROTECT_FROM_CLOSE) info.ProtectFromClose = !!(flags & HANDLE_FLAG_PROTECT_FROM_CLOSE);
    return set_ntstatus(NtSetInformationObject(handle, ObjectDataInformation, &info, sizeof(info)));
}

static void large_to_filetime(const LARGE_INTEGER *value, FILETIME *ft)
{
    ft->dwLowDateTime = value->u.LowPart;
    ft->dwHighDateTime = value->u.HighPart;
}

BOOL WINAPI GetProcessTimes(HANDLE process, FILETIME *create, FILETIME *exit, FILETIME *kernel, FILETIME *user)
{
    KERNEL_USER_TIMES times;

    if (!set_ntstatus(NtQueryInformationProcess(process, ProcessTimes, &times, sizeof(times), NULL))) return FALSE;
    large_to_filetime(&times.CreateTime, create);
    large_to_filetime(&times.ExitTime, exit);
    large_to_filetime(&times.KernelTime, kernel);
    large_to_filetime(&times.UserTime, user);
    return TRUE;
}

BOOL WINAPI GetThreadTimes(HANDLE thread, FILETIME *create, FILETIME *exit, FILETIME *kernel, FILETIME *user)
{
    KERNEL_USER_TIMES times;

    if (!set_ntstatus(NtQueryInformationThread(thread, ThreadTimes, &times, sizeof(times), NULL))) return FALSE;
    large_to_filetime(&times.CreateTime, create);
    large_to_filetime(&times.ExitTime, exit);
    large_to_filetime(&times.KernelTime, kernel);
    large_to_filetime(&times.UserTime, user);
    return TRUE;
}

/* The system's processors are those GetSystemInfo counts; the process's, what it was last set to. */
BOOL WINAPI GetProcessAffinityMask(HANDLE process, DWORD_PTR *process_mask, DWORD_PTR *system_mask)
{
    PROCESS_BASIC_INFORMATION pbi;
    SYSTEM_INFO info;

    if (!set_ntstatus(NtQueryInformationProcess(process, ProcessBasicInformation, &pbi, sizeof(pbi), NULL)))
        return FALSE;
    GetSystemInfo(&info);
    /* AffinityMask is Reserved2[0] in the headers ntdll's users see */
    if (process_mask) *process_mask = (DWORD_PTR)pbi.Reserved2[0];
    if (system_mask) *system_mask = info.dwActiveProcessorMask;
    return TRUE;
}

BOOL WINAPI SetProcessAffinityMask(HANDLE process, DWORD_PTR mask)
{
    return set_ntstatus(NtSetInformationProcess(process, ProcessAffinityMask, &mask, sizeof(mask)));
}

NTSTATUS WINAPI wring_memory_status(MEMORYSTATUSEX *status);

BOOL WINAPI GlobalMemoryStatusEx(MEMORYSTATUSEX *status)
{
    /* the caller says which structure it passes; only this one exists */
    if (status->dwLength != sizeof(*status))
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return set_ntstatus(wring_memory_status(status));
}
