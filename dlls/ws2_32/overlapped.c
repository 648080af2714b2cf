/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Sending and receiving, blocking or overlapped, and WSAGetOverlappedResult.
 * An overlapped request is the async engine's: its WSAOVERLAPPED is the
 * IO_STATUS_BLOCK, and it completes with an event, a completion routine or
 * a packet to the port the socket is bound to, as a file read does.
 */
#define _WS2_32_
#include "ws2_private.h"

/* The end of an overlapped request's call: done at once, pending, or refused. */
static int overlapped_result(NTSTATUS status, WSAOVERLAPPED *overlapped, DWORD *bytes)
{
    if (status == STATUS_PENDING)
    {
        RtlSetLastWin32Error(WSA_IO_PENDING);
        return SOCKET_ERROR;
    }
    if (NT_ERROR(status)) return wsa_result(status);
    if (bytes) *bytes = overlapped->InternalHigh;
    RtlSetLastWin32Error(0);
    return 0;
}

static int send_common(SOCKET s, WSABUF *bufs, DWORD count, DWORD *sent, DWORD flags, const struct sockaddr *to,
                       int to_len, WSAOVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    struct wring_sock_async async;
    NTSTATUS status;
    ULONG bytes = 0;

    if (!overlapped)
    {
        if (!sent)
        {
            RtlSetLastWin32Error(WSAEFAULT);
            return SOCKET_ERROR;
        }
        status = wring_sock_send((HANDLE)s, (struct wring_sock_buf *)bufs, count, flags, to, to_len, NULL, &bytes);
        if (NT_ERROR(status)) return wsa_sync_result(status);
        *sent = bytes;
        RtlSetLastWin32Error(0);
        return 0;
    }
    ws2_fill_async(&async, overlapped, routine);
    status = wring_sock_send((HANDLE)s, (struct wring_sock_buf *)bufs, count, flags, to, to_len, &async, &bytes);
    return overlapped_result(status, overlapped, sent);
}

static int recv_common(SOCKET s, WSABUF *bufs, DWORD count, DWORD *received, DWORD *flags, struct sockaddr *from,
                       int *from_len, WSAOVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    struct wring_sock_async async;
    NTSTATUS status;
    ULONG bytes = 0;

    if (!flags)
    {
        RtlSetLastWin32Error(WSAEFAULT);
        return SOCKET_ERROR;
    }
    if (!overlapped)
    {
        if (!received)
        {
            RtlSetLastWin32Error(WSAEFAULT);
            return SOCKET_ERROR;
        }
        status = wring_sock_recv((HANDLE)s, (struct wring_sock_buf *)bufs, count, (ULONG *)flags, from, from_len,
                                 NULL, &bytes);
        /* a datagram cut short still fills the buffers and counts what it put there */
        if (status == STATUS_BUFFER_OVERFLOW) *received = bytes;
        if (NT_ERROR(status) || status == STATUS_BUFFER_OVERFLOW) return wsa_sync_result(status);
        *received = bytes;
        RtlSetLastWin32Error(0);
        return 0;
    }
    ws2_fill_async(&async, overlapped, routine);
    status = wring_sock_recv((HANDLE)s, (struct wring_sock_buf *)bufs, count, (ULONG *)flags, from, from_len,
                             &async, &bytes);
    return overlapped_result(status, overlapped, received);
}

int WINAPI WSASend(SOCKET s, WSABUF *bufs, DWORD count, DWORD *sent, DWORD flags, WSAOVERLAPPED *overlapped,
                   LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    return send_common(s, bufs, count, sent, flags, NULL, 0, overlapped, routine);
}

int WINAPI WSASendTo(SOCKET s, WSABUF *bufs, DWORD count, DWORD *sent, DWORD flags, const struct sockaddr *to,
                     int to_len, WSAOVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    return send_common(s, bufs, count, sent, flags, to, to_len, overlapped, routine);
}

int WINAPI WSARecv(SOCKET s, WSABUF *bufs, DWORD count, DWORD *received, DWORD *flags, WSAOVERLAPPED *overlapped,
                   LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    return recv_common(s, bufs, count, received, flags, NULL, NULL, overlapped, routine);
}

int WINAPI WSARecvFrom(SOCKET s, WSABUF *bufs, DWORD count, DWORD *received, DWORD *flags, struct sockaddr *from,
                       int *from_len, WSAOVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    return recv_common(s, bufs, count, received, flags, from, from_len, overlapped, routine);
}

int WINAPI send(SOCKET s, const char *buf, int len, int flags)
{
    WSABUF wsabuf = { len, (char *)buf };
    DWORD sent;
    if (send_common(s, &wsabuf, 1, &sent, flags, NULL, 0, NULL, NULL)) return SOCKET_ERROR;
    return sent;
}

int WINAPI sendto(SOCKET s, const char *buf, int len, int flags, const struct sockaddr *to, int to_len)
{
    WSABUF wsabuf = { len, (char *)buf };
    DWORD sent;
    if (send_common(s, &wsabuf, 1, &sent, flags, to, to_len, NULL, NULL)) return SOCKET_ERROR;
    return sent;
}

int WINAPI recv(SOCKET s, char *buf, int len, int flags)
{
    WSABUF wsabuf = { len, buf };
    DWORD received, f = flags;
    if (recv_common(s, &wsabuf, 1, &received, &f, NULL, NULL, NULL, NULL)) return SOCKET_ERROR;
    return received;
}

int WINAPI recvfrom(SOCKET s, char *buf, int len, int flags, struct sockaddr *from, int *from_len)
{
    WSABUF wsabuf = { len, buf };
    DWORD received, f = flags;
    if (recv_common(s, &wsabuf, 1, &received, &f, from, from_len, NULL, NULL)) return SOCKET_ERROR;
    return received;
}

BOOL WINAPI WSAGetOverlappedResult(SOCKET s, WSAOVERLAPPED *overlapped, DWORD *transferred, BOOL wait, DWORD *flags)
{
    NTSTATUS status;

    /* the missing WSAOVERLAPPED is found before the handle is looked at */
    if (!overlapped)
    {
        RtlSetLastWin32Error(WSA_INVALID_PARAMETER);
        return FALSE;
    }
    if ((status = wring_sock_info((HANDLE)s, NULL, NULL, NULL)))
    {
        wsa_result(status);
        return FALSE;
    }
    if (!ws2_accessible(overlapped, sizeof(*overlapped), TRUE) ||
        (transferred && !ws2_accessible(transferred, sizeof(*transferred), TRUE)) ||
        (flags && !ws2_accessible(flags, sizeof(*flags), TRUE)))
    {
        wsa_fault();
        return FALSE;
    }
    status = ((volatile WSAOVERLAPPED *)overlapped)->Internal;
    if (status == STATUS_PENDING)
    {
        HANDLE event = (HANDLE)((ULONG_PTR)overlapped->hEvent & ~(ULONG_PTR)1);
        if (!wait)
        {
            RtlSetLastWin32Error(WSA_IO_INCOMPLETE);
            return FALSE;
        }
        NtWaitForSingleObject(event ? event : (HANDLE)s, FALSE, NULL);
        status = ((volatile WSAOVERLAPPED *)overlapped)->Internal;
    }
    if (transferred) *transferred = overlapped->InternalHigh;
    if (flags) *flags = 0;
    if (NT_ERROR(status)) return wsa_result(status) == 0;
    RtlSetLastWin32Error(0);
    return TRUE;
}
