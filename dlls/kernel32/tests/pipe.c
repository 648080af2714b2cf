/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Named pipes inside one process: instances and the states of a server end (listening,
 * connected, closing, disconnected), ConnectNamedPipe synchronous and overlapped, the errors of
 * each end once the other is gone, FlushFileBuffers waiting for the reader, WaitNamedPipe, the
 * pipe information calls, and anonymous pipes from CreatePipe.
 */
#include <stdio.h>
#include <windows.h>
#include <winternl.h>
#include "wine/test.h"

#define HANG_MS 60000

static char *pipe_name(const char *what)
{
    static char name[96];
    static LONG serial;
    sprintf(name, "\\\\.\\pipe\\wring_pipe_%s_%lu_%ld", what, GetCurrentProcessId(), InterlockedIncrement(&serial));
    return name;
}

static HANDLE open_client(const char *name, DWORD flags)
{
    return CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, flags, NULL);
}

static void test_open_errors(void)
{
    HANDLE server, client, client2;
    char *name = pipe_name("open");
    BOOL ret;

    SetLastError(0xdeadbeef);
    client = open_client(name, 0);
    ok(client == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND, "no such pipe: %lu\n",
       GetLastError());
    SetLastError(0xdeadbeef);
    ret = WaitNamedPipeA(name, 0);
    ok(!ret && GetLastError() == ERROR_FILE_NOT_FOUND, "WaitNamedPipe on no pipe: %d, %lu\n", ret, GetLastError());

    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_WAIT, 1, 1024, 1024, 0, NULL);
    ok(server != INVALID_HANDLE_VALUE, "CreateNamedPipeA: %lu\n", GetLastError());
    ok(WaitNamedPipeA(name, 0), "WaitNamedPipe with an instance listening: %lu\n", GetLastError());

    /* One instance only: a second one is refused, and so is a second client. */
    SetLastError(0xdeadbeef);
    client2 = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_WAIT, 1, 1024, 1024, 0, NULL);
    ok(client2 == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PIPE_BUSY, "second instance: %lu\n",
       GetLastError());
    client = open_client(name, 0);
    ok(client != INVALID_HANDLE_VALUE, "client: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    client2 = open_client(name, 0);
    ok(client2 == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PIPE_BUSY, "second client: %lu\n",
       GetLastError());

    /* The client came before ConnectNamedPipe: the connection is good, the call says so. */
    SetLastError(0xdeadbeef);
    ret = ConnectNamedPipe(server, NULL);
    ok(!ret && GetLastError() == ERROR_PIPE_CONNECTED, "ConnectNamedPipe: %d, %lu\n", ret, GetLastError());

    CloseHandle(client);
    CloseHandle(server);
    /* The name goes with its last instance; names are not case-sensitive. */
    SetLastError(0xdeadbeef);
    client = open_client(name, 0);
    ok(client == INVALID_HANDLE_VALUE && GetLastError() == ERROR_FILE_NOT_FOUND, "closed pipe: %lu\n",
       GetLastError());
    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 2, 1024, 1024, 0, NULL);
    for (char *p = name + 9; *p; p++) if (*p >= 'a' && *p <= 'z') *p -= 32;
    client = open_client(name, 0);
    ok(client != INVALID_HANDLE_VALUE, "name in upper case: %lu\n", GetLastError());
    CloseHandle(client);
    CloseHandle(server);
}

