/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Readiness: select, WSAPoll, WSAEventSelect with WSAEnumNetworkEvents, and
 * the WSA* event calls, which are the NT event calls under Winsock's names.
 */
#define _WS2_32_
#include "ws2_private.h"

static int poll_timeout(const struct timeval *timeout)
{
    if (!timeout) return -1;
    /* rounded up, so that a short timeout is not a poll that returns at once */
    return timeout->tv_sec * 1000 + (timeout->tv_usec + 999) / 1000;
}

static int add_set(struct wring_pollfd *fds, int count, const fd_set *set, SHORT events)
{
    if (!set) return count;
    for (u_int i = 0; i < set->fd_count; i++)
    {
        int j;
        for (j = 0; j < count; j++) if (fds[j].handle == (HANDLE)set->fd_array[i]) break;
        if (j == count)
        {
            fds[count].handle = (HANDLE)set->fd_array[i];
            fds[count++].events = 0;
        }
        fds[j].events |= events;
    }
    return count;
}

/* Keeps in the set the sockets that are ready as it asks; their number. */
static int keep_ready(const struct wring_pollfd *fds, int count, fd_set *set, SHORT ready)
{
    u_int kept = 0;
    if (!set) return 0;
    for (u_int i = 0; i < set->fd_count; i++)
        for (int j = 0; j < count; j++)
            if (fds[j].handle == (HANDLE)set->fd_array[i] && (fds[j].revents & ready))
            {
                set->fd_array[kept++] = set->fd_array[i];
                break;
            }
    set->fd_count = kept;
    return kept;
}

/* a set select can read and rewrite: its count, then as many sockets as it says */
static BOOL set_accessible(const fd_set *set)
{
    if (!set) return TRUE;
    return ws2_accessible(set, sizeof(set->fd_count), TRUE) &&
           ws2_accessible(set, offsetof(fd_set, fd_array) + set->fd_count * sizeof(SOCKET), TRUE);
}

int WINAPI select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds, const struct timeval *timeout)
{
    struct wring_pollfd fds[3 * FD_SETSIZE];
    NTSTATUS status;
    ULONG ready;
    int count = 0;

    (void)nfds;
    if (!set_accessible(readfds) || !set_accessible(writefds) || !set_accessible(exceptfds) ||
        (timeout && !ws2_accessible(timeout, sizeof(*timeout), FALSE)))
        return wsa_fault();
    if ((!readfds || !readfds->fd_count) && (!writefds || !writefds->fd_count) &&
        (!exceptfds || !exceptfds->fd_count))
    {
        RtlSetLastWin32Error(WSAEINVAL);
        return SOCKET_ERROR;
    }
    if ((readfds && readfds->fd_count > FD_SETSIZE) || (writefds && writefds->fd_count > FD_SETSIZE) ||
        (exceptfds && exceptfds->fd_count > FD_SETSIZE))
    {
        RtlSetLastWin32Error(WSAEINVAL);
        return SOCKET_ERROR;
    }
    count = add_set(fds, count, readfds, POLLRDNORM);
    count = add_set(fds, count, writefds, POLLWRNORM);
    count = add_set(fds, count, exceptfds, POLLRDBAND);
    if ((status = wring_sock_poll(fds, count, poll_timeout(timeout), &ready))) return wsa_result(status);
    for (int i = 0; i < count; i++)
        if (fds[i].revents & POLLNVAL)
        {
            RtlSetLastWin32Error(WSAENOTSOCK);
            return SOCKET_ERROR;
        }
    /* a closed or reset connection reads (as its end or its error); a failed connect is an
     * exception, and not writable as Linux reports it */
    for (int i = 0; i < count; i++)
        if (fds[i].revents & POLLERR) fds[i].revents &= ~POLLWRNORM;
    return keep_ready(fds, count, readfds, POLLRDNORM | POLLHUP) + keep_ready(fds, count, writefds, POLLWRNORM) +
           keep_ready(fds, count, exceptfds, POLLRDBAND | POLLERR);
}

int WINAPI __WSAFDIsSet(SOCKET s, fd_set *set)
{
    for (u_int i = 0; i < set->fd_count; i++) if (set->fd_array[i] == s) return 1;
    return 0;
}

