/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The kernel32 functions every mingw-w64 program touches: start-up info,
 * command line, environment, std handles, last error, critical sections,
 * TLS slots, virtual memory queries, code page conversion and clocks.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include "wine/test.h"

static void test_startup_info(void)
{
    STARTUPINFOA si;
    STARTUPINFOW siw;

    memset(&si, 0xcc, sizeof(si));
    GetStartupInfoA(&si);
    ok(si.cb == sizeof(si), "cb %lu\n", si.cb);
    memset(&siw, 0xcc, sizeof(siw));
    GetStartupInfoW(&siw);
    ok(siw.cb == sizeof(siw), "cb %lu\n", siw.cb);
    ok(si.dwFlags == siw.dwFlags, "flags differ %#lx %#lx\n", si.dwFlags, siw.dwFlags);
}

static void test_command_line(void)
{
    const char *cmd = GetCommandLineA();
    const WCHAR *cmdw = GetCommandLineW();
    char converted[1024];

    ok(cmd && strstr(cmd, "kernel32_test"), "command line %s\n", cmd);
    ok(cmd == GetCommandLineA(), "GetCommandLineA must return the same buffer\n");
    WideCharToMultiByte(CP_ACP, 0, cmdw, -1, converted, sizeof(converted), NULL, NULL);
    ok(!strcmp(converted, cmd), "A and W differ: %s vs %s\n", cmd, converted);
}

static void test_environment(void)
{
    char buf[64];
    WCHAR bufw[64];
    DWORD ret;

    SetLastError(0xdeadbeef);
    ret = GetEnvironmentVariableA("WRING_TEST_NOT_SET", buf, sizeof(buf));
    ok(ret == 0 && GetLastError() == ERROR_ENVVAR_NOT_FOUND, "missing: %lu error %lu\n", ret, GetLastError());

    ok(SetEnvironmentVariableA("WRING_TEST_VAR", "value1"), "set failed\n");
    ret = GetEnvironmentVariableA("WRING_TEST_VAR", buf, sizeof(buf));
    ok(ret == 6 && !strcmp(buf, "value1"), "got %lu %s\n", ret, buf);
    ret = GetEnvironmentVariableA("wring_test_var", buf, sizeof(buf));
    ok(ret == 6, "names are case-insensitive: %lu\n", ret);
    ret = GetEnvironmentVariableA("WRING_TEST_VAR", buf, 3);
    ok(ret == 7, "too small buffer must return the size with the NUL: %lu\n", ret);
    ret = GetEnvironmentVariableW(L"WRING_TEST_VAR", bufw, ARRAY_SIZE(bufw));
    ok(ret == 6 && !wcscmp(bufw, L"value1"), "W: %lu %s\n", ret, wine_dbgstr_w(bufw));

    ok(SetEnvironmentVariableW(L"WRING_TEST_VAR", L"w\x00e9"), "set W failed\n");
    ret = GetEnvironmentVariableW(L"WRING_TEST_VAR", bufw, ARRAY_SIZE(bufw));
    ok(ret == 2 && bufw[1] == 0xe9, "W value %s\n", wine_dbgstr_w(bufw));

    ok(SetEnvironmentVariableA("WRING_TEST_EMPTY", ""), "set empty failed\n");
    SetLastError(0xdeadbeef);
    ret = GetEnvironmentVariableA("WRING_TEST_EMPTY", buf, sizeof(buf));
    ok(ret == 0 && GetLastError() == 0xdeadbeef && !buf[0], "empty value: %lu error %lu\n", ret, GetLastError());

    ok(SetEnvironmentVariableA("WRING_TEST_VAR", NULL), "delete failed\n");
    SetLastError(0xdeadbeef);
    ret = GetEnvironmentVariableA("WRING_TEST_VAR", buf, sizeof(buf));
    ok(ret == 0 && GetLastError() == ERROR_ENVVAR_NOT_FOUND, "deleted: %lu error %lu\n", ret, GetLastError());
    SetEnvironmentVariableA("WRING_TEST_EMPTY", NULL);

    ret = GetEnvironmentVariableA("PATH", NULL, 0);
    ok(ret > 0, "PATH size %lu\n", ret);
}

