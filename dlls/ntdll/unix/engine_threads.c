/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The threads engine: each request runs as a blocking call on a worker
 * thread, then completes through the same async_complete() as io_uring's.
 * It is the fallback where io_uring cannot be set up (seccomp, sysctl,
 * old kernels).  Cancelling a request that is running interrupts its
 * system call with a signal.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#include "async.h"

/* every request that blocks (a pipe read with no writer) holds a worker: allow many, with small stacks */
#define MAX_WORKERS 1024
#define WORKER_STACK (128 * 1024)

struct engine_ctx
{
    struct completion_port *port;
};

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_cond = PTHREAD_COND_INITIALIZER;
static struct list queue = { &queue, &queue };
static int workers, idle_workers, queued;

static long run_read(struct async_req *req)
{
    return req->offset == -1 ? readv(req->fd, req->iov, req->iovcnt)
                             : preadv(req->fd, req->iov, req->iovcnt, req->offset);
}

static long run_write(struct async_req *req)
{
    struct iovec rest;
    size_t done = 0;
    ssize_t n;

    if (req->offset != -1) return pwritev(req->fd, req->iov, req->iovcnt, req->offset);
    if (req->iovcnt != 1) return writev(req->fd, req->iov, req->iovcnt);
    /* a pipe: Windows' write waits until all of it is in, but a signal may end writev() part-way;
     * a cancelled write stops with what it wrote */
    do
    {
        rest.iov_base = (char *)req->iov[0].iov_base + done;
        rest.iov_len = req->iov[0].iov_len - done;
        if ((n = writev(req->fd, &rest, 1)) > 0) done += n;
    }
    while (done < req->iov[0].iov_len && (n > 0 || errno == EINTR) && !atomic_load(&req->cancel_requested));
    return done ? (long)done : n;
}

static long run_pipe_read(struct async_req *req)
{
    return recv(req->fd, req->bounce, req->bounce_len, 0);
}

/*
 * A socket is non-blocking: the worker waits for it to be ready, then makes the call.  The
 * interrupting signal is blocked except inside ppoll, so a cancel that comes just before the
 * wait is not lost.
 */
static long sock_ready(struct async_req *req, short events)
{
    struct pollfd fd = { req->fd, events, 0 };
    sigset_t block, old;
    long res;

    sigemptyset(&block);
    sigaddset(&block, SIG_INTERRUPT);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    sigdelset(&old, SIG_INTERRUPT);
    if (atomic_load(&req->cancel_requested))
    {
        errno = ECANCELED;
        res = -1;
    }
    else res = ppoll(&fd, 1, NULL, &old);
    pthread_sigmask(SIG_UNBLOCK, &block, NULL);
    return res;
}

/* Waits for readiness, then tries the non-blocking call; another taker may have been first. */
static long run_sock_call(struct async_req *req, short events)
{
    for (;;)
    {
        long res;
        if (sock_ready(req, events) < 0)
        {
            if (errno == EINTR && !atomic_load(&req->cancel_requested)) continue;
            return -1;
        }
        if ((res = sock_call_now(req)) >= 0) return res;
        if (res != -EAGAIN)
        {
            errno = -res;
            return -1;
        }
    }
}

static long run_sock_recv(struct async_req *req)
{
    return run_sock_call(req, POLLIN);
}

static long run_sock_send(struct async_req *req)
{
    return run_sock_call(req, POLLOUT);
}

static long run_sock_accept(struct async_req *req)
{
    return run_sock_call(req, POLLIN);
}

static long run_sock_connect(struct async_req *req)
{
    int err = 0;
    socklen_t len = sizeof(err);

    if (!connect(req->fd, (struct sockaddr *)&req->sock->addr, req->sock->addr_len)) return 0;
    if (errno != EINPROGRESS) return -1;
    do if (sock_ready(req, POLLOUT) >= 0) break;
    while (errno == EINTR && !atomic_load(&req->cancel_requested));
    if (atomic_load(&req->cancel_requested)) return -1;
    if (getsockopt(req->fd, SOL_SOCKET, SO_ERROR, &err, &len)) return -1;
    errno = err;
    return err ? -1 : 0;
}

/* TransmitFile: as much as goes each time the socket is writable, until all is sent. */
static long run_sock_transmit(struct async_req *req)
{
    for (;;)
    {
        int ret;
        if (sock_ready(req, POLLOUT) < 0)
        {
            if (errno == EINTR && !atomic_load(&req->cancel_requested)) continue;
            return -1;
        }
        if (!(ret = transmit_progress(req))) return req->sock->total;
        if (ret != -EAGAIN)
        {
            errno = -ret;
            return -1;
        }
    }
}

