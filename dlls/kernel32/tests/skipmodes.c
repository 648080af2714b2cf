/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * SetFileCompletionNotificationModes: FILE_SKIP_COMPLETION_PORT_ON_SUCCESS (a synchronous success
 * posts no packet, a pending request does, a synchronous error never does),
 * FILE_SKIP_SET_EVENT_ON_HANDLE, FILE_SKIP_SET_USER_EVENT_ON_FAST_IO, flags that can only be
 * added, FileIoCompletionNotificationInformation queried, and FILE_FLAG_NO_BUFFERING requests,
 * which always pend.
 *
 * A named pipe makes the cases deterministic: a read with data waiting completes at once, a read
 * without stays pending until the other end writes, a read after the other end closed fails at
 * once.  File requests may go either way, so those checks follow what the call returned.
 */
#include <stdio.h>
#include <windows.h>
#include <winternl.h>
#include "wine/test.h"
#include "async_helpers.h"

#ifndef STATUS_INFO_LENGTH_MISMATCH
#define STATUS_INFO_LENGTH_MISMATCH ((NTSTATUS)0xC0000004)
#endif
#ifndef STATUS_INVALID_PARAMETER
#define STATUS_INVALID_PARAMETER ((NTSTATUS)0xC000000D)
#endif
#ifndef FILE_SKIP_SET_USER_EVENT_ON_FAST_IO
#define FILE_SKIP_SET_USER_EVENT_ON_FAST_IO 0x4
#endif

/* Waits for exactly one packet for `ov` with the given outcome. */
#define expect_packet(port, ov, success, error, count) expect_packet_(__LINE__, port, ov, success, error, count)
static void expect_packet_(int line, HANDLE port, OVERLAPPED *ov, BOOL success, DWORD error, DWORD count)
{
    OVERLAPPED *ovl = NULL;
    ULONG_PTR key;
    DWORD bytes = 0xdeadbeef;
    BOOL ret;

    SetLastError(0xdeadbeef);
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &ovl, HANG_MS);
    ok_(__FILE__, line)(ovl == ov, "packet for %p, expected %p (ret %d, error %lu)\n", ovl, ov, ret, GetLastError());
    ok_(__FILE__, line)(ret == success, "packet outcome %d, error %lu\n", ret, GetLastError());
    if (!success) ok_(__FILE__, line)(GetLastError() == error, "packet error %lu, expected %lu\n", GetLastError(), error);
    ok_(__FILE__, line)(bytes == count, "packet count %lu, expected %lu\n", bytes, count);
}

static void test_skip_port_file(void)
{
    char dir[MAX_PATH], name[MAX_PATH], buf[16];
    OVERLAPPED ov;
    DWORD error;
    HANDLE file, port;
    BOOL ret;

    GetTempPathA(sizeof(dir), dir);
    GetTempFileNameA(dir, "skp", 0, name);
    file = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFileA: %lu\n", GetLastError());
    port = CreateIoCompletionPort(file, NULL, 3, 0);
    ok(port != NULL, "CreateIoCompletionPort: %lu\n", GetLastError());
    ok(SetFileCompletionNotificationModes(file, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS),
       "SetFileCompletionNotificationModes: %lu\n", GetLastError());

    /* A request that returns TRUE posts nothing; one that went pending posts its packet. */
    memset(&ov, 0, sizeof(ov));
    ret = WriteFile(file, "0123456789", 10, NULL, &ov);
    if (ret) expect_no_packet(port);
    else
    {
        ok(GetLastError() == ERROR_IO_PENDING, "WriteFile: %lu\n", GetLastError());
        expect_packet(port, &ov, TRUE, 0, 10);
    }

    memset(&ov, 0, sizeof(ov));
    ret = ReadFile(file, buf, 4, NULL, &ov);
    if (ret) expect_no_packet(port);
    else
    {
        ok(GetLastError() == ERROR_IO_PENDING, "ReadFile: %lu\n", GetLastError());
        expect_packet(port, &ov, TRUE, 0, 4);
    }
    ok(ov.Internal == 0 && ov.InternalHigh == 4, "Internal %#Ix, InternalHigh %Iu\n", ov.Internal,
       ov.InternalHigh);

    /* Past the end: a synchronous failure posts nothing, a pending one fails through its packet. */
    memset(&ov, 0, sizeof(ov));
    ov.Offset = 100;
    ret = ReadFile(file, buf, 4, NULL, &ov);
    error = GetLastError();
    ok(!ret, "read past EOF succeeded\n");
    if (error == ERROR_IO_PENDING) expect_packet(port, &ov, FALSE, ERROR_HANDLE_EOF, 0);
    else
    {
        ok(error == ERROR_HANDLE_EOF, "read past EOF: %lu\n", error);
        expect_no_packet(port);
    }

    CloseHandle(port);
    CloseHandle(file);
    DeleteFileA(name);
}