static void test_byte_pipe(void)
{
    HANDLE server, client;
    char *name = pipe_name("byte");
    char buf[16];
    DWORD bytes, avail;
    BOOL ret;

    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_WAIT, 1, 1024, 1024, 0, NULL);
    ok(server != INVALID_HANDLE_VALUE, "CreateNamedPipeA: %lu\n", GetLastError());

    /* Nothing to read or write before a client comes. */
    SetLastError(0xdeadbeef);
    ret = WriteFile(server, "x", 1, &bytes, NULL);
    ok(!ret && GetLastError() == ERROR_PIPE_LISTENING, "write on a listening pipe: %d, %lu\n", ret, GetLastError());

    client = open_client(name, 0);
    ok(client != INVALID_HANDLE_VALUE, "client: %lu\n", GetLastError());
    ok(WriteFile(client, "hello", 5, &bytes, NULL) && bytes == 5, "client write: %lu\n", GetLastError());
    ok(WriteFile(client, "world", 5, &bytes, NULL) && bytes == 5, "client write: %lu\n", GetLastError());
    ok(PeekNamedPipe(server, buf, 3, &bytes, &avail, NULL), "PeekNamedPipe: %lu\n", GetLastError());
    ok(bytes == 3 && avail == 10 && !memcmp(buf, "hel", 3), "peeked %lu of %lu\n", bytes, avail);
    /* A byte pipe reads across writes. */
    ok(ReadFile(server, buf, sizeof(buf), &bytes, NULL) && bytes == 10 && !memcmp(buf, "helloworld", 10),
       "server read: %lu bytes, %lu\n", bytes, GetLastError());
    ok(WriteFile(server, "back", 4, &bytes, NULL), "server write: %lu\n", GetLastError());
    ok(ReadFile(client, buf, sizeof(buf), &bytes, NULL) && bytes == 4 && !memcmp(buf, "back", 4),
       "client read: %lu bytes, %lu\n", bytes, GetLastError());

    /* The client goes: what it wrote is still read, then the pipe is broken; writes fail. */
    ok(WriteFile(client, "last", 4, &bytes, NULL), "client write: %lu\n", GetLastError());
    CloseHandle(client);
    ok(ReadFile(server, buf, sizeof(buf), &bytes, NULL) && bytes == 4, "read after close: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ret = ReadFile(server, buf, sizeof(buf), &bytes, NULL);
    ok(!ret && GetLastError() == ERROR_BROKEN_PIPE, "read of a broken pipe: %d, %lu\n", ret, GetLastError());
    SetLastError(0xdeadbeef);
    ret = WriteFile(server, "x", 1, &bytes, NULL);
    ok(!ret && GetLastError() == ERROR_NO_DATA, "write to a closed pipe: %d, %lu\n", ret, GetLastError());
    SetLastError(0xdeadbeef);
    ret = ConnectNamedPipe(server, NULL);
    ok(!ret && GetLastError() == ERROR_NO_DATA, "ConnectNamedPipe on a closing pipe: %d, %lu\n", ret,
       GetLastError());

    /* After DisconnectNamedPipe, clients are turned away until the server listens again. */
    ok(DisconnectNamedPipe(server), "DisconnectNamedPipe: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    client = open_client(name, 0);
    ok(client == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PIPE_BUSY, "client of a disconnected pipe: %lu\n",
       GetLastError());
    SetLastError(0xdeadbeef);
    ret = ReadFile(server, buf, sizeof(buf), &bytes, NULL);
    ok(!ret && GetLastError() == ERROR_PIPE_NOT_CONNECTED, "read while disconnected: %d, %lu\n", ret,
       GetLastError());
    CloseHandle(server);

    /* The server goes first: the client reads a broken pipe and cannot write. */
    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_WAIT, 1, 1024, 1024, 0, NULL);
    client = open_client(name, 0);
    ok(client != INVALID_HANDLE_VALUE, "client: %lu\n", GetLastError());
    CloseHandle(server);
    SetLastError(0xdeadbeef);
    ret = ReadFile(client, buf, sizeof(buf), &bytes, NULL);
    ok(!ret && GetLastError() == ERROR_BROKEN_PIPE, "client read: %d, %lu\n", ret, GetLastError());
    SetLastError(0xdeadbeef);
    ret = WriteFile(client, "x", 1, &bytes, NULL);
    ok(!ret && GetLastError() == ERROR_NO_DATA, "client write: %d, %lu\n", ret, GetLastError());
    CloseHandle(client);
}