int WINAPI WSAPoll(WSAPOLLFD *fds, ULONG count, int timeout)
{
    NTSTATUS status;
    ULONG ready;

    if (!fds || !ws2_accessible(fds, count * sizeof(*fds), TRUE)) return wsa_fault();
    if (!count)
    {
        RtlSetLastWin32Error(WSAEINVAL);
        return SOCKET_ERROR;
    }
    /* Windows refuses a request for anything but the events it documents */
    for (ULONG i = 0; i < count; i++)
        if (fds[i].events & ~(POLLRDNORM | POLLRDBAND | POLLPRI | POLLWRNORM | POLLWRBAND))
        {
            RtlSetLastWin32Error(WSAEINVAL);
            return SOCKET_ERROR;
        }
    /* WSAPOLLFD is a SOCKET, then the two shorts: the Unix side's entry */
    if ((status = wring_sock_poll((struct wring_pollfd *)fds, count, timeout, &ready))) return wsa_result(status);
    return ready;
}

int WINAPI WSAEventSelect(SOCKET s, WSAEVENT event, LONG events)
{
    return wsa_result(wring_sock_event_select((HANDLE)s, event, events));
}

int WINAPI WSAEnumNetworkEvents(SOCKET s, WSAEVENT event, WSANETWORKEVENTS *info)
{
    ULONG events;
    NTSTATUS status;

    if (!info)
    {
        RtlSetLastWin32Error(WSAEFAULT);
        return SOCKET_ERROR;
    }
    if ((status = wring_sock_enum_events((HANDLE)s, event, &events, info->iErrorCode))) return wsa_result(status);
    info->lNetworkEvents = events;
    return 0;
}

WSAEVENT WINAPI WSACreateEvent(void)
{
    HANDLE event;
    NTSTATUS status = NtCreateEvent(&event, EVENT_ALL_ACCESS, NULL, NotificationEvent, FALSE);
    if (status)
    {
        RtlSetLastWin32Error(RtlNtStatusToDosError(status));
        return WSA_INVALID_EVENT;
    }
    return event;
}

BOOL WINAPI WSACloseEvent(WSAEVENT event)
{
    NTSTATUS status = NtClose(event);
    if (status) RtlSetLastWin32Error(status == STATUS_INVALID_HANDLE ? WSA_INVALID_HANDLE : RtlNtStatusToDosError(status));
    return !status;
}

BOOL WINAPI WSASetEvent(WSAEVENT event)
{
    NTSTATUS status = NtSetEvent(event, NULL);
    if (status) RtlSetLastWin32Error(status == STATUS_INVALID_HANDLE ? WSA_INVALID_HANDLE : RtlNtStatusToDosError(status));
    return !status;
}

BOOL WINAPI WSAResetEvent(WSAEVENT event)
{
    NTSTATUS status = NtResetEvent(event, NULL);
    if (status) RtlSetLastWin32Error(status == STATUS_INVALID_HANDLE ? WSA_INVALID_HANDLE : RtlNtStatusToDosError(status));
    return !status;
}

DWORD WINAPI WSAWaitForMultipleEvents(DWORD count, const WSAEVENT *events, BOOL wait_all, DWORD timeout,
                                      BOOL alertable)
{
    LARGE_INTEGER t, *pt = NULL;
    NTSTATUS status;

    if (!count || count > WSA_MAXIMUM_WAIT_EVENTS || !events)
    {
        RtlSetLastWin32Error(WSA_INVALID_PARAMETER);
        return WSA_WAIT_FAILED;
    }
    if (timeout != WSA_INFINITE)
    {
        t.QuadPart = -(LONGLONG)timeout * 10000;
        pt = &t;
    }
    status = NtWaitForMultipleObjects(count, events, wait_all ? WaitAll : WaitAny, alertable, pt);
    if (status == STATUS_TIMEOUT) return WSA_WAIT_TIMEOUT;
    if (status == STATUS_USER_APC) return WSA_WAIT_IO_COMPLETION;
    if (status < STATUS_WAIT_0 + count) return status;
    RtlSetLastWin32Error(RtlNtStatusToDosError(status));
    return WSA_WAIT_FAILED;
}
