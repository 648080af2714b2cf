/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tp_echo: a thread-pool echo server, an unmodified Windows program, as
 * Windows servers are written.  The listening socket and each accepted one
 * have a TP_IO of their own (CreateThreadpoolIo) and
 * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS: AcceptEx (found through
 * SIO_GET_EXTENSION_FUNCTION_POINTER, as Go finds it), then per connection a
 * WSARecv, a WSASend of what came, a WSARecv again.  StartThreadpoolIo goes
 * before each request; a request that completes at once gets no callback, so
 * its StartThreadpoolIo is cancelled and the work goes on inline.  The
 * server listens on 127.0.0.1:PORT and exits once N connections have been
 * served and closed by their clients.
 *
 * usage: tp_echo PORT N
 */
#define _WIN32_WINNT 0x0601
#include <winsock2.h>
#include <mswsock.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

#define BUF_SIZE 4096
#define ACCEPTS 16
#define ADDR_SPACE (sizeof(SOCKADDR_IN) + 16)

struct conn
{
    OVERLAPPED ov;
    SOCKET s;
    PTP_IO io;
    BOOL sending;
    DWORD len, sent;
    char buf[BUF_SIZE];
};

struct accept_slot
{
    OVERLAPPED ov;
    SOCKET s;
    char addrs[2 * ADDR_SPACE];
};

static SOCKET listener;
static PTP_IO listen_io;
static LPFN_ACCEPTEX accept_ex;
static struct accept_slot slots[ACCEPTS];
static LONG expected, posted, closed;
static HANDLE all_closed;

static void die(const char *what, int err)
{
    fprintf(stderr, "tp_echo: %s: error %d\n", what, err);
    exit(1);
}

static SOCKET new_socket(void)
{
    SOCKET s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    if (s == INVALID_SOCKET) die("WSASocketW", WSAGetLastError());
    return s;
}

static void finish(struct conn *c)
{
    closesocket(c->s);
    CloseThreadpoolIo(c->io);
    free(c);
    if (InterlockedIncrement(&closed) == expected) SetEvent(all_closed);
}

/* Issues the connection's next request; TRUE with *BYTES when it completed at once. */
static BOOL issue(struct conn *c, DWORD *bytes, DWORD *err)
{
    WSABUF wb;
    DWORD flags = 0;
    int ret;

    memset(&c->ov, 0, sizeof(c->ov));
    StartThreadpoolIo(c->io);
    if (c->sending)
    {
        wb.buf = c->buf + c->sent;
        wb.len = c->len - c->sent;
        ret = WSASend(c->s, &wb, 1, bytes, 0, &c->ov, NULL);
    }
    else
    {
        wb.buf = c->buf;
        wb.len = BUF_SIZE;
        ret = WSARecv(c->s, &wb, 1, bytes, &flags, &c->ov, NULL);
    }
    *err = ret ? WSAGetLastError() : 0;
    if (*err == WSA_IO_PENDING) return FALSE;
    /* done already (or failed): no callback comes for it */
    CancelThreadpoolIo(c->io);
    return TRUE;
}

/* Carries the echo on from a request's outcome until one is left pending. */
static void advance(struct conn *c, DWORD bytes, DWORD err)
{
    for (;;)
    {
        if (err || (!c->sending && !bytes))
        {
            finish(c);
            return;
        }
        if (c->sending)
        {
            c->sent += bytes;
            if (c->sent == c->len) c->sending = FALSE;
        }
        else
        {
            c->len = bytes;
            c->sent = 0;
            c->sending = TRUE;
        }
        if (!issue(c, &bytes, &err)) return;
    }
}

static void CALLBACK conn_callback(PTP_CALLBACK_INSTANCE instance, void *context, void *overlapped, ULONG result,
                                   ULONG_PTR bytes, PTP_IO io)
{
    (void)instance; (void)overlapped; (void)io;
    advance(context, bytes, result);
}

