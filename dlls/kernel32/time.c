/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Clocks, sleeping, time conversions and system information.  Wring has one time zone:
 * local time is UTC.
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

/* The bias (minutes, local = UTC - bias) in force now: Windows converts every file time
 * with today's offset, whatever the date converted. */
static LONGLONG current_bias_100ns(void)
{
    TIME_ZONE_INFORMATION tz;
    LONG bias;

    switch (GetTimeZoneInformation(&tz))
    {
    case TIME_ZONE_ID_STANDARD: bias = tz.Bias + tz.StandardBias; break;
    case TIME_ZONE_ID_DAYLIGHT: bias = tz.Bias + tz.DaylightBias; break;
    default: bias = tz.Bias; break;
    }
    return (LONGLONG)bias * 60 * 10000000;
}

static ULONGLONG filetime_value(const FILETIME *ft)
{
    return ((ULONGLONG)ft->dwHighDateTime << 32) | ft->dwLowDateTime;
}

static void set_filetime(FILETIME *ft, ULONGLONG value)
{
    ft->dwLowDateTime = (DWORD)value;
    ft->dwHighDateTime = (DWORD)(value >> 32);
}

BOOL WINAPI FileTimeToLocalFileTime(const FILETIME *utc, FILETIME *local)
{
    set_filetime(local, filetime_value(utc) - current_bias_100ns());
    return TRUE;
}

BOOL WINAPI LocalFileTimeToFileTime(const FILETIME *local, FILETIME *utc)
{
    set_filetime(utc, filetime_value(local) + current_bias_100ns());
    return TRUE;
}

/* MS-DOS dates count years from 1980 in 7 bits: 1980 to 2107.  Times have 2-second steps. */
#define DOS_FIRST_YEAR 1980
#define DOS_LAST_YEAR  (DOS_FIRST_YEAR + 127)

BOOL WINAPI FileTimeToDosDateTime(const FILETIME *ft, WORD *date, WORD *time)
{
    LARGE_INTEGER value;
    TIME_FIELDS fields;

    value.QuadPart = filetime_value(ft);
    RtlTimeToTimeFields(&value, &fields);
    if (value.QuadPart < 0 || fields.Year < DOS_FIRST_YEAR || fields.Year > DOS_LAST_YEAR)
    {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *date = (fields.Year - DOS_FIRST_YEAR) << 9 | fields.Month << 5 | fields.Day;
    *time = fields.Hour << 11 | fields.Minute << 5 | fields.Second / 2;
    return TRUE;
}

BOOL WINAPI DosDateTimeToFileTime(WORD date, WORD time, FILETIME *ft)
{
    TIME_FIELDS fields = { DOS_FIRST_YEAR + (date >> 9), (date >> 5) & 0xf, date & 0x1f,
                           time >> 11, (time >> 5) & 0x3f, (time & 0x1f) * 2, 0, 0 };
    LARGE_INTEGER value;

    /* a month, day, hour, minute or second out of range is refused by RtlTimeFieldsToTime */
    if (!RtlTimeFieldsToTime(&fields, &value))
    {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    set_filetime(ft, value.QuadPart);
    return TRUE;
}
