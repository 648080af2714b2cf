/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Requests that stay pending, on named pipes (a read with nothing written waits for the other
 * end): the event reset at the start of a request, the result functions while pending, and
 * cancellation -- CancelIo (the calling thread's requests), CancelIoEx (one OVERLAPPED or all,
 * ERROR_NOT_FOUND when there is nothing), CancelSynchronousIo, and closing the handle.  Every
 * cancelled request completes once, with ERROR_OPERATION_ABORTED: packets are counted.
 */
#include <stdio.h>
#include <windows.h>
#include "wine/test.h"
#include "async_helpers.h"

#define STATUS_PENDING_   ((ULONG_PTR)0x00000103)
#define STATUS_CANCELLED_ ((ULONG_PTR)0xc0000120)

/* Starts a read on the server end that must stay pending. */
#define start_read(pair, ov, buf, size, event) start_read_(__LINE__, pair, ov, buf, size, event)
static BOOL start_read_(int line, struct pipe_pair *pair, OVERLAPPED *ov, char *buf, DWORD size, HANDLE event)
{
    BOOL ret;

    memset(ov, 0, sizeof(*ov));
    ov->hEvent = event;
    SetLastError(0xdeadbeef);
    ret = ReadFile(pair->server, buf, size, NULL, ov);
    ok_(__FILE__, line)(!ret && GetLastError() == ERROR_IO_PENDING, "read did not pend: %d, %lu\n", ret,
                        GetLastError());
    return !ret && GetLastError() == ERROR_IO_PENDING;
}

/* Takes `count` packets; each must be a request among ovs[0..count-1] that failed with `error`,
 * each once. */
#define expect_aborted(port, ovs, count) expect_failed_(__LINE__, port, ovs, count, ERROR_OPERATION_ABORTED)
#define expect_failed(port, ovs, count, error) expect_failed_(__LINE__, port, ovs, count, error)
static void expect_failed_(int line, HANDLE port, OVERLAPPED *ovs, int count, DWORD error)
{
    int seen[16] = { 0 }, i;
    OVERLAPPED *ovl;
    ULONG_PTR key;
    DWORD bytes;
    BOOL ret;

    for (i = 0; i < count; i++)
    {
        ovl = NULL;
        SetLastError(0xdeadbeef);
        ret = GetQueuedCompletionStatus(port, &bytes, &key, &ovl, HANG_MS);
        ok_(__FILE__, line)(!ret && GetLastError() == error, "packet %d: %d, error %lu, expected %lu\n", i, ret,
                            GetLastError(), error);
        ok_(__FILE__, line)(ovl >= ovs && ovl < ovs + count, "packet %d for %p\n", i, ovl);
        if (ovl < ovs || ovl >= ovs + count) break;
        ok_(__FILE__, line)(bytes == 0, "packet %d: %lu bytes\n", i, bytes);
        seen[ovl - ovs]++;
    }
    for (i = 0; i < count; i++)
        ok_(__FILE__, line)(seen[i] == 1, "request %d completed %d times\n", i, seen[i]);
    expect_no_packet_(line, port);
}

