/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * RtlGetVersion and RtlGetCurrentPeb, which Go's runtime looks up at start:
 * the version comes from the PEB, the structure's size says how much is
 * written, and GetVersionEx, which tells a program without a manifest an
 * older version, never reports a newer one than RtlGetVersion.
 */
#include <string.h>
#include <windows.h>
#include <winternl.h>
#include "wine/test.h"

#define STATUS_SUCCESS_           ((NTSTATUS)0x00000000)
#define STATUS_INVALID_PARAMETER_ ((NTSTATUS)0xc000000d)

/* the PEB fields the version comes from (offsets of the x64 PEB) */
struct peb_version
{
    ULONG major, minor;
    USHORT build, csd_version;
    ULONG platform;
};
#define PEB_VERSION_OFFSET 0x118

static NTSTATUS (WINAPI *pRtlGetVersion)(OSVERSIONINFOEXW *);
static PEB *(WINAPI *pRtlGetCurrentPeb)(void);
static void (WINAPI *pRtlGetNtVersionNumbers)(ULONG *, ULONG *, ULONG *);
static NTSTATUS (WINAPI *pNtQueryInformationProcess)(HANDLE, PROCESSINFOCLASS, void *, ULONG, ULONG *);

START_TEST(version)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    const struct peb_version *pv;
    OSVERSIONINFOEXW ex;
    OSVERSIONINFOW win;
    PROCESS_BASIC_INFORMATION basic;
    ULONG major, minor, build;
    NTSTATUS status;
    PEB *peb;

    pRtlGetVersion = (void *)GetProcAddress(ntdll, "RtlGetVersion");
    pRtlGetCurrentPeb = (void *)GetProcAddress(ntdll, "RtlGetCurrentPeb");
    pRtlGetNtVersionNumbers = (void *)GetProcAddress(ntdll, "RtlGetNtVersionNumbers");
    pNtQueryInformationProcess = (void *)GetProcAddress(ntdll, "NtQueryInformationProcess");
    ok(pRtlGetVersion && pRtlGetCurrentPeb && pRtlGetNtVersionNumbers && pNtQueryInformationProcess,
       "ntdll lacks an export\n");
    if (!pRtlGetVersion || !pRtlGetCurrentPeb || !pRtlGetNtVersionNumbers || !pNtQueryInformationProcess) return;

    peb = pRtlGetCurrentPeb();
    status = pNtQueryInformationProcess(GetCurrentProcess(), ProcessBasicInformation, &basic, sizeof(basic), NULL);
    ok(status == STATUS_SUCCESS_, "NtQueryInformationProcess: %#lx\n", status);
    ok(peb == basic.PebBaseAddress, "RtlGetCurrentPeb gave %p, the process's is %p\n", peb, basic.PebBaseAddress);
    pv = (const struct peb_version *)((const char *)peb + PEB_VERSION_OFFSET);

    /* the plain structure: the extended fields after it are not written */
    memset(&ex, 0xcc, sizeof(ex));
    ex.dwOSVersionInfoSize = sizeof(OSVERSIONINFOW);
    status = pRtlGetVersion(&ex);
    ok(status == STATUS_SUCCESS_, "RtlGetVersion: %#lx\n", status);
    ok(ex.dwMajorVersion == pv->major && ex.dwMinorVersion == pv->minor && ex.dwBuildNumber == pv->build,
       "RtlGetVersion said %lu.%lu.%lu, the PEB %lu.%lu.%u\n", ex.dwMajorVersion, ex.dwMinorVersion,
       ex.dwBuildNumber, pv->major, pv->minor, pv->build);
    ok(ex.dwPlatformId == VER_PLATFORM_WIN32_NT, "platform %lu\n", ex.dwPlatformId);
    ok(ex.wServicePackMajor == 0xcccc && ex.wProductType == 0xcc, "the extended fields were written\n");

    pRtlGetNtVersionNumbers(&major, &minor, &build);
    ok(major == ex.dwMajorVersion && minor == ex.dwMinorVersion && (build & 0xffff) == ex.dwBuildNumber,
       "RtlGetNtVersionNumbers said %lu.%lu.%lu\n", major, minor, build & 0xffff);

    /* the extended structure */
    memset(&ex, 0xcc, sizeof(ex));
    ex.dwOSVersionInfoSize = sizeof(ex);
    status = pRtlGetVersion(&ex);
    ok(status == STATUS_SUCCESS_, "RtlGetVersion: %#lx\n", status);
    ok(ex.dwMajorVersion == pv->major && ex.dwBuildNumber == pv->build, "extended: %lu.%lu.%lu\n",
       ex.dwMajorVersion, ex.dwMinorVersion, ex.dwBuildNumber);
    /* a service pack has a name, no service pack none */
    ok(!ex.wServicePackMajor == !ex.szCSDVersion[0], "service pack %u named %s\n", ex.wServicePackMajor,
       wine_dbgstr_w(ex.szCSDVersion));
    ok(ex.wProductType == VER_NT_WORKSTATION, "product type %u\n", ex.wProductType);

    /* a program without a manifest is told an older Windows, never a newer one */
    memset(&win, 0, sizeof(win));
    win.dwOSVersionInfoSize = sizeof(win);
    ok(GetVersionExW(&win), "GetVersionExW: %lu\n", GetLastError());
    ok(win.dwMajorVersion < ex.dwMajorVersion
       || (win.dwMajorVersion == ex.dwMajorVersion && win.dwMinorVersion <= ex.dwMinorVersion),
       "GetVersionExW said %lu.%lu, RtlGetVersion %lu.%lu\n", win.dwMajorVersion, win.dwMinorVersion,
       ex.dwMajorVersion, ex.dwMinorVersion);

    /* a size that is neither structure's */
    memset(&ex, 0, sizeof(ex));
    ex.dwOSVersionInfoSize = sizeof(OSVERSIONINFOW) - 1;
    status = pRtlGetVersion(&ex);
    /* Wine 8.0 takes any size */
    todo_wine ok(status == STATUS_INVALID_PARAMETER_, "a wrong size: %#lx\n", status);
}
