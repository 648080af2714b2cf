/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Socket options and controls: getsockopt/setsockopt, ioctlsocket and WSAIoctl.
 * Windows' (level, name) pairs become the Unix side's option enum here; the
 * extension functions (AcceptEx and friends) are mswsock.dll's, looked up by
 * their GUIDs.
 */
#define _WS2_32_
#include "ws2_private.h"
#include "mstcpip.h"

static const struct
{
    int level, name;
    enum wring_sockopt opt;
} options[] =
{
    { SOL_SOCKET, SO_REUSEADDR, WRING_SO_REUSEADDR },
    { SOL_SOCKET, SO_EXCLUSIVEADDRUSE, WRING_SO_EXCLUSIVEADDRUSE },
    { SOL_SOCKET, SO_RCVBUF, WRING_SO_RCVBUF },
    { SOL_SOCKET, SO_SNDBUF, WRING_SO_SNDBUF },
    { SOL_SOCKET, SO_KEEPALIVE, WRING_SO_KEEPALIVE },
    { SOL_SOCKET, SO_LINGER, WRING_SO_LINGER },
    { SOL_SOCKET, SO_DONTLINGER, WRING_SO_DONTLINGER },
    { SOL_SOCKET, SO_ERROR, WRING_SO_ERROR },
    { SOL_SOCKET, SO_BROADCAST, WRING_SO_BROADCAST },
    { SOL_SOCKET, SO_ACCEPTCONN, WRING_SO_ACCEPTCONN },
    { IPPROTO_TCP, TCP_NODELAY, WRING_TCP_NODELAY },
    { IPPROTO_IPV6, IPV6_V6ONLY, WRING_IPV6_V6ONLY },
};

static BOOL find_option(int level, int name, enum wring_sockopt *opt)
{
    for (int i = 0; i < (int)ARRAYSIZE(options); i++)
        if (options[i].level == level && options[i].name == name)
        {
            *opt = options[i].opt;
            return TRUE;
        }
    return FALSE;
}

static int int_result(NTSTATUS status, char *value, int *len, int v)
{
    if (status) return wsa_result(status);
    if (!value || !len || *len < (int)sizeof(int))
    {
        RtlSetLastWin32Error(WSAEFAULT);
        return SOCKET_ERROR;
    }
    memcpy(value, &v, sizeof(v));
    *len = sizeof(v);
    return 0;
}

int WINAPI getsockopt(SOCKET s, int level, int name, char *value, int *len)
{
    enum wring_sockopt opt;
    int family, type, protocol;
    NTSTATUS status = wring_sock_info((HANDLE)s, &family, &type, &protocol);

    if (status) return wsa_result(status);
    if (!ws2_accessible(len, sizeof(*len), TRUE) || !ws2_accessible(value, *len > 0 ? *len : 0, TRUE))
        return wsa_fault();
    if (level == SOL_SOCKET && name == SO_TYPE) return int_result(status, value, len, type);
    if (level == SOL_SOCKET && name == SO_PROTOCOL_INFOW)
    {
        if (!value || !len || *len < (int)sizeof(WSAPROTOCOL_INFOW))
        {
            if (len) *len = sizeof(WSAPROTOCOL_INFOW);
            RtlSetLastWin32Error(WSAEFAULT);
            return SOCKET_ERROR;
        }
        ws2_fill_protocol((WSAPROTOCOL_INFOW *)value, family, type, protocol);
        *len = sizeof(WSAPROTOCOL_INFOW);
        return 0;
    }
    if (!find_option(level, name, &opt))
    {
        RtlSetLastWin32Error(WSAENOPROTOOPT);
        return SOCKET_ERROR;
    }
    return wsa_result(wring_sock_getopt((HANDLE)s, opt, value, len));
}

int WINAPI setsockopt(SOCKET s, int level, int name, const char *value, int len)
{
    enum wring_sockopt opt;
    NTSTATUS status = wring_sock_info((HANDLE)s, NULL, NULL, NULL);

    if (status) return wsa_result(status);
    if (level == SOL_SOCKET && (name == SO_UPDATE_ACCEPT_CONTEXT || name == SO_UPDATE_CONNECT_CONTEXT))
    {
        /* the accepted or connected Linux socket has its state already; the value names the
         * listening socket, which must be one */
        if (name == SO_UPDATE_CONNECT_CONTEXT) return 0;
        if (!value || len < (int)sizeof(SOCKET))
        {
            RtlSetLastWin32Error(WSAEFAULT);
            return SOCKET_ERROR;
        }
        return wsa_result(wring_sock_info((HANDLE)*(const SOCKET *)value, NULL, NULL, NULL));
    }
    if (!find_option(level, name, &opt) || opt == WRING_SO_ERROR || opt == WRING_SO_ACCEPTCONN)
    {
        RtlSetLastWin32Error(WSAENOPROTOOPT);
        return SOCKET_ERROR;
    }
    return wsa_result(wring_sock_setopt((HANDLE)s, opt, value, len));
}