static void test_skip_port_pipe(void)
{
    struct pipe_pair pair, plain;
    char buf[16];
    OVERLAPPED ov;
    DWORD bytes;
    HANDLE port;
    BOOL ret;

    if (!create_pipe_pair(&pair, FILE_FLAG_OVERLAPPED)) return;
    if (!create_pipe_pair(&plain, FILE_FLAG_OVERLAPPED))
    {
        close_pipe_pair(&pair);
        return;
    }
    port = CreateIoCompletionPort(pair.server, NULL, 1, 0);
    ok(port != NULL, "CreateIoCompletionPort: %lu\n", GetLastError());
    ok(CreateIoCompletionPort(plain.server, port, 2, 0) == port, "binding the second pipe: %lu\n", GetLastError());
    ok(SetFileCompletionNotificationModes(pair.server, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS),
       "SetFileCompletionNotificationModes: %lu\n", GetLastError());

    /* Data waiting: the read succeeds at once; with the flag no packet, without it a packet. */
    client_write(&pair, "abc");
    memset(&ov, 0, sizeof(ov));
    bytes = 0;
    ret = ReadFile(pair.server, buf, sizeof(buf), &bytes, &ov);
    ok(ret && bytes == 3, "read with data waiting: %d, %lu bytes, error %lu\n", ret, bytes, GetLastError());
    ok(ov.Internal == 0 && ov.InternalHigh == 3, "Internal %#Ix, InternalHigh %Iu\n", ov.Internal,
       ov.InternalHigh);
    expect_no_packet(port);

    client_write(&plain, "abcd");
    memset(&ov, 0, sizeof(ov));
    ret = ReadFile(plain.server, buf, sizeof(buf), NULL, &ov);
    ok(ret, "read with data waiting: %lu\n", GetLastError());
    expect_packet(port, &ov, TRUE, 0, 4);
    expect_no_packet(port);

    /* No data: pending, and the packet comes when the data does, flag or not. */
    memset(&ov, 0, sizeof(ov));
    ret = ReadFile(pair.server, buf, sizeof(buf), NULL, &ov);
    ok(!ret && GetLastError() == ERROR_IO_PENDING, "read without data: %d, %lu\n", ret, GetLastError());
    expect_no_packet(port);
    client_write(&pair, "hello");
    expect_packet(port, &ov, TRUE, 0, 5);
    ok(!memcmp(buf, "hello", 5), "read %.5s\n", buf);

    /* Setting no flags later does not clear the one set. */
    ok(SetFileCompletionNotificationModes(pair.server, 0), "SetFileCompletionNotificationModes(0): %lu\n",
       GetLastError());
    client_write(&pair, "xy");
    memset(&ov, 0, sizeof(ov));
    ret = ReadFile(pair.server, buf, sizeof(buf), NULL, &ov);
    ok(ret, "read with data waiting: %lu\n", GetLastError());
    expect_no_packet(port);

    /* The other end gone: the read fails at once and posts nothing, with or without the flag. */
    CloseHandle(pair.client);
    pair.client = NULL;
    CloseHandle(plain.client);
    plain.client = NULL;
    memset(&ov, 0, sizeof(ov));
    SetLastError(0xdeadbeef);
    ret = ReadFile(pair.server, buf, sizeof(buf), NULL, &ov);
    ok(!ret && GetLastError() == ERROR_BROKEN_PIPE, "read from a closed pipe: %d, %lu\n", ret, GetLastError());
    memset(&ov, 0, sizeof(ov));
    SetLastError(0xdeadbeef);
    ret = ReadFile(plain.server, buf, sizeof(buf), NULL, &ov);
    ok(!ret && GetLastError() == ERROR_BROKEN_PIPE, "read from a closed pipe: %d, %lu\n", ret, GetLastError());
    expect_no_packet(port);

    close_pipe_pair(&pair);
    close_pipe_pair(&plain);
    CloseHandle(port);
}

