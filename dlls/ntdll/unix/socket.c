/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Sockets.  A socket is a file object (file.h) whose fd is a non-blocking
 * Linux socket, so closing, duplicating, binding to a completion port, skip
 * modes and CancelIoEx are the file's.  A call on a blocking socket that
 * cannot go on at once waits in poll() here, with the socket's close event
 * beside it so that closing the socket ends the wait.  Overlapped requests
 * are the async engine's (ASYNC_SOCK_* in its operation table); what they
 * leave to do on completion -- an accepted connection moved into the
 * AcceptEx socket, a sender's address written back -- is sock_finish().
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include "file.h"
#include "socket.h"

NTSTATUS sock_status_from_errno(int err)
{
    switch (err)
    {
#define X(e, status, wsa) case e: return status;
    WRING_SOCK_ERRORS(X)
#undef X
    default: return status_from_errno(err);
    }
}

int wsa_from_errno(int err)
{
    switch (err)
    {
    case 0: return 0;
#define X(e, status, wsa) case e: return wsa;
    WRING_SOCK_ERRORS(X)
#undef X
    default: return WSAEINVAL;
    }
}

NTSTATUS sock_status_from_result(const struct async_req *req, long res, ULONG_PTR *info)
{
    *info = res > 0 ? res : 0;
    if (res >= 0) return STATUS_SUCCESS;
    /* a closed listener is shut down after its requests were cancelled: they fail, but as cancelled */
    if (res == -ECANCELED || atomic_load(&req->cancel_requested)) return STATUS_CANCELLED;
    return sock_status_from_errno(-res);
}

NTSTATUS sock_get(HANDLE handle, struct file **file)
{
    NTSTATUS status = file_get(handle, file);
    if (status) return status == STATUS_OBJECT_TYPE_MISMATCH ? status : STATUS_INVALID_HANDLE;
    if ((*file)->sock) return STATUS_SUCCESS;
    object_release(&(*file)->obj);
    return STATUS_OBJECT_TYPE_MISMATCH;
}

/* A Windows socket address (AF_INET6 is 23 there) as Linux takes it. */
static NTSTATUS addr_from_win(const void *addr, int len, struct sockaddr_storage *out, socklen_t *out_len)
{
    USHORT family;

    if (!addr || len < (int)sizeof(USHORT) || !probe_user((void *)addr, len, false)) return STATUS_ACCESS_VIOLATION;
    memset(out, 0, sizeof(*out));
    family = *(const USHORT *)addr;
    if (family == WS_AF_INET)
    {
        if (len < (int)sizeof(struct sockaddr_in)) return STATUS_ACCESS_VIOLATION;
        memcpy(out, addr, sizeof(struct sockaddr_in));
        out->ss_family = AF_INET;
        *out_len = sizeof(struct sockaddr_in);
        return STATUS_SUCCESS;
    }
    if (family == WS_AF_INET6)
    {
        /* the scope id is the last field; an address without it is the older, shorter form */
        if (len < (int)offsetof(struct sockaddr_in6, sin6_scope_id)) return STATUS_ACCESS_VIOLATION;
        memcpy(out, addr, len < (int)sizeof(struct sockaddr_in6) ? len : (int)sizeof(struct sockaddr_in6));
        out->ss_family = AF_INET6;
        *out_len = sizeof(struct sockaddr_in6);
        return STATUS_SUCCESS;
    }
    return STATUS_INVALID_ADDRESS;
}

/* A Linux socket address in Windows' layout; the caller's length must hold it. */
NTSTATUS sock_addr_to_win(const struct sockaddr_storage *in, void *addr, int *len)
{
    int size = in->ss_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);

    if (!len || !probe_user(len, sizeof(*len), true)) return STATUS_ACCESS_VIOLATION;
    if (!addr || *len < size || !probe_user(addr, size, true)) return STATUS_ACCESS_VIOLATION;
    memcpy(addr, in, size);
    *(USHORT *)addr = in->ss_family == AF_INET6 ? WS_AF_INET6 : WS_AF_INET;
    *len = size;
    return STATUS_SUCCESS;
}

/* Waits on a blocking socket until it is ready or closed, or the thread must stop. */
NTSTATUS sock_wait(struct file *file, short events)
{
    struct pollfd fds[2] = { { file->fd, events, 0 }, { file->sock->close_fd, POLLIN, 0 } };
    for (;;)
    {
        if (thread_must_stop()) return STATUS_CANCELLED;
        int n = poll(fds, 2, -1);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return sock_status_from_errno(errno);
        if (fds[1].revents) return STATUS_CANCELLED;
        return STATUS_SUCCESS;
    }
}

static void sock_destroy_state(struct sock *sock)
{
    sock_events_free(sock);
    if (sock->close_fd >= 0) close(sock->close_fd);
    free(sock);
}

void sock_free(struct file *file)
{
    sock_destroy_state(file->sock);
    file->sock = NULL;
}

/*
 * The last handle is gone and the file has cancelled its requests: calls blocked on the socket
 * end, and a listener stops listening now.  Its fd lives on until the requests still finishing
 * let go of it, and for that long the kernel would go on completing handshakes into its backlog;
 * on Windows a connect to a closed listener is refused at once.
 */
void sock_closed(struct file *file)
{
    uint64_t one = 1;

    if (write(file->sock->close_fd, &one, sizeof(one)) < 0) wring_error("socket close event: %s", strerror(errno));
    sock_events_closed(file);
    if (atomic_load(&file->sock->listening) && shutdown(file->fd, SHUT_RDWR) < 0)
        wring_error("shutting down a closed listener: %s", strerror(errno));
}