static void test_disconnect_client(void)
{
    HANDLE server, client;
    char *name = pipe_name("disc");
    char buf[8];
    DWORD bytes, mode;
    BOOL ret;

    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_WAIT, 1, 1024, 1024, 0, NULL);
    client = open_client(name, 0);
    ok(client != INVALID_HANDLE_VALUE, "client: %lu\n", GetLastError());
    ok(WriteFile(server, "lost", 4, &bytes, NULL), "server write: %lu\n", GetLastError());
    ok(DisconnectNamedPipe(server), "DisconnectNamedPipe: %lu\n", GetLastError());
    /* The client is cut off, and what was written to it is gone. */
    SetLastError(0xdeadbeef);
    ret = ReadFile(client, buf, sizeof(buf), &bytes, NULL);
    ok(!ret && GetLastError() == ERROR_PIPE_NOT_CONNECTED, "client read: %d, %lu\n", ret, GetLastError());
    SetLastError(0xdeadbeef);
    ret = WriteFile(client, "x", 1, &bytes, NULL);
    ok(!ret && GetLastError() == ERROR_PIPE_NOT_CONNECTED, "client write: %d, %lu\n", ret, GetLastError());
    /* nor can it be asked about the pipe or change its modes */
    mode = PIPE_READMODE_BYTE;
    SetLastError(0xdeadbeef);
    ok(!SetNamedPipeHandleState(client, &mode, NULL, NULL) && GetLastError() == ERROR_PIPE_NOT_CONNECTED,
       "SetNamedPipeHandleState: %lu\n", GetLastError());
    CloseHandle(client);
    CloseHandle(server);
}