static void test_std_handles(void)
{
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    DWORD written = 0;
    char line[64];
    int len;

    ok(out != INVALID_HANDLE_VALUE && out != NULL, "stdout handle %p\n", out);
    ok(GetStdHandle(STD_ERROR_HANDLE) != INVALID_HANDLE_VALUE, "stderr handle\n");
    ok(GetStdHandle(STD_INPUT_HANDLE) != INVALID_HANDLE_VALUE, "stdin handle\n");
    SetLastError(0xdeadbeef);
    ok(GetStdHandle(12345) == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_HANDLE,
       "bad std handle id: error %lu\n", GetLastError());
    fflush(stdout);
    len = sprintf(line, "basics: line written by WriteFile\r\n");
    ok(WriteFile(out, line, len, &written, NULL), "WriteFile failed: %lu\n", GetLastError());
    ok(written == (DWORD)len, "wrote %lu of %d\n", written, len);
}

static void test_last_error(void)
{
    SetLastError(12345);
    ok(GetLastError() == 12345, "got %lu\n", GetLastError());
    SetLastError(0);
    ok(GetLastError() == 0, "got %lu\n", GetLastError());
    SetLastError(ERROR_SUCCESS);
    CloseHandle(NULL);
    ok(GetLastError() == ERROR_INVALID_HANDLE, "CloseHandle(NULL) error %lu\n", GetLastError());
}

static void test_critical_section(void)
{
    CRITICAL_SECTION cs;

    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    EnterCriticalSection(&cs);
    ok(cs.RecursionCount == 2, "recursion count %ld\n", cs.RecursionCount);
    ok(cs.OwningThread == (HANDLE)(ULONG_PTR)GetCurrentThreadId(), "owner %p\n", cs.OwningThread);
    ok(TryEnterCriticalSection(&cs), "owner could not re-enter\n");
    LeaveCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    ok(cs.RecursionCount == 0 && !cs.OwningThread, "not released: %ld %p\n", cs.RecursionCount, cs.OwningThread);
    ok(InitializeCriticalSectionAndSpinCount(&cs, 4000), "with spin count\n");
    DeleteCriticalSection(&cs);
}

static void test_tls(void)
{
    DWORD slots[100];
    int i;

    for (i = 0; i < (int)ARRAY_SIZE(slots); i++)
    {
        slots[i] = TlsAlloc();
        if (slots[i] == TLS_OUT_OF_INDEXES) break;
        SetLastError(0xdeadbeef);
        ok(TlsGetValue(slots[i]) == NULL && GetLastError() == ERROR_SUCCESS,
           "fresh slot %lu not empty, error %lu\n", slots[i], GetLastError());
        ok(TlsSetValue(slots[i], (void *)(ULONG_PTR)(i + 1)), "TlsSetValue(%lu)\n", slots[i]);
    }
    ok(i == ARRAY_SIZE(slots), "only %d slots\n", i);
    /* Past 64 slots live in TlsExpansionSlots: check the two ranges agree. */
    ok(slots[i - 1] >= 64, "no expansion slot allocated (%lu)\n", slots[i - 1]);
    for (i--; i >= 0; i--)
    {
        ok(TlsGetValue(slots[i]) == (void *)(ULONG_PTR)(i + 1), "slot %lu value %p\n", slots[i], TlsGetValue(slots[i]));
        ok(TlsFree(slots[i]), "TlsFree(%lu)\n", slots[i]);
    }
    SetLastError(0xdeadbeef);
    ok(!TlsSetValue(1100, NULL) && GetLastError() == ERROR_INVALID_PARAMETER, "out of range: %lu\n", GetLastError());
    slots[0] = TlsAlloc();
    ok(TlsGetValue(slots[0]) == NULL, "reused slot not cleared\n");
    TlsFree(slots[0]);
}

