/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A thread-pool echo server as servers are written on Windows: AcceptEx,
 * WSARecv and WSASend, each socket on a TP_IO of its own, skip-on-success on
 * (a request that completes at once is handled by its caller, its callback
 * cancelled).  Many loopback clients check every byte that comes back; some
 * drop their connection mid-message, some stay idle until the server cancels
 * their receive, and the server ends by closing its listener under the
 * AcceptEx requests still pending.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include "wine/test.h"

#define CLIENTS 64
#define MESSAGES 100
#define DROPOUTS 8
#define IDLE 4
#define ACCEPTS 8
#define MAX_MESSAGE 3000
#define ADDR_SLOT (sizeof(struct sockaddr_in) + 16)

static LPFN_ACCEPTEX pAcceptEx;
static struct sockaddr_in server_addr;

struct conn
{
    SOCKET s;
    PTP_IO io;
    OVERLAPPED ov;
    WSABUF wsabuf;
    char buf[4096];
    BOOL sending;
    DWORD to_send, sent;
    LONG closed;
};

struct acceptor
{
    SOCKET s;
    OVERLAPPED ov;
    char addrs[2 * ADDR_SLOT];
};

static SOCKET listener;
static PTP_IO listen_io;
static struct acceptor acceptors[ACCEPTS];
static struct conn conns[CLIENTS + DROPOUTS + IDLE];
static LONG accepted, closed, aborted_receives, aborted_accepts;
static HANDLE all_accepted, all_closed, busy_closed;

static void CALLBACK conn_callback(PTP_CALLBACK_INSTANCE instance, void *context, void *ov, ULONG result,
                                   ULONG_PTR bytes, PTP_IO io);

static void conn_close(struct conn *c, DWORD error)
{
    LONG n;
    if (InterlockedExchange(&c->closed, 1)) return;
    if (error == ERROR_OPERATION_ABORTED) InterlockedIncrement(&aborted_receives);
    closesocket(c->s);
    CloseThreadpoolIo(c->io);
    n = InterlockedIncrement(&closed);
    if (n == CLIENTS + DROPOUTS) SetEvent(busy_closed);
    if (n == CLIENTS + DROPOUTS + IDLE) SetEvent(all_closed);
}

/* Echo: receive, send all of it back, receive again; completions at once are handled here. */
static void conn_advance(struct conn *c, DWORD error, DWORD bytes)
{
    for (;;)
    {
        DWORD n = 0, flags = 0;
        int ret;

        if (error)
        {
            conn_close(c, error);
            return;
        }
        if (!c->sending)
        {
            if (!bytes)
            {
                conn_close(c, 0);
                return;
            }
            c->sending = TRUE;
            c->to_send = bytes;
            c->sent = 0;
        }
        else
        {
            c->sent += bytes;
            if (c->sent >= c->to_send) c->sending = FALSE;
        }
        StartThreadpoolIo(c->io);
        if (c->sending)
        {
            c->wsabuf.buf = c->buf + c->sent;
            c->wsabuf.len = c->to_send - c->sent;
            ret = WSASend(c->s, &c->wsabuf, 1, &n, 0, &c->ov, NULL);
        }
        else
        {
            c->wsabuf.buf = c->buf;
            c->wsabuf.len = sizeof(c->buf);
            ret = WSARecv(c->s, &c->wsabuf, 1, &n, &flags, &c->ov, NULL);
        }
        if (!ret)
        {
            /* skip-on-success: no callback comes for this one */
            CancelThreadpoolIo(c->io);
            bytes = n;
            continue;
        }
        if (WSAGetLastError() == WSA_IO_PENDING) return;
        CancelThreadpoolIo(c->io);
        error = WSAGetLastError();
        bytes = 0;
    }
}

static void CALLBACK conn_callback(PTP_CALLBACK_INSTANCE instance, void *context, void *ov, ULONG result,
                                   ULONG_PTR bytes, PTP_IO io)
{
    conn_advance(context, result, bytes);
}

static void start_conn(SOCKET s)
{
    LONG i = InterlockedIncrement(&accepted) - 1;
    struct conn *c;

    ok(i < (LONG)ARRAYSIZE(conns), "too many connections\n");
    if (i >= (LONG)ARRAYSIZE(conns))
    {
        closesocket(s);
        return;
    }
    c = &conns[i];
    c->s = s;
    ok(!setsockopt(s, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&listener, sizeof(listener)),
       "SO_UPDATE_ACCEPT_CONTEXT: %d\n", WSAGetLastError());
    ok(SetFileCompletionNotificationModes((HANDLE)s, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS), "modes: %lu\n",
       GetLastError());
    c->io = CreateThreadpoolIo((HANDLE)s, conn_callback, c, NULL);
    ok(c->io != NULL, "CreateThreadpoolIo: %lu\n", GetLastError());
    c->sending = TRUE;
    conn_advance(c, 0, 0);
    if (i + 1 == (LONG)ARRAYSIZE(conns)) SetEvent(all_accepted);
}