static void test_pending(void)
{
    struct pipe_pair pair;
    char buf[16];
    OVERLAPPED ov;
    DWORD bytes;
    HANDLE event;

    if (!create_pipe_pair(&pair, FILE_FLAG_OVERLAPPED)) return;
    event = CreateEventA(NULL, TRUE, TRUE, NULL);

    /* The event starts set: the request resets it, and it stays reset while pending. */
    if (start_read(&pair, &ov, buf, sizeof(buf), event))
    {
        ok(WaitForSingleObject(event, 0) == WAIT_TIMEOUT, "the event was not reset\n");
        ok(ov.Internal == STATUS_PENDING_, "Internal %#Ix\n", ov.Internal);
        ok(!HasOverlappedIoCompleted(&ov), "HasOverlappedIoCompleted while pending\n");
        SetLastError(0xdeadbeef);
        ok(!GetOverlappedResult(pair.server, &ov, &bytes, FALSE), "GetOverlappedResult succeeded\n");
        ok(GetLastError() == ERROR_IO_INCOMPLETE, "error %lu\n", GetLastError());
        SetLastError(0xdeadbeef);
        ok(!GetOverlappedResultEx(pair.server, &ov, &bytes, 0, FALSE), "GetOverlappedResultEx succeeded\n");
        ok(GetLastError() == ERROR_IO_INCOMPLETE, "error %lu\n", GetLastError());
        SetLastError(0xdeadbeef);
        ok(!GetOverlappedResultEx(pair.server, &ov, &bytes, 1, FALSE), "GetOverlappedResultEx succeeded\n");
        ok(GetLastError() == WAIT_TIMEOUT, "error %lu\n", GetLastError());

        client_write(&pair, "ping");
        bytes = 0;
        ok(GetOverlappedResultEx(pair.server, &ov, &bytes, HANG_MS, FALSE), "GetOverlappedResultEx: %lu\n",
           GetLastError());
        ok(bytes == 4 && !memcmp(buf, "ping", 4), "read %lu bytes\n", bytes);
        ok(ov.Internal == 0 && ov.InternalHigh == 4, "Internal %#Ix, InternalHigh %Iu\n", ov.Internal,
           ov.InternalHigh);
        ok(WaitForSingleObject(event, 0) == WAIT_OBJECT_0, "the event was not set\n");
    }

    /* With no event, the server handle is the one reset and then signalled. */
    if (start_read(&pair, &ov, buf, sizeof(buf), NULL))
    {
        ok(WaitForSingleObject(pair.server, 0) == WAIT_TIMEOUT, "handle signalled while pending\n");
        client_write(&pair, "pong");
        ok(WaitForSingleObject(pair.server, HANG_MS) == WAIT_OBJECT_0, "handle not signalled\n");
        ok(ov.InternalHigh == 4, "InternalHigh %Iu\n", ov.InternalHigh);
    }

    CloseHandle(event);
    close_pipe_pair(&pair);
}