int WINAPI ioctlsocket(SOCKET s, LONG cmd, ULONG *arg)
{
    NTSTATUS status;

    if (cmd != FIONBIO && cmd != (LONG)FIONREAD)
    {
        if ((status = wring_sock_info((HANDLE)s, NULL, NULL, NULL))) return wsa_result(status);
        RtlSetLastWin32Error(WSAEINVAL);
        return SOCKET_ERROR;
    }
    if (!arg)
    {
        RtlSetLastWin32Error(WSAEFAULT);
        return SOCKET_ERROR;
    }
    if (cmd == FIONBIO) return wsa_result(wring_sock_set_nonblocking((HANDLE)s, *arg != 0));
    return wsa_result(wring_sock_readable((HANDLE)s, arg));
}

static const struct
{
    GUID guid;
    const char *name;
} extensions[] =
{
    { WSAID_ACCEPTEX, "AcceptEx" },
    { WSAID_CONNECTEX, "ConnectEx" },
    { WSAID_DISCONNECTEX, "DisconnectEx" },
    { WSAID_GETACCEPTEXSOCKADDRS, "GetAcceptExSockaddrs" },
    { WSAID_TRANSMITFILE, "TransmitFile" },
};

/* An extension function: mswsock.dll's, loaded on first use. */
static void *extension_function(const GUID *guid)
{
    static const WCHAR mswsock[] = L"mswsock.dll";
    UNICODE_STRING dll = { sizeof(mswsock) - sizeof(WCHAR), sizeof(mswsock), (WCHAR *)mswsock };
    HMODULE module;
    void *func;

    for (int i = 0; i < (int)ARRAYSIZE(extensions); i++)
    {
        ANSI_STRING name;
        if (memcmp(guid, &extensions[i].guid, sizeof(*guid))) continue;
        if (LdrLoadDll(NULL, 0, &dll, &module)) return NULL;
        RtlInitAnsiString(&name, extensions[i].name);
        if (LdrGetProcedureAddress(module, &name, 0, &func)) return NULL;
        return func;
    }
    return NULL;
}

int WINAPI WSAIoctl(SOCKET s, DWORD code, void *in, DWORD in_size, void *out, DWORD out_size, DWORD *returned,
                    WSAOVERLAPPED *overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    NTSTATUS status = wring_sock_info((HANDLE)s, NULL, NULL, NULL);
    ULONG value;
    int ret;

    (void)routine;
    if (status) return wsa_result(status);
    if (!returned && !overlapped)
    {
        RtlSetLastWin32Error(WSAEFAULT);
        return SOCKET_ERROR;
    }
    if ((in && !ws2_accessible(in, in_size, FALSE)) || (out && !ws2_accessible(out, out_size, TRUE)) ||
        (returned && !ws2_accessible(returned, sizeof(*returned), TRUE)))
        return wsa_fault();
    switch (code)
    {
    case FIONBIO:
        if (!in || in_size < sizeof(ULONG))
        {
            RtlSetLastWin32Error(WSAEFAULT);
            return SOCKET_ERROR;
        }
        value = *(ULONG *)in;
        ret = ioctlsocket(s, FIONBIO, &value);
        if (!ret && returned) *returned = 0;
        return ret;
    case FIONREAD:
        if (!out || out_size < sizeof(ULONG))
        {
            RtlSetLastWin32Error(WSAEFAULT);
            return SOCKET_ERROR;
        }
        ret = ioctlsocket(s, FIONREAD, out);
        if (!ret && returned) *returned = sizeof(ULONG);
        return ret;
    case SIO_KEEPALIVE_VALS:
        if (!in || in_size < sizeof(struct tcp_keepalive))
        {
            RtlSetLastWin32Error(WSAEFAULT);
            return SOCKET_ERROR;
        }
        ret = wsa_result(wring_sock_setopt((HANDLE)s, WRING_SO_KEEPALIVE_VALS, in, sizeof(struct tcp_keepalive)));
        if (!ret && returned) *returned = 0;
        return ret;
    case SIO_GET_EXTENSION_FUNCTION_POINTER:
    {
        void *func;
        if (!in || in_size < sizeof(GUID) || !out || out_size < sizeof(void *))
        {
            RtlSetLastWin32Error(WSAEFAULT);
            return SOCKET_ERROR;
        }
        if (!(func = extension_function(in)))
        {
            RtlSetLastWin32Error(WSAEINVAL);
            return SOCKET_ERROR;
        }
        memcpy(out, &func, sizeof(func));
        if (returned) *returned = sizeof(func);
        return 0;
    }
    default:
        RtlSetLastWin32Error(WSAEINVAL);
        return SOCKET_ERROR;
    }
}