static void test_virtual(void)
{
    MEMORY_BASIC_INFORMATION mbi;
    HMODULE base = GetModuleHandleA(NULL);
    IMAGE_NT_HEADERS *nt = (IMAGE_NT_HEADERS *)((char *)base + ((IMAGE_DOS_HEADER *)base)->e_lfanew);
    IMAGE_SECTION_HEADER *sec = IMAGE_FIRST_SECTION(nt);
    char *text = NULL;
    DWORD old;
    SIZE_T ret;
    int i;

    ret = VirtualQuery(base, &mbi, sizeof(mbi));
    ok(ret == sizeof(mbi), "VirtualQuery returned %lu\n", (ULONG)ret);
    ok(mbi.AllocationBase == base && mbi.BaseAddress == base, "bases %p %p\n", mbi.AllocationBase, mbi.BaseAddress);
    ok(mbi.Type == MEM_IMAGE && mbi.State == MEM_COMMIT, "type %#lx state %#lx\n", mbi.Type, mbi.State);
    ok(mbi.Protect == PAGE_READONLY, "headers protection %#lx\n", mbi.Protect);

    for (i = 0; i < nt->FileHeader.NumberOfSections; i++)
        if (!memcmp(sec[i].Name, ".text", 6)) text = (char *)base + sec[i].VirtualAddress;
    ok(text != NULL, "no .text\n");
    if (!text) return;
    ret = VirtualQuery(text, &mbi, sizeof(mbi));
    ok(ret && mbi.AllocationBase == base, "text allocation base %p\n", mbi.AllocationBase);
    ok(mbi.Protect == PAGE_EXECUTE_READ, "text protection %#lx\n", mbi.Protect);

    ok(VirtualProtect(text, 1, PAGE_EXECUTE_READWRITE, &old), "VirtualProtect failed: %lu\n", GetLastError());
    ok(old == PAGE_EXECUTE_READ, "old protection %#lx\n", old);
    VirtualQuery(text, &mbi, sizeof(mbi));
    /* Untouched image pages are copy-on-write: RW reads back as WRITECOPY. */
    ok(mbi.Protect == PAGE_EXECUTE_WRITECOPY, "new protection %#lx\n", mbi.Protect);
    ok(VirtualProtect(text, 1, old, &old) && old == PAGE_EXECUTE_WRITECOPY, "restore: old %#lx\n", old);
    ok(!VirtualProtect(text, 1, old, NULL), "VirtualProtect needs the old-protection pointer\n");

    ret = VirtualQuery((void *)0x10, &mbi, sizeof(mbi));
    ok(ret == sizeof(mbi) && mbi.State == MEM_FREE, "page zero state %#lx\n", mbi.State);
}

static void test_codepages(void)
{
    WCHAR w[16];
    char a[16];
    BOOL used = FALSE;
    int len;

    len = MultiByteToWideChar(CP_UTF8, 0, "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", -1, w, ARRAY_SIZE(w));
    ok(len == 6, "UTF-8 to UTF-16 length %d\n", len);
    ok(w[0] == 'a' && w[1] == 0xe9 && w[2] == 0x20ac && w[3] == 0xd83d && w[4] == 0xde00 && !w[5],
       "converted %s\n", wine_dbgstr_w(w));
    len = WideCharToMultiByte(CP_UTF8, 0, w, -1, a, sizeof(a), NULL, NULL);
    ok(len == 11 && !strcmp(a, "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"), "round trip %d %s\n", len, a);

    len = MultiByteToWideChar(CP_UTF8, 0, "x\xff" "y", 3, w, ARRAY_SIZE(w));
    ok(len == 3 && w[1] == 0xfffd, "invalid byte: %d %s\n", len, wine_dbgstr_wn(w, len));
    SetLastError(0xdeadbeef);
    len = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "x\xff", 2, w, ARRAY_SIZE(w));
    ok(len == 0 && GetLastError() == ERROR_NO_UNICODE_TRANSLATION, "strict: %d error %lu\n", len, GetLastError());
    len = MultiByteToWideChar(CP_UTF8, 0, "\xc0\xaf", 2, w, ARRAY_SIZE(w));
    ok(len == 2 && w[0] == 0xfffd && w[1] == 0xfffd, "overlong: %d %s\n", len, wine_dbgstr_wn(w, len));
    len = MultiByteToWideChar(CP_UTF8, 0, "\xe2\x82", 2, w, ARRAY_SIZE(w));
    ok(len == 1 && w[0] == 0xfffd, "truncated sequence: %d %s\n", len, wine_dbgstr_wn(w, len));

    w[0] = 0xd800;
    w[1] = 'z';
    len = WideCharToMultiByte(CP_UTF8, 0, w, 2, a, sizeof(a), NULL, NULL);
    ok(len == 4 && !memcmp(a, "\xef\xbf\xbdz", 4), "lone surrogate: %d %s\n", len, wine_dbgstr_an(a, len));

    len = MultiByteToWideChar(CP_UTF8, 0, "abc", -1, NULL, 0);
    ok(len == 4, "size query %d\n", len);
    SetLastError(0xdeadbeef);
    len = MultiByteToWideChar(CP_UTF8, 0, "abcdef", -1, w, 3);
    ok(len == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER, "small buffer: %d error %lu\n", len, GetLastError());

    len = MultiByteToWideChar(CP_ACP, 0, "plain", -1, w, ARRAY_SIZE(w));
    ok(len == 6 && !wcscmp(w, L"plain"), "CP_ACP ASCII %d\n", len);
    len = WideCharToMultiByte(CP_ACP, 0, L"plain", -1, a, sizeof(a), NULL, &used);
    ok(len == 6 && !strcmp(a, "plain") && !used, "CP_ACP back %d\n", len);
    ok(GetACP() != 0 && GetOEMCP() != 0, "code pages %u %u\n", GetACP(), GetOEMCP());
}

