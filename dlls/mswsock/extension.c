/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * mswsock.dll: the Winsock extension functions.  AcceptEx,
 * GetAcceptExSockaddrs and TransmitFile are exported, as on Windows; ws2_32
 * hands out all five for SIO_GET_EXTENSION_FUNCTION_POINTER.  Each is an overlapped request on
 * the async engine: it completes with the WSAOVERLAPPED's event, or a packet
 * to the port the socket is bound to (a TP_IO's included).
 */
#include "../ws2_32/ws2_private.h"

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    (void)instance; (void)reason; (void)reserved;
    return TRUE;
}

/* The end of an extension call: TRUE done at once, FALSE with ERROR_IO_PENDING or the error. */
static BOOL ext_result(NTSTATUS status, WSAOVERLAPPED *overlapped, DWORD *bytes)
{
    if (status == STATUS_PENDING)
    {
        WSASetLastError(WSA_IO_PENDING);
        return FALSE;
    }
    if (NT_ERROR(status))
    {
        WSASetLastError(wsa_error_from_status(status));
        return FALSE;
    }
    if (bytes) *bytes = overlapped->InternalHigh;
    return TRUE;
}

BOOL WINAPI AcceptEx(SOCKET listener, SOCKET accepted, void *buffer, DWORD data_len, DWORD local_len,
                     DWORD remote_len, DWORD *received, OVERLAPPED *overlapped)
{
    struct wring_sock_async async;

    if (!overlapped)
    {
        WSASetLastError(WSA_INVALID_PARAMETER);
        return FALSE;
    }
    ws2_fill_async(&async, overlapped, NULL);
    return ext_result(wring_sock_accept_ex((HANDLE)listener, (HANDLE)accepted, buffer, data_len, local_len,
                                           remote_len, &async), overlapped, received);
}

/* Reads back the slots AcceptEx filled after the data: each an int length, then the address. */
void WINAPI GetAcceptExSockaddrs(void *buffer, DWORD data_len, DWORD local_len, DWORD remote_len,
                                 struct sockaddr **local, int *local_size, struct sockaddr **remote,
                                 int *remote_size)
{
    char *slot = (char *)buffer + data_len;

    *local = (struct sockaddr *)(slot + sizeof(int));
    memcpy(local_size, slot, sizeof(int));
    slot += local_len;
    *remote = (struct sockaddr *)(slot + sizeof(int));
    memcpy(remote_size, slot, sizeof(int));
    (void)remote_len;
}

BOOL WINAPI ConnectEx(SOCKET s, const struct sockaddr *addr, int len, void *data, DWORD data_len, DWORD *sent,
                      OVERLAPPED *overlapped)
{
    struct wring_sock_async async;

    if (!overlapped)
    {
        WSASetLastError(WSA_INVALID_PARAMETER);
        return FALSE;
    }
    ws2_fill_async(&async, overlapped, NULL);
    return ext_result(wring_sock_connect_ex((HANDLE)s, addr, len, data, data_len, &async), overlapped, sent);
}

BOOL WINAPI DisconnectEx(SOCKET s, OVERLAPPED *overlapped, DWORD flags, DWORD reserved)
{
    struct wring_sock_async async;
    OVERLAPPED local;

    if (reserved || (flags & ~TF_REUSE_SOCKET))
    {
        WSASetLastError(WSAEINVAL);
        return FALSE;
    }
    /* without an OVERLAPPED the call returns once it is done (here: at once), with no packet */
    if (!overlapped)
    {
        memset(&local, 0, sizeof(local));
        ws2_fill_async(&async, &local, NULL);
        async.apc_context = NULL;
        return ext_result(wring_sock_disconnect((HANDLE)s, flags & TF_REUSE_SOCKET, &async), &local, NULL);
    }
    ws2_fill_async(&async, overlapped, NULL);
    return ext_result(wring_sock_disconnect((HANDLE)s, flags & TF_REUSE_SOCKET, &async), overlapped, NULL);
}

BOOL WINAPI TransmitFile(SOCKET s, HANDLE file, DWORD bytes, DWORD per_send, OVERLAPPED *overlapped,
                         TRANSMIT_FILE_BUFFERS *buffers, DWORD flags)
{
    const void *head = buffers ? buffers->Head : NULL, *tail = buffers ? buffers->Tail : NULL;
    ULONG head_len = buffers ? buffers->HeadLength : 0, tail_len = buffers ? buffers->TailLength : 0;
    struct wring_sock_async async;
    LONGLONG offset;
    NTSTATUS status;
    ULONG sent;

    /* the size of each send is the system's to choose */
    (void)per_send;
    if (!overlapped)
    {
        status = wring_sock_transmit((HANDLE)s, file, bytes, head, head_len, tail, tail_len, flags, -1, NULL, &sent);
        if (!status) return TRUE;
        WSASetLastError(wsa_error_from_status(status));
        return FALSE;
    }
    /* an overlapped TransmitFile sends from the offset its OVERLAPPED names */
    offset = ((LONGLONG)overlapped->OffsetHigh << 32) | overlapped->Offset;
    ws2_fill_async(&async, overlapped, NULL);
    return ext_result(wring_sock_transmit((HANDLE)s, file, bytes, head, head_len, tail, tail_len, flags, offset,
                                          &async, NULL), overlapped, NULL);
}
