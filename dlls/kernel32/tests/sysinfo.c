/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What an archiver asks of the system besides files: local and DOS times,
 * process and thread times, memory status, processor affinity, drives and their
 * free space, the file API code page, and DeviceIoControl on ordinary files.
 */
#include <string.h>
#include <windows.h>
#include <winioctl.h>
#include "wine/test.h"

static ULONGLONG ft_value(const FILETIME *ft)
{
    return ((ULONGLONG)ft->dwHighDateTime << 32) | ft->dwLowDateTime;
}

static FILETIME make_ft(ULONGLONG value)
{
    FILETIME ft = { (DWORD)value, (DWORD)(value >> 32) };
    return ft;
}

static void test_local_time(void)
{
    TIME_ZONE_INFORMATION tz;
    FILETIME utc = make_ft(132000000000000000ULL), local, back;
    DWORD id = GetTimeZoneInformation(&tz);
    LONG bias = tz.Bias + (id == TIME_ZONE_ID_DAYLIGHT ? tz.DaylightBias : id == TIME_ZONE_ID_STANDARD ? tz.StandardBias : 0);

    ok(FileTimeToLocalFileTime(&utc, &local), "FileTimeToLocalFileTime failed\n");
    ok(ft_value(&local) == ft_value(&utc) - (LONGLONG)bias * 600000000,
       "local %I64u, utc %I64u, bias %ld\n", ft_value(&local), ft_value(&utc), bias);
    ok(LocalFileTimeToFileTime(&local, &back), "LocalFileTimeToFileTime failed\n");
    ok(ft_value(&back) == ft_value(&utc), "round trip gave %I64u\n", ft_value(&back));
}

static void test_dos_time(void)
{
    SYSTEMTIME st = { 2023, 7, 0, 14, 13, 45, 30, 0 }, out;
    FILETIME ft, back;
    WORD date, time;

    ok(SystemTimeToFileTime(&st, &ft), "SystemTimeToFileTime failed\n");
    ok(FileTimeToDosDateTime(&ft, &date, &time), "FileTimeToDosDateTime failed, error %lu\n", GetLastError());
    ok(date == ((2023 - 1980) << 9 | 7 << 5 | 14), "date %#x\n", date);
    ok(time == (13 << 11 | 45 << 5 | 15), "time %#x\n", time);
    ok(DosDateTimeToFileTime(date, time, &back), "DosDateTimeToFileTime failed\n");
    ok(ft_value(&back) == ft_value(&ft), "round trip %I64u, expected %I64u\n", ft_value(&back), ft_value(&ft));

    /* the first and the last moments DOS can count */
    ok(DosDateTimeToFileTime(0x21, 0, &ft), "1980-01-01 refused\n");
    FileTimeToSystemTime(&ft, &out);
    ok(out.wYear == 1980 && out.wMonth == 1 && out.wDay == 1 && !out.wHour, "got %u-%u-%u %u\n",
       out.wYear, out.wMonth, out.wDay, out.wHour);
    ok(DosDateTimeToFileTime(127 << 9 | 12 << 5 | 31, 23 << 11 | 59 << 5 | 29, &ft), "2107-12-31 refused\n");
    FileTimeToSystemTime(&ft, &out);
    ok(out.wYear == 2107 && out.wMonth == 12 && out.wDay == 31 && out.wHour == 23 && out.wMinute == 59 &&
       out.wSecond == 58, "got %u-%u-%u %u:%u:%u\n", out.wYear, out.wMonth, out.wDay, out.wHour, out.wMinute,
       out.wSecond);
    ok(FileTimeToDosDateTime(&ft, &date, &time), "FileTimeToDosDateTime of 2107 failed\n");
    ok(date == (127 << 9 | 12 << 5 | 31) && time == (23 << 11 | 59 << 5 | 29), "date %#x time %#x\n", date, time);

    /* outside those years */
    st.wYear = 1979;
    SystemTimeToFileTime(&st, &ft);
    SetLastError(0xdeadbeef);
    ok(!FileTimeToDosDateTime(&ft, &date, &time), "1979 converted\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());
    st.wYear = 2108;
    SystemTimeToFileTime(&st, &ft);
    SetLastError(0xdeadbeef);
    /* Wine 8.0 checks only the lower bound, and lets the year overflow its 7 bits */
    todo_wine ok(!FileTimeToDosDateTime(&ft, &date, &time), "2108 converted\n");
    todo_wine ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());
    /* month 13 */
    ok(!DosDateTimeToFileTime(40 << 9 | 13 << 5 | 1, 0, &ft), "month 13 converted\n");
}

