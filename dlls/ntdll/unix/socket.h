/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A socket's own state, shared by socket.c (the calls) and sockevent.c (WSAEventSelect). */
#ifndef WRING_UNIX_SOCKET_H
#define WRING_UNIX_SOCKET_H

#include "file.h"
#include "wring/unixcalls_sock.h"

#define WS_AF_INET 2
#define WS_AF_INET6 23

struct sock_events;

struct sock
{
    int family, type, protocol;     /* Windows' values */
    atomic_bool nonblocking;        /* FIONBIO */
    atomic_bool exclusive;          /* SO_EXCLUSIVEADDRUSE */
    atomic_bool listening;
    atomic_bool connecting;         /* a non-blocking connect is under way */
    int close_fd;                   /* an eventfd, readable once the last handle is closed */
    struct sock_events *events;     /* WSAEventSelect's state, once asked for (sockevent.c) */
};

NTSTATUS sock_status_from_errno(int err);
NTSTATUS sock_get(HANDLE handle, struct file **file);
NTSTATUS sock_wait(struct file *file, short events);
struct sock_req *sock_req_new(void);
NTSTATUS sock_submit(struct file *file, enum async_op op, const struct wring_sock_async *async,
                     struct sock_req *sr, ULONG length);

/* transmit.c: TransmitFile's completion work on the uring engine (it goes on until all is sent) */
NTSTATUS transmit_finish(struct async_req *req, NTSTATUS status, ULONG_PTR *info);
int wsa_from_errno(int err);

/* sockevent.c: the calls that re-enable a network event (Windows' FD_* bits), and the close */
void sock_events_reenable(struct file *file, ULONG events);
void sock_events_closed(struct file *file);
void sock_events_free(struct sock *sock);

#endif
