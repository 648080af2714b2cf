/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What the files of ws2_32.dll (and mswsock.dll) share: the Unix calls and Winsock's errors. */
#ifndef WRING_WS2_PRIVATE_H
#define WRING_WS2_PRIVATE_H

#include <stdarg.h>
#include "ntstatus.h"
#define WIN32_NO_STATUS
#include "windef.h"
#include "winbase.h"
#include "winternl.h"
#include "winsock2.h"
#include "ws2tcpip.h"
#include "mswsock.h"
#include "wring/unixcalls_sock.h"
#include "probe.h"

/* SOCKET_ERROR with WSAEFAULT: a buffer the caller handed in that cannot be used. */
static inline int wsa_fault(void)
{
    RtlSetLastWin32Error(WSAEFAULT);
    return SOCKET_ERROR;
}

/* The Winsock error of a status the Unix side returned, from the one table. */
static inline int wsa_error_from_status(NTSTATUS status)
{
    switch (status)
    {
    case STATUS_SUCCESS: return 0;
    case STATUS_PENDING: return WSA_IO_PENDING;
    default: break;
    }
#define X(e, st, wsa) if (status == st) return wsa;
    WRING_SOCK_ERRORS(X)
#undef X
    return RtlNtStatusToDosError(status);
}

/* SOCKET_ERROR with the error set, or 0: the usual end of a Winsock call. */
static inline int wsa_result(NTSTATUS status)
{
    if (!status) return 0;
    RtlSetLastWin32Error(wsa_error_from_status(status));
    return SOCKET_ERROR;
}

/* A blocking call that the socket's closing ended. */
static inline int wsa_sync_result(NTSTATUS status)
{
    if (status == STATUS_CANCELLED)
    {
        RtlSetLastWin32Error(WSAEINTR);
        return SOCKET_ERROR;
    }
    return wsa_result(status);
}

/* The overlapped part of a request: an event, a completion routine, or a port packet.
 * The WSAOVERLAPPED is the IO_STATUS_BLOCK. */
/* A completion routine runs as the issuing thread's APC, with Winsock's arguments. */
static inline void WINAPI ws2_run_completion_routine(void *context, IO_STATUS_BLOCK *io, ULONG reserved)
{
    LPWSAOVERLAPPED_COMPLETION_ROUTINE routine = context;
    DWORD error = NT_ERROR(io->Status) ? wsa_error_from_status(io->Status) : 0;
    (void)reserved;
    routine(error, io->Information, (WSAOVERLAPPED *)io, 0);
}

static inline void ws2_fill_async(struct wring_sock_async *async, WSAOVERLAPPED *overlapped,
                                  LPWSAOVERLAPPED_COMPLETION_ROUTINE routine)
{
    async->io = (IO_STATUS_BLOCK *)overlapped;
    if (routine)
    {
        /* the event is the program's to use as it likes then */
        async->event = NULL;
        async->apc = ws2_run_completion_routine;
        async->apc_context = routine;
    }
    else
    {
        /* an event with its low bit set asks for no packet */
        async->event = (HANDLE)((ULONG_PTR)overlapped->hEvent & ~(ULONG_PTR)1);
        async->apc = NULL;
        async->apc_context = ((ULONG_PTR)overlapped->hEvent & 1) ? NULL : overlapped;
    }
    overlapped->Internal = STATUS_PENDING;
    overlapped->InternalHigh = 0;
}

/* main.c */
BOOL ws2_started(void);
void ws2_fill_protocol(WSAPROTOCOL_INFOW *info, int family, int type, int protocol);

#endif