static void test_cpinfo_ex(void)
{
    CPINFOEXW w;
    CPINFOEXA a;

    memset(&w, 0xcc, sizeof(w));
    ok(GetCPInfoExW(CP_UTF8, 0, &w), "GetCPInfoExW failed: %lu\n", GetLastError());
    ok(w.MaxCharSize == 4 && w.CodePage == CP_UTF8 && w.UnicodeDefaultChar == 0xfffd, "UTF-8: %u %u %#x\n",
       w.MaxCharSize, w.CodePage, w.UnicodeDefaultChar);
    ok(!wcsncmp(w.CodePageName, L"65001", 5), "UTF-8 name %s\n", wine_dbgstr_w(w.CodePageName));
    memset(&a, 0xcc, sizeof(a));
    ok(GetCPInfoExA(CP_ACP, 0, &a), "GetCPInfoExA failed: %lu\n", GetLastError());
    ok(a.CodePage == GetACP() && a.MaxCharSize >= 1, "ANSI: %u %u\n", a.CodePage, a.MaxCharSize);
    /* Windows names it "1252  (ANSI - Latin I)", Wine 8.0 "ANSI Latin 1" */
    ok(a.CodePageName[0] && a.CodePageName[0] != (char)0xcc, "ANSI name %s\n", a.CodePageName);
    SetLastError(0xdeadbeef);
    ok(!GetCPInfoExW(12345, 0, &w) && GetLastError() == ERROR_INVALID_PARAMETER, "unknown code page: %lu\n",
       GetLastError());
}