static NTSTATUS sock_new_handle(int fd, const struct sock *like, bool overlapped, HANDLE *handle)
{
    struct file *file;
    struct sock *sock;
    NTSTATUS status;

    if (!(sock = calloc(1, sizeof(*sock))) || (sock->close_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) < 0)
    {
        free(sock);
        close(fd);
        return STATUS_NO_MEMORY;
    }
    sock->family = like->family;
    sock->type = like->type;
    sock->protocol = like->protocol;
    atomic_init(&sock->nonblocking, atomic_load(&like->nonblocking));
    if (!(file = file_new(fd, FILE_GENERIC_READ | FILE_GENERIC_WRITE,
                          overlapped ? 0 : FILE_SYNCHRONOUS_IO_NONALERT, NULL)))
    {
        sock_destroy_state(sock);
        close(fd);
        return STATUS_NO_MEMORY;
    }
    file->sock = sock;
    status = handle_alloc(&file->obj, FILE_GENERIC_READ | FILE_GENERIC_WRITE, handle);
    object_release(&file->obj);
    return status;
}

NTSTATUS WINAPI wring_sock_create(int family, int type, int protocol, ULONG flags, HANDLE *handle)
{
    struct sock like = { family, type, protocol };
    int fd, on = 1;

    if (!probe_user(handle, sizeof(*handle), true)) return STATUS_ACCESS_VIOLATION;
    fd = socket(family == WS_AF_INET6 ? AF_INET6 : AF_INET, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
    if (fd < 0) return sock_status_from_errno(errno);
    /* Windows' IPv6 sockets take IPv6 only until told otherwise */
    if (family == WS_AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof(on));
    return sock_new_handle(fd, &like, flags & WRING_SOCK_OVERLAPPED, handle);
}

NTSTATUS WINAPI wring_sock_info(HANDLE handle, int *family, int *type, int *protocol)
{
    struct file *file;
    NTSTATUS status = sock_get(handle, &file);
    if (status) return status;
    if (family) *family = file->sock->family;
    if (type) *type = file->sock->type;
    if (protocol) *protocol = file->sock->protocol;
    object_release(&file->obj);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI wring_sock_bind(HANDLE handle, const void *addr, int len)
{
    struct sockaddr_storage sa;
    socklen_t sa_len;
    struct file *file;
    NTSTATUS status;

    if ((status = sock_get(handle, &file))) return status;
    if (!(status = addr_from_win(addr, len, &sa, &sa_len)))
    {
        if ((sa.ss_family == AF_INET6) != (file->sock->family == WS_AF_INET6)) status = STATUS_INVALID_ADDRESS;
        else if (bind(file->fd, (struct sockaddr *)&sa, sa_len))
            status = errno == EINVAL ? STATUS_INVALID_PARAMETER : sock_status_from_errno(errno);
    }
    object_release(&file->obj);
    return status;
}

NTSTATUS WINAPI wring_sock_listen(HANDLE handle, int backlog)
{
    struct sockaddr_storage sa;
    socklen_t len = sizeof(sa);
    struct file *file;
    NTSTATUS status;

    if ((status = sock_get(handle, &file))) return status;
    /* Windows wants a bound stream socket; Linux would bind an unbound one itself */
    if (file->sock->type != SOCK_STREAM) status = STATUS_NOT_SUPPORTED;
    else if (getsockname(file->fd, (struct sockaddr *)&sa, &len)) status = sock_status_from_errno(errno);
    else if ((sa.ss_family == AF_INET && !((struct sockaddr_in *)&sa)->sin_port) ||
             (sa.ss_family == AF_INET6 && !((struct sockaddr_in6 *)&sa)->sin6_port))
        status = STATUS_INVALID_PARAMETER;
    else if (listen(file->fd, backlog < 0 ? 0 : backlog > SOMAXCONN ? SOMAXCONN : backlog))
        status = sock_status_from_errno(errno);
    else atomic_store(&file->sock->listening, true);
    object_release(&file->obj);
    return status;
}

/* A connect that is under way: its outcome, once the socket is writable. */
static NTSTATUS connect_outcome(int fd)
{
    int err = 0;
    socklen_t len = sizeof(err);
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len)) err = errno;
    return sock_status_from_errno(err);
}

NTSTATUS WINAPI wring_sock_connect(HANDLE handle, const void *addr, int len)
{
    struct sockaddr_storage sa;
    socklen_t sa_len;
    struct file *file;
    NTSTATUS status;

    if ((status = sock_get(handle, &file))) return status;
    if ((status = addr_from_win(addr, len, &sa, &sa_len))) goto done;
    if (atomic_load(&file->sock->listening)) { status = STATUS_INVALID_PARAMETER; goto done; }
    /*
     * Marked before the call: on loopback the kernel may refuse the connect before the call
     * returns, and WSAEventSelect's watcher must take that error as the connect's, not as a
     * close of a socket that was not connecting.
     */
    atomic_store(&file->sock->connecting, true);
    if (!connect(file->fd, (struct sockaddr *)&sa, sa_len)) goto finished;
    status = sock_status_from_errno(errno);
    if (errno != EINPROGRESS) goto finished;
    if (atomic_load(&file->sock->nonblocking)) goto done;
    if (!(status = sock_wait(file, POLLOUT))) status = connect_outcome(file->fd);
finished:
    atomic_store(&file->sock->connecting, false);
done:
    object_release(&file->obj);
    return status;
}