static void test_cancel_io(void)
{
    struct pipe_pair pair;
    OVERLAPPED ovs[3];
    char bufs[3][8];
    DWORD bytes;
    HANDLE port, event;
    int i;

    if (!create_pipe_pair(&pair, FILE_FLAG_OVERLAPPED)) return;
    port = CreateIoCompletionPort(pair.server, NULL, 5, 0);
    ok(port != NULL, "CreateIoCompletionPort: %lu\n", GetLastError());
    event = CreateEventA(NULL, TRUE, FALSE, NULL);

    /* Nothing pending: CancelIo succeeds, CancelIoEx finds nothing. */
    ok(CancelIo(pair.server), "CancelIo with nothing pending: %lu\n", GetLastError());
    /* Wine 8.0's CancelIoEx(NULL) succeeds when it finds nothing. */
    SetLastError(0xdeadbeef);
    todo_wine ok(!CancelIoEx(pair.server, NULL) && GetLastError() == ERROR_NOT_FOUND, "CancelIoEx, nothing: %lu\n",
                 GetLastError());
    SetLastError(0xdeadbeef);
    ok(!CancelIoEx(pair.server, &ovs[0]) && GetLastError() == ERROR_NOT_FOUND,
       "CancelIoEx, unknown OVERLAPPED: %lu\n", GetLastError());

    /* CancelIo: all of this thread's requests on the handle, each aborted once. */
    for (i = 0; i < 3; i++) start_read(&pair, &ovs[i], bufs[i], sizeof(bufs[i]), i ? NULL : event);
    expect_no_packet(port);
    ok(CancelIo(pair.server), "CancelIo: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!GetOverlappedResultEx(pair.server, &ovs[0], &bytes, HANG_MS, FALSE), "cancelled request succeeded\n");
    ok(GetLastError() == ERROR_OPERATION_ABORTED, "error %lu\n", GetLastError());
    ok(ovs[0].Internal == STATUS_CANCELLED_, "Internal %#Ix\n", ovs[0].Internal);
    ok(WaitForSingleObject(event, 0) == WAIT_OBJECT_0, "the event of a cancelled request is not set\n");
    expect_aborted(port, ovs, 3);

    /* CancelIoEx with one OVERLAPPED: only that one; the other still gets its data. */
    for (i = 0; i < 2; i++) start_read(&pair, &ovs[i], bufs[i], sizeof(bufs[i]), NULL);
    ok(CancelIoEx(pair.server, &ovs[0]), "CancelIoEx: %lu\n", GetLastError());
    expect_aborted(port, ovs, 1);
    ok(ovs[1].Internal == STATUS_PENDING_, "the other request ended: %#Ix\n", ovs[1].Internal);
    SetLastError(0xdeadbeef);
    ok(!CancelIoEx(pair.server, &ovs[0]) && GetLastError() == ERROR_NOT_FOUND,
       "cancelling it again: %lu\n", GetLastError());
    client_write(&pair, "data");
    {
        OVERLAPPED *ovl = NULL;
        ULONG_PTR key;
        BOOL ret = GetQueuedCompletionStatus(port, &bytes, &key, &ovl, HANG_MS);

        ok(ret && ovl == &ovs[1] && bytes == 4 && key == 5, "surviving read: %d %p %lu\n", ret, ovl, bytes);
        ok(!memcmp(bufs[1], "data", 4), "read %.4s\n", bufs[1]);
    }
    expect_no_packet(port);

    /* CancelIoEx with NULL: every request of the handle. */
    for (i = 0; i < 3; i++) start_read(&pair, &ovs[i], bufs[i], sizeof(bufs[i]), NULL);
    ok(CancelIoEx(pair.server, NULL), "CancelIoEx(NULL): %lu\n", GetLastError());
    expect_aborted(port, ovs, 3);
    SetLastError(0xdeadbeef);
    todo_wine ok(!CancelIoEx(pair.server, NULL) && GetLastError() == ERROR_NOT_FOUND,
                 "after cancelling all: %lu\n", GetLastError());

    CloseHandle(event);
    close_pipe_pair(&pair);
    CloseHandle(port);
}

struct reader
{
    struct pipe_pair *pair;
    OVERLAPPED ov;
    char buf[8];
    HANDLE started;     /* set once the read is pending */
    HANDLE finish;      /* the thread stays alive (its requests with it) until this is set */
};

static DWORD WINAPI reader_thread(void *arg)
{
    struct reader *r = arg;

    start_read(r->pair, &r->ov, r->buf, sizeof(r->buf), NULL);
    SetEvent(r->started);
    WaitForSingleObject(r->finish, HANG_MS);
    return 0;
}

static void test_cancel_other_thread(void)
{
    struct pipe_pair pair;
    struct reader r;
    HANDLE port, thread;

    if (!create_pipe_pair(&pair, FILE_FLAG_OVERLAPPED)) return;
    port = CreateIoCompletionPort(pair.server, NULL, 5, 0);
    r.pair = &pair;
    r.started = CreateEventA(NULL, TRUE, FALSE, NULL);
    r.finish = CreateEventA(NULL, TRUE, FALSE, NULL);
    thread = CreateThread(NULL, 0, reader_thread, &r, 0, NULL);
    ok(WaitForSingleObject(r.started, HANG_MS) == WAIT_OBJECT_0, "the reader did not start\n");

    /* CancelIo leaves another thread's request alone; CancelIoEx does not. */
    ok(CancelIo(pair.server), "CancelIo: %lu\n", GetLastError());
    expect_no_packet(port);
    ok(r.ov.Internal == STATUS_PENDING_, "CancelIo ended another thread's request: %#Ix\n", r.ov.Internal);
    ok(CancelIoEx(pair.server, &r.ov), "CancelIoEx: %lu\n", GetLastError());
    expect_aborted(port, &r.ov, 1);

    SetEvent(r.finish);
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "the reader did not finish\n");
    CloseHandle(thread);
    CloseHandle(r.started);
    CloseHandle(r.finish);
    close_pipe_pair(&pair);
    CloseHandle(port);
}