static void test_skip_event(void)
{
    struct pipe_pair skipping, plain;
    OVERLAPPED ov;
    char buf[16];
    HANDLE port, event;
    BOOL ret;

    if (!create_pipe_pair(&skipping, FILE_FLAG_OVERLAPPED)) return;
    if (!create_pipe_pair(&plain, FILE_FLAG_OVERLAPPED))
    {
        close_pipe_pair(&skipping);
        return;
    }
    port = CreateIoCompletionPort(skipping.server, NULL, 1, 0);
    CreateIoCompletionPort(plain.server, port, 2, 0);
    ok(SetFileCompletionNotificationModes(skipping.server, FILE_SKIP_SET_EVENT_ON_HANDLE),
       "SetFileCompletionNotificationModes: %lu\n", GetLastError());

    /* A pending read with no event: the handle is signalled on completion only without the flag. */
    memset(&ov, 0, sizeof(ov));
    ret = ReadFile(plain.server, buf, sizeof(buf), NULL, &ov);
    ok(!ret && GetLastError() == ERROR_IO_PENDING, "ReadFile: %d, %lu\n", ret, GetLastError());
    ok(WaitForSingleObject(plain.server, 0) == WAIT_TIMEOUT, "handle signalled while the read is pending\n");
    client_write(&plain, "abc");
    expect_packet(port, &ov, TRUE, 0, 3);
    ok(WaitForSingleObject(plain.server, 0) == WAIT_OBJECT_0, "handle not signalled without the flag\n");

    memset(&ov, 0, sizeof(ov));
    ret = ReadFile(skipping.server, buf, sizeof(buf), NULL, &ov);
    ok(!ret && GetLastError() == ERROR_IO_PENDING, "ReadFile: %d, %lu\n", ret, GetLastError());
    client_write(&skipping, "abc");
    expect_packet(port, &ov, TRUE, 0, 3);
    ok(WaitForSingleObject(skipping.server, 0) == WAIT_TIMEOUT, "handle signalled with FILE_SKIP_SET_EVENT_ON_HANDLE\n");

    /* An explicit event is still set. */
    event = CreateEventA(NULL, TRUE, FALSE, NULL);
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = event;
    ret = ReadFile(skipping.server, buf, sizeof(buf), NULL, &ov);
    ok(!ret && GetLastError() == ERROR_IO_PENDING, "ReadFile: %d, %lu\n", ret, GetLastError());
    client_write(&skipping, "de");
    ok(WaitForSingleObject(event, HANG_MS) == WAIT_OBJECT_0, "explicit event not set\n");
    expect_packet(port, &ov, TRUE, 0, 2);
    ok(WaitForSingleObject(skipping.server, 0) == WAIT_TIMEOUT, "handle signalled with FILE_SKIP_SET_EVENT_ON_HANDLE\n");

    CloseHandle(event);
    close_pipe_pair(&skipping);
    close_pipe_pair(&plain);
    CloseHandle(port);
}

