/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * CoInitializeEx and CoUninitialize: S_OK on a thread's first entry, S_FALSE on
 * each later one with the same model, RPC_E_CHANGED_MODE for another model, and
 * the count going back to zero after as many CoUninitialize calls.  Apartments
 * are per thread: another thread may choose its own.
 */
#include <windows.h>
#include <objbase.h>
#include "wine/test.h"

static DWORD WINAPI other_thread(void *arg)
{
    HRESULT *hr = arg;
    hr[0] = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    CoUninitialize();
    return 0;
}

START_TEST(apartment)
{
    HRESULT hr, thread_hr[1];
    HANDLE thread;

    hr = CoInitializeEx(NULL, COINIT_MULTITHREADED);
    ok(hr == S_OK, "first entry: %#lx\n", hr);
    hr = CoInitializeEx(NULL, COINIT_MULTITHREADED);
    ok(hr == S_FALSE, "second entry: %#lx\n", hr);
    hr = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    ok(hr == RPC_E_CHANGED_MODE, "other model: %#lx\n", hr);

    /* a thread of its own is in no apartment yet */
    thread = CreateThread(NULL, 0, other_thread, thread_hr, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    ok(thread_hr[0] == S_OK, "the other thread's STA: %#lx\n", thread_hr[0]);

    CoUninitialize();
    hr = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    ok(hr == RPC_E_CHANGED_MODE, "still in the MTA once: %#lx\n", hr);
    CoUninitialize();
    /* both entries left: the thread may now choose again */
    hr = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    ok(hr == S_OK, "after leaving: %#lx\n", hr);
    hr = CoInitialize(NULL);
    ok(hr == S_FALSE, "CoInitialize is an STA entry: %#lx\n", hr);
    CoUninitialize();
    CoUninitialize();
    /* one more than entered does nothing */
    CoUninitialize();
    hr = CoInitializeEx(NULL, COINIT_MULTITHREADED);
    ok(hr == S_OK, "after an extra CoUninitialize: %#lx\n", hr);
    CoUninitialize();
}