static DWORD WINAPI spin_thread(void *arg)
{
    volatile ULONGLONG x = 0;
    DWORD start = GetTickCount();
    while (GetTickCount() - start < 100) x++;
    return 0;
}

static void test_times(void)
{
    FILETIME create, exit_time, kernel, user, now;
    HANDLE thread;

    GetSystemTimeAsFileTime(&now);
    ok(GetProcessTimes(GetCurrentProcess(), &create, &exit_time, &kernel, &user), "GetProcessTimes failed, error %lu\n",
       GetLastError());
    ok(ft_value(&create) && ft_value(&create) <= ft_value(&now), "creation %I64u, now %I64u\n", ft_value(&create),
       ft_value(&now));
    ok(!ft_value(&exit_time), "a running process has an exit time\n");

    thread = CreateThread(NULL, 0, spin_thread, NULL, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    ok(GetThreadTimes(thread, &create, &exit_time, &kernel, &user), "GetThreadTimes failed, error %lu\n",
       GetLastError());
    ok(ft_value(&create) >= ft_value(&now), "thread creation %I64u before %I64u\n", ft_value(&create),
       ft_value(&now));
    ok(ft_value(&exit_time) >= ft_value(&create), "exit %I64u before creation\n", ft_value(&exit_time));
    /* a tenth of a second of spinning shows */
    ok(ft_value(&kernel) + ft_value(&user) >= 100000, "thread used %I64u + %I64u\n", ft_value(&kernel),
       ft_value(&user));
    CloseHandle(thread);

    ok(GetThreadTimes(GetCurrentThread(), &create, &exit_time, &kernel, &user), "GetThreadTimes failed\n");
    ok(!ft_value(&exit_time), "a running thread has an exit time\n");
    SetLastError(0xdeadbeef);
    ok(!GetThreadTimes((HANDLE)0xdead0, &create, &exit_time, &kernel, &user), "bad handle accepted\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "error %lu\n", GetLastError());
}

static void test_memory_status(void)
{
    MEMORYSTATUSEX status;

    memset(&status, 0, sizeof(status));
    SetLastError(0xdeadbeef);
    ok(!GlobalMemoryStatusEx(&status), "GlobalMemoryStatusEx without dwLength succeeded\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());

    status.dwLength = sizeof(status);
    ok(GlobalMemoryStatusEx(&status), "GlobalMemoryStatusEx failed, error %lu\n", GetLastError());
    ok(status.dwMemoryLoad <= 100, "load %lu\n", status.dwMemoryLoad);
    ok(status.ullTotalPhys > 0, "no physical memory\n");
    ok(status.ullAvailPhys <= status.ullTotalPhys, "avail %I64u > total %I64u\n", status.ullAvailPhys,
       status.ullTotalPhys);
    ok(status.ullAvailPageFile <= status.ullTotalPageFile, "page file avail %I64u > total %I64u\n",
       status.ullAvailPageFile, status.ullTotalPageFile);
    ok(status.ullAvailVirtual <= status.ullTotalVirtual, "virtual avail %I64u > total %I64u\n",
       status.ullAvailVirtual, status.ullTotalVirtual);
    /* 64-bit processes have (at least) 8 TiB of address space */
    ok(status.ullTotalVirtual >= 0x80000000000ULL, "total virtual %#I64x\n", status.ullTotalVirtual);
}

static void test_affinity(void)
{
    DWORD_PTR process_mask, system_mask, prev, lowest;
    SYSTEM_INFO info;

    GetSystemInfo(&info);
    ok(GetProcessAffinityMask(GetCurrentProcess(), &process_mask, &system_mask), "GetProcessAffinityMask failed\n");
    ok(system_mask == info.dwActiveProcessorMask, "system mask %#Ix, active %#Ix\n", system_mask,
       info.dwActiveProcessorMask);
    ok(process_mask && !(process_mask & ~system_mask), "process mask %#Ix, system %#Ix\n", process_mask, system_mask);
    lowest = process_mask & -process_mask;

    prev = SetThreadAffinityMask(GetCurrentThread(), lowest);
    ok(prev == process_mask, "previous mask %#Ix, expected %#Ix\n", prev, process_mask);
    prev = SetThreadAffinityMask(GetCurrentThread(), process_mask);
    ok(prev == lowest, "previous mask %#Ix, expected %#Ix\n", prev, lowest);

    SetLastError(0xdeadbeef);
    ok(!SetThreadAffinityMask(GetCurrentThread(), 0), "empty mask accepted\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());
    if (~system_mask)
    {
        SetLastError(0xdeadbeef);
        ok(!SetThreadAffinityMask(GetCurrentThread(), system_mask + 1), "mask outside the system accepted\n");
        ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());
        SetLastError(0xdeadbeef);
        ok(!SetProcessAffinityMask(GetCurrentProcess(), system_mask + 1), "process mask outside the system\n");
        ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());
    }
    SetLastError(0xdeadbeef);
    ok(!SetProcessAffinityMask(GetCurrentProcess(), 0), "empty process mask accepted\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());

    ok(SetProcessAffinityMask(GetCurrentProcess(), lowest), "SetProcessAffinityMask failed, error %lu\n",
       GetLastError());
    ok(GetProcessAffinityMask(GetCurrentProcess(), &prev, &system_mask) && prev == lowest, "process mask now %#Ix\n",
       prev);
    ok(SetProcessAffinityMask(GetCurrentProcess(), process_mask), "restoring the mask failed\n");
}

static void test_drives(void)
{
    WCHAR buf[128], *p;
    DWORD mask = GetLogicalDrives(), seen = 0;
    UINT len, needed;

    ok(mask & (1 << ('C' - 'A')), "no C: in %#lx\n", mask);
    len = GetLogicalDriveStringsW(ARRAYSIZE(buf), buf);
    ok(len && len < ARRAYSIZE(buf), "GetLogicalDriveStringsW returned %u\n", len);
    ok(!buf[len], "no final NUL\n");
    for (p = buf; *p; p += wcslen(p) + 1)
    {
        ok(wcslen(p) == 3 && p[1] == ':' && p[2] == '\\', "drive string %ls\n", p);
        seen |= 1 << (p[0] - 'A');
    }
    ok(p - buf == (ptrdiff_t)len, "strings end at %Id, length %u\n", p - buf, len);
    ok(seen == mask, "strings name %#lx, GetLogicalDrives %#lx\n", seen, mask);

    /* a short buffer: the size needed, the final NUL counted */
    buf[0] = 'x';
    needed = GetLogicalDriveStringsW(2, buf);
    ok(needed == len + 1, "short buffer: %u, expected %u\n", needed, len + 1);
    ok(buf[0] == 'x', "short buffer written\n");
}

static void test_disk_free_space(void)
{
    ULARGE_INTEGER caller_free, total, total_free;
    DWORD spc, bps, free_clusters, total_clusters;

    ok(GetDiskFreeSpaceW(L"C:\\", &spc, &bps, &free_clusters, &total_clusters), "GetDiskFreeSpaceW failed, error %lu\n",
       GetLastError());
    ok(spc && bps && total_clusters, "spc %lu bps %lu total %lu\n", spc, bps, total_clusters);
    ok(free_clusters <= total_clusters, "free %lu > total %lu\n", free_clusters, total_clusters);

    ok(GetDiskFreeSpaceExW(L"C:\\", &caller_free, &total, &total_free), "GetDiskFreeSpaceExW failed, error %lu\n",
       GetLastError());
    ok(total.QuadPart > 0, "total 0\n");
    ok(caller_free.QuadPart <= total_free.QuadPart, "caller free %I64u > free %I64u\n", caller_free.QuadPart,
       total_free.QuadPart);
    ok(total_free.QuadPart <= total.QuadPart, "free %I64u > total %I64u\n", total_free.QuadPart, total.QuadPart);
    ok(GetDiskFreeSpaceExW(NULL, &caller_free, NULL, NULL), "GetDiskFreeSpaceExW(NULL) failed, error %lu\n",
       GetLastError());
    ok(GetDiskFreeSpaceExA("C:\\windows", &caller_free, NULL, NULL), "a folder of C: failed, error %lu\n",
       GetLastError());

    SetLastError(0xdeadbeef);
    ok(!GetDiskFreeSpaceExW(L"C:\\wring_no_such_folder\\", &caller_free, NULL, NULL), "missing folder accepted\n");
    ok(GetLastError() == ERROR_PATH_NOT_FOUND || GetLastError() == ERROR_FILE_NOT_FOUND, "error %lu\n",
       GetLastError());
}

static void test_file_apis(void)
{
    char path[MAX_PATH], name[MAX_PATH];
    HANDLE file;
    DWORD len;

    ok(AreFileApisANSI(), "file APIs start as OEM\n");
    SetFileApisToOEM();
    ok(!AreFileApisANSI(), "SetFileApisToOEM did not take\n");

    /* U+00E9 is 0xe9 in code page 1252 and 0x82 in 437: an A name follows the flag */
    GetTempPathA(sizeof(path), path);
    strcat(path, "wring_oem_\x82.tmp");
    file = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFileA failed, error %lu\n", GetLastError());
    SetFileApisToANSI();
    ok(AreFileApisANSI(), "SetFileApisToANSI did not take\n");
    if (GetACP() == 1252 && GetOEMCP() == 437)
    {
        WCHAR wpath[MAX_PATH];
        GetTempPathW(ARRAYSIZE(wpath), wpath);
        wcscat(wpath, L"wring_oem_\x00e9.tmp");
        ok(GetFileAttributesW(wpath) != INVALID_FILE_ATTRIBUTES, "the OEM name made another file\n");
        GetTempPathA(sizeof(name), name);
        strcat(name, "wring_oem_\xe9.tmp");
        ok(GetFileAttributesA(name) != INVALID_FILE_ATTRIBUTES, "the ANSI name does not find it\n");
    }
    else skip("code pages %u/%u, not 1252/437\n", GetACP(), GetOEMCP());
    CloseHandle(file);

    /* a name coming back follows the flag too */
    SetFileApisToOEM();
    len = GetTempPathA(sizeof(name), name);
    ok(len && len < sizeof(name), "GetTempPathA in OEM failed\n");
    SetFileApisToANSI();
}

static void test_device_io_control(void)
{
    char path[MAX_PATH], buf[1024];
    OVERLAPPED ov;
    HANDLE file, event;
    DWORD done;

    GetTempPathA(sizeof(path), path);
    strcat(path, "wring_ioctl.tmp");
    file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFileA failed, error %lu\n", GetLastError());

    SetLastError(0xdeadbeef);
    ok(!DeviceIoControl(file, FSCTL_GET_REPARSE_POINT, NULL, 0, buf, sizeof(buf), &done, NULL),
       "an ordinary file is a reparse point\n");
    ok(GetLastError() == ERROR_NOT_A_REPARSE_POINT, "error %lu\n", GetLastError());

    /* a disk ioctl on a file is not the file system's to answer (Wine 8.0 says ERROR_NOT_SUPPORTED,
     * where Windows' file systems fail an unknown request as an invalid function) */
    SetLastError(0xdeadbeef);
    ok(!DeviceIoControl(file, IOCTL_DISK_GET_DRIVE_GEOMETRY, NULL, 0, buf, sizeof(buf), &done, NULL),
       "disk geometry of a file\n");
    todo_wine ok(GetLastError() == ERROR_INVALID_FUNCTION, "error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!DeviceIoControl(file, CTL_CODE(0x8000, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS), NULL, 0, buf, sizeof(buf),
                        &done, NULL), "an unknown code succeeded\n");
    todo_wine ok(GetLastError() == ERROR_INVALID_FUNCTION, "error %lu\n", GetLastError());
    CloseHandle(file);

    /* Wine 8.0 answers this code before it looks at the handle */
    SetLastError(0xdeadbeef);
    ok(!DeviceIoControl((HANDLE)0xdead0, FSCTL_GET_REPARSE_POINT, NULL, 0, buf, sizeof(buf), &done, NULL),
       "bad handle accepted\n");
    todo_wine ok(GetLastError() == ERROR_INVALID_HANDLE, "error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!DeviceIoControl((HANDLE)0xdead0, IOCTL_DISK_GET_LENGTH_INFO, NULL, 0, buf, sizeof(buf), &done, NULL),
       "bad handle accepted\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "error %lu\n", GetLastError());

    /* on an overlapped handle the error comes straight back too */
    file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                       FILE_FLAG_DELETE_ON_CLOSE | FILE_FLAG_OVERLAPPED, NULL);
    event = CreateEventA(NULL, TRUE, FALSE, NULL);
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = event;
    SetLastError(0xdeadbeef);
    ok(!DeviceIoControl(file, FSCTL_GET_REPARSE_POINT, NULL, 0, buf, sizeof(buf), &done, &ov),
       "an ordinary file is a reparse point\n");
    ok(GetLastError() == ERROR_NOT_A_REPARSE_POINT, "error %lu\n", GetLastError());
    CloseHandle(event);
    CloseHandle(file);
}

START_TEST(sysinfo)
{
    test_local_time();
    test_dos_time();
    test_times();
    test_memory_status();
    test_affinity();
    test_drives();
    test_disk_free_space();
    test_file_apis();
    test_device_io_control();
}
