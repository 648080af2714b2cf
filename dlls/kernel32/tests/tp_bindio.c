/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * BindIoCompletionCallback as the process's first use of the thread pool: nothing announces
 * the requests of a bound file, so the pool must already have a thread to run the callback
 * of a request that pends (Wine's kernel32/sync test_iocp_callback found it missing).  This
 * test runs in a process of its own, where no other pool object has started a worker.
 */
#include <windows.h>
#include "wine/test.h"

#define HANG_MS 60000

static HANDLE done;
static DWORD got_error, got_bytes;
static OVERLAPPED *got_overlapped;

static void CALLBACK bound_callback(DWORD error, DWORD bytes, OVERLAPPED *overlapped)
{
    got_error = error;
    got_bytes = bytes;
    got_overlapped = overlapped;
    SetEvent(done);
}

START_TEST(tp_bindio)
{
    char path[MAX_PATH], data[4096];
    OVERLAPPED ov;
    HANDLE file;
    BOOL ret;

    done = CreateEventW(NULL, FALSE, FALSE, NULL);
    GetTempPathA(sizeof(path), path);
    /* the process id in the name: two test runs at once must not share the file */
    sprintf(path + strlen(path), "wring_tp_bindio_%lu.tmp", GetCurrentProcessId());
    file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                       FILE_FLAG_OVERLAPPED | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFileA: %lu\n", GetLastError());
    ok(BindIoCompletionCallback(file, bound_callback, 0), "BindIoCompletionCallback: %lu\n", GetLastError());
    memset(&ov, 0, sizeof(ov));
    memset(data, 5, sizeof(data));
    ret = WriteFile(file, data, sizeof(data), NULL, &ov);
    ok(ret || GetLastError() == ERROR_IO_PENDING, "WriteFile: %lu\n", GetLastError());
    ok(WaitForSingleObject(done, HANG_MS) == WAIT_OBJECT_0, "the bound callback did not run\n");
    ok(!got_error && got_bytes == sizeof(data) && got_overlapped == &ov, "error %lu, bytes %lu, overlapped %p\n",
       got_error, got_bytes, got_overlapped);
    CloseHandle(file);
    CloseHandle(done);
}