static void test_clocks(void)
{
    LARGE_INTEGER freq, c1, c2;
    ULONGLONG t1, t2, ft64;
    FILETIME ft;
    DWORD tick;

    Sleep(0);
    t1 = GetTickCount64();
    tick = GetTickCount();
    t2 = GetTickCount64();
    ok(t2 >= t1, "GetTickCount64 went back\n");
    ok((DWORD)t1 - tick <= 1000 || tick - (DWORD)t1 <= 1000, "GetTickCount %lu vs 64-bit %s\n", tick, wine_dbgstr_longlong(t1));

    ok(QueryPerformanceFrequency(&freq) && freq.QuadPart > 0, "frequency\n");
    ok(QueryPerformanceCounter(&c1), "counter\n");
    ok(QueryPerformanceCounter(&c2) && c2.QuadPart >= c1.QuadPart, "counter went back\n");

    GetSystemTimeAsFileTime(&ft);
    ft64 = ((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
    /* 2020-01-01 is 132223104000000000 in 100 ns units since 1601. */
    ok(ft64 > 132223104000000000ULL, "system time %s is before 2020\n", wine_dbgstr_longlong(ft64));
}

/* The zone GetTimeZoneInformation reports is the dynamic one without its key name; one
 * without daylight saving has no transition dates and answers TIME_ZONE_ID_UNKNOWN. */
static void test_time_zone(void)
{
    TIME_ZONE_INFORMATION tz;
    DYNAMIC_TIME_ZONE_INFORMATION dyn;
    DWORD id, dyn_id;

    memset(&tz, 0xcc, sizeof(tz));
    id = GetTimeZoneInformation(&tz);
    ok(id == TIME_ZONE_ID_UNKNOWN || id == TIME_ZONE_ID_STANDARD || id == TIME_ZONE_ID_DAYLIGHT, "returned %lu\n", id);
    memset(&dyn, 0xcc, sizeof(dyn));
    dyn_id = GetDynamicTimeZoneInformation(&dyn);
    ok(dyn_id == id, "dynamic returned %lu, static %lu\n", dyn_id, id);
    ok(!memcmp(&dyn, &tz, sizeof(tz)), "the dynamic zone begins differently from the static one\n");
    ok(dyn.TimeZoneKeyName[0], "no key name\n");
    if (id == TIME_ZONE_ID_UNKNOWN)
        ok(!tz.StandardDate.wMonth && !tz.DaylightDate.wMonth, "transition months %u and %u without daylight saving\n",
           tz.StandardDate.wMonth, tz.DaylightDate.wMonth);
    else
        ok(tz.StandardDate.wMonth && tz.DaylightDate.wMonth, "no transition dates with daylight saving\n");
    if (!wcscmp(dyn.TimeZoneKeyName, L"UTC"))
    {
        ok(id == TIME_ZONE_ID_UNKNOWN, "UTC returned %lu\n", id);
        ok(!tz.Bias && !tz.StandardBias && !tz.DaylightBias, "UTC biases %ld %ld %ld\n", tz.Bias, tz.StandardBias,
           tz.DaylightBias);
        ok(!wcscmp(tz.StandardName, L"Coordinated Universal Time"), "UTC standard name %s\n",
           wine_dbgstr_w(tz.StandardName));
    }
    else skip("the local zone is %s, not UTC\n", wine_dbgstr_w(dyn.TimeZoneKeyName));
}

static LONG WINAPI filter1(EXCEPTION_POINTERS *ptrs) { return EXCEPTION_CONTINUE_SEARCH; }
static LONG WINAPI filter2(EXCEPTION_POINTERS *ptrs) { return EXCEPTION_CONTINUE_SEARCH; }

static void test_exception_filter(void)
{
    LPTOP_LEVEL_EXCEPTION_FILTER old = SetUnhandledExceptionFilter(filter1);

    ok(SetUnhandledExceptionFilter(filter2) == filter1, "previous filter not returned\n");
    ok(SetUnhandledExceptionFilter(old) == filter2, "previous filter not returned\n");
}

/* Software exceptions: vectored handlers see them in order (one added "first" before the
 * others) and one can resume the raiser; the top-level filter gets what they leave. */
#define TEST_CODE 0xe0424242
static int calls[4], ncalls;
static EXCEPTION_RECORD seen;
static BOOL had_context;

static LONG CALLBACK vectored_resume(EXCEPTION_POINTERS *info)
{
    if (info->ExceptionRecord->ExceptionCode != TEST_CODE) return EXCEPTION_CONTINUE_SEARCH;
    if (ncalls < 4) calls[ncalls++] = 1;
    seen = *info->ExceptionRecord;
    had_context = info->ContextRecord && info->ContextRecord->Rip && info->ContextRecord->Rsp;
    return EXCEPTION_CONTINUE_EXECUTION;
}

static LONG CALLBACK vectored_pass(EXCEPTION_POINTERS *info)
{
    if (info->ExceptionRecord->ExceptionCode == TEST_CODE && ncalls < 4) calls[ncalls++] = 2;
    return EXCEPTION_CONTINUE_SEARCH;
}

static LONG CALLBACK continue_seen(EXCEPTION_POINTERS *info)
{
    if (info->ExceptionRecord->ExceptionCode == TEST_CODE && ncalls < 4) calls[ncalls++] = 4;
    return EXCEPTION_CONTINUE_SEARCH;
}

static LONG WINAPI top_filter_resume(EXCEPTION_POINTERS *info)
{
    if (info->ExceptionRecord->ExceptionCode != TEST_CODE + 1) return EXCEPTION_CONTINUE_SEARCH;
    if (ncalls < 4) calls[ncalls++] = 3;
    return EXCEPTION_CONTINUE_EXECUTION;
}

static void test_raise_exception(void)
{
    static const ULONG_PTR args[2] = { 0x1111, 0x2222 };
    void (WINAPI *capture)(CONTEXT *) = (void *)GetProcAddress(GetModuleHandleA("kernel32.dll"), "RtlCaptureContext");
    LPTOP_LEVEL_EXCEPTION_FILTER old;
    void *resume, *pass;
    CONTEXT context;
    int local;

    resume = AddVectoredExceptionHandler(0, vectored_resume);
    pass = AddVectoredExceptionHandler(1, vectored_pass);
    ok(resume && pass, "AddVectoredExceptionHandler: %p %p\n", resume, pass);
    ncalls = 0;
    RaiseException(TEST_CODE, 0, 2, args);
    ok(ncalls == 2 && calls[0] == 2 && calls[1] == 1, "handlers ran %d times, first %d\n", ncalls, calls[0]);
    ok(seen.ExceptionCode == TEST_CODE && !seen.ExceptionFlags && seen.NumberParameters == 2 &&
       seen.ExceptionInformation[0] == 0x1111 && seen.ExceptionInformation[1] == 0x2222,
       "record: code %#lx flags %#lx, %lu parameters\n", seen.ExceptionCode, seen.ExceptionFlags,
       seen.NumberParameters);
    ok(had_context, "no context\n");
    ok(RemoveVectoredExceptionHandler(pass), "RemoveVectoredExceptionHandler failed\n");
    ok(!RemoveVectoredExceptionHandler(pass), "a handler was removed twice\n");

    /* an exception that continues is shown to the continue handlers, after the exception handlers */
    pass = AddVectoredContinueHandler(0, continue_seen);
    ok(pass != NULL, "AddVectoredContinueHandler failed\n");
    ncalls = 0;
    RaiseException(TEST_CODE, 0, 0, NULL);
    /* Windows calls the continue handlers even when an exception handler resumed (the Go runtime
     * guards against exactly that); Wine 8.0 does not call them at all */
    todo_wine ok(ncalls == 2 && calls[0] == 1 && calls[1] == 4, "handlers ran %d times: %d %d\n", ncalls, calls[0],
                 calls[1]);
    ok(RemoveVectoredContinueHandler(pass), "RemoveVectoredContinueHandler failed\n");
    ok(!RemoveVectoredContinueHandler(pass), "a continue handler was removed twice\n");

    /* what no vectored handler takes goes to the top-level filter */
    old = SetUnhandledExceptionFilter(top_filter_resume);
    ncalls = 0;
    RaiseException(TEST_CODE + 1, 0, 0, NULL);
    ok(ncalls == 1 && calls[0] == 3, "the top-level filter ran %d times\n", ncalls);
    SetUnhandledExceptionFilter(old);
    ok(RemoveVectoredExceptionHandler(resume), "RemoveVectoredExceptionHandler failed\n");

    ok(capture != NULL, "no RtlCaptureContext\n");
    memset(&context, 0, sizeof(context));
    capture(&context);
    ok((context.ContextFlags & CONTEXT_FULL) == CONTEXT_FULL, "ContextFlags %#lx\n", context.ContextFlags);
    ok(context.Rsp < (ULONG_PTR)&local + 0x10000 && context.Rsp > (ULONG_PTR)&local - 0x10000,
       "Rsp %#Ix, a local at %p\n", context.Rsp, &local);
    ok(context.Rip > (ULONG_PTR)GetModuleHandleA(NULL), "Rip %#Ix\n", context.Rip);
}

/* Settings a Go program makes at start-up: the priority boost and the error-reporting flags. */
static void test_process_settings(void)
{
    HRESULT (WINAPI *wer_set)(DWORD) = (void *)GetProcAddress(GetModuleHandleA("kernel32.dll"), "WerSetFlags");
    HRESULT (WINAPI *wer_get)(HANDLE, DWORD *) = (void *)GetProcAddress(GetModuleHandleA("kernel32.dll"),
                                                                        "WerGetFlags");
    BOOL disabled = 2;
    DWORD flags = 0xdeadbeef;

    ok(SetProcessPriorityBoost(GetCurrentProcess(), TRUE), "SetProcessPriorityBoost: %lu\n", GetLastError());
    /* Wine 8.0's GetProcessPriorityBoost always answers FALSE and its WerGetFlags is a stub */
    todo_wine ok(GetProcessPriorityBoost(GetCurrentProcess(), &disabled) && disabled == TRUE, "boost disabled %d\n",
                 disabled);
    ok(SetProcessPriorityBoost(GetCurrentProcess(), FALSE), "SetProcessPriorityBoost: %lu\n", GetLastError());
    ok(GetProcessPriorityBoost(GetCurrentProcess(), &disabled) && disabled == FALSE, "boost disabled %d\n", disabled);
    ok(wer_set && wer_get, "no WerSetFlags/WerGetFlags\n");
    if (!wer_set || !wer_get) return;
    ok(wer_set(8 /* WER_FAULT_REPORTING_NO_UI */) == S_OK, "WerSetFlags failed\n");
    todo_wine ok(wer_get(GetCurrentProcess(), &flags) == S_OK && flags == 8, "WerGetFlags: %#lx\n", flags);
}

/* KUSER_SHARED_DATA at 0x7ffe0000: read-only, the version, the processor features, clocks that
 * move (Go's runtime reads its time from there). */
static void test_user_shared_data(void)
{
    const volatile BYTE *page = (const BYTE *)0x7ffe0000;
    MEMORY_BASIC_INFORMATION info;
    LONGLONG first, second;
    LONG high1, high2;
    FILETIME now;
    HANDLE event;

    ok(VirtualQuery((void *)page, &info, sizeof(info)) == sizeof(info), "VirtualQuery: %lu\n", GetLastError());
    ok(info.State == MEM_COMMIT && info.Protect == PAGE_READONLY, "state %#lx protect %#lx\n", info.State,
       info.Protect);
    /* Windows 10 and 11 say 10; a Wine 8.0 prefix says 6 */
    ok(*(const ULONG *)(page + 0x26c) >= 6, "NtMajorVersion %lu\n", *(const ULONG *)(page + 0x26c));
    ok(page[0x274 + PF_XMMI64_INSTRUCTIONS_AVAILABLE] == IsProcessorFeaturePresent(PF_XMMI64_INSTRUCTIONS_AVAILABLE),
       "SSE2 feature differs\n");

    /* a KSYSTEM_TIME is consistent when both high parts agree */
    do
    {
        high1 = *(const volatile LONG *)(page + 0x0c);
        first = ((LONGLONG)high1 << 32) | *(const volatile ULONG *)(page + 0x08);
        high2 = *(const volatile LONG *)(page + 0x10);
    } while (high1 != high2);
    ok(first > 0, "InterruptTime %I64d\n", first);
    GetSystemTimeAsFileTime(&now);
    ok(*(const volatile LONG *)(page + 0x18) == (LONG)now.dwHighDateTime ||
       *(const volatile LONG *)(page + 0x18) == (LONG)now.dwHighDateTime - 1, "SystemTime far from the system time\n");
    /* the wait below lasts 50 ms; the interrupt time moves on in that time */
    event = CreateEventA(NULL, FALSE, FALSE, NULL);
    ok(WaitForSingleObject(event, 50) == WAIT_TIMEOUT, "the event was signalled\n");
    CloseHandle(event);
    do
    {
        high1 = *(const volatile LONG *)(page + 0x0c);
        second = ((LONGLONG)high1 << 32) | *(const volatile ULONG *)(page + 0x08);
        high2 = *(const volatile LONG *)(page + 0x10);
    } while (high1 != high2);
    ok(second > first, "InterruptTime did not move: %I64d %I64d\n", first, second);
}

static void test_handle_information(void)
{
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    DWORD flags = 0xdeadbeef;
    BOOL ret;

    ok(GetHandleInformation(event, &flags) && flags == 0, "flags %#lx (error %lu)\n", flags, GetLastError());
    ok(SetHandleInformation(event, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE),
       "SetHandleInformation: %lu\n", GetLastError());
    ok(GetHandleInformation(event, &flags) && flags == HANDLE_FLAG_PROTECT_FROM_CLOSE, "protected: %#lx\n", flags);
    SetLastError(0xdeadbeef);
    ret = CloseHandle(event);
    ok(!ret && GetLastError() == ERROR_INVALID_HANDLE, "closing a protected handle: %d, %lu\n", ret, GetLastError());
    ok(SetHandleInformation(event, HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_INHERIT),
       "SetHandleInformation: %lu\n", GetLastError());
    ok(GetHandleInformation(event, &flags) && flags == HANDLE_FLAG_INHERIT, "inheritable: %#lx\n", flags);
    ok(CloseHandle(event), "CloseHandle: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!GetHandleInformation(event, &flags) && GetLastError() == ERROR_INVALID_HANDLE,
       "closed handle: error %lu\n", GetLastError());
}

static void test_affinity(void)
{
    DWORD_PTR process_mask = 0, system_mask = 0;
    SYSTEM_INFO info;

    GetSystemInfo(&info);
    ok(GetProcessAffinityMask(GetCurrentProcess(), &process_mask, &system_mask),
       "GetProcessAffinityMask: %lu\n", GetLastError());
    ok(process_mask && (process_mask & ~system_mask) == 0, "process mask %#Ix, system mask %#Ix\n", process_mask,
       system_mask);
    ok(process_mask == info.dwActiveProcessorMask, "process mask %#Ix, active processors %#Ix\n", process_mask,
       info.dwActiveProcessorMask);
    SetLastError(0xdeadbeef);
    ok(!GetProcessAffinityMask((HANDLE)(ULONG_PTR)0xdead0, &process_mask, &system_mask) &&
       GetLastError() == ERROR_INVALID_HANDLE, "bogus process: error %lu\n", GetLastError());
}

static void test_process_id(void)
{
    DWORD id;

    ok(GetProcessId(GetCurrentProcess()) == GetCurrentProcessId(), "GetProcessId(GetCurrentProcess()) %lu, expected %lu\n",
       GetProcessId(GetCurrentProcess()), GetCurrentProcessId());
    SetLastError(0xdeadbeef);
    id = GetProcessId(NULL);
    ok(!id && GetLastError() == ERROR_INVALID_HANDLE, "GetProcessId(NULL): %lu, error %lu\n", id, GetLastError());
}

/* C's __try language handler is ntdll's; kernel32 and msvcrt forward to it, as on Windows. */
static void test_specific_handler(void)
{
    void *ntdll = GetProcAddress(GetModuleHandleA("ntdll.dll"), "__C_specific_handler");
    HMODULE msvcrt = LoadLibraryA("msvcrt.dll");

    ok(ntdll != NULL, "ntdll does not export __C_specific_handler\n");
    ok(GetProcAddress(GetModuleHandleA("kernel32.dll"), "__C_specific_handler") == ntdll,
       "kernel32's __C_specific_handler is not ntdll's\n");
    ok(GetProcAddress(msvcrt, "__C_specific_handler") == ntdll, "msvcrt's __C_specific_handler is not ntdll's\n");
    FreeLibrary(msvcrt);
}

START_TEST(basics)
{
    test_startup_info();
    test_command_line();
    test_environment();
    test_std_handles();
    test_last_error();
    test_critical_section();
    test_tls();
    test_virtual();
    test_codepages();
    test_cpinfo_ex();
    test_clocks();
    test_time_zone();
    test_exception_filter();
    test_raise_exception();
    test_process_settings();
    test_user_shared_data();
    test_handle_information();
    test_affinity();
    test_process_id();
    test_specific_handler();
}