static BOOL post_accept(struct accept_slot *slot, DWORD *err)
{
    DWORD bytes;

    memset(&slot->ov, 0, sizeof(slot->ov));
    slot->s = new_socket();
    StartThreadpoolIo(listen_io);
    if (accept_ex(listener, slot->s, slot->addrs, 0, ADDR_SPACE, ADDR_SPACE, &bytes, &slot->ov))
    {
        CancelThreadpoolIo(listen_io);
        *err = 0;
        return TRUE;
    }
    *err = WSAGetLastError();
    if (*err == ERROR_IO_PENDING) return FALSE;
    CancelThreadpoolIo(listen_io);
    return TRUE;
}

static void accepted(struct accept_slot *slot, DWORD err)
{
    for (;;)
    {
        struct conn *c;
        DWORD bytes;
        BOOL one = TRUE;

        if (err) die("AcceptEx", err);
        if (!(c = calloc(1, sizeof(*c)))) die("calloc", ERROR_OUTOFMEMORY);
        c->s = slot->s;
        if (setsockopt(c->s, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&listener, sizeof(listener)))
            die("SO_UPDATE_ACCEPT_CONTEXT", WSAGetLastError());
        setsockopt(c->s, IPPROTO_TCP, TCP_NODELAY, (char *)&one, sizeof(one));
        if (!SetFileCompletionNotificationModes((HANDLE)c->s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS))
            die("SetFileCompletionNotificationModes", GetLastError());
        if (!(c->io = CreateThreadpoolIo((HANDLE)c->s, conn_callback, c, NULL)))
            die("CreateThreadpoolIo", GetLastError());
        if (issue(c, &bytes, &err)) advance(c, bytes, err);
        /* a slot takes the next connection while more are due */
        if (InterlockedIncrement(&posted) > expected - ACCEPTS) return;
        if (!post_accept(slot, &err)) return;
    }
}

static void CALLBACK listen_callback(PTP_CALLBACK_INSTANCE instance, void *context, void *overlapped, ULONG result,
                                     ULONG_PTR bytes, PTP_IO io)
{
    (void)instance; (void)context; (void)bytes; (void)io;
    accepted(CONTAINING_RECORD(overlapped, struct accept_slot, ov), result);
}

int main(int argc, char **argv)
{
    GUID guid = WSAID_ACCEPTEX;
    SOCKADDR_IN sin = { 0 };
    WSADATA data;
    DWORD bytes, err;
    int slots_used;

    if (argc < 3)
    {
        fprintf(stderr, "usage: tp_echo PORT N\n");
        return 2;
    }
    expected = atoi(argv[2]);
    if (expected <= 0) die("N", ERROR_INVALID_PARAMETER);
    if (WSAStartup(MAKEWORD(2, 2), &data)) die("WSAStartup", WSAGetLastError());
    all_closed = CreateEventW(NULL, TRUE, FALSE, NULL);

    listener = new_socket();
    sin.sin_family = AF_INET;
    sin.sin_port = htons(atoi(argv[1]));
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (SOCKADDR *)&sin, sizeof(sin))) die("bind", WSAGetLastError());
    if (listen(listener, SOMAXCONN)) die("listen", WSAGetLastError());
    if (WSAIoctl(listener, SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, sizeof(guid), &accept_ex, sizeof(accept_ex),
                 &bytes, NULL, NULL))
        die("SIO_GET_EXTENSION_FUNCTION_POINTER", WSAGetLastError());
    if (!SetFileCompletionNotificationModes((HANDLE)listener, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS))
        die("SetFileCompletionNotificationModes", GetLastError());
    if (!(listen_io = CreateThreadpoolIo((HANDLE)listener, listen_callback, NULL, NULL)))
        die("CreateThreadpoolIo", GetLastError());

    slots_used = expected < ACCEPTS ? expected : ACCEPTS;
    for (int i = 0; i < slots_used; i++)
        if (post_accept(&slots[i], &err)) accepted(&slots[i], err);

    WaitForSingleObject(all_closed, INFINITE);
    closesocket(listener);
    return 0;
}
