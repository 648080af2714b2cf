/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The io_uring engine.
 *
 * A context is one ring: one per completion port (so the port's waiters can
 * sleep on it, see completion.c) and one for I/O bound to no port, whose
 * completions a reaper thread turns into events and APCs.  Consuming the CQ
 * is serialised by the port's lock (the reaper's lock for the unbound ring),
 * the SQ by a lock of its own; waiting in io_uring_enter needs no lock.
 *
 * A submitter never consumes CQEs of a ring someone sleeps on: it looks for
 * its own CQE and, when the kernel completed the request inside io_uring_enter
 * (a read from the page cache), completes it then and there as a synchronous
 * completion, leaving the CQE for the sleeper, whom the kernel has woken.
 * Consuming it instead could let the sleeper go to sleep on an empty ring
 * while a packet waits.
 */
#include <errno.h>
#include <liburing.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "async.h"
#include "file.h"

#define RING_ENTRIES 256
#define REAP_BATCH 32

struct engine_ctx
{
    struct io_uring ring;
    struct completion_port *port;   /* NULL: the unbound ring */
    pthread_mutex_t own_lock;       /* the unbound ring's lock (consuming its CQ) */
    pthread_mutex_t sq_lock;        /* the SQ: preparing and submitting SQEs */
    atomic_int inflight;
    bool reaper;                    /* a thread sleeps on this ring at all times */
    atomic_int watched;             /* armed in the watcher's epoll */
    bool watch_added;
};

static struct io_uring_probe *probe;
static unsigned int ring_features;

/* The operation table: how each request kind becomes an SQE. */
static void prep_read(struct io_uring_sqe *sqe, struct async_req *req)
{
    io_uring_prep_readv(sqe, req->fd, req->iov, req->iovcnt, req->offset);
}

static void prep_write(struct io_uring_sqe *sqe, struct async_req *req)
{
    /* A pipe end is a socket, on which io_uring completes a write the kernel did only part of
     * (the socket buffer filled): Windows completes a pipe write once all of it is in, which
     * MSG_WAITALL has io_uring do, carrying on with the rest itself. */
    if (req->offset == -1 && req->iovcnt == 1 && ((struct file *)req->file)->pipe)
        io_uring_prep_send(sqe, req->fd, req->iov[0].iov_base, req->iov[0].iov_len, MSG_WAITALL);
    else io_uring_prep_writev(sqe, req->fd, req->iov, req->iovcnt, req->offset);
}

static void prep_pipe_read(struct io_uring_sqe *sqe, struct async_req *req)
{
    io_uring_prep_recv(sqe, req->fd, req->bounce, req->bounce_len, 0);
}

/* Sockets are non-blocking: io_uring waits for readiness itself (it arms a poll) and the
 * request consumes or sends data only when it completes. */
static void prep_sock_recv(struct io_uring_sqe *sqe, struct async_req *req)
{
    io_uring_prep_recvmsg(sqe, req->fd, &req->sock->msg, req->sock->flags);
}

static void prep_sock_send(struct io_uring_sqe *sqe, struct async_req *req)
{
    io_uring_prep_sendmsg(sqe, req->fd, &req->sock->msg, req->sock->flags);
}