/* FilePipeLocalInformation's NamedPipeConfiguration is the direction the pipe was made with. */
static void test_configuration(void)
{
    static const DWORD modes[] = { PIPE_ACCESS_INBOUND, PIPE_ACCESS_OUTBOUND, PIPE_ACCESS_DUPLEX };
    static const ULONG expect[] = { 0 /* FILE_PIPE_INBOUND */, 1 /* FILE_PIPE_OUTBOUND */, 2 /* FILE_PIPE_FULL_DUPLEX */ };
    NTSTATUS (WINAPI *query)(HANDLE, IO_STATUS_BLOCK *, void *, ULONG, int);
    struct { ULONG type, config, max, current, in, available, out, write, state, end; } info;
    IO_STATUS_BLOCK io;
    NTSTATUS status;
    struct { ULONG length; WCHAR name[96]; } name_info;
    WCHAR wide[96];
    HANDLE server, client;
    char *name;
    int i;

    query = (void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtQueryInformationFile");
    for (i = 0; i < 3; i++)
    {
        name = pipe_name("config");
        server = CreateNamedPipeA(name, modes[i], PIPE_TYPE_BYTE | PIPE_WAIT, 1, 1024, 1024, 0, NULL);
        ok(server != INVALID_HANDLE_VALUE, "CreateNamedPipeA: %lu\n", GetLastError());
        /* the client's view, with the right to read attributes an outbound server handle lacks */
        client = CreateFileA(name, FILE_READ_ATTRIBUTES | (i ? GENERIC_READ : GENERIC_WRITE), 0, NULL, OPEN_EXISTING,
                             0, NULL);
        ok(client != INVALID_HANDLE_VALUE, "client: %lu\n", GetLastError());
        memset(&info, 0xcc, sizeof(info));
        status = query(client, &io, &info, sizeof(info), 24 /* FilePipeLocalInformation */);
        ok(!status && info.config == expect[i], "%d: %#lx configuration %lu\n", i, status, info.config);
        /* the name below the pipe device, and as much of it as fits */
        memset(&name_info, 0xcc, sizeof(name_info));
        status = query(client, &io, &name_info, sizeof(name_info), 9 /* FileNameInformation */);
        MultiByteToWideChar(CP_ACP, 0, name + 9, -1, wide, ARRAY_SIZE(wide));   /* after \\.\pipe\ */
        ok(!status && name_info.length == (wcslen(wide) + 1) * sizeof(WCHAR) && name_info.name[0] == '\\' &&
           !memcmp(name_info.name + 1, wide, wcslen(wide) * sizeof(WCHAR)), "%d: name %#lx length %lu\n", i, status,
           name_info.length);
        status = query(client, &io, &name_info, 12, 9);
        ok(status == (NTSTATUS)0x80000005 /* STATUS_BUFFER_OVERFLOW */ && io.Information == 12 && name_info.name[0] == '\\',
           "%d: short buffer %#lx %Iu\n", i, status, io.Information);
        CloseHandle(client);
        CloseHandle(server);
    }
}

struct connector
{
    const char *name;
    HANDLE client;
    HANDLE go;
};

static DWORD WINAPI connect_thread(void *arg)
{
    struct connector *c = arg;
    WaitForSingleObject(c->go, HANG_MS);
    c->client = open_client(c->name, 0);
    return 0;
}

static void test_connect(void)
{
    struct connector c;
    HANDLE server, client, thread, event;
    OVERLAPPED ov;
    char *name = pipe_name("connect");
    DWORD bytes, error;
    char buf[8];
    BOOL ret;

    /* Overlapped: ConnectNamedPipe pends until the client opens the pipe. */
    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE, 1, 1024, 1024, 0,
                              NULL);
    ok(server != INVALID_HANDLE_VALUE, "CreateNamedPipeA: %lu\n", GetLastError());
    event = CreateEventA(NULL, TRUE, TRUE, NULL);
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = event;
    SetLastError(0xdeadbeef);
    ret = ConnectNamedPipe(server, &ov);
    ok(!ret && GetLastError() == ERROR_IO_PENDING, "ConnectNamedPipe: %d, %lu\n", ret, GetLastError());
    ok(WaitForSingleObject(event, 0) == WAIT_TIMEOUT, "the event was not reset\n");
    ok(!GetOverlappedResult(server, &ov, &bytes, FALSE) && GetLastError() == ERROR_IO_INCOMPLETE,
       "GetOverlappedResult while pending: %lu\n", GetLastError());
    client = open_client(name, 0);
    ok(client != INVALID_HANDLE_VALUE, "client: %lu\n", GetLastError());
    ok(WaitForSingleObject(event, HANG_MS) == WAIT_OBJECT_0, "the event was not set\n");
    ok(GetOverlappedResult(server, &ov, &bytes, FALSE) && bytes == 0, "GetOverlappedResult: %lu\n", GetLastError());
    CloseHandle(client);

    /* Cancelled, it ends as aborted. */
    ok(DisconnectNamedPipe(server), "DisconnectNamedPipe: %lu\n", GetLastError());
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = event;
    ret = ConnectNamedPipe(server, &ov);
    ok(!ret && GetLastError() == ERROR_IO_PENDING, "ConnectNamedPipe: %d, %lu\n", ret, GetLastError());
    ok(CancelIoEx(server, &ov), "CancelIoEx: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!GetOverlappedResult(server, &ov, &bytes, TRUE) && GetLastError() == ERROR_OPERATION_ABORTED,
       "cancelled ConnectNamedPipe: %lu\n", GetLastError());
    CloseHandle(server);
    CloseHandle(event);

    /* Synchronous: ConnectNamedPipe blocks until another thread's client comes.  The client may
     * also win the race and connect first; Microsoft documents that outcome as FALSE with
     * ERROR_PIPE_CONNECTED over a good connection, so both are accepted. */
    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1, 1024, 1024, 0, NULL);
    c.name = name;
    c.client = INVALID_HANDLE_VALUE;
    c.go = CreateEventA(NULL, TRUE, FALSE, NULL);
    thread = CreateThread(NULL, 0, connect_thread, &c, 0, NULL);
    SetEvent(c.go);
    SetLastError(0xdeadbeef);
    ret = ConnectNamedPipe(server, NULL);
    error = GetLastError();
    ok(ret || error == ERROR_PIPE_CONNECTED, "blocking ConnectNamedPipe: %d, %lu\n", ret, error);
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "the client thread did not finish\n");
    ok(c.client != INVALID_HANDLE_VALUE, "the client did not connect\n");
    ok(WriteFile(c.client, "hi", 2, &bytes, NULL), "client write: %lu\n", GetLastError());
    memset(buf, 0, sizeof(buf));
    ok(ReadFile(server, buf, sizeof(buf), &bytes, NULL) && bytes == 2 && !memcmp(buf, "hi", 2),
       "server read: %lu, %lu\n", bytes, GetLastError());
    CloseHandle(c.client);
    CloseHandle(thread);
    CloseHandle(c.go);
    CloseHandle(server);
}

struct writer
{
    HANDLE pipe;
    HANDLE go;
};

static DWORD WINAPI write_thread(void *arg)
{
    struct writer *w = arg;
    DWORD bytes;
    WaitForSingleObject(w->go, HANG_MS);
    return WriteFile(w->pipe, "abc", 3, &bytes, NULL) && bytes == 3;
}

/* A handle opened for overlapped I/O used without an OVERLAPPED: kernel32 waits
 * for the request instead of leaving it pending behind the caller's back. */
