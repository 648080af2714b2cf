/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The per-thread settings Rust's runtime makes at start-up: the stack guarantee
 * (the previous value back, it never shrinks, 0 asks), the thread error mode,
 * IsThreadAFiber, thread descriptions (a named std::thread); and
 * CompareStringOrdinal, as std::env compares variable names.
 */
#include <windows.h>
#include "wine/test.h"

/* Debian's mingw-w64 headers do not declare them yet */
HRESULT WINAPI SetThreadDescription(HANDLE thread, const WCHAR *description);
HRESULT WINAPI GetThreadDescription(HANDLE thread, WCHAR **description);

static DWORD WINAPI guarantee_thread(void *arg)
{
    ULONG size;
    BOOL ret;

    (void)arg;
    size = 0;
    ok(SetThreadStackGuarantee(&size) && size == 0, "a new thread's guarantee: %lu\n", size);
    size = 0x5000;
    ret = SetThreadStackGuarantee(&size);
    ok(ret && size == 0, "setting 0x5000: %d, previous %#lx\n", ret, size);
    size = 0x1000;
    ret = SetThreadStackGuarantee(&size);
    ok(ret && size == 0x5000, "asking less: %d, previous %#lx\n", ret, size);
    size = 0;
    ok(SetThreadStackGuarantee(&size) && size == 0x5000, "it shrank to %#lx\n", size);
    size = 64 * 1024 * 1024;
    SetLastError(0xdeadbeef);
    ret = SetThreadStackGuarantee(&size);
    ok(!ret && GetLastError() == ERROR_INVALID_PARAMETER, "more than the stack: %d, error %lu\n", ret,
       GetLastError());

    ok(!IsThreadAFiber(), "a plain thread is a fiber\n");
    return 0;
}

static void test_error_mode(void)
{
    DWORD old = 0xdeadbeef, saved = GetThreadErrorMode();
    BOOL ret;

    ret = SetThreadErrorMode(SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX, &old);
    ok(ret && old == saved, "SetThreadErrorMode: %d, old %#lx, was %#lx\n", ret, old, saved);
    ok(GetThreadErrorMode() == (SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX), "mode %#lx\n",
       GetThreadErrorMode());
    SetLastError(0xdeadbeef);
    ret = SetThreadErrorMode(SEM_NOALIGNMENTFAULTEXCEPT, &old);
    ok(!ret && GetLastError() == ERROR_INVALID_PARAMETER, "a process-only mode: %d, error %lu\n", ret,
       GetLastError());
    ok(SetThreadErrorMode(saved, NULL), "restoring without the old mode: %lu\n", GetLastError());
    ok(GetThreadErrorMode() == saved, "mode %#lx after restoring\n", GetThreadErrorMode());
}

static void test_compare_ordinal(void)
{
    ok(CompareStringOrdinal(L"Path", -1, L"Path", -1, FALSE) == CSTR_EQUAL, "equal\n");
    ok(CompareStringOrdinal(L"Path", -1, L"PATH", -1, FALSE) == CSTR_GREATER_THAN, "case matters\n");
    ok(CompareStringOrdinal(L"Path", -1, L"PATH", -1, TRUE) == CSTR_EQUAL, "case ignored\n");
    ok(CompareStringOrdinal(L"a", -1, L"ab", -1, FALSE) == CSTR_LESS_THAN, "a prefix is less\n");
    ok(CompareStringOrdinal(L"abc", 2, L"abd", 2, FALSE) == CSTR_EQUAL, "lengths bound the compare\n");
    /* ordinal: '_' (0x5f) sorts after 'A'..'Z' and before 'a'; a linguistic compare puts it first */
    ok(CompareStringOrdinal(L"_", -1, L"B", -1, FALSE) == CSTR_GREATER_THAN, "_ and B\n");
    ok(CompareStringOrdinal(L"\x00e9", -1, L"\x00c9", -1, TRUE) == CSTR_EQUAL, "accented letters fold\n");
    SetLastError(0xdeadbeef);
    ok(CompareStringOrdinal(NULL, -1, L"a", -1, FALSE) == 0 && GetLastError() == ERROR_INVALID_PARAMETER,
       "NULL: error %lu\n", GetLastError());
}

static DWORD WINAPI waiting_thread(void *event)
{
    WaitForSingleObject(event, INFINITE);
    return 0;
}

static void test_description(void)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    HANDLE thread = CreateThread(NULL, 0, waiting_thread, event, 0, NULL);
    WCHAR *text;
    HRESULT hr;

    /* Windows reports success as HRESULT_FROM_NT(STATUS_SUCCESS), 0x10000000, which SUCCEEDED takes */
    hr = GetThreadDescription(thread, &text);
    ok(SUCCEEDED(hr) && text && !text[0], "a new thread: %#lx, %s\n", hr, wine_dbgstr_w(text));
    LocalFree(text);
    hr = SetThreadDescription(thread, L"worker \x2713");
    ok(SUCCEEDED(hr), "SetThreadDescription: %#lx\n", hr);
    hr = GetThreadDescription(thread, &text);
    ok(SUCCEEDED(hr) && text && !lstrcmpW(text, L"worker \x2713"), "read back: %#lx, %s\n", hr, wine_dbgstr_w(text));
    LocalFree(text);

    hr = SetThreadDescription(GetCurrentThread(), L"main");
    ok(SUCCEEDED(hr), "SetThreadDescription: %#lx\n", hr);
    hr = GetThreadDescription(GetCurrentThread(), &text);
    ok(SUCCEEDED(hr) && text && !lstrcmpW(text, L"main"), "own thread: %#lx, %s\n", hr, wine_dbgstr_w(text));
    LocalFree(text);
    hr = SetThreadDescription(GetCurrentThread(), NULL);
    ok(SUCCEEDED(hr), "clearing: %#lx\n", hr);
    hr = GetThreadDescription(GetCurrentThread(), &text);
    ok(SUCCEEDED(hr) && text && !text[0], "cleared: %#lx, %s\n", hr, wine_dbgstr_w(text));
    LocalFree(text);

    hr = SetThreadDescription(event, L"not a thread");
    ok(FAILED(hr), "an event: %#lx\n", hr);
    SetEvent(event);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    CloseHandle(event);
}

START_TEST(thread_ex)
{
    HANDLE thread = CreateThread(NULL, 0, guarantee_thread, NULL, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    test_error_mode();
    test_description();
    test_compare_ordinal();
}
