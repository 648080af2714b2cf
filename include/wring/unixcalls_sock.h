/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Unix entry points for sockets (ws2_32 and mswsock's requests); part of the list in
 * wring/unixcalls.h.  A socket is a file handle holding a non-blocking Linux socket; its
 * overlapped requests are the async engine's.  Addresses cross in Windows' layout (AF_INET6
 * is 23); the Unix side converts.  Socket options cross as the enum below, so neither side
 * needs the other's constants.
 */
#ifndef WRING_UNIXCALLS_SOCK_H
#define WRING_UNIXCALLS_SOCK_H

/* The overlapped part of a request; NULL for a call that completes before it returns. */
struct wring_sock_async
{
    HANDLE event;
    PIO_APC_ROUTINE apc;
    void *apc_context;
    IO_STATUS_BLOCK *io;
};

/* A buffer as WSABUF lays it out. */
struct wring_sock_buf
{
    ULONG len;
    char *buf;
};

/* wring_sock_create flags */
#define WRING_SOCK_OVERLAPPED   0x01

/* Windows' MSG_* flags, as the requests take them */
#define WRING_MSG_OOB       0x1
#define WRING_MSG_PEEK      0x2
#define WRING_MSG_DONTROUTE 0x4
#define WRING_MSG_WAITALL   0x8
#define WRING_MSG_PARTIAL   0x8000

enum wring_sockopt
{
    WRING_SO_REUSEADDR,
    WRING_SO_EXCLUSIVEADDRUSE,
    WRING_SO_RCVBUF,
    WRING_SO_SNDBUF,
    WRING_SO_KEEPALIVE,
    WRING_SO_LINGER,            /* two u_shorts: onoff, seconds */
    WRING_SO_DONTLINGER,
    WRING_SO_ERROR,
    WRING_SO_BROADCAST,
    WRING_SO_ACCEPTCONN,
    WRING_TCP_NODELAY,
    WRING_IPV6_V6ONLY,
    WRING_SO_KEEPALIVE_VALS,    /* set only: three ULONGs, onoff, time and interval in ms */
};

/* wring_sock_poll: one entry per socket, with Windows' POLL* bits */
struct wring_pollfd
{
    HANDLE handle;
    SHORT events;
    SHORT revents;
};
#define WRING_POLLERR    0x0001
#define WRING_POLLHUP    0x0002
#define WRING_POLLNVAL   0x0004
#define WRING_POLLWRNORM 0x0010
#define WRING_POLLRDNORM 0x0100
#define WRING_POLLRDBAND 0x0200

/* WSAEventSelect's network events (FD_*), and the slot of each one's error */
#define WRING_FD_READ    0x01
#define WRING_FD_WRITE   0x02
#define WRING_FD_OOB     0x04
#define WRING_FD_ACCEPT  0x08
#define WRING_FD_CONNECT 0x10
#define WRING_FD_CLOSE   0x20
#define WRING_FD_ALL     0x3f
#define WRING_FD_BITS    6
#define WRING_FD_SLOTS   10

/*
 * The one table of socket errors: a Linux errno, the NT status a request completes with,
 * the Winsock error the caller sees.  The Unix side reads it left to right (the first row
 * for an errno wins), ws2_32 right from the middle (the first row for a status wins).
 */
#define WRING_SOCK_ERRORS(X) \
    X(EAGAIN, STATUS_DEVICE_NOT_READY, WSAEWOULDBLOCK) \
    X(EINPROGRESS, STATUS_DEVICE_NOT_READY, WSAEWOULDBLOCK) \
    X(EALREADY, STATUS_DEVICE_BUSY, WSAEALREADY) \
    X(EADDRINUSE, STATUS_ADDRESS_ALREADY_EXISTS, WSAEADDRINUSE) \
    X(EADDRNOTAVAIL, STATUS_INVALID_ADDRESS_COMPONENT, WSAEADDRNOTAVAIL) \
    X(ECONNREFUSED, STATUS_CONNECTION_REFUSED, WSAECONNREFUSED) \
    X(ECONNRESET, STATUS_CONNECTION_RESET, WSAECONNRESET) \
    X(ECONNABORTED, STATUS_CONNECTION_ABORTED, WSAECONNABORTED) \
    X(ENOTCONN, STATUS_INVALID_CONNECTION, WSAENOTCONN) \
    X(EISCONN, STATUS_CONNECTION_ACTIVE, WSAEISCONN) \
    X(ETIMEDOUT, STATUS_IO_TIMEOUT, WSAETIMEDOUT) \
    X(EHOSTUNREACH, STATUS_HOST_UNREACHABLE, WSAEHOSTUNREACH) \
    X(ENETUNREACH, STATUS_NETWORK_UNREACHABLE, WSAENETUNREACH) \
    X(EMSGSIZE, STATUS_BUFFER_OVERFLOW, WSAEMSGSIZE) \
    X(EPIPE, STATUS_PIPE_DISCONNECTED, WSAESHUTDOWN) \
    X(ESHUTDOWN, STATUS_PIPE_DISCONNECTED, WSAESHUTDOWN) \
    X(EOPNOTSUPP, STATUS_NOT_SUPPORTED, WSAEOPNOTSUPP) \
    X(EAFNOSUPPORT, STATUS_INVALID_ADDRESS, WSAEAFNOSUPPORT) \
    X(ENOTSOCK, STATUS_OBJECT_TYPE_MISMATCH, WSAENOTSOCK) \
    X(EBADF, STATUS_INVALID_HANDLE, WSAENOTSOCK) \
    X(EFAULT, STATUS_ACCESS_VIOLATION, WSAEFAULT) \
    X(EINVAL, STATUS_INVALID_PARAMETER, WSAEINVAL) \
    X(ENOPROTOOPT, STATUS_INVALID_DEVICE_REQUEST, WSAENOPROTOOPT) \
    X(ENOBUFS, STATUS_NO_MEMORY, WSAENOBUFS) \
    X(ENOMEM, STATUS_INSUFFICIENT_RESOURCES, WSAENOBUFS) \
    X(EMFILE, STATUS_TOO_MANY_OPENED_FILES, WSAEMFILE) \
    X(EACCES, STATUS_ACCESS_DENIED, WSAEACCES) \
    X(EPERM, STATUS_ACCESS_DENIED, WSAEACCES) \
    X(ECANCELED, STATUS_CANCELLED, ERROR_OPERATION_ABORTED) \
    X(EINTR, STATUS_CANCELLED, ERROR_OPERATION_ABORTED)

#define WRING_SOCK_CALLS(X) \
    X(NTSTATUS, wring_sock_create, (int family, int type, int protocol, ULONG flags, HANDLE *handle), \
        (family, type, protocol, flags, handle)) \
    X(NTSTATUS, wring_sock_info, (HANDLE handle, int *family, int *type, int *protocol), \
        (handle, family, type, protocol)) \
    X(NTSTATUS, wring_sock_bind, (HANDLE handle, const void *addr, int len), (handle, addr, len)) \
    X(NTSTATUS, wring_sock_listen, (HANDLE handle, int backlog), (handle, backlog)) \
    X(NTSTATUS, wring_sock_connect, (HANDLE handle, const void *addr, int len), (handle, addr, len)) \
    X(NTSTATUS, wring_sock_accept, (HANDLE handle, HANDLE *accepted, void *addr, int *len), \
        (handle, accepted, addr, len)) \
    X(NTSTATUS, wring_sock_send, (HANDLE handle, const struct wring_sock_buf *bufs, ULONG count, ULONG flags, \
        const void *addr, int addr_len, const struct wring_sock_async *async, ULONG *sent), \
        (handle, bufs, count, flags, addr, addr_len, async, sent)) \
    X(NTSTATUS, wring_sock_recv, (HANDLE handle, const struct wring_sock_buf *bufs, ULONG count, ULONG *flags, \
        void *addr, int *addr_len, const struct wring_sock_async *async, ULONG *received), \
        (handle, bufs, count, flags, addr, addr_len, async, received)) \
    X(NTSTATUS, wring_sock_accept_ex, (HANDLE listener, HANDLE accepted, void *buffer, ULONG data_len, \
        ULONG local_len, ULONG remote_len, const struct wring_sock_async *async), \
        (listener, accepted, buffer, data_len, local_len, remote_len, async)) \
    X(NTSTATUS, wring_sock_connect_ex, (HANDLE handle, const void *addr, int len, const void *data, \
        ULONG data_len, const struct wring_sock_async *async), (handle, addr, len, data, data_len, async)) \
    X(NTSTATUS, wring_sock_disconnect, (HANDLE handle, BOOL reuse, const struct wring_sock_async *async), \
        (handle, reuse, async)) \
    X(NTSTATUS, wring_sock_shutdown, (HANDLE handle, int how), (handle, how)) \
    X(NTSTATUS, wring_sock_name, (HANDLE handle, BOOL peer, void *addr, int *len), (handle, peer, addr, len)) \
    X(NTSTATUS, wring_sock_getopt, (HANDLE handle, enum wring_sockopt opt, void *value, int *len), \
        (handle, opt, value, len)) \
    X(NTSTATUS, wring_sock_setopt, (HANDLE handle, enum wring_sockopt opt, const void *value, int len), \
        (handle, opt, value, len)) \
    X(NTSTATUS, wring_sock_set_nonblocking, (HANDLE handle, BOOL nonblocking), (handle, nonblocking)) \
    X(NTSTATUS, wring_sock_readable, (HANDLE handle, ULONG *bytes), (handle, bytes)) \
    X(NTSTATUS, wring_sock_transmit, (HANDLE handle, HANDLE file, ULONG bytes, const void *head, ULONG head_len, \
        const void *tail, ULONG tail_len, ULONG flags, LONGLONG offset, const struct wring_sock_async *async, \
        ULONG *sent), (handle, file, bytes, head, head_len, tail, tail_len, flags, offset, async, sent)) \
    X(NTSTATUS, wring_sock_event_select, (HANDLE handle, HANDLE event, ULONG events), (handle, event, events)) \
    X(NTSTATUS, wring_sock_enum_events, (HANDLE handle, HANDLE event, ULONG *events, int *errors), \
        (handle, event, events, errors)) \
    X(NTSTATUS, wring_sock_poll, (struct wring_pollfd *fds, ULONG count, int timeout_ms, ULONG *ready), \
        (fds, count, timeout_ms, ready))

/* Declared for both sides: the Unix side defines them, ws2_32 and mswsock import them from ntdll. */
#define WRING_SOCK_DECLARE(ret, name, params, args) ret WINAPI name params;
WRING_SOCK_CALLS(WRING_SOCK_DECLARE)
#undef WRING_SOCK_DECLARE

#endif