static void test_unoverlapped_calls(void)
{
    struct connector c;
    struct writer w;
    HANDLE server, thread;
    char *name = pipe_name("unoverlapped");
    DWORD bytes, error, code;
    char buf[8];
    BOOL ret;

    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_BYTE, 1, 1024, 1024, 0,
                              NULL);
    ok(server != INVALID_HANDLE_VALUE, "CreateNamedPipeA: %lu\n", GetLastError());
    c.name = name;
    c.client = INVALID_HANDLE_VALUE;
    c.go = CreateEventA(NULL, TRUE, TRUE, NULL);
    thread = CreateThread(NULL, 0, connect_thread, &c, 0, NULL);
    SetLastError(0xdeadbeef);
    ret = ConnectNamedPipe(server, NULL);
    error = GetLastError();
    ok(ret || error == ERROR_PIPE_CONNECTED, "ConnectNamedPipe without OVERLAPPED: %d, %lu\n", ret, error);
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "the client thread did not finish\n");
    ok(c.client != INVALID_HANDLE_VALUE, "the client did not connect\n");
    CloseHandle(thread);

    w.pipe = c.client;
    w.go = c.go;
    thread = CreateThread(NULL, 0, write_thread, &w, 0, NULL);
    memset(buf, 0, sizeof(buf));
    bytes = 0;
    ret = ReadFile(server, buf, sizeof(buf), &bytes, NULL);
    ok(ret && bytes == 3 && !memcmp(buf, "abc", 3), "ReadFile without OVERLAPPED: %d, %lu, %lu\n", ret, bytes,
       GetLastError());
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "the writer did not finish\n");
    ok(GetExitCodeThread(thread, &code) && code == 1, "the client write failed\n");
    CloseHandle(thread);
    CloseHandle(c.client);
    CloseHandle(c.go);
    CloseHandle(server);
}

static DWORD WINAPI flush_thread(void *arg)
{
    SetLastError(0);
    return FlushFileBuffers(arg) ? 0 : GetLastError();
}

/* The flush thread's result once it has ended: 0 for success, else its error. */
static DWORD flush_result(HANDLE thread)
{
    DWORD code = 0xdeadbeef;
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "the flush did not return\n");
    GetExitCodeThread(thread, &code);
    CloseHandle(thread);
    return code;
}

/* FlushFileBuffers on a pipe end returns once the other end has read everything this end wrote,
 * so that a server may disconnect after its last reply without losing it. */
static void test_flush(void)
{
    HANDLE server, client, thread;
    char *name = pipe_name("flush");
    char buf[16];
    DWORD bytes, mode;

    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE, 1, 1024, 1024, 0,
                              NULL);
    ok(server != INVALID_HANDLE_VALUE, "CreateNamedPipeA: %lu\n", GetLastError());
    client = open_client(name, 0);
    ok(client != INVALID_HANDLE_VALUE, "client: %lu\n", GetLastError());
    mode = PIPE_READMODE_MESSAGE;
    ok(SetNamedPipeHandleState(client, &mode, NULL, NULL), "SetNamedPipeHandleState: %lu\n", GetLastError());
    /* nothing unread: both ends flush at once */
    ok(FlushFileBuffers(server), "server flush: %lu\n", GetLastError());
    ok(FlushFileBuffers(client), "client flush: %lu\n", GetLastError());

    ok(WriteFile(server, "reply", 5, &bytes, NULL), "server write: %lu\n", GetLastError());
    thread = CreateThread(NULL, 0, flush_thread, server, 0, NULL);
    ok(WaitForSingleObject(thread, 100) == WAIT_TIMEOUT, "the flush returned with the reply unread\n");
    /* a message read in part is not read yet */
    SetLastError(0xdeadbeef);
    ok(!ReadFile(client, buf, 2, &bytes, NULL) && GetLastError() == ERROR_MORE_DATA, "first part: %lu\n",
       GetLastError());
    ok(WaitForSingleObject(thread, 100) == WAIT_TIMEOUT, "the flush returned with the message read in part\n");
    ok(ReadFile(client, buf, sizeof(buf), &bytes, NULL) && bytes == 3 && !memcmp(buf, "ply", 3), "rest: %lu\n",
       GetLastError());
    ok(flush_result(thread) == 0, "server flush after the read failed\n");
    ok(DisconnectNamedPipe(server), "DisconnectNamedPipe: %lu\n", GetLastError());
    /* a client its server disconnected cannot flush; the server can */
    SetLastError(0xdeadbeef);
    ok(!FlushFileBuffers(client) && GetLastError() == ERROR_PIPE_NOT_CONNECTED, "disconnected client flush: %lu\n",
       GetLastError());
    ok(FlushFileBuffers(server), "disconnected server flush: %lu\n", GetLastError());
    CloseHandle(client);
    CloseHandle(server);

    /* the reader closes with the data unread: the flush fails */
    name = pipe_name("flush_close");
    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1, 1024, 1024, 0, NULL);
    client = open_client(name, 0);
    ok(WriteFile(server, "lost", 4, &bytes, NULL), "server write: %lu\n", GetLastError());
    thread = CreateThread(NULL, 0, flush_thread, server, 0, NULL);
    ok(WaitForSingleObject(thread, 100) == WAIT_TIMEOUT, "the flush returned with the data unread\n");
    CloseHandle(client);
    ok(flush_result(thread) == ERROR_BROKEN_PIPE, "server flush when the client closed\n");
    CloseHandle(server);

    /* the server disconnects a client that is flushing */
    name = pipe_name("flush_disc");
    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1, 1024, 1024, 0, NULL);
    client = open_client(name, 0);
    ok(WriteFile(client, "lost", 4, &bytes, NULL), "client write: %lu\n", GetLastError());
    thread = CreateThread(NULL, 0, flush_thread, client, 0, NULL);
    ok(WaitForSingleObject(thread, 100) == WAIT_TIMEOUT, "the flush returned with the data unread\n");
    ok(DisconnectNamedPipe(server), "DisconnectNamedPipe: %lu\n", GetLastError());
    ok(flush_result(thread) == ERROR_PIPE_NOT_CONNECTED, "client flush when the server disconnected\n");
    CloseHandle(client);
    CloseHandle(server);
}