static void prep_sock_accept(struct io_uring_sqe *sqe, struct async_req *req)
{
    io_uring_prep_accept(sqe, req->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

static void prep_sock_connect(struct io_uring_sqe *sqe, struct async_req *req)
{
    io_uring_prep_connect(sqe, req->fd, (struct sockaddr *)&req->sock->addr, req->sock->addr_len);
}

static void prep_sock_transmit(struct io_uring_sqe *sqe, struct async_req *req)
{
    io_uring_prep_poll_add(sqe, req->fd, POLLOUT);
}

static const struct uring_op_def
{
    const char *name;
    int opcode;
    void (*prep)(struct io_uring_sqe *sqe, struct async_req *req);
} op_defs[ASYNC_OP_COUNT] = {
    [ASYNC_READ] = { "read", IORING_OP_READV, prep_read },
    [ASYNC_WRITE] = { "write", IORING_OP_WRITEV, prep_write },
    [ASYNC_PIPE_READ] = { "pipe read", IORING_OP_RECV, prep_pipe_read },
    [ASYNC_SOCK_RECV] = { "socket receive", IORING_OP_RECVMSG, prep_sock_recv },
    [ASYNC_SOCK_SEND] = { "socket send", IORING_OP_SENDMSG, prep_sock_send },
    [ASYNC_SOCK_ACCEPT] = { "socket accept", IORING_OP_ACCEPT, prep_sock_accept },
    [ASYNC_SOCK_CONNECT] = { "socket connect", IORING_OP_CONNECT, prep_sock_connect },
    [ASYNC_SOCK_TRANSMIT] = { "socket transmit", IORING_OP_POLL_ADD, prep_sock_transmit },
};

bool uring_available(void)
{
    struct io_uring ring;
    int ret = io_uring_queue_init(8, &ring, 0);
    if (ret < 0)
    {
        TRACE(ENGINE, "io_uring_queue_init: %s", strerror(-ret));
        return false;
    }
    ring_features = ring.features;
    probe = io_uring_get_probe_ring(&ring);
    io_uring_queue_exit(&ring);
    /* what the engine relies on, probed rather than assumed from a kernel version */
    if (!(ring_features & IORING_FEAT_NODROP) || !(ring_features & IORING_FEAT_EXT_ARG) ||
        !(ring_features & IORING_FEAT_RW_CUR_POS))
    {
        TRACE(ENGINE, "io_uring lacks NODROP, EXT_ARG or RW_CUR_POS (features %#x)", ring_features);
        return false;
    }
    if (!probe) return false;
    for (int i = 0; i < ASYNC_OP_COUNT; i++)
        if (!io_uring_opcode_supported(probe, op_defs[i].opcode) ||
            !io_uring_opcode_supported(probe, IORING_OP_ASYNC_CANCEL) ||
            !io_uring_opcode_supported(probe, IORING_OP_SEND))
        {
            TRACE(ENGINE, "io_uring lacks opcode %d", op_defs[i].opcode);
            return false;
        }
    return true;
}

static void ctx_lock(struct engine_ctx *ctx)
{
    if (ctx->port) port_lock(ctx->port);
    else pthread_mutex_lock(&ctx->own_lock);
}

static void ctx_unlock(struct engine_ctx *ctx)
{
    if (ctx->port) port_unlock(ctx->port);
    else pthread_mutex_unlock(&ctx->own_lock);
}

static bool ctx_trylock(struct engine_ctx *ctx)
{
    return ctx->port ? port_trylock(ctx->port) : !pthread_mutex_trylock(&ctx->own_lock);
}

static unsigned int complete_flags(struct engine_ctx *ctx)
{
    return ctx->port ? ASYNC_PORT_LOCKED | ASYNC_FROM_RING : 0;
}

/* What the request did in all: a short file transfer is finished; a stream send the submitter
 * began at once (sock_call_now) sent its first part then. */
static long cqe_result(const struct async_req *req, long res)
{
    if (req->op == ASYNC_SOCK_SEND && res >= 0) return res + req->sock->done;
    return async_transfer_rest(req, res);
}

static void finish_cqe(struct engine_ctx *ctx, struct io_uring_cqe *cqe)
{
    struct async_req *req = io_uring_cqe_get_data(cqe);
    ULONG_PTR info;
    NTSTATUS status;

    /* kicks and cancellations carry no request */
    if (!req) return;
    atomic_fetch_sub(&ctx->inflight, 1);
    /* a request its submitter completed from this very CQE is done: nothing more to transfer */
    status = async_status_from_result(req, atomic_load(&req->completed) ? cqe->res
                                                                        : cqe_result(req, cqe->res), &info);
    async_complete(req, status, info, complete_flags(ctx));
    async_req_release(req);
}

/* Lock held. */
static int uring_reap(struct engine_ctx *ctx)
{
    struct io_uring_cqe *cqes[REAP_BATCH];
    int total = 0;
    unsigned int n;
    /* io_uring_peek_batch_cqe also flushes an overflowed CQ (IORING_FEAT_NODROP keeps those) */
    while ((n = io_uring_peek_batch_cqe(&ctx->ring, cqes, REAP_BATCH)))
    {
        for (unsigned int i = 0; i < n; i++) finish_cqe(ctx, cqes[i]);
        io_uring_cq_advance(&ctx->ring, n);
        total += n;
    }
    return total;
}

/* Lock held: the request's own CQE, if the kernel has posted it, without consuming anything. */
static struct io_uring_cqe *find_own_cqe(struct engine_ctx *ctx, struct async_req *req)
{
    unsigned int head = *ctx->ring.cq.khead, tail = io_uring_smp_load_acquire(ctx->ring.cq.ktail);
    for (; head != tail; head++)
    {
        struct io_uring_cqe *cqe = &ctx->ring.cq.cqes[head & ctx->ring.cq.ring_mask];
        if (io_uring_cqe_get_data(cqe) == req) return cqe;
    }
    return NULL;
}

/* SQ lock held. */
static struct io_uring_sqe *get_sqe(struct engine_ctx *ctx)
{
    struct io_uring_sqe *sqe;
    while (!(sqe = io_uring_get_sqe(&ctx->ring)))
    {
        /* the SQ is full of unsubmitted entries only if a submit failed: push them now */
        if (io_uring_submit(&ctx->ring) < 0) return NULL;
    }
    return sqe;
}

/*
 * SQ lock held.  A failed io_uring_enter took none of the queued SQEs, but they are in the ring
 * (liburing has published them) and the next submission would push them: for a request that is
 * failed and freed instead, that would run it anyway and complete it twice.  They are all this
 * submitter's -- every failure clears up after itself -- so they become no-ops with no request.
 */
static void drop_queued_sqes(struct engine_ctx *ctx)
{
    struct io_uring_sq *sq = &ctx->ring.sq;
    for (unsigned int i = *sq->khead; i != sq->sqe_tail; i++)
    {
        struct io_uring_sqe *sqe = &sq->sqes[sq->array[i & sq->ring_mask]];
        io_uring_prep_nop(sqe);
        io_uring_sqe_set_data(sqe, NULL);
    }
}

/* A kernel short of memory says EAGAIN or EBUSY for a while; one that keeps saying it fails
 * the request rather than hold the submitter for good. */
#define SUBMIT_TRIES 1000

/* SQ lock held; it may be dropped and taken again while the CQ backlog is drained, which
 * may_drain forbids to a caller holding the CQ lock already. */
static int submit_all(struct engine_ctx *ctx, bool may_drain)
{
    int ret = -EAGAIN;
    for (int tries = 0; tries < SUBMIT_TRIES; tries++)
    {
        ret = io_uring_submit(&ctx->ring);
        if (ret >= 0) return ret;
        if (ret == -EINTR) continue;
        if (ret == -EAGAIN)
        {
            sched_yield();
            continue;
        }
        if (ret == -EBUSY && may_drain)
        {
            /* the CQ backlog is full: drain it, then submit again (the CQ lock comes before the SQ lock) */
            pthread_mutex_unlock(&ctx->sq_lock);
            if (!ctx->reaper)
            {
                ctx_lock(ctx);
                uring_reap(ctx);
                ctx_unlock(ctx);
            }
            else sched_yield();
            pthread_mutex_lock(&ctx->sq_lock);
            continue;
        }
        break;
    }
    drop_queued_sqes(ctx);
    return ret;
}

/*
 * The SQ and the CQ have separate locks, so that a thread the kernel wakes
 * for a CQE does not then sleep again on a lock the submitter holds across
 * io_uring_enter.  Whoever consumes a request's CQE completes it; if that
 * happens before the submitter has returned, it is a synchronous completion.
 */
static void uring_submit(struct engine_ctx *ctx, struct async_req *req)
{
    struct io_uring_sqe *sqe;
    int ret;

    pthread_mutex_lock(&ctx->sq_lock);
    if (!(sqe = get_sqe(ctx)))
    {
        pthread_mutex_unlock(&ctx->sq_lock);
        async_complete(req, STATUS_INSUFFICIENT_RESOURCES, 0, 0);
        async_req_release(req);
        return;
    }
    op_defs[req->op].prep(sqe, req);
    io_uring_sqe_set_data(sqe, req);
    atomic_fetch_add(&ctx->inflight, 1);
    ret = submit_all(ctx, true);
    pthread_mutex_unlock(&ctx->sq_lock);
    if (ret < 0)
    {
        atomic_fetch_sub(&ctx->inflight, 1);
        /* the kernel could not take the request: Windows' answer when it cannot allocate one */
        async_complete(req, ret == -ENOMEM || ret == -EAGAIN || ret == -EBUSY ? STATUS_INSUFFICIENT_RESOURCES
                                                                              : status_from_errno(-ret), 0, 0);
        async_req_release(req);
        return;
    }
    /* a busy CQ lock means another thread is reaping or submitting right now: it completes this
     * request if it is ready, and port_request_pending() sees it pending otherwise */
    if (!ctx_trylock(ctx)) return;
    if (ctx->reaper || (ctx->port && port_has_sleeper(ctx->port)))
    {
        struct io_uring_cqe *cqe = find_own_cqe(ctx, req);
        if (cqe)
        {
            ULONG_PTR info;
            NTSTATUS status = async_status_from_result(req, cqe_result(req, cqe->res), &info);
            /* the CQE stays for the ring's sleeper, who will see the request done */
            async_complete(req, status, info, complete_flags(ctx));
        }
    }
    else uring_reap(ctx);
    /* requests still in flight: make sure a thread waiting on the port will see them complete */
    if (ctx->port) port_request_pending(ctx->port);
    ctx_unlock(ctx);
}

/* Port lock held (dispatch, port_closed).  A kick the kernel refuses with EBUSY is not needed:
 * the CQEs it is holding back end the sleeper's wait by themselves. */
static void uring_kick(struct engine_ctx *ctx)
{
    struct io_uring_sqe *sqe;
    pthread_mutex_lock(&ctx->sq_lock);
    if ((sqe = get_sqe(ctx)))
    {
        io_uring_prep_nop(sqe);
        io_uring_sqe_set_data(sqe, NULL);
        submit_all(ctx, false);
    }
    pthread_mutex_unlock(&ctx->sq_lock);
}

static void uring_cancel(struct engine_ctx *ctx, struct async_req *req)
{
    struct io_uring_sqe *sqe;
    pthread_mutex_lock(&ctx->sq_lock);
    if (!atomic_load(&req->completed) && (sqe = get_sqe(ctx)))
    {
        /* the request itself then completes with -ECANCELED, through the usual path */
        io_uring_prep_cancel(sqe, req, 0);
        io_uring_sqe_set_data(sqe, NULL);
        submit_all(ctx, true);
    }
    pthread_mutex_unlock(&ctx->sq_lock);
}

static bool uring_wait(struct engine_ctx *ctx, const struct timespec *deadline)
{
    struct __kernel_timespec ts;
    struct io_uring_getevents_arg arg = { .sigmask = 0, .sigmask_sz = _NSIG / 8 };
    int ret;

    if (deadline)
    {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long long ns = (deadline->tv_sec - now.tv_sec) * 1000000000LL + (deadline->tv_nsec - now.tv_nsec);
        if (ns <= 0) return false;
        ts.tv_sec = ns / 1000000000;
        ts.tv_nsec = ns % 1000000000;
        arg.ts = (unsigned long long)(uintptr_t)&ts;
    }
    /* EXT_ARG passes the timeout without an SQE, so no lock is needed to wait */
    ret = syscall(__NR_io_uring_enter, ctx->ring.ring_fd, 0, 1, IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG,
                  &arg, sizeof(arg));
    return !(ret < 0 && errno == ETIME);
}

/*
 * A port whose ring has requests in flight but no thread that will reap it
 * (nobody waits on the port, nobody runs its packets: a program waiting on
 * the events of a bound handle) is watched by one thread for all such rings,
 * so that its completions still set events and reach the IOSB.  The watch is
 * one-shot and armed only then: the usual path never touches it.
 */
static int watch_fd = -1;
static pthread_mutex_t watch_lock = PTHREAD_MUTEX_INITIALIZER;

static void *watcher_main(void *arg)
{
    struct epoll_event ev[16];
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    for (;;)
    {
        int n = epoll_wait(watch_fd, ev, 16, -1);
        for (int i = 0; i < n; i++)
        {
            struct engine_ctx *ctx = ev[i].data.ptr;
            ctx_lock(ctx);
            atomic_store(&ctx->watched, 0);
            uring_reap(ctx);
            port_check_unattended(ctx->port);
            ctx_unlock(ctx);
            port_release(ctx->port);
        }
    }
    return NULL;
}

/* Tried again at every need until it works: a thread that cannot be created now (EAGAIN) may be
 * later, and a watcher missing for good would leave such rings unreaped. */
static bool start_watcher(void)
{
    pthread_t thread;
    int fd;
    bool ok = true;

    pthread_mutex_lock(&watch_lock);
    if (watch_fd < 0)
    {
        if ((fd = epoll_create1(EPOLL_CLOEXEC)) < 0) ok = false;
        else
        {
            watch_fd = fd;
            if (pthread_create(&thread, NULL, watcher_main, NULL))
            {
                watch_fd = -1;
                close(fd);
                ok = false;
            }
            else pthread_detach(thread);
        }
    }
    pthread_mutex_unlock(&watch_lock);
    return ok;
}

/* Port lock held. */
static void uring_unattended(struct engine_ctx *ctx)
{
    struct epoll_event ev = { .events = EPOLLIN | EPOLLONESHOT };
    if (atomic_exchange(&ctx->watched, 1)) return;
    if (!start_watcher())
    {
        atomic_store(&ctx->watched, 0);
        wring_error("cannot start the io_uring watcher: no thread or epoll instance");
        return;
    }
    ev.data.ptr = ctx;
    /* the watch holds the port (and so the ring) until it fires */
    object_grab((struct object *)ctx->port);
    if (epoll_ctl(watch_fd, ctx->watch_added ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, ctx->ring.ring_fd, &ev))
    {
        atomic_store(&ctx->watched, 0);
        port_release(ctx->port);
        wring_error("cannot watch an io_uring: %s", strerror(errno));
        return;
    }
    ctx->watch_added = true;
}

static bool uring_busy(struct engine_ctx *ctx)
{
    return atomic_load(&ctx->inflight) > 0;
}

static void *reaper_main(void *arg)
{
    struct engine_ctx *ctx = arg;
    sigset_t all;
    /* signals meant for Windows threads must not land here */
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    for (;;)
    {
        ctx_lock(ctx);
        uring_reap(ctx);
        ctx_unlock(ctx);
        uring_wait(ctx, NULL);
    }
    return NULL;
}

static struct engine_ctx *uring_ctx_create(struct completion_port *port)
{
    struct engine_ctx *ctx = calloc(1, sizeof(*ctx));
    int ret;
    if (!ctx) return NULL;
    if ((ret = io_uring_queue_init(RING_ENTRIES, &ctx->ring, 0)) < 0)
    {
        TRACE(ENGINE, "io_uring_queue_init: %s", strerror(-ret));
        free(ctx);
        return NULL;
    }
    ctx->port = port;
    pthread_mutex_init(&ctx->own_lock, NULL);
    init_adaptive_mutex(&ctx->sq_lock);
    if (!port)
    {
        pthread_t thread;
        ctx->reaper = true;
        if (pthread_create(&thread, NULL, reaper_main, ctx))
        {
            io_uring_queue_exit(&ctx->ring);
            free(ctx);
            return NULL;
        }
        pthread_detach(thread);
    }
    TRACE(ENGINE, "io_uring ring fd %d for %s", ctx->ring.ring_fd, port ? "a completion port" : "unbound I/O");
    return ctx;
}

static void uring_ctx_destroy(struct engine_ctx *ctx)
{
    if (ctx->watch_added) epoll_ctl(watch_fd, EPOLL_CTL_DEL, ctx->ring.ring_fd, NULL);
    /* a port's ring goes with the port; requests still on it hold the port, so there are none */
    io_uring_queue_exit(&ctx->ring);
    pthread_mutex_destroy(&ctx->own_lock);
    pthread_mutex_destroy(&ctx->sq_lock);
    free(ctx);
}

/* A CQE the kernel posted for this thread's own request (its task work ran on the way out of the
 * system call that made the request ready) is completed here rather than by a later reaper. */
static void uring_flush(struct engine_ctx *ctx)
{
    ctx_lock(ctx);
    uring_reap(ctx);
    ctx_unlock(ctx);
}

const struct engine_ops uring_engine = {
    "uring", uring_ctx_create, uring_ctx_destroy, uring_submit, uring_cancel, uring_reap, uring_wait,
    uring_kick, uring_busy, uring_unattended, uring_flush,
};
