/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* NT time (100 ns ticks since 1601-01-01 UTC) to and from calendar fields. */
#include "ntdll_misc.h"

#define TICKS_PER_SECOND    10000000LL
#define TICKS_PER_MSEC      10000LL
#define SECONDS_PER_DAY     86400LL
#define SECS_1601_TO_1970   11644473600LL
#define SECS_1601_TO_1980   11960006400LL

/* Days between 0000-03-01 and 1601-01-01 in the proleptic Gregorian calendar, counting
 * years from March so that the leap day falls at the end of a year. */
#define DAYS_0000_03_TO_1601 584694LL

static const unsigned char month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

static BOOL is_leap(LONGLONG year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

void WINAPI RtlTimeToTimeFields(const LARGE_INTEGER *time, TIME_FIELDS *fields)
{
    LONGLONG ticks = time->QuadPart;
    LONGLONG days = ticks / (SECONDS_PER_DAY * TICKS_PER_SECOND);
    LONGLONG rest = ticks % (SECONDS_PER_DAY * TICKS_PER_SECOND);
    LONGLONG era, day_of_era, year_of_era, day_of_year, mp, year;

    fields->Milliseconds = (rest % TICKS_PER_SECOND) / TICKS_PER_MSEC;
    rest /= TICKS_PER_SECOND;
    fields->Second = rest % 60;
    fields->Minute = (rest / 60) % 60;
    fields->Hour = rest / 3600;
    /* 1601-01-01 was a Monday. */
    fields->Weekday = (days + 1) % 7;

    days += DAYS_0000_03_TO_1601;
    era = days / 146097;
    day_of_era = days % 146097;
    year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    mp = (5 * day_of_year + 2) / 153;
    year = era * 400 + year_of_era;
    fields->Day = day_of_year - (153 * mp + 2) / 5 + 1;
    fields->Month = mp < 10 ? mp + 3 : mp - 9;
    fields->Year = year + (fields->Month <= 2);
}

BOOLEAN WINAPI RtlTimeFieldsToTime(TIME_FIELDS *fields, LARGE_INTEGER *time)
{
    LONGLONG year = fields->Year, month = fields->Month, days;
    int month_len;

    if (month < 1 || month > 12 || year < 1601) return FALSE;
    month_len = month_days[month - 1] + (month == 2 && is_leap(year));
    if (fields->Day < 1 || fields->Day > month_len || fields->Hour < 0 || fields->Hour > 23 ||
        fields->Minute < 0 || fields->Minute > 59 || fields->Second < 0 || fields->Second > 59 ||
        fields->Milliseconds < 0 || fields->Milliseconds > 999)
        return FALSE;

    if (month <= 2) year--;
    month = month > 2 ? month - 3 : month + 9;
    days = 365 * year + year / 4 - year / 100 + year / 400 + (153 * month + 2) / 5 + fields->Day - 1;
    days -= DAYS_0000_03_TO_1601;
    time->QuadPart = ((days * 24 + fields->Hour) * 60 + fields->Minute) * 60 + fields->Second;
    time->QuadPart = time->QuadPart * TICKS_PER_SECOND + fields->Milliseconds * TICKS_PER_MSEC;
    return TRUE;
}

static BOOLEAN time_to_seconds_since(const LARGE_INTEGER *time, LONGLONG epoch, ULONG *seconds)
{
    LONGLONG secs = time->QuadPart / TICKS_PER_SECOND - epoch;
    if (secs < 0 || secs > 0xffffffffLL) return FALSE;
    *seconds = secs;
    return TRUE;
}

BOOLEAN WINAPI RtlTimeToSecondsSince1970(const LARGE_INTEGER *time, ULONG *seconds)
{
    return time_to_seconds_since(time, SECS_1601_TO_1970, seconds);
}

BOOLEAN WINAPI RtlTimeToSecondsSince1980(const LARGE_INTEGER *time, ULONG *seconds)
{
    return time_to_seconds_since(time, SECS_1601_TO_1980, seconds);
}

void WINAPI RtlSecondsSince1970ToTime(ULONG seconds, LARGE_INTEGER *time)
{
    time->QuadPart = (seconds + SECS_1601_TO_1970) * TICKS_PER_SECOND;
}

void WINAPI RtlSecondsSince1980ToTime(ULONG seconds, LARGE_INTEGER *time)
{
    time->QuadPart = (seconds + SECS_1601_TO_1980) * TICKS_PER_SECOND;
}