/* The operation table: the blocking call for each request kind. */
static long (*const run_op[ASYNC_OP_COUNT])(struct async_req *req) = {
    [ASYNC_READ] = run_read,
    [ASYNC_WRITE] = run_write,
    [ASYNC_PIPE_READ] = run_pipe_read,
    [ASYNC_SOCK_RECV] = run_sock_recv,
    [ASYNC_SOCK_SEND] = run_sock_send,
    [ASYNC_SOCK_ACCEPT] = run_sock_accept,
    [ASYNC_SOCK_CONNECT] = run_sock_connect,
    [ASYNC_SOCK_TRANSMIT] = run_sock_transmit,
};

static void *worker_main(void *arg)
{
    sigset_t mask;
    sigfillset(&mask);
    sigdelset(&mask, SIG_INTERRUPT);
    pthread_sigmask(SIG_SETMASK, &mask, NULL);
    for (;;)
    {
        struct async_req *req;
        pthread_mutex_lock(&queue_lock);
        idle_workers++;
        while (list_empty(&queue)) pthread_cond_wait(&queue_cond, &queue_lock);
        idle_workers--;
        req = LIST_ENTRY_OF(queue.next, struct async_req, engine_entry);
        list_remove(&req->engine_entry);
        queued--;
        req->worker = pthread_self();
        pthread_mutex_unlock(&queue_lock);

        long res;
        if (atomic_load(&req->cancel_requested)) res = -ECANCELED;
        else
        {
            do res = run_op[req->op](req);
            while (res < 0 && errno == EINTR && !atomic_load(&req->cancel_requested));
            if (res < 0) res = -errno;
            else res = async_transfer_rest(req, res);
        }
        pthread_mutex_lock(&queue_lock);
        req->worker = 0;
        pthread_mutex_unlock(&queue_lock);
        ULONG_PTR info;
        NTSTATUS status = async_status_from_result(req, res, &info);
        /* a write's caller learns it is done only once the reader it fed has its data too */
        if (req->op == ASYNC_WRITE && res > 0) async_write_delivered(req);
        async_complete(req, status, info, 0);
        async_req_release(req);
    }
    return NULL;
}

static void threads_submit(struct engine_ctx *ctx, struct async_req *req)
{
    bool started = true;

    pthread_mutex_lock(&queue_lock);
    list_add_tail(&queue, &req->engine_entry);
    /* one idle worker per queued request: a request that blocks (a pipe read) must not hold up
     * the next one, even before the idle workers have woken to take their share */
    if (++queued > idle_workers && workers < MAX_WORKERS)
    {
        pthread_t thread;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, WORKER_STACK);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        if (!pthread_create(&thread, &attr, worker_main, NULL)) workers++;
        else started = false;
        pthread_attr_destroy(&attr);
    }
    /* no worker could be started: a busy one takes the request when it is done, as at the
     * limit, but with no worker at all it would wait for good, so it fails now, as Windows fails
     * a request it has no resources for */
    if (!started && !workers)
    {
        list_remove(&req->engine_entry);
        queued--;
        pthread_mutex_unlock(&queue_lock);
        async_complete(req, STATUS_INSUFFICIENT_RESOURCES, 0, 0);
        async_req_release(req);
        return;
    }
    pthread_cond_signal(&queue_cond);
    pthread_mutex_unlock(&queue_lock);
}

static void threads_cancel(struct engine_ctx *ctx, struct async_req *req)
{
    pthread_mutex_lock(&queue_lock);
    if (req->worker) pthread_kill(req->worker, SIG_INTERRUPT);
    pthread_mutex_unlock(&queue_lock);
}

static int threads_reap(struct engine_ctx *ctx)
{
    /* workers complete their requests themselves */
    return 0;
}

static bool threads_wait(struct engine_ctx *ctx, const struct timespec *deadline)
{
    return false;
}

static void threads_kick(struct engine_ctx *ctx)
{
}

static bool threads_busy(struct engine_ctx *ctx)
{
    /* nothing to sleep on: port waiters use their futexes */
    return false;
}

static void threads_unattended(struct engine_ctx *ctx)
{
}

static void threads_flush(struct engine_ctx *ctx)
{
    /* the worker that runs a request completes it as soon as its call returns */
}

static struct engine_ctx *threads_ctx_create(struct completion_port *port)
{
    struct engine_ctx *ctx = calloc(1, sizeof(*ctx));
    if (!ctx) return NULL;
    ctx->port = port;
    return ctx;
}

static void threads_ctx_destroy(struct engine_ctx *ctx)
{
    free(ctx);
}

const struct engine_ops threads_engine = {
    "threads", threads_ctx_create, threads_ctx_destroy, threads_submit, threads_cancel, threads_reap,
    threads_wait, threads_kick, threads_busy, threads_unattended, threads_flush,
};