NTSTATUS WINAPI wring_sock_accept(HANDLE handle, HANDLE *accepted, void *addr, int *len)
{
    struct sockaddr_storage sa;
    socklen_t sa_len = sizeof(sa);
    struct file *file;
    NTSTATUS status;
    int fd;

    if ((status = sock_get(handle, &file))) return status;
    if (!atomic_load(&file->sock->listening)) { status = STATUS_INVALID_PARAMETER; goto done; }
    /* the address is checked before the connection is taken, so a bad one loses none */
    if (addr && (!len || !probe_user(len, sizeof(*len), true) || *len < (int)sizeof(struct sockaddr_in) ||
                 !probe_user(addr, *len, true)))
    {
        status = STATUS_ACCESS_VIOLATION;
        goto done;
    }
    for (;;)
    {
        fd = accept4(file->fd, (struct sockaddr *)&sa, &sa_len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        sock_events_reenable(file, WRING_FD_ACCEPT);
        if (fd >= 0) break;
        if (errno == EINTR) continue;
        status = sock_status_from_errno(errno);
        if (errno != EAGAIN || atomic_load(&file->sock->nonblocking)) goto done;
        if ((status = sock_wait(file, POLLIN))) goto done;
    }
    if (addr && (status = sock_addr_to_win(&sa, addr, len)))
    {
        close(fd);
        goto done;
    }
    /* the new socket is like the listening one: its kind, its overlapped mode, FIONBIO */
    status = sock_new_handle(fd, file->sock, !file_is_synchronous(file), accepted);
done:
    object_release(&file->obj);
    return status;
}

static int msg_flags_from_win(ULONG flags)
{
    int ret = 0;
    if (flags & WRING_MSG_OOB) ret |= MSG_OOB;
    if (flags & WRING_MSG_PEEK) ret |= MSG_PEEK;
    if (flags & WRING_MSG_DONTROUTE) ret |= MSG_DONTROUTE;
    if (flags & WRING_MSG_WAITALL) ret |= MSG_WAITALL;
    return ret;
}

/* The buffers of a request, checked: a bad one is WSAEFAULT before anything is sent or taken. */
static NTSTATUS iov_from_bufs(const struct wring_sock_buf *bufs, ULONG count, bool write, struct iovec **iov)
{
    if (count > IOV_MAX) return STATUS_INVALID_PARAMETER;
    if (count && (!bufs || !probe_user((void *)bufs, count * sizeof(*bufs), false))) return STATUS_ACCESS_VIOLATION;
    if (!(*iov = malloc((count ? count : 1) * sizeof(**iov)))) return STATUS_NO_MEMORY;
    for (ULONG i = 0; i < count; i++)
    {
        if (bufs[i].len && !probe_user(bufs[i].buf, bufs[i].len, write))
        {
            free(*iov);
            return STATUS_ACCESS_VIOLATION;
        }
        (*iov)[i].iov_base = bufs[i].buf;
        (*iov)[i].iov_len = bufs[i].len;
    }
    return STATUS_SUCCESS;
}

void sock_iov_advance(struct msghdr *msg, size_t n)
{
    while (n && msg->msg_iovlen)
    {
        size_t step = n < msg->msg_iov->iov_len ? n : msg->msg_iov->iov_len;
        msg->msg_iov->iov_base = (char *)msg->msg_iov->iov_base + step;
        msg->msg_iov->iov_len -= step;
        n -= step;
        if (!msg->msg_iov->iov_len)
        {
            msg->msg_iov++;
            msg->msg_iovlen--;
        }
    }
    while (msg->msg_iovlen && !msg->msg_iov->iov_len)
    {
        msg->msg_iov++;
        msg->msg_iovlen--;
    }
}

/* A send on the calling thread: a blocking stream socket sends everything before it returns. */
static NTSTATUS send_now(struct file *file, struct msghdr *msg, int flags, ULONG *sent)
{
    bool stream = file->sock->type == SOCK_STREAM;
    NTSTATUS status = STATUS_SUCCESS;
    size_t total = 0;

    for (;;)
    {
        ssize_t n = sendmsg(file->fd, msg, flags | MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n >= 0)
        {
            total += n;
            sock_iov_advance(msg, n);
            if (!stream || !msg->msg_iovlen) break;
            continue;
        }
        if (errno == EINTR) continue;
        status = sock_status_from_errno(errno);
        if (errno == EAGAIN) sock_events_reenable(file, WRING_FD_WRITE);
        if (errno != EAGAIN || atomic_load(&file->sock->nonblocking)) break;
        if ((status = sock_wait(file, POLLOUT))) break;
    }
    /* what went out before a stream socket would block is a short send, not an error */
    if (status == STATUS_DEVICE_NOT_READY && total) status = STATUS_SUCCESS;
    *sent = total;
    return status;
}

static NTSTATUS recv_now(struct file *file, struct msghdr *msg, int flags, ULONG *received, ULONG *out_flags)
{
    bool waitall = (flags & MSG_WAITALL) && file->sock->type == SOCK_STREAM && !(flags & MSG_PEEK);
    NTSTATUS status = STATUS_SUCCESS;
    size_t total = 0;

    flags &= ~MSG_WAITALL;
    for (;;)
    {
        ssize_t n = recvmsg(file->fd, msg, flags | MSG_DONTWAIT);
        if (n > 0)
        {
            total += n;
            if (msg->msg_flags & MSG_TRUNC)
            {
                /* a datagram bigger than the buffers: they hold its start, and the call fails */
                status = STATUS_BUFFER_OVERFLOW;
                break;
            }
            sock_iov_advance(msg, n);
            if (waitall && msg->msg_iovlen) continue;
            break;
        }
        if (!n) break;
        if (errno == EINTR) continue;
        status = sock_status_from_errno(errno);
        if (errno != EAGAIN || atomic_load(&file->sock->nonblocking)) break;
        if ((status = sock_wait(file, POLLIN))) break;
    }
    *received = total;
    if (out_flags) *out_flags = 0;
    return status;
}

void sock_req_free(struct sock_req *sr)
{
    if (sr->accepted) object_release(&sr->accepted->obj);
    if (sr->transmit) object_release(&sr->transmit->obj);
    free(sr->iov);
    free(sr);
}

/* The non-blocking calls behind the socket requests: -1 with errno EAGAIN while they must wait. */
static long sock_recv_now(struct async_req *req)
{
    return recvmsg(req->fd, &req->sock->msg, req->sock->flags | MSG_DONTWAIT);
}

/* A stream socket's send goes on until all is out; what earlier tries sent counts too. */
static long sock_send_now(struct async_req *req)
{
    struct sock_req *sr = req->sock;
    for (;;)
    {
        long n = sendmsg(req->fd, &sr->msg, sr->flags | MSG_DONTWAIT);
        if (n < 0) return -1;
        sr->done += n;
        sock_iov_advance(&sr->msg, n);
        if (!sr->stream || !sr->msg.msg_iovlen) return sr->done;
    }
}

static long sock_accept_now(struct async_req *req)
{
    return accept4(req->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

static long (*const call_now[ASYNC_OP_COUNT])(struct async_req *req) = {
    [ASYNC_SOCK_RECV] = sock_recv_now,
    [ASYNC_SOCK_SEND] = sock_send_now,
    [ASYNC_SOCK_ACCEPT] = sock_accept_now,
};

long sock_call_now(struct async_req *req)
{
    long res;

    if (!call_now[req->op]) return -EAGAIN;
    res = call_now[req->op](req);
    if (res >= 0) return res;
    return errno == EINTR ? -EAGAIN : -errno;
}

/* An overlapped request on a socket, for the engine; sr becomes the request's. */
NTSTATUS sock_submit(struct file *file, enum async_op op, const struct wring_sock_async *async,
                     struct sock_req *sr, ULONG length)
{
    struct object *event_obj = NULL;
    struct async_req *req;
    NTSTATUS status;

    if (async->apc && file->async.port) status = STATUS_INVALID_PARAMETER;
    else if (!async->io || !probe_user(async->io, sizeof(*async->io), true)) status = STATUS_ACCESS_VIOLATION;
    else status = STATUS_SUCCESS;
    if (!status && async->event)
    {
        if ((status = handle_ref(async->event, NULL, &event_obj))) ;
        else if (!is_event(event_obj))
        {
            object_release(event_obj);
            event_obj = NULL;
            status = STATUS_OBJECT_TYPE_MISMATCH;
        }
        else event_reset_object(event_obj);
    }
    if (!status && !(req = calloc(1, sizeof(*req)))) status = STATUS_NO_MEMORY;
    if (status)
    {
        if (event_obj) object_release(event_obj);
        sock_req_free(sr);
        return status;
    }
    req->op = op;
    req->fd = file->fd;
    req->file = object_grab(&file->obj);
    req->fa = &file->async;
    req->iov = req->iov_inline;
    req->iovcnt = 0;
    req->sock = sr;
    req->length = length;
    req->offset = -1;
    req->iosb = async->io;
    req->event = event_obj;
    req->apc = async->apc;
    req->apc_context = async->apc_context;
    return async_submit(req);
}

struct sock_req *sock_req_new(void)
{
    struct sock_req *sr = calloc(1, sizeof(*sr));
    if (sr) sr->addr_len = sizeof(sr->addr);
    return sr;
}

/*
 * A receive asks for the next FD_READ once it has taken what it takes: data left then is
 * reported again, as on Windows, but data the receive consumed is not reported after it.
 */
static void sock_reenable_read(struct file *file)
{
    sock_events_reenable(file, WRING_FD_READ | WRING_FD_OOB);
}

/* One send or receive, overlapped or not; the socket's file holds a reference for the caller. */
static NTSTATUS sock_transfer(struct file *file, bool send, struct iovec *iov, ULONG count, ULONG flags,
                              ULONG *out_flags, const void *addr, int addr_len, void *from, int *from_len,
                              const struct wring_sock_async *async, ULONG *bytes)
{
    struct sockaddr_storage sa;
    socklen_t sa_len = 0;
    struct msghdr msg = { 0 };
    struct sock_req *sr;
    NTSTATUS status;
    ULONG length = 0;

    for (ULONG i = 0; i < count; i++) length += iov[i].iov_len;
    if (send && addr && file->sock->type != SOCK_STREAM && (status = addr_from_win(addr, addr_len, &sa, &sa_len)))
    {
        free(iov);
        return status;
    }
    if (from && (!from_len || !probe_user(from_len, sizeof(*from_len), true) ||
                 *from_len < (int)sizeof(struct sockaddr_in) || !probe_user(from, *from_len, true)))
    {
        free(iov);
        return STATUS_ACCESS_VIOLATION;
    }
    if (!async)
    {
        msg.msg_iov = iov;
        msg.msg_iovlen = count;
        if (send)
        {
            msg.msg_name = sa_len ? &sa : NULL;
            msg.msg_namelen = sa_len;
            status = send_now(file, &msg, msg_flags_from_win(flags), bytes);
        }
        else
        {
            msg.msg_name = from ? &sa : NULL;
            msg.msg_namelen = from ? sizeof(sa) : 0;
            status = recv_now(file, &msg, msg_flags_from_win(flags), bytes, out_flags);
            sock_reenable_read(file);
            if ((!status || status == STATUS_BUFFER_OVERFLOW) && from && msg.msg_namelen)
            {
                NTSTATUS addr_status = sock_addr_to_win(&sa, from, from_len);
                if (addr_status) status = addr_status;
            }
        }
        free(iov);
        return status;
    }
    if (!(sr = sock_req_new()))
    {
        free(iov);
        return STATUS_NO_MEMORY;
    }
    sr->iov = iov;
    sr->msg.msg_iov = iov;
    sr->msg.msg_iovlen = count;
    sr->stream = file->sock->type == SOCK_STREAM;
    sr->flags = msg_flags_from_win(flags) | (send ? MSG_NOSIGNAL : 0);
    /* for a stream send io_uring takes MSG_WAITALL as "retry until all is sent"; TCP ignores it */
    if (send && sr->stream) sr->flags |= MSG_WAITALL;
    if (send && sa_len)
    {
        sr->addr = sa;
        sr->msg.msg_name = &sr->addr;
        sr->msg.msg_namelen = sa_len;
    }
    else if (!send && from)
    {
        sr->msg.msg_name = &sr->addr;
        sr->msg.msg_namelen = sizeof(sr->addr);
        sr->win_addr = from;
        sr->win_addr_len = from_len;
    }
    status = sock_submit(file, send ? ASYNC_SOCK_SEND : ASYNC_SOCK_RECV, async, sr, length);
    if (!send) sock_reenable_read(file);
    return status;
}

NTSTATUS WINAPI wring_sock_send(HANDLE handle, const struct wring_sock_buf *bufs, ULONG count, ULONG flags,
                                const void *addr, int addr_len, const struct wring_sock_async *async, ULONG *sent)
{
    struct iovec *iov;
    struct file *file;
    NTSTATUS status;

    if ((status = sock_get(handle, &file))) return status;
    if (!(status = iov_from_bufs(bufs, count, false, &iov)))
        status = sock_transfer(file, true, iov, count, flags, NULL, addr, addr_len, NULL, NULL, async, sent);
    object_release(&file->obj);
    return status;
}

NTSTATUS WINAPI wring_sock_recv(HANDLE handle, const struct wring_sock_buf *bufs, ULONG count, ULONG *flags,
                                void *addr, int *addr_len, const struct wring_sock_async *async, ULONG *received)
{
    struct iovec *iov;
    struct file *file;
    NTSTATUS status;

    if ((status = sock_get(handle, &file))) return status;
    if (!flags || !probe_user(flags, sizeof(*flags), true)) status = STATUS_ACCESS_VIOLATION;
    else if (!(status = iov_from_bufs(bufs, count, true, &iov)))
        status = sock_transfer(file, false, iov, count, *flags, flags, NULL, 0, addr, addr_len, async, received);
    object_release(&file->obj);
    return status;
}

/* ReadFile and WriteFile on a socket: a receive or send without flags. */
NTSTATUS sock_read_write(struct file *file, bool write, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context,
                         IO_STATUS_BLOCK *io, void *buffer, ULONG length)
{
    struct wring_sock_async async = { event, apc, apc_context, io };
    struct iovec *iov = malloc(sizeof(*iov));
    NTSTATUS status;
    ULONG bytes = 0;

    if (!iov) return STATUS_NO_MEMORY;
    iov->iov_base = buffer;
    iov->iov_len = length;
    if (!file_is_synchronous(file))
        return sock_transfer(file, write, iov, 1, 0, NULL, NULL, 0, NULL, NULL, &async, &bytes);
    status = sock_transfer(file, write, iov, 1, 0, NULL, NULL, 0, NULL, NULL, NULL, &bytes);
    if (!NT_ERROR(status))
    {
        io->Status = status;
        io->Information = bytes;
    }
    return status;
}

/*
 * AcceptEx's bookkeeping layout of the two addresses after the received data: each slot
 * holds the address's length, then the address; GetAcceptExSockaddrs reads them back.
 */
static void put_accept_addr(char *slot, ULONG slot_len, const struct sockaddr_storage *sa)
{
    int len = slot_len - sizeof(int);
    if (sock_addr_to_win(sa, slot + sizeof(int), &len)) len = 0;
    memcpy(slot, &len, sizeof(int));
}

/*
 * The second half of an AcceptEx that receives the first data: a receive on the new connection
 * that completes the AcceptEx's own OVERLAPPED, on the listener's port, cancelled as the
 * AcceptEx is.  STATUS_MORE_PROCESSING_REQUIRED tells async_complete that it has taken over.
 */
static NTSTATUS accept_receive(struct async_req *req)
{
    struct sock_req *sr = req->sock, *next_sr;
    struct async_req *next;

    if (!(next = calloc(1, sizeof(*next))) || !(next_sr = sock_req_new()) ||
        !(next_sr->iov = malloc(sizeof(*next_sr->iov))))
    {
        if (next) free(next->sock);
        free(next);
        return STATUS_NO_MEMORY;
    }
    next_sr->iov->iov_base = sr->buffer;
    next_sr->iov->iov_len = sr->data_len;
    next_sr->msg.msg_iov = next_sr->iov;
    next_sr->msg.msg_iovlen = 1;
    next_sr->stream = true;
    next_sr->accepted = (struct file *)object_grab(&sr->accepted->obj);
    next->op = ASYNC_SOCK_RECV;
    next->fd = sr->accepted->fd;
    next->sock = next_sr;
    next->length = sr->data_len;
    next->offset = -1;
    async_chain(req, next);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* Completion work of a request that succeeded (called once, by async_complete). */
NTSTATUS sock_finish(struct async_req *req, NTSTATUS status, ULONG_PTR *info)
{
    struct sock_req *sr = req->sock;

    if (req->op == ASYNC_SOCK_RECV && sr->win_addr)
    {
        sr->addr.ss_family = sr->addr.ss_family ? sr->addr.ss_family : AF_INET;
        if (sock_addr_to_win(&sr->addr, sr->win_addr, sr->win_addr_len)) return STATUS_ACCESS_VIOLATION;
    }
    else if (req->op == ASYNC_SOCK_ACCEPT)
    {
        struct sockaddr_storage local, remote;
        socklen_t local_len = sizeof(local), remote_len = sizeof(remote);
        int fd = *info;

        *info = 0;
        /* the accepted connection takes the place of the AcceptEx socket's unconnected fd */
        if (dup3(fd, sr->accepted->fd, O_CLOEXEC) < 0)
        {
            status = sock_status_from_errno(errno);
            close(fd);
            return status;
        }
        close(fd);
        fcntl(sr->accepted->fd, F_SETFL, fcntl(sr->accepted->fd, F_GETFL) | O_NONBLOCK);
        getsockname(sr->accepted->fd, (struct sockaddr *)&local, &local_len);
        getpeername(sr->accepted->fd, (struct sockaddr *)&remote, &remote_len);
        if (probe_user(sr->buffer + sr->data_len, sr->local_len + sr->remote_len, true))
        {
            put_accept_addr(sr->buffer + sr->data_len, sr->local_len, &local);
            put_accept_addr(sr->buffer + sr->data_len + sr->local_len, sr->remote_len, &remote);
        }
        /* AcceptEx with a receive: the request goes on as the first receive on the connection */
        if (sr->data_len) return accept_receive(req);
    }
    else if (req->op == ASYNC_SOCK_TRANSMIT) return transmit_finish(req, status, info);
    else if (req->op == ASYNC_SOCK_CONNECT && sr->data_len)
    {
        /* ConnectEx's first data goes out once the connection is up */
        ssize_t n = send(req->fd, sr->buffer, sr->data_len, MSG_NOSIGNAL | MSG_DONTWAIT);
        *info = n > 0 ? n : 0;
    }
    return status;
}

NTSTATUS WINAPI wring_sock_accept_ex(HANDLE listener, HANDLE accepted, void *buffer, ULONG data_len,
                                     ULONG local_len, ULONG remote_len, const struct wring_sock_async *async)
{
    struct file *file, *target;
    struct sockaddr_storage sa;
    socklen_t sa_len = sizeof(sa);
    struct sock_req *sr;
    NTSTATUS status;
    ULONG min_len;

    if ((status = sock_get(listener, &file))) return status;
    if ((status = sock_get(accepted, &target))) goto done;
    min_len = (file->sock->family == WS_AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in)) + 16;
    if (!atomic_load(&file->sock->listening) || target == file || local_len < min_len || remote_len < min_len)
        status = STATUS_INVALID_PARAMETER;
    /* an AcceptEx socket must be fresh: neither bound nor connected */
    else if (!getsockname(target->fd, (struct sockaddr *)&sa, &sa_len) &&
             ((sa.ss_family == AF_INET && ((struct sockaddr_in *)&sa)->sin_port) ||
              (sa.ss_family == AF_INET6 && ((struct sockaddr_in6 *)&sa)->sin6_port)))
        status = STATUS_INVALID_PARAMETER;
    else if (!buffer || !probe_user(buffer, data_len + local_len + remote_len, true)) status = STATUS_ACCESS_VIOLATION;
    else if (!(sr = sock_req_new())) status = STATUS_NO_MEMORY;
    if (status)
    {
        object_release(&target->obj);
        goto done;
    }
    sr->accepted = target;
    sr->buffer = buffer;
    sr->local_len = local_len;
    sr->remote_len = remote_len;
    sr->data_len = data_len;
    status = sock_submit(file, ASYNC_SOCK_ACCEPT, async, sr, 0);
done:
    object_release(&file->obj);
    return status;
}

NTSTATUS WINAPI wring_sock_connect_ex(HANDLE handle, const void *addr, int len, const void *data, ULONG data_len,
                                      const struct wring_sock_async *async)
{
    struct sockaddr_storage local;
    socklen_t local_len = sizeof(local);
    struct sock_req *sr;
    struct file *file;
    NTSTATUS status;

    if ((status = sock_get(handle, &file))) return status;
    if (!(sr = sock_req_new())) { status = STATUS_NO_MEMORY; goto done; }
    if ((status = addr_from_win(addr, len, &sr->addr, &sr->addr_len))) goto fail;
    /* ConnectEx needs a bound socket, unlike connect */
    if (getsockname(file->fd, (struct sockaddr *)&local, &local_len) ||
        (local.ss_family == AF_INET && !((struct sockaddr_in *)&local)->sin_port) ||
        (local.ss_family == AF_INET6 && !((struct sockaddr_in6 *)&local)->sin6_port) ||
        file->sock->type != SOCK_STREAM || atomic_load(&file->sock->listening))
    {
        status = STATUS_INVALID_PARAMETER;
        goto fail;
    }
    if (data_len && (!data || !probe_user((void *)data, data_len, false))) { status = STATUS_ACCESS_VIOLATION; goto fail; }
    sr->buffer = (void *)data;
    sr->data_len = data_len;
    status = sock_submit(file, ASYNC_SOCK_CONNECT, async, sr, data_len);
    goto done;
fail:
    sock_req_free(sr);
done:
    object_release(&file->obj);
    return status;
}

/* DisconnectEx: the connection ends at once; the request completes as an overlapped one does.
 * To reuse the socket (TF_REUSE_SOCKET) a fresh Linux socket takes the old one's place. */
NTSTATUS WINAPI wring_sock_disconnect(HANDLE handle, BOOL reuse, const struct wring_sock_async *async)
{
    struct file_call call;
    struct file *file;
    NTSTATUS status;

    if ((status = sock_get(handle, &file))) return status;
    if (!(status = file_call_begin(file, async->event, async->apc, async->apc_context, async->io, &call)))
    {
        NTSTATUS result = STATUS_SUCCESS;
        if (shutdown(file->fd, SHUT_RDWR)) result = sock_status_from_errno(errno);
        else if (reuse)
        {
            int fd = socket(file->sock->family == WS_AF_INET6 ? AF_INET6 : AF_INET,
                            file->sock->type | SOCK_NONBLOCK | SOCK_CLOEXEC, file->sock->protocol);
            if (fd < 0 || dup3(fd, file->fd, O_CLOEXEC) < 0) result = sock_status_from_errno(errno);
            if (fd >= 0) close(fd);
            atomic_store(&file->sock->listening, false);
        }
        status = file_call_end(&call, result);
    }
    object_release(&file->obj);
    return status;
}

NTSTATUS WINAPI wring_sock_shutdown(HANDLE handle, int how)
{
    struct file *file;
    NTSTATUS status;

    if ((status = sock_get(handle, &file))) return status;
    if (how < 0 || how > 2) status = STATUS_INVALID_PARAMETER;
    else if (shutdown(file->fd, how == 0 ? SHUT_RD : how == 1 ? SHUT_WR : SHUT_RDWR))
        status = sock_status_from_errno(errno);
    object_release(&file->obj);
    return status;
}

NTSTATUS WINAPI wring_sock_name(HANDLE handle, BOOL peer, void *addr, int *len)
{
    struct sockaddr_storage sa;
    socklen_t sa_len = sizeof(sa);
    struct file *file;
    NTSTATUS status;
    int ret;

    if ((status = sock_get(handle, &file))) return status;
    ret = peer ? getpeername(file->fd, (struct sockaddr *)&sa, &sa_len)
               : getsockname(file->fd, (struct sockaddr *)&sa, &sa_len);
    if (ret) status = sock_status_from_errno(errno);
    /* an unbound socket has no name on Windows, where Linux reports a zero address */
    else if (!peer && ((sa.ss_family == AF_INET && !((struct sockaddr_in *)&sa)->sin_port) ||
                       (sa.ss_family == AF_INET6 && !((struct sockaddr_in6 *)&sa)->sin6_port)))
        status = STATUS_INVALID_PARAMETER;
    else status = sock_addr_to_win(&sa, addr, len);
    object_release(&file->obj);
    return status;
}

/* The options that are one Linux int each. */
static const struct { int level, name; } int_opts[] = {
    [WRING_SO_REUSEADDR] = { SOL_SOCKET, SO_REUSEADDR },
    [WRING_SO_RCVBUF] = { SOL_SOCKET, SO_RCVBUF },
    [WRING_SO_SNDBUF] = { SOL_SOCKET, SO_SNDBUF },
    [WRING_SO_KEEPALIVE] = { SOL_SOCKET, SO_KEEPALIVE },
    [WRING_SO_BROADCAST] = { SOL_SOCKET, SO_BROADCAST },
    [WRING_SO_ACCEPTCONN] = { SOL_SOCKET, SO_ACCEPTCONN },
    [WRING_TCP_NODELAY] = { IPPROTO_TCP, TCP_NODELAY },
    [WRING_IPV6_V6ONLY] = { IPPROTO_IPV6, IPV6_V6ONLY },
};

static bool is_int_opt(enum wring_sockopt opt)
{
    return opt < ARRAYSIZE(int_opts) && int_opts[opt].level;
}

NTSTATUS WINAPI wring_sock_getopt(HANDLE handle, enum wring_sockopt opt, void *value, int *len)
{
    struct file *file;
    NTSTATUS status;
    int v = 0;
    socklen_t vlen = sizeof(v);

    if ((status = sock_get(handle, &file))) return status;
    if (!len || !probe_user(len, sizeof(*len), true) || !value || !probe_user(value, *len > 0 ? *len : 1, true))
        status = STATUS_ACCESS_VIOLATION;
    else if (opt == WRING_SO_LINGER || opt == WRING_SO_DONTLINGER)
    {
        struct linger l;
        socklen_t llen = sizeof(l);
        if (getsockopt(file->fd, SOL_SOCKET, SO_LINGER, &l, &llen)) status = sock_status_from_errno(errno);
        else if (opt == WRING_SO_LINGER)
        {
            USHORT win[2] = { l.l_onoff ? 1 : 0, l.l_linger };
            if (*len < (int)sizeof(win)) status = STATUS_ACCESS_VIOLATION;
            else
            {
                memcpy(value, win, sizeof(win));
                *len = sizeof(win);
            }
        }
        else v = !l.l_onoff;
    }
    else if (opt == WRING_SO_ERROR)
    {
        if (getsockopt(file->fd, SOL_SOCKET, SO_ERROR, &v, &vlen)) status = sock_status_from_errno(errno);
        else v = wsa_from_errno(v);
    }
    else if (opt == WRING_SO_EXCLUSIVEADDRUSE) v = atomic_load(&file->sock->exclusive);
    else if (is_int_opt(opt))
    {
        if (getsockopt(file->fd, int_opts[opt].level, int_opts[opt].name, &v, &vlen))
            status = sock_status_from_errno(errno);
        /* Linux reports twice the buffer size it was given (its bookkeeping); Windows what was set */
        else if (opt == WRING_SO_RCVBUF || opt == WRING_SO_SNDBUF) v /= 2;
        else v = !!v;
    }
    else status = STATUS_INVALID_DEVICE_REQUEST;
    if (!status && opt != WRING_SO_LINGER)
    {
        if (*len < (int)sizeof(int)) status = STATUS_ACCESS_VIOLATION;
        else
        {
            memcpy(value, &v, sizeof(v));
            *len = sizeof(v);
        }
    }
    object_release(&file->obj);
    return status;
}

NTSTATUS WINAPI wring_sock_setopt(HANDLE handle, enum wring_sockopt opt, const void *value, int len)
{
    struct file *file;
    NTSTATUS status;
    int v = 0;

    if ((status = sock_get(handle, &file))) return status;
    if (!value || len < (int)sizeof(USHORT) * (opt == WRING_SO_LINGER ? 2 : 1) ||
        !probe_user((void *)value, len, false))
    {
        status = STATUS_ACCESS_VIOLATION;
        goto done;
    }
    if (len >= (int)sizeof(int)) memcpy(&v, value, sizeof(v));
    else v = *(const unsigned char *)value;
    if (opt == WRING_SO_LINGER || opt == WRING_SO_DONTLINGER)
    {
        const USHORT *win = value;
        struct linger l = { opt == WRING_SO_LINGER ? !!win[0] : !v, opt == WRING_SO_LINGER ? win[1] : 0 };
        if (opt == WRING_SO_DONTLINGER)
        {
            /* SO_DONTLINGER keeps the timeout that SO_LINGER set */
            struct linger old;
            socklen_t olen = sizeof(old);
            if (!getsockopt(file->fd, SOL_SOCKET, SO_LINGER, &old, &olen)) l.l_linger = old.l_linger;
        }
        if (setsockopt(file->fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l))) status = sock_status_from_errno(errno);
    }
    else if (opt == WRING_SO_EXCLUSIVEADDRUSE || opt == WRING_SO_REUSEADDR)
    {
        int reuse = 0;
        socklen_t rlen = sizeof(reuse);
        getsockopt(file->fd, SOL_SOCKET, SO_REUSEADDR, &reuse, &rlen);
        /* the two exclude each other: Windows refuses to set one while the other is on */
        if (v && (opt == WRING_SO_REUSEADDR ? atomic_load(&file->sock->exclusive) : reuse))
            status = STATUS_INVALID_PARAMETER;
        else if (opt == WRING_SO_EXCLUSIVEADDRUSE) atomic_store(&file->sock->exclusive, !!v);
        else if (setsockopt(file->fd, SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v))) status = sock_status_from_errno(errno);
    }
    else if (opt == WRING_SO_KEEPALIVE_VALS)
    {
        const ULONG *vals = value;
        int idle, interval;
        if (len < (int)(3 * sizeof(ULONG))) { status = STATUS_ACCESS_VIOLATION; goto done; }
        v = !!vals[0];
        /* Windows counts milliseconds, Linux whole seconds */
        idle = vals[1] / 1000 ? vals[1] / 1000 : 1;
        interval = vals[2] / 1000 ? vals[2] / 1000 : 1;
        if (setsockopt(file->fd, SOL_SOCKET, SO_KEEPALIVE, &v, sizeof(v)) ||
            (v && (setsockopt(file->fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof(idle)) ||
                   setsockopt(file->fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof(interval)))))
            status = sock_status_from_errno(errno);
    }
    else if (is_int_opt(opt) && opt != WRING_SO_ACCEPTCONN)
    {
        if (opt != WRING_SO_RCVBUF && opt != WRING_SO_SNDBUF) v = !!v;
        if ((opt == WRING_IPV6_V6ONLY && file->sock->family != WS_AF_INET6)) status = STATUS_INVALID_PARAMETER;
        else if (setsockopt(file->fd, int_opts[opt].level, int_opts[opt].name, &v, sizeof(v)))
            status = sock_status_from_errno(errno);
    }
    else status = STATUS_INVALID_DEVICE_REQUEST;
done:
    object_release(&file->obj);
    return status;
}

NTSTATUS WINAPI wring_sock_set_nonblocking(HANDLE handle, BOOL nonblocking)
{
    struct file *file;
    NTSTATUS status = sock_get(handle, &file);
    if (status) return status;
    atomic_store(&file->sock->nonblocking, !!nonblocking);
    object_release(&file->obj);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI wring_sock_readable(HANDLE handle, ULONG *bytes)
{
    struct file *file;
    NTSTATUS status;
    int n = 0;

    if ((status = sock_get(handle, &file))) return status;
    if (!probe_user(bytes, sizeof(*bytes), true)) status = STATUS_ACCESS_VIOLATION;
    else if (atomic_load(&file->sock->listening)) *bytes = 0;
    else if (ioctl(file->fd, FIONREAD, &n)) status = sock_status_from_errno(errno);
    else *bytes = n;
    object_release(&file->obj);
    return status;
}

NTSTATUS WINAPI wring_sock_poll(struct wring_pollfd *fds, ULONG count, int timeout_ms, ULONG *ready)
{
    struct pollfd *pfds;
    struct file **files;
    NTSTATUS status = STATUS_SUCCESS;
    ULONG n = 0;
    int ret;

    if (!probe_user(ready, sizeof(*ready), true) || (count && !probe_user(fds, count * sizeof(*fds), true)))
        return STATUS_ACCESS_VIOLATION;
    pfds = calloc(count ? count : 1, sizeof(*pfds));
    files = calloc(count ? count : 1, sizeof(*files));
    if (!pfds || !files)
    {
        free(pfds);
        free(files);
        return STATUS_NO_MEMORY;
    }
    for (ULONG i = 0; i < count; i++)
    {
        fds[i].revents = 0;
        pfds[i].fd = -1;
        if (sock_get(fds[i].handle, &files[i]))
        {
            files[i] = NULL;
            fds[i].revents = WRING_POLLNVAL;
            continue;
        }
        pfds[i].fd = files[i]->fd;
        if (fds[i].events & (WRING_POLLRDNORM | WRING_POLLRDBAND)) pfds[i].events |= POLLIN;
        if (fds[i].events & WRING_POLLRDBAND) pfds[i].events |= POLLPRI;
        if (fds[i].events & WRING_POLLWRNORM) pfds[i].events |= POLLOUT;
    }
    for (;;)
    {
        ret = poll(pfds, count, timeout_ms);
        if (ret >= 0 || errno != EINTR || thread_must_stop()) break;
    }
    if (ret < 0) status = sock_status_from_errno(errno);
    for (ULONG i = 0; i < count; i++)
    {
        short r = pfds[i].revents;
        if (files[i])
        {
            /* a socket that is neither listening nor connecting nor connected reports nothing */
            if (r & POLLIN) fds[i].revents |= fds[i].events & WRING_POLLRDNORM;
            if (r & POLLPRI) fds[i].revents |= fds[i].events & WRING_POLLRDBAND;
            if (r & POLLOUT) fds[i].revents |= fds[i].events & WRING_POLLWRNORM;
            if (r & POLLERR) fds[i].revents |= WRING_POLLERR;
            if (r & POLLHUP) fds[i].revents |= WRING_POLLHUP;
            object_release(&files[i]->obj);
        }
        if (fds[i].revents) n++;
    }
    free(pfds);
    free(files);
    *ready = n;
    return status;
}