static void test_flags(void)
{
    struct pipe_pair pair;
    OVERLAPPED ov;
    char buf[8];
    HANDLE port;
    BOOL ret;

    if (!create_pipe_pair(&pair, FILE_FLAG_OVERLAPPED)) return;
    port = CreateIoCompletionPort(pair.server, NULL, 1, 0);

    ok(SetFileCompletionNotificationModes(pair.server, FILE_SKIP_SET_USER_EVENT_ON_FAST_IO),
       "FILE_SKIP_SET_USER_EVENT_ON_FAST_IO: %lu\n", GetLastError());
    /* Adding the port flag keeps the earlier one and takes effect. */
    ok(SetFileCompletionNotificationModes(pair.server, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS),
       "FILE_SKIP_COMPLETION_PORT_ON_SUCCESS: %lu\n", GetLastError());
    ok(SetFileCompletionNotificationModes(pair.server, FILE_SKIP_SET_EVENT_ON_HANDLE),
       "FILE_SKIP_SET_EVENT_ON_HANDLE: %lu\n", GetLastError());
    client_write(&pair, "q");
    memset(&ov, 0, sizeof(ov));
    ret = ReadFile(pair.server, buf, sizeof(buf), NULL, &ov);
    ok(ret, "read with data waiting: %lu\n", GetLastError());
    expect_no_packet(port);

    SetLastError(0xdeadbeef);
    ok(!SetFileCompletionNotificationModes((HANDLE)(ULONG_PTR)0xdead0, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS),
       "bogus handle accepted\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "error %lu\n", GetLastError());

    close_pipe_pair(&pair);
    CloseHandle(port);
}

typedef NTSTATUS (WINAPI *info_file_fn)(HANDLE, IO_STATUS_BLOCK *, void *, ULONG, int);
#define FILE_IO_COMPLETION_NOTIFICATION_CLASS 41

/* The modes as NtQueryInformationFile reports them; unknown flags are taken and dropped. */
static void test_query_modes(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    info_file_fn query = (info_file_fn)GetProcAddress(ntdll, "NtQueryInformationFile");
    info_file_fn set = (info_file_fn)GetProcAddress(ntdll, "NtSetInformationFile");
    char dir[MAX_PATH], name[MAX_PATH];
    IO_STATUS_BLOCK io;
    ULONG flags;
    NTSTATUS status;
    HANDLE file;

    GetTempPathA(sizeof(dir), dir);
    GetTempFileNameA(dir, "skq", 0, name);
    /* a synchronous handle has no completions to skip */
    file = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
    flags = FILE_SKIP_SET_EVENT_ON_HANDLE;
    status = set(file, &io, &flags, sizeof(flags), FILE_IO_COMPLETION_NOTIFICATION_CLASS);
    ok(status == STATUS_INVALID_PARAMETER, "synchronous handle: %#lx\n", status);
    CloseHandle(file);

    file = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                       FILE_FLAG_OVERLAPPED | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    flags = 0xdeadbeef;
    memset(&io, 0xcc, sizeof(io));
    status = query(file, &io, &flags, sizeof(flags), FILE_IO_COMPLETION_NOTIFICATION_CLASS);
    ok(!status && !io.Status && io.Information == sizeof(flags), "query: %#lx %#lx %Iu\n", status, io.Status,
       io.Information);
    ok(flags == 0, "fresh handle: %#lx\n", flags);
    flags = FILE_SKIP_SET_EVENT_ON_HANDLE;
    ok(!set(file, &io, &flags, sizeof(flags), FILE_IO_COMPLETION_NOTIFICATION_CLASS), "set failed\n");
    flags = 0;
    ok(!set(file, &io, &flags, sizeof(flags), FILE_IO_COMPLETION_NOTIFICATION_CLASS), "set 0 failed\n");
    flags = 0xdeadbeef & ~FILE_SKIP_SET_USER_EVENT_ON_FAST_IO;
    status = set(file, &io, &flags, sizeof(flags), FILE_IO_COMPLETION_NOTIFICATION_CLASS);
    ok(!status, "unknown flags: %#lx\n", status);
    query(file, &io, &flags, sizeof(flags), FILE_IO_COMPLETION_NOTIFICATION_CLASS);
    ok(flags == (FILE_SKIP_SET_EVENT_ON_HANDLE | FILE_SKIP_COMPLETION_PORT_ON_SUCCESS), "flags now %#lx\n", flags);
    status = query(file, &io, &flags, sizeof(flags) - 1, FILE_IO_COMPLETION_NOTIFICATION_CLASS);
    ok(status == STATUS_INFO_LENGTH_MISMATCH, "short buffer: %#lx\n", status);
    CloseHandle(file);
}

/* Without the cache, Windows goes to the disk: requests pend and post their packets. */
static void test_no_buffering(void)
{
    static char *page;
    char dir[MAX_PATH], name[MAX_PATH];
    OVERLAPPED ov;
    DWORD bytes;
    HANDLE file, port;
    BOOL ret;

    page = VirtualAlloc(NULL, 4096, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    GetTempPathA(sizeof(dir), dir);
    GetTempFileNameA(dir, "skn", 0, name);
    file = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                       FILE_FLAG_OVERLAPPED | FILE_FLAG_NO_BUFFERING | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFileA: %lu\n", GetLastError());
    port = CreateIoCompletionPort(file, NULL, 9, 0);
    ok(SetFileCompletionNotificationModes(file, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS),
       "SetFileCompletionNotificationModes: %lu\n", GetLastError());

    memset(&ov, 0, sizeof(ov));
    memset(page, 'n', 4096);
    ret = WriteFile(file, page, 4096, NULL, &ov);
    ok(!ret && GetLastError() == ERROR_IO_PENDING, "WriteFile: %d %lu\n", ret, GetLastError());
    ok(GetOverlappedResult(file, &ov, &bytes, TRUE) && bytes == 4096, "write result %lu\n", bytes);
    expect_packet(port, &ov, TRUE, 0, 4096);

    /* the page is now in Linux's cache; the read pends all the same */
    memset(&ov, 0, sizeof(ov));
    ret = ReadFile(file, page, 4096, NULL, &ov);
    ok(!ret && GetLastError() == ERROR_IO_PENDING, "ReadFile: %d %lu\n", ret, GetLastError());
    ok(GetOverlappedResult(file, &ov, &bytes, TRUE) && bytes == 4096, "read result %lu\n", bytes);
    expect_packet(port, &ov, TRUE, 0, 4096);
    ok(page[0] == 'n' && page[4095] == 'n', "read back %c\n", page[0]);

    CloseHandle(file);
    CloseHandle(port);
    VirtualFree(page, 0, MEM_RELEASE);
}

START_TEST(skipmodes)
{
    test_skip_port_file();
    test_query_modes();
    test_no_buffering();
}

/* The port is looked up when a request completes: one bound while a read is pending gets the
 * read's packet. */
static void test_late_port(void)
{
    struct pipe_pair pair;
    OVERLAPPED ov;
    char buf[8];
    HANDLE port;
    BOOL ret;

    if (!create_pipe_pair(&pair, FILE_FLAG_OVERLAPPED)) return;
    memset(&ov, 0, sizeof(ov));
    ret = ReadFile(pair.server, buf, sizeof(buf), NULL, &ov);
    ok(!ret && GetLastError() == ERROR_IO_PENDING, "ReadFile: %d %lu\n", ret, GetLastError());
    port = CreateIoCompletionPort(pair.server, NULL, 4, 0);
    ok(port != NULL, "CreateIoCompletionPort: %lu\n", GetLastError());
    client_write(&pair, "late");
    expect_packet(port, &ov, TRUE, 0, 4);
    expect_no_packet(port);
    close_pipe_pair(&pair);
    CloseHandle(port);
}

/* A pending request leaves its IOSB alone until it completes: STATUS_PENDING in an OVERLAPPED is
 * kernel32's doing, not the kernel's. */
static void test_pending_iosb(void)
{
    NTSTATUS (WINAPI *read)(HANDLE, HANDLE, void *, void *, IO_STATUS_BLOCK *, void *, ULONG, LARGE_INTEGER *,
                            ULONG *);
    struct pipe_pair pair;
    IO_STATUS_BLOCK io;
    NTSTATUS status;
    HANDLE event;
    char buf[8];

    if (!create_pipe_pair(&pair, FILE_FLAG_OVERLAPPED)) return;
    read = (void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtReadFile");
    event = CreateEventA(NULL, TRUE, FALSE, NULL);
    io.Status = 0xdeadbabe;
    io.Information = 0xdeadbeef;
    status = read(pair.server, event, NULL, NULL, &io, buf, sizeof(buf), NULL, NULL);
    ok(status == STATUS_PENDING, "NtReadFile: %#lx\n", status);
    ok(io.Status == 0xdeadbabe && io.Information == 0xdeadbeef, "pending IOSB %#lx %Iu\n", io.Status,
       io.Information);
    client_write(&pair, "abc");
    ok(WaitForSingleObject(event, HANG_MS) == WAIT_OBJECT_0, "the read did not complete\n");
    ok(io.Status == 0 && io.Information == 3, "completed IOSB %#lx %Iu\n", io.Status, io.Information);
    CloseHandle(event);
    close_pipe_pair(&pair);
}

/* A write completes the peer's pending read before it returns: the IOSB, the event, the APC and
 * the packet are all there when WriteFile comes back, as on Windows. */
static int settle_apcs;
static void CALLBACK settle_apc(void *context, IO_STATUS_BLOCK *io, ULONG reserved)
{
    settle_apcs++;
}

static void test_write_completes_read(void)
{
    NTSTATUS (WINAPI *read)(HANDLE, HANDLE, void *, void *, IO_STATUS_BLOCK *, void *, ULONG, LARGE_INTEGER *,
                            ULONG *);
    struct pipe_pair pair;
    OVERLAPPED ov, *ovl;
    IO_STATUS_BLOCK io;
    ULONG_PTR key;
    DWORD bytes;
    HANDLE event, port;
    char buf[8];
    BOOL ret;

    if (!create_pipe_pair(&pair, FILE_FLAG_OVERLAPPED)) return;
    read = (void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtReadFile");
    event = CreateEventA(NULL, TRUE, FALSE, NULL);

    /* an event and an APC */
    settle_apcs = 0;
    io.Status = 0xdeadbabe;
    ok(read(pair.server, event, settle_apc, NULL, &io, buf, sizeof(buf), NULL, NULL) == STATUS_PENDING,
       "NtReadFile did not pend\n");
    client_write(&pair, "now");
    ok(io.Status == 0 && io.Information == 3, "IOSB after the write %#lx %Iu\n", io.Status, io.Information);
    ok(WaitForSingleObject(event, 0) == WAIT_OBJECT_0, "the event is not set after the write\n");
    ok(!settle_apcs, "the APC ran outside an alertable wait\n");
    ok(SleepEx(0, TRUE) == WAIT_IO_COMPLETION && settle_apcs == 1, "the APC was not queued\n");

    /* a port's packet */
    port = CreateIoCompletionPort(pair.server, NULL, 6, 0);
    memset(&ov, 0, sizeof(ov));
    ret = ReadFile(pair.server, buf, sizeof(buf), NULL, &ov);
    ok(!ret && GetLastError() == ERROR_IO_PENDING, "ReadFile: %d %lu\n", ret, GetLastError());
    client_write(&pair, "pkt");
    ok(HasOverlappedIoCompleted(&ov) && ov.InternalHigh == 3, "OVERLAPPED after the write %#Ix\n", ov.Internal);
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &ovl, 0);
    ok(ret && ovl == &ov && key == 6 && bytes == 3, "no packet right after the write: %d %lu\n", ret, GetLastError());

    CloseHandle(port);
    CloseHandle(event);
    close_pipe_pair(&pair);
}

/* Apart, so that skipmodes runs where named pipes do not. */
START_TEST(skipmodes_pipe)
{
    test_skip_port_pipe();
    test_skip_event();
    test_flags();
    test_late_port();
    test_pending_iosb();
    test_write_completes_read();
}
