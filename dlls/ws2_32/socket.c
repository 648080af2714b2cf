/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Sockets' lives: creation, addresses, connections and closing.  A SOCKET is
 * the handle of a file object on the Unix side (wring_sock_*), so CloseHandle,
 * DuplicateHandle and the completion-port calls take it as they take a file.
 */
#define _WS2_32_
#include "ws2_private.h"

static SOCKET create_socket(int family, int type, int protocol, WSAPROTOCOL_INFOW *info, DWORD flags)
{
    HANDLE handle;
    NTSTATUS status;

    if (!ws2_started())
    {
        RtlSetLastWin32Error(WSANOTINITIALISED);
        return INVALID_SOCKET;
    }
    if (info && !ws2_accessible(info, offsetof(WSAPROTOCOL_INFOW, iProtocol) + sizeof(info->iProtocol), FALSE))
    {
        RtlSetLastWin32Error(WSAEFAULT);
        return INVALID_SOCKET;
    }
    if (info)
    {
        family = info->iAddressFamily;
        type = info->iSocketType;
        protocol = info->iProtocol;
    }
    if (family != AF_INET && family != AF_INET6)
    {
        RtlSetLastWin32Error(WSAEAFNOSUPPORT);
        return INVALID_SOCKET;
    }
    if (type != SOCK_STREAM && type != SOCK_DGRAM)
    {
        RtlSetLastWin32Error(WSAESOCKTNOSUPPORT);
        return INVALID_SOCKET;
    }
    if (protocol && protocol != (type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP))
    {
        RtlSetLastWin32Error(WSAEPROTONOSUPPORT);
        return INVALID_SOCKET;
    }
    if (!protocol) protocol = type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
    status = wring_sock_create(family, type, protocol, flags & WSA_FLAG_OVERLAPPED ? WRING_SOCK_OVERLAPPED : 0,
                               &handle);
    if (status)
    {
        wsa_result(status);
        return INVALID_SOCKET;
    }
    /* WSA_FLAG_NO_HANDLE_INHERIT: the handle is not inherited (Wring starts no Windows children) */
    RtlSetLastWin32Error(0);
    return (SOCKET)handle;
}

/* socket() makes overlapped sockets, as Windows' does. */
SOCKET WINAPI socket(int family, int type, int protocol)
{
    return create_socket(family, type, protocol, NULL, WSA_FLAG_OVERLAPPED);
}

SOCKET WINAPI WSASocketW(int family, int type, int protocol, WSAPROTOCOL_INFOW *info, GROUP group, DWORD flags)
{
    (void)group;
    return create_socket(family, type, protocol, info, flags);
}

SOCKET WINAPI WSASocketA(int family, int type, int protocol, WSAPROTOCOL_INFOA *info, GROUP group, DWORD flags)
{
    (void)group;
    /* the fields that choose the socket sit at the same place in both forms */
    return create_socket(family, type, protocol, (WSAPROTOCOL_INFOW *)info, flags);
}

int WINAPI closesocket(SOCKET s)
{
    NTSTATUS status = wring_sock_info((HANDLE)s, NULL, NULL, NULL);
    if (!status) status = NtClose((HANDLE)s);
    return wsa_result(status);
}

int WINAPI bind(SOCKET s, const struct sockaddr *addr, int len)
{
    return wsa_result(wring_sock_bind((HANDLE)s, addr, len));
}

int WINAPI listen(SOCKET s, int backlog)
{
    return wsa_result(wring_sock_listen((HANDLE)s, backlog));
}

int WINAPI connect(SOCKET s, const struct sockaddr *addr, int len)
{
    return wsa_sync_result(wring_sock_connect((HANDLE)s, addr, len));
}

int WINAPI WSAConnect(SOCKET s, const struct sockaddr *addr, int len, WSABUF *caller_data, WSABUF *callee_data,
                      QOS *sqos, QOS *gqos)
{
    (void)sqos; (void)gqos;
    /* TCP/IP carries no connect data */
    if ((caller_data && caller_data->len) || (callee_data && callee_data->len))
    {
        RtlSetLastWin32Error(WSAEOPNOTSUPP);
        return SOCKET_ERROR;
    }
    return connect(s, addr, len);
}

SOCKET WINAPI accept(SOCKET s, struct sockaddr *addr, int *len)
{
    HANDLE accepted;
    NTSTATUS status = wring_sock_accept((HANDLE)s, &accepted, addr, len);
    if (status)
    {
        wsa_sync_result(status);
        return INVALID_SOCKET;
    }
    return (SOCKET)accepted;
}

int WINAPI shutdown(SOCKET s, int how)
{
    return wsa_result(wring_sock_shutdown((HANDLE)s, how));
}

int WINAPI getsockname(SOCKET s, struct sockaddr *addr, int *len)
{
    return wsa_result(wring_sock_name((HANDLE)s, FALSE, addr, len));
}

int WINAPI getpeername(SOCKET s, struct sockaddr *addr, int *len)
{
    return wsa_result(wring_sock_name((HANDLE)s, TRUE, addr, len));
}