/* One AcceptEx slot: take the connection, post the next AcceptEx; completions at once handled here. */
static void acceptor_advance(struct acceptor *a, DWORD error)
{
    for (;;)
    {
        DWORD n;
        if (error)
        {
            ok(error == ERROR_OPERATION_ABORTED, "AcceptEx failed: %lu\n", error);
            InterlockedIncrement(&aborted_accepts);
            closesocket(a->s);
            return;
        }
        if (a->s != INVALID_SOCKET) start_conn(a->s);
        a->s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
        StartThreadpoolIo(listen_io);
        if (pAcceptEx(listener, a->s, a->addrs, 0, ADDR_SLOT, ADDR_SLOT, &n, &a->ov))
        {
            CancelThreadpoolIo(listen_io);
            continue;
        }
        if (WSAGetLastError() == ERROR_IO_PENDING) return;
        CancelThreadpoolIo(listen_io);
        error = WSAGetLastError();
    }
}

static void CALLBACK accept_callback(PTP_CALLBACK_INSTANCE instance, void *context, void *ov, ULONG result,
                                     ULONG_PTR bytes, PTP_IO io)
{
    acceptor_advance(CONTAINING_RECORD(ov, struct acceptor, ov), result);
}

static void fill_message(char *buf, int id, int m, int len)
{
    for (int i = 0; i < len; i++) buf[i] = (char)(id * 7 + m * 13 + i * 3);
}

static int message_len(int id, int m)
{
    return 1 + (id * 131 + m * 71) % MAX_MESSAGE;
}

static BOOL send_all(SOCKET s, const char *buf, int len)
{
    while (len > 0)
    {
        int n = send(s, buf, len, 0);
        if (n <= 0) return FALSE;
        buf += n;
        len -= n;
    }
    return TRUE;
}

static BOOL recv_all(SOCKET s, char *buf, int len)
{
    while (len > 0)
    {
        int n = recv(s, buf, len, 0);
        if (n <= 0) return FALSE;
        buf += n;
        len -= n;
    }
    return TRUE;
}