static void test_cancel_on_close(void)
{
    struct pipe_pair pair;
    OVERLAPPED ovs[2];
    char bufs[2][8];
    HANDLE port;
    int i;

    /* Closing the handle ends its requests, each once, and the port still receives the packets.
     * A named pipe's own cleanup ends them as a broken pipe rather than as cancelled. */
    if (!create_pipe_pair(&pair, FILE_FLAG_OVERLAPPED)) return;
    port = CreateIoCompletionPort(pair.server, NULL, 5, 0);
    for (i = 0; i < 2; i++) start_read(&pair, &ovs[i], bufs[i], sizeof(bufs[i]), NULL);
    CloseHandle(pair.server);
    pair.server = NULL;
    expect_failed(port, ovs, 2, ERROR_BROKEN_PIPE);
    close_pipe_pair(&pair);
    CloseHandle(port);
}

struct sync_reader
{
    HANDLE client;      /* not overlapped */
    BOOL ret;
    DWORD error;
};

static DWORD WINAPI sync_reader_thread(void *arg)
{
    struct sync_reader *r = arg;
    char buf[8];
    DWORD bytes;

    SetLastError(0xdeadbeef);
    r->ret = ReadFile(r->client, buf, sizeof(buf), &bytes, NULL);
    r->error = GetLastError();
    return 0;
}

static void test_cancel_synchronous(void)
{
    struct pipe_pair pair;
    struct sync_reader r;
    HANDLE thread;
    DWORD start;
    BOOL ret;

    SetLastError(0xdeadbeef);
    ret = CancelSynchronousIo(GetCurrentThread());
    ok(!ret && GetLastError() == ERROR_NOT_FOUND, "nothing to cancel: %d, %lu\n", ret, GetLastError());

    /* A blocking read on a non-overlapped handle in another thread: cancelling it fails with
     * ERROR_NOT_FOUND until the thread is in the read, then the read ends aborted. */
    if (!create_pipe_pair(&pair, 0)) return;
    r.client = pair.client;
    thread = CreateThread(NULL, 0, sync_reader_thread, &r, 0, NULL);
    start = GetTickCount();
    while (!(ret = CancelSynchronousIo(thread)) && GetLastError() == ERROR_NOT_FOUND
           && GetTickCount() - start < HANG_MS)
        SwitchToThread();
    ok(ret, "CancelSynchronousIo never found the read: %lu\n", GetLastError());
    if (!ret)
    {
        OVERLAPPED ov = { 0 };
        DWORD bytes;

        ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
        if (!WriteFile(pair.server, "unblock", 7, NULL, &ov))
            ok(GetLastError() == ERROR_IO_PENDING, "server WriteFile: %lu\n", GetLastError());
        GetOverlappedResultEx(pair.server, &ov, &bytes, HANG_MS, FALSE);
        CloseHandle(ov.hEvent);
    }
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "the reader did not finish\n");
    if (ret) ok(!r.ret && r.error == ERROR_OPERATION_ABORTED, "cancelled read: %d, %lu\n", r.ret, r.error);
    CloseHandle(thread);
    close_pipe_pair(&pair);
}

START_TEST(cancel)
{
    test_pending();
    test_cancel_io();
    test_cancel_other_thread();
    test_cancel_on_close();
}

/* Apart, so that the overlapped cancellation above runs where CancelSynchronousIo does not. */
START_TEST(cancel_sync)
{
    test_cancel_synchronous();
}