/* Later instances must share the first's direction, not its type or sizes. */
static void test_instance_rules(void)
{
    char *name = pipe_name("instances");
    HANDLE first, second;
    DWORD flags;

    first = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 3, 1024, 1024, 0, NULL);
    ok(first != INVALID_HANDLE_VALUE, "CreateNamedPipeA: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    second = CreateNamedPipeA(name, PIPE_ACCESS_INBOUND, PIPE_TYPE_BYTE, 3, 1024, 1024, 0, NULL);
    ok(second == INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED,
       "an instance of another direction: %p, %lu\n", second, GetLastError());
    if (second != INVALID_HANDLE_VALUE) CloseHandle(second);
    second = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE, 2, 24, 102, 1234, NULL);
    ok(second != INVALID_HANDLE_VALUE, "an instance of another type and sizes: %lu\n", GetLastError());
    ok(GetNamedPipeInfo(first, &flags, NULL, NULL, NULL) && !(flags & PIPE_TYPE_MESSAGE),
       "the first instance is still a byte pipe: %#lx\n", flags);
    CloseHandle(second);
    CloseHandle(first);
}

static void test_message_pipe(void)
{
    HANDLE server, client;
    char *name = pipe_name("msg");
    char buf[16];
    DWORD bytes, state, instances, flags, out_size, in_size, max;
    BOOL ret;

    /* A byte pipe cannot read messages. */
    SetLastError(0xdeadbeef);
    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_READMODE_MESSAGE, 1, 1024, 1024, 0,
                              NULL);
    ok(server == INVALID_HANDLE_VALUE && GetLastError() == ERROR_INVALID_PARAMETER, "byte pipe, message mode: %lu\n",
       GetLastError());

    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE, 3, 1024, 512,
                              0, NULL);
    ok(server != INVALID_HANDLE_VALUE, "CreateNamedPipeA: %lu\n", GetLastError());
    ok(GetNamedPipeInfo(server, &flags, &out_size, &in_size, &max), "GetNamedPipeInfo: %lu\n", GetLastError());
    ok(flags == (PIPE_SERVER_END | PIPE_TYPE_MESSAGE), "flags %#lx\n", flags);
    ok(out_size == 1024 && in_size == 512 && max == 3, "sizes %lu %lu, max %lu\n", out_size, in_size, max);
    ok(GetNamedPipeHandleStateA(server, &state, &instances, NULL, NULL, NULL, 0), "GetNamedPipeHandleState: %lu\n",
       GetLastError());
    ok(state == PIPE_READMODE_MESSAGE && instances == 1, "state %#lx, %lu instances\n", state, instances);

    client = open_client(name, 0);
    ok(client != INVALID_HANDLE_VALUE, "client: %lu\n", GetLastError());
    ok(GetNamedPipeInfo(client, &flags, NULL, NULL, NULL), "GetNamedPipeInfo: %lu\n", GetLastError());
    ok(flags == (PIPE_CLIENT_END | PIPE_TYPE_MESSAGE), "client flags %#lx\n", flags);
    /* The client starts in byte mode whatever the pipe is. */
    ok(GetNamedPipeHandleStateA(client, &state, NULL, NULL, NULL, NULL, 0), "GetNamedPipeHandleState: %lu\n",
       GetLastError());
    ok(state == PIPE_READMODE_BYTE, "client state %#lx\n", state);
    state = PIPE_READMODE_MESSAGE;
    ok(SetNamedPipeHandleState(client, &state, NULL, NULL), "SetNamedPipeHandleState: %lu\n", GetLastError());
    ok(GetNamedPipeHandleStateA(client, &state, NULL, NULL, NULL, NULL, 0) && state == PIPE_READMODE_MESSAGE,
       "client state after setting: %#lx\n", state);

    /* Messages keep their boundaries. */
    ok(WriteFile(client, "one", 3, &bytes, NULL), "write: %lu\n", GetLastError());
    ok(WriteFile(client, "three", 5, &bytes, NULL), "write: %lu\n", GetLastError());
    ok(ReadFile(server, buf, sizeof(buf), &bytes, NULL) && bytes == 3 && !memcmp(buf, "one", 3),
       "first message: %lu bytes\n", bytes);
    ok(ReadFile(server, buf, sizeof(buf), &bytes, NULL) && bytes == 5 && !memcmp(buf, "three", 5),
       "second message: %lu bytes\n", bytes);

    /* PIPE_NOWAIT: an empty pipe fails the read instead of blocking. */
    state = PIPE_READMODE_MESSAGE | PIPE_NOWAIT;
    ok(SetNamedPipeHandleState(server, &state, NULL, NULL), "SetNamedPipeHandleState: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ret = ReadFile(server, buf, sizeof(buf), &bytes, NULL);
    ok(!ret && GetLastError() == ERROR_NO_DATA, "PIPE_NOWAIT read: %d, %lu\n", ret, GetLastError());
    CloseHandle(client);
    CloseHandle(server);
}

