/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Helpers shared by the asynchronous I/O tests: a connected named-pipe pair
 * (an overlapped server end, and a client end whose read stays pending until
 * the other side writes -- the way to get requests that can be cancelled
 * deterministically), and a check that a port holds no packet.
 */
#ifndef WRING_TESTS_ASYNC_HELPERS_H
#define WRING_TESTS_ASYNC_HELPERS_H

#include <stdio.h>
#include <string.h>
#include <windows.h>
#include "wine/test.h"

#ifndef HANG_MS
#define HANG_MS 60000
#endif

struct pipe_pair
{
    HANDLE server;  /* overlapped */
    HANDLE client;
};

static BOOL create_pipe_pair(struct pipe_pair *pair, DWORD client_flags)
{
    static LONG serial;
    char name[64];

    sprintf(name, "\\\\.\\pipe\\wring_async_%lu_%ld", GetCurrentProcessId(), InterlockedIncrement(&serial));
    pair->server = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED,
                                    PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT, 1, 4096, 4096, 0, NULL);
    ok(pair->server != INVALID_HANDLE_VALUE, "CreateNamedPipeA: %lu\n", GetLastError());
    if (pair->server == INVALID_HANDLE_VALUE) return FALSE;
    pair->client = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, client_flags, NULL);
    ok(pair->client != INVALID_HANDLE_VALUE, "client CreateFileA: %lu\n", GetLastError());
    if (pair->client == INVALID_HANDLE_VALUE)
    {
        CloseHandle(pair->server);
        return FALSE;
    }
    return TRUE;
}

static void close_pipe_pair(struct pipe_pair *pair)
{
    if (pair->client) CloseHandle(pair->client);
    if (pair->server) CloseHandle(pair->server);
}

/* Writes to the client end and waits for that write to finish. */
static void client_write(struct pipe_pair *pair, const char *data)
{
    OVERLAPPED ov = { 0 };
    DWORD bytes = 0;
    BOOL ret;

    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    ret = WriteFile(pair->client, data, strlen(data), NULL, &ov);
    if (!ret) ok(GetLastError() == ERROR_IO_PENDING, "client WriteFile: %lu\n", GetLastError());
    ok(GetOverlappedResultEx(pair->client, &ov, &bytes, HANG_MS, FALSE) && bytes == strlen(data),
       "client write: %lu bytes, error %lu\n", bytes, GetLastError());
    CloseHandle(ov.hEvent);
}

/* Checks the port holds nothing. */
#define expect_no_packet(port) expect_no_packet_(__LINE__, port)
static void expect_no_packet_(int line, HANDLE port)
{
    OVERLAPPED *ovl = (OVERLAPPED *)0xdeadbeef;
    ULONG_PTR key;
    DWORD bytes;
    BOOL ret;

    SetLastError(0xdeadbeef);
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &ovl, 0);
    ok_(__FILE__, line)(!ret && GetLastError() == WAIT_TIMEOUT, "unexpected packet: %d, error %lu, %p\n", ret,
                        GetLastError(), ovl);
}

#endif