static SOCKET client_connect(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (connect(s, (struct sockaddr *)&server_addr, sizeof(server_addr)))
    {
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

/* A client that sends its messages and checks every echo; the number of failures. */
static DWORD WINAPI client_thread(void *arg)
{
    int id = (int)(INT_PTR)arg;
    char out[MAX_MESSAGE], in[MAX_MESSAGE];
    SOCKET s = client_connect();
    DWORD failures = 0;

    if (s == INVALID_SOCKET) return 1000;
    for (int m = 0; m < MESSAGES; m++)
    {
        int len = message_len(id, m);
        fill_message(out, id, m, len);
        if (!send_all(s, out, len) || !recv_all(s, in, len))
        {
            failures++;
            break;
        }
        if (memcmp(in, out, len)) failures++;
    }
    /* nothing more comes back than was sent: the server ends the connection after our end */
    shutdown(s, SD_SEND);
    if (recv(s, in, sizeof(in), 0) != 0) failures++;
    closesocket(s);
    return failures;
}

/* A client that goes away in the middle of a message, half of them with a reset. */
static DWORD WINAPI dropout_thread(void *arg)
{
    int id = (int)(INT_PTR)arg;
    char out[MAX_MESSAGE], in[MAX_MESSAGE];
    int len = message_len(id, 0);
    SOCKET s = client_connect();
    DWORD failures = 0;

    if (s == INVALID_SOCKET) return 1000;
    fill_message(out, id, 0, len);
    if (!send_all(s, out, len) || !recv_all(s, in, len) || memcmp(in, out, len)) failures++;
    fill_message(out, id, 1, MAX_MESSAGE);
    send_all(s, out, MAX_MESSAGE / 2);
    if (id % 2)
    {
        struct linger abort = { 1, 0 };
        setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&abort, sizeof(abort));
    }
    closesocket(s);
    return failures;
}

/* A client that never sends: the server cancels its receive, which ends the connection. */
static DWORD WINAPI idle_thread(void *arg)
{
    SOCKET s = client_connect();
    char buf[16];
    int n;

    if (s == INVALID_SOCKET) return 1000;
    n = recv(s, buf, sizeof(buf), 0);
    closesocket(s);
    return n > 0;
}

static void test_echo_server(void)
{
    HANDLE threads[CLIENTS + DROPOUTS + IDLE];
    DWORD code, total_failures = 0;
    int len = sizeof(server_addr), count = 0;

    all_accepted = CreateEventA(NULL, TRUE, FALSE, NULL);
    all_closed = CreateEventA(NULL, TRUE, FALSE, NULL);
    busy_closed = CreateEventA(NULL, TRUE, FALSE, NULL);
    listener = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    memset(&server_addr, 0, sizeof(server_addr));
    server_addr.sin_family = AF_INET;
    server_addr.sin_addr.s_addr = 0x0100007f;   /* 127.0.0.1, in network order */
    ok(!bind(listener, (struct sockaddr *)&server_addr, len), "bind: %d\n", WSAGetLastError());
    ok(!listen(listener, SOMAXCONN), "listen: %d\n", WSAGetLastError());
    getsockname(listener, (struct sockaddr *)&server_addr, &len);
    ok(SetFileCompletionNotificationModes((HANDLE)listener, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS), "modes: %lu\n",
       GetLastError());
    listen_io = CreateThreadpoolIo((HANDLE)listener, accept_callback, NULL, NULL);
    ok(listen_io != NULL, "CreateThreadpoolIo: %lu\n", GetLastError());
    for (int i = 0; i < ACCEPTS; i++)
    {
        acceptors[i].s = INVALID_SOCKET;
        acceptor_advance(&acceptors[i], 0);
    }

    for (int i = 0; i < CLIENTS; i++)
        threads[count++] = CreateThread(NULL, 0, client_thread, (void *)(INT_PTR)i, 0, NULL);
    for (int i = 0; i < DROPOUTS; i++)
        threads[count++] = CreateThread(NULL, 0, dropout_thread, (void *)(INT_PTR)(CLIENTS + i), 0, NULL);
    for (int i = 0; i < IDLE; i++) threads[count++] = CreateThread(NULL, 0, idle_thread, NULL, 0, NULL);

    /* every busy client is served and gone; the idle ones are still connected */
    ok(WaitForSingleObject(all_accepted, 60000) == WAIT_OBJECT_0, "accepted only %ld\n", accepted);
    ok(WaitForSingleObject(busy_closed, 60000) == WAIT_OBJECT_0, "closed only %ld\n", closed);
    ok(closed == CLIENTS + DROPOUTS, "closed %ld\n", closed);
    ok(!aborted_receives, "%ld receives aborted\n", aborted_receives);

    /* the server cancels the receives of those left */
    for (int i = 0; i < (int)ARRAYSIZE(conns); i++)
        if (!conns[i].closed) ok(CancelIoEx((HANDLE)conns[i].s, &conns[i].ov), "CancelIoEx: %lu\n", GetLastError());
    ok(WaitForSingleObject(all_closed, 60000) == WAIT_OBJECT_0, "closed only %ld\n", closed);
    ok(aborted_receives == IDLE, "%ld receives aborted\n", aborted_receives);

    for (int i = 0; i < count; i += MAXIMUM_WAIT_OBJECTS)
        WaitForMultipleObjects(min(count - i, MAXIMUM_WAIT_OBJECTS), threads + i, TRUE, INFINITE);
    for (int i = 0; i < count; i++)
    {
        GetExitCodeThread(threads[i], &code);
        total_failures += code;
        CloseHandle(threads[i]);
    }
    ok(!total_failures, "%lu client failures\n", total_failures);

    /* closing the listener ends the AcceptEx requests still pending, each once */
    closesocket(listener);
    WaitForThreadpoolIoCallbacks(listen_io, FALSE);
    ok(aborted_accepts == ACCEPTS, "%ld accepts aborted\n", aborted_accepts);
    CloseThreadpoolIo(listen_io);
    CloseHandle(all_accepted);
    CloseHandle(all_closed);
    CloseHandle(busy_closed);
}

START_TEST(echo)
{
    WSADATA data;
    GUID guid = WSAID_ACCEPTEX;
    DWORD size;
    SOCKET s;

    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    s = socket(AF_INET, SOCK_STREAM, 0);
    WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, sizeof(guid), &pAcceptEx, sizeof(pAcceptEx), &size,
             NULL, NULL);
    closesocket(s);
    test_echo_server();
    WSACleanup();
}