/* A message longer than the reader's buffer is not cut: the read says ERROR_MORE_DATA and the
 * rest comes with the next reads, before any newer message; PeekNamedPipe counts it. */
static void test_message_more_data(void)
{
    HANDLE server, client, event;
    char *name = pipe_name("more");
    char buf[16], big[100];
    DWORD bytes, avail, left, error;
    OVERLAPPED ov;
    BOOL ret;

    server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED, PIPE_TYPE_MESSAGE | PIPE_READMODE_MESSAGE,
                              1, 1024, 1024, 0, NULL);
    ok(server != INVALID_HANDLE_VALUE, "CreateNamedPipeA: %lu\n", GetLastError());
    client = open_client(name, 0);
    bytes = PIPE_READMODE_MESSAGE;
    ok(SetNamedPipeHandleState(client, &bytes, NULL, NULL), "SetNamedPipeHandleState: %lu\n", GetLastError());

    /* synchronous reads on the client */
    event = CreateEventA(NULL, TRUE, FALSE, NULL);
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = event;
    ret = WriteFile(server, "hello world", 11, NULL, &ov);
    ok((ret || GetLastError() == ERROR_IO_PENDING) && GetOverlappedResult(server, &ov, &bytes, TRUE) && bytes == 11,
       "write: %lu\n", GetLastError());
    ret = WriteFile(server, "second", 6, NULL, &ov);
    ok((ret || GetLastError() == ERROR_IO_PENDING) && GetOverlappedResult(server, &ov, &bytes, TRUE) && bytes == 6,
       "write: %lu\n", GetLastError());
    ok(PeekNamedPipe(client, NULL, 0, NULL, &avail, &left) && avail == 17 && left == 11, "peek: %lu, %lu left\n",
       avail, left);
    SetLastError(0xdeadbeef);
    ret = ReadFile(client, buf, 5, &bytes, NULL);
    error = GetLastError();
    ok(!ret && error == ERROR_MORE_DATA && bytes == 5 && !memcmp(buf, "hello", 5), "short read: %d, %lu, %lu bytes\n",
       ret, error, bytes);
    ret = PeekNamedPipe(client, buf, 4, &bytes, &avail, &left);
    ok(ret && avail == 12 && left == 2 && bytes == 4 && !memcmp(buf, " wor", 4), "peek after: %lu bytes, %lu, %lu left\n",
       bytes, avail, left);
    SetLastError(0xdeadbeef);
    ret = ReadFile(client, buf, 3, &bytes, NULL);
    error = GetLastError();
    ok(!ret && error == ERROR_MORE_DATA && bytes == 3 && !memcmp(buf, " wo", 3), "second short read: %d, %lu\n", ret,
       error);
    ok(ReadFile(client, buf, sizeof(buf), &bytes, NULL) && bytes == 3 && !memcmp(buf, "rld", 3),
       "the end of the message: %lu bytes\n", bytes);
    ok(ReadFile(client, buf, sizeof(buf), &bytes, NULL) && bytes == 6 && !memcmp(buf, "second", 6),
       "the next message: %lu bytes\n", bytes);

    /* an overlapped read that waits for the message, then one served from what is left */
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = event;
    ret = ReadFile(server, buf, 4, NULL, &ov);
    ok(!ret && GetLastError() == ERROR_IO_PENDING, "pending read: %d, %lu\n", ret, GetLastError());
    memset(big, 'b', sizeof(big));
    memcpy(big, "pending", 7);
    ok(WriteFile(client, big, sizeof(big), &bytes, NULL) && bytes == sizeof(big), "write: %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ret = GetOverlappedResult(server, &ov, &bytes, TRUE);
    error = GetLastError();
    ok(!ret && error == ERROR_MORE_DATA && bytes == 4 && !memcmp(buf, "pend", 4), "pending short read: %d, %lu, %lu\n",
       ret, error, bytes);
    ok(ov.Internal == 0x80000005 /* STATUS_BUFFER_OVERFLOW */, "Internal %#Ix\n", ov.Internal);
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = event;
    memset(big, 0, sizeof(big));
    ret = ReadFile(server, big, sizeof(big), &bytes, &ov);
    ok((ret || GetLastError() == ERROR_IO_PENDING) && GetOverlappedResult(server, &ov, &bytes, TRUE) &&
       bytes == sizeof(big) - 4 && !memcmp(big, "ing", 3) && big[3] == 'b', "the rest: %lu bytes\n", bytes);

    CloseHandle(event);
    CloseHandle(client);
    CloseHandle(server);
}

