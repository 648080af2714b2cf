/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Clocks, sleeping and system information.  Wring has one time zone: local time is UTC.
 */
#ifndef _KERNEL32_
#define _KERNEL32_
#endif
#include <stdarg.h>
#include "ntstatus.h"
#define WIN32_NO_STATUS
#include "windef.h"
#include "winbase.h"
#include "winternl.h"
#undef WIN32_NO_STATUS

ULONGLONG WINAPI GetTickCount64(void)
{
    LARGE_INTEGER counter, frequency;
    NtQueryPerformanceCounter(&counter, &frequency);
    return counter.QuadPart / frequency.QuadPart * 1000 + counter.QuadPart % frequency.QuadPart * 1000 / frequency.QuadPart;
}

DWORD WINAPI GetTickCount(void)
{
    return GetTickCount64();
}

BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER *counter)
{
    NtQueryPerformanceCounter(counter, NULL);
    return TRUE;
}

BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER *frequency)
{
    LARGE_INTEGER counter;
    NtQueryPerformanceCounter(&counter, frequency);
    return TRUE;
}

void WINAPI GetSystemTimeAsFileTime(FILETIME *time)
{
    LARGE_INTEGER now;
    NtQuerySystemTime(&now);
    time->dwLowDateTime = now.u.LowPart;
    time->dwHighDateTime = now.u.HighPart;
}

void WINAPI GetSystemTimePreciseAsFileTime(FILETIME *time)
{
    GetSystemTimeAsFileTime(time);
}

static void fields_to_systemtime(const TIME_FIELDS *fields, SYSTEMTIME *st)
{
    st->wYear = fields->Year;
    st->wMonth = fields->Month;
    st->wDayOfWeek = fields->Weekday;
    st->wDay = fields->Day;
    st->wHour = fields->Hour;
    st->wMinute = fields->Minute;
    st->wSecond = fields->Second;
    st->wMilliseconds = fields->Milliseconds;
}

void WINAPI GetSystemTime(SYSTEMTIME *st)
{
    LARGE_INTEGER now;
    TIME_FIELDS fields;
    NtQuerySystemTime(&now);
    RtlTimeToTimeFields(&now, &fields);
    fields_to_systemtime(&fields, st);
}

void WINAPI GetLocalTime(SYSTEMTIME *st)
{
    GetSystemTime(st);
}

/* Local time is UTC, so the zone is Windows' own "UTC" entry: no bias and no daylight
 * saving, which Windows reports as TIME_ZONE_ID_UNKNOWN with both transition dates zero. */
static void utc_zone(TIME_ZONE_INFORMATION *tz)
{
    static const WCHAR name[] = L"Coordinated Universal Time";
    memset(tz, 0, sizeof(*tz));
    memcpy(tz->StandardName, name, sizeof(name));
    memcpy(tz->DaylightName, name, sizeof(name));
}

DWORD WINAPI GetTimeZoneInformation(TIME_ZONE_INFORMATION *tz)
{
    utc_zone(tz);
    return TIME_ZONE_ID_UNKNOWN;
}

DWORD WINAPI GetDynamicTimeZoneInformation(DYNAMIC_TIME_ZONE_INFORMATION *tz)
{
    static const WCHAR key[] = L"UTC";
    TIME_ZONE_INFORMATION base;
    utc_zone(&base);
    memset(tz, 0, sizeof(*tz));
    memcpy(tz, &base, sizeof(base));
    memcpy(tz->TimeZoneKeyName, key, sizeof(key));
    return TIME_ZONE_ID_UNKNOWN;
}

BOOL WINAPI FileTimeToSystemTime(const FILETIME *ft, SYSTEMTIME *st)
{
    LARGE_INTEGER time;
    TIME_FIELDS fields;

    time.u.LowPart = ft->dwLowDateTime;
    time.u.HighPart = ft->dwHighDateTime;
    if (time.QuadPart < 0)
    {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    RtlTimeToTimeFields(&time, &fields);
    fields_to_systemtime(&fields, st);
    return TRUE;
}

BOOL WINAPI SystemTimeToFileTime(const SYSTEMTIME *st, FILETIME *ft)
{
    TIME_FIELDS fields = { st->wYear, st->wMonth, st->wDay, st->wHour, st->wMinute, st->wSecond,
                           st->wMilliseconds, 0 };
    LARGE_INTEGER time;

    if (!RtlTimeFieldsToTime(&fields, &time))
    {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    ft->dwLowDateTime = time.u.LowPart;
    ft->dwHighDateTime = time.u.HighPart;
    return TRUE;
}

DWORD WINAPI SleepEx(DWORD ms, BOOL alertable)
{
    LARGE_INTEGER time;
    NTSTATUS status;

    time.QuadPart = (ULONGLONG)ms * -10000;
    status = NtDelayExecution(alertable, ms == INFINITE ? NULL : &time);
    return status == STATUS_USER_APC ? WAIT_IO_COMPLETION : 0;
}

void WINAPI Sleep(DWORD ms)
{
    SleepEx(ms, FALSE);
}

static void cpu_identity(WORD *level, WORD *revision)
{
    unsigned int eax, ebx, ecx, edx, family, model;

    __asm__ volatile ("cpuid" : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx) : "a"(1), "c"(0));
    family = (eax >> 8) & 0xf;
    model = (eax >> 4) & 0xf;
    if (family == 0xf) family += (eax >> 20) & 0xff;
    if (family >= 6) model |= ((eax >> 16) & 0xf) << 4;
    *level = family;
    *revision = (model << 8) | (eax & 0xf);
}

void WINAPI GetSystemInfo(SYSTEM_INFO *info)
{
    DWORD cpus = NtCurrentTeb()->Peb->NumberOfProcessors;

    info->wProcessorArchitecture = PROCESSOR_ARCHITECTURE_AMD64;
    info->wReserved = 0;
    info->dwPageSize = 4096;
    info->lpMinimumApplicationAddress = (void *)0x10000;
    info->lpMaximumApplicationAddress = (void *)0x7ffffffeffff;
    info->dwActiveProcessorMask = cpus >= 64 ? ~(DWORD_PTR)0 : ((DWORD_PTR)1 << cpus) - 1;
    info->dwNumberOfProcessors = cpus;
    info->dwProcessorType = PROCESSOR_AMD_X8664;
    info->dwAllocationGranularity = 65536;
    cpu_identity(&info->wProcessorLevel, &info->wProcessorRevision);
}

/* Every processor Wring was given (its start-up affinity) is the process's and the system's:
 * Wring has no other processes, so another process handle is invalid. */
BOOL WINAPI GetProcessAffinityMask(HANDLE process, DWORD_PTR *process_mask, DWORD_PTR *system_mask)
{
    SYSTEM_INFO info;

    if (process != GetCurrentProcess())
    {
        RtlSetLastWin32Error(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    GetSystemInfo(&info);
    if (process_mask) *process_mask = info.dwActiveProcessorMask;
    if (system_mask) *system_mask = info.dwActiveProcessorMask;
    return TRUE;
}

void WINAPI GetNativeSystemInfo(SYSTEM_INFO *info)
{
    GetSystemInfo(info);
}

INT WINAPI CompareFileTime(const FILETIME *a, const FILETIME *b)
{
    ULONGLONG x, y;
    if (!a || !b) return -1;
    x = ((ULONGLONG)a->dwHighDateTime << 32) | a->dwLowDateTime;
    y = ((ULONGLONG)b->dwHighDateTime << 32) | b->dwLowDateTime;
    return x < y ? -1 : x > y;
}
