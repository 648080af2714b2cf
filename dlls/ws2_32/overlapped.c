/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * WSAGetOverlappedResult: the outcome of an overlapped socket request.  The
 * Go runtime looks it up at start-up and reads every completion its network
 * poller dequeues through it.  Wring has no sockets yet (they are issue 10's
 * work), so no handle is one, and Windows answers a handle that is not a
 * socket with WSAENOTSOCK, leaving the counts alone.
 */
#include <stdarg.h>
#include "ntstatus.h"
#define WIN32_NO_STATUS
#include "windef.h"
#include "winbase.h"
#include "winternl.h"
#define _WS2_32_
#include "winsock2.h"

BOOL WINAPI WSAGetOverlappedResult(SOCKET s, WSAOVERLAPPED *overlapped, DWORD *transferred, BOOL wait, DWORD *flags)
{
    (void)s; (void)transferred; (void)wait; (void)flags;
    /* the missing WSAOVERLAPPED is found before the handle is looked at */
    RtlSetLastWin32Error(overlapped ? WSAENOTSOCK : WSA_INVALID_PARAMETER);
    return FALSE;
}