static void test_create_pipe(void)
{
    HANDLE rd, wr;
    char buf[8];
    DWORD bytes, flags;
    BOOL ret;

    ok(CreatePipe(&rd, &wr, NULL, 0), "CreatePipe: %lu\n", GetLastError());
    ok(GetNamedPipeInfo(rd, &flags, NULL, NULL, NULL) && flags == PIPE_SERVER_END, "read end flags %#lx\n", flags);
    ok(WriteFile(wr, "anon", 4, &bytes, NULL) && bytes == 4, "write: %lu\n", GetLastError());
    ok(ReadFile(rd, buf, sizeof(buf), &bytes, NULL) && bytes == 4 && !memcmp(buf, "anon", 4), "read: %lu\n",
       GetLastError());
    /* Each end goes one way. */
    SetLastError(0xdeadbeef);
    ret = WriteFile(rd, "x", 1, &bytes, NULL);
    ok(!ret && GetLastError() == ERROR_ACCESS_DENIED, "write to the read end: %d, %lu\n", ret, GetLastError());
    CloseHandle(wr);
    SetLastError(0xdeadbeef);
    ret = ReadFile(rd, buf, sizeof(buf), &bytes, NULL);
    ok(!ret && GetLastError() == ERROR_BROKEN_PIPE, "read after the writer closed: %d, %lu\n", ret, GetLastError());
    CloseHandle(rd);
}

START_TEST(pipe)
{
    test_open_errors();
    test_byte_pipe();
    test_disconnect_client();
    test_configuration();
    test_connect();
    test_unoverlapped_calls();
    test_flush();
    test_instance_rules();
    test_message_pipe();
    test_message_more_data();
    test_create_pipe();
}
