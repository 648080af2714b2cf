/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Asynchronous requests and the one place where Windows' completion rules
 * are applied, whatever engine finished the request:
 *   the IO_STATUS_BLOCK (OVERLAPPED.Internal/InternalHigh) is written,
 *   the event is set, the file object signalled (unless FILE_SKIP_SET_EVENT_ON_HANDLE),
 *   the APC is queued to the issuing thread,
 *   a packet goes to the bound port, except for a synchronous success under
 *   FILE_SKIP_COMPLETION_PORT_ON_SUCCESS; a synchronous error has none of these.
 */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include "async.h"
#include "file.h"

void file_async_init(struct file_async *fa)
{
    init_adaptive_mutex(&fa->lock);
    fa->port = NULL;
    fa->key = 0;
    fa->modes = 0;
    list_init(&fa->requests);
    atomic_init(&fa->signaled, true);
}

void file_async_cleanup(struct file_async *fa)
{
    if (fa->port) port_release(fa->port);
    pthread_mutex_destroy(&fa->lock);
}

NTSTATUS async_status_from_result(const struct async_req *req, long res, ULONG_PTR *info)
{
    if (req->sock) return sock_status_from_result(req, res, info);
    *info = 0;
    if (res < 0)
    {
        if (res == -ECANCELED || (res == -EINTR && atomic_load(&req->cancel_requested))) return STATUS_CANCELLED;
        /* a write whose reader is gone: Windows fails it with STATUS_PIPE_CLOSING (ERROR_NO_DATA) */
        if (res == -EPIPE) return STATUS_PIPE_CLOSING;
        return status_from_errno(-res);
    }
    *info = res;
    if (!res && (req->op == ASYNC_READ || req->op == ASYNC_PIPE_READ) && req->length)
        return req->offset == -1 ? STATUS_PIPE_BROKEN : STATUS_END_OF_FILE;
    return STATUS_SUCCESS;
}

/*
 * Windows completes a read or a write of a file in full -- a read comes back short only at the
 * end of the file -- but the kernel may stop early: a signal, a full disk reached mid-way, an
 * io_uring request that ran out of its slice.  The rest is done here with blocking calls, by
 * the thread that completes the request (only it: the request still completes once).  It is
 * rare but for a read that reaches the end of the file, where the one extra call finds nothing.
 * res: what the kernel did (bytes or -errno); returns the request's result.
 */
long async_transfer_rest(const struct async_req *req, long res)
{
    struct iovec *iov;
    size_t done = res;
    int first;

    /* offset -1: a pipe, whose read returns what is there */
    if (res <= 0 || (size_t)res >= req->length || req->offset == -1 ||
        (req->op != ASYNC_READ && req->op != ASYNC_WRITE))
        return res;
    if (!(iov = malloc(req->iovcnt * sizeof(*iov)))) return res;
    while (done < req->length)
    {
        size_t skip = done;
        ssize_t n;
        /* the iovecs still to do, from what is done so far */
        memcpy(iov, req->iov, req->iovcnt * sizeof(*iov));
        for (first = 0; first < req->iovcnt && skip >= iov[first].iov_len; first++) skip -= iov[first].iov_len;
        iov[first].iov_base = (char *)iov[first].iov_base + skip;
        iov[first].iov_len -= skip;
        n = req->op == ASYNC_READ ? preadv(req->fd, iov + first, req->iovcnt - first, req->offset + done)
                                  : pwritev(req->fd, iov + first, req->iovcnt - first, req->offset + done);
        if (n < 0 && errno == EINTR) continue;
        /* a write that fails part-way fails (the disk is full); a read returns what it found */
        if (n < 0 && req->op == ASYNC_WRITE)
        {
            res = -errno;
            break;
        }
        if (n <= 0) break;
        done += n;
    }
    free(iov);
    return res < 0 ? res : (long)done;
}

void async_req_release(struct async_req *req)
{
    if (atomic_fetch_sub(&req->refs, 1) != 1) return;
    if (req->event) object_release(req->event);
    if (req->thread) object_release(&req->thread->obj);
    if (req->port) port_release(req->port);
    if (req->iov != req->iov_inline) free(req->iov);
    if (req->bounce) pipe_bounce_free(req->bounce);
    if (req->sock) sock_req_free(req->sock);
    object_release(req->file);
    free(req);
}

void async_complete(struct async_req *req, NTSTATUS status, ULONG_PTR info, unsigned int flags)
{
    int expected = REQ_SUBMITTING;
    struct file_async *fa = req->fa;
    bool synchronous, post, lock, signal_file;

    if (atomic_exchange(&req->completed, 1)) return;
    /* only the completion that counts takes the message, so the engines may look at a result twice */
    if (req->op == ASYNC_PIPE_READ && !NT_ERROR(status)) status = pipe_read_finish(req, info, &info);
    if (req->sock && !NT_ERROR(status)) status = sock_finish(req, status, &info);
    if (status == STATUS_MORE_PROCESSING_REQUIRED)
    {
        /* another request carries it on (async_chain): this one ends without a trace, and its
         * submitter, if still there, returns STATUS_PENDING */
        if (req->port) port_count_request(req->port, -1);
        atomic_store(&req->state, REQ_DONE);
        pthread_mutex_lock(&fa->lock);
        list_remove(&req->file_entry);
        pthread_mutex_unlock(&fa->lock);
        atomic_store(&req->published, 1);
        return;
    }
    if (req->port) port_count_request(req->port, -1);
    /* synchronous only when the submitter itself completes it before returning: then nobody else
     * reads inline_status or the IOSB before this thread has written them */
    synchronous = !req->always_pends && current_thread && req->issuer_tid == current_thread->tid &&
                  atomic_compare_exchange_strong(&req->state, &expected, REQ_INLINE);

    if (!synchronous) atomic_store(&req->state, REQ_DONE);
    else req->inline_status = status;

    pthread_mutex_lock(&fa->lock);
    list_remove(&req->file_entry);
    /* Windows looks the port up when the request completes: one bound to the file while the
     * request was pending gets its packet, unless the request has an APC to run instead */
    if (!req->port && fa->port && !req->apc)
    {
        req->port = fa->port;
        object_grab((struct object *)req->port);
        req->key = fa->key;
        req->post_packet = req->apc_context != NULL;
    }
    pthread_mutex_unlock(&fa->lock);

    /* a request that fails at once leaves no trace but its status, as on Windows: the IOSB is as
     * the caller left it */
    if (synchronous && NT_ERROR(status))
    {
        atomic_store(&fa->signaled, true);
        atomic_store(&req->published, 1);
        return;
    }

    /* Information first: a poller of OVERLAPPED.Internal must see the count once the status changes */
    req->iosb->Information = info;
    atomic_thread_fence(memory_order_release);

    /* The packet and the signals appear as one: the port lock, which every taker of a packet
     * needs, is held from the packet's queueing until the event and the handle are set.  So a
     * thread that saw the event finds the packet in the port (and may drain the port, or close
     * the TP_IO the key names), and one that took the packet finds the event set. */
    post = req->post_packet && !(synchronous && (req->modes & FILE_SKIP_COMPLETION_PORT_ON_SUCCESS));
    lock = post && !(flags & ASYNC_PORT_LOCKED);
    if (lock) port_lock(req->port);
    signal_file = !(req->modes & FILE_SKIP_SET_EVENT_ON_HANDLE);
    if (req->event)
    {
        /* The status and the signals change together, under the lock every wait takes: a thread
         * that saw the status (HasOverlappedIoCompleted, GetOverlappedResult) then finds the event
         * set, as the issuer sees them on Windows.  The handle first: a thread woken by the event
         * may start the next request on it at once, and a late signal would end that one too. */
        sync_lock();
        req->iosb->Status = status;
        if (signal_file)
        {
            atomic_store(&fa->signaled, true);
            wake_waiters(req->file);
        }
        event_set_locked(req->event);
        sync_unlock();
    }
    else
    {
        req->iosb->Status = status;
        if (signal_file)
        {
            atomic_store(&fa->signaled, true);
            wake_waiters_unlocked(req->file);
        }
    }
    if (post)
    {
        struct packet *p = malloc(sizeof(*p));
        if (p)
        {
            p->key = req->key;
            p->value = (ULONG_PTR)req->apc_context;
            p->status = status;
            p->info = info;
            p->owner = NULL;
            port_post(req->port, p, true, flags & ASYNC_FROM_RING);
        }
        else wring_error("out of memory: an I/O completion packet was lost");
    }
    if (lock) port_unlock(req->port);
    if (req->apc) thread_queue_apc(req->thread, (void *)req->apc, (ULONG_PTR)req->apc_context,
                                   (ULONG_PTR)req->iosb, 0);
    atomic_store(&req->published, 1);
}

/*
 * Requests done at once, on the submitting thread, when what they need is already there: a
 * synchronous completion, as Windows has, with no engine round trip (an SQE, the submission
 * lock, a CQE and the ring's sleeper woken for it).  Each returns the request's result (bytes
 * or -errno), or -EAGAIN when the request goes to the engine after all.
 *
 * A read of a cached file whose data is all in the page cache is Windows' fast I/O: preadv2
 * with RWF_NOWAIT copies what is cached and says EAGAIN rather than go to the disk.  A short
 * count is either the end of the file or a partly cached range: only the first is a result;
 * the second goes to the engine whole, like anything the kernel could not do at once.  Any
 * error goes to the engine too, which reports it as it would have.
 */
static atomic_bool nowait_refused;

static long file_read_now(struct async_req *req)
{
    const struct file *file = (const struct file *)req->file;
    struct stat st;
    ssize_t n;

    if (req->op != ASYNC_READ || req->always_pends || req->offset < 0 || !file->seekable ||
        atomic_load_explicit(&nowait_refused, memory_order_relaxed))
        return -EAGAIN;
    n = preadv2(req->fd, req->iov, req->iovcnt, req->offset, RWF_NOWAIT);
    if (n < 0)
    {
        /* a file system without RWF_NOWAIT says so every time: stop asking */
        if (errno == EOPNOTSUPP) atomic_store_explicit(&nowait_refused, true, memory_order_relaxed);
        return -EAGAIN;
    }
    if ((size_t)n < req->length && n && (fstat(req->fd, &st) || req->offset + n < st.st_size)) return -EAGAIN;
    return n;
}

/* A socket request whose data, room or connection is there; only the first of its kind on the
 * socket, so that those queued before it keep their order. */
static long sock_now(struct async_req *req)
{
    return async_first_of_kind(req) ? sock_call_now(req) : -EAGAIN;
}

/* True when the request is done, the engine's reference dropped as the engine would. */
static bool async_submit_now(struct async_req *req)
{
    long res = req->sock ? sock_now(req) : file_read_now(req);
    NTSTATUS status;
    ULONG_PTR info;

    if (res == -EAGAIN) return false;
    status = async_status_from_result(req, res, &info);
    async_complete(req, status, info, 0);
    async_req_release(req);
    return true;
}

NTSTATUS async_submit(struct async_req *req)
{
    struct file_async *fa = req->fa;
    NTSTATUS status;

    /* Windows leaves the IOSB alone until the request completes (kernel32 puts STATUS_PENDING in an
     * OVERLAPPED itself), but an IOSB the program cannot write fails the call */
    if (!probe_user(req->iosb, sizeof(*req->iosb), true))
    {
        status = STATUS_ACCESS_VIOLATION;
        goto fail;
    }
    req->issuer_tid = current_thread->tid;
    /* the reference is taken only when an APC will need the thread: it is a shared cache line */
    if (req->apc)
    {
        req->thread = current_thread;
        object_grab(&req->thread->obj);
    }
    atomic_init(&req->state, REQ_SUBMITTING);
    atomic_init(&req->refs, 2);
    atomic_init(&req->cancel_requested, 0);
    atomic_init(&req->completed, 0);
    atomic_init(&req->published, 0);

    pthread_mutex_lock(&fa->lock);
    if (fa->port)
    {
        req->port = fa->port;
        object_grab((struct object *)req->port);
        port_count_request(req->port, 1);
        req->key = fa->key;
        /* kernel32 passes no ApcContext when the event's low bit asks for no packet */
        req->post_packet = req->apc_context != NULL;
    }
    req->modes = fa->modes;
    /* the file's own event is reset by every request; the skip mode only keeps it from being set */
    atomic_store(&fa->signaled, false);
    list_add_tail(&fa->requests, &req->file_entry);
    pthread_mutex_unlock(&fa->lock);

    __atomic_store_n(&req->ctx, req->port ? port_engine_ctx(req->port) : async_unbound_ctx(), __ATOMIC_RELEASE);
    if (!req->ctx)
    {
        async_complete(req, STATUS_INSUFFICIENT_RESOURCES, 0, 0);
        status = STATUS_INSUFFICIENT_RESOURCES;
        atomic_fetch_sub(&req->refs, 1);
        async_req_release(req);
        return status;
    }
    if (!async_submit_now(req)) async_engine()->submit(req->ctx, req);

    int expected = REQ_SUBMITTING;
    /* completed by another thread meanwhile (REQ_DONE) is still a pending request for the caller */
    if (atomic_compare_exchange_strong(&req->state, &expected, REQ_PENDING) || expected == REQ_DONE)
        status = STATUS_PENDING;
    else status = req->inline_status;
    async_req_release(req);
    return status;

fail:
    if (req->event) object_release(req->event);
    if (req->iov != req->iov_inline) free(req->iov);
    if (req->sock) sock_req_free(req->sock);
    object_release(req->file);
    free(req);
    return status;
}

void async_cancel_file(struct file_async *fa, const IO_STATUS_BLOCK *iosb, struct thread *issuer, bool *found)
{
    struct async_req *victims[64];
    int count;

    *found = false;
    do
    {
        count = 0;
        pthread_mutex_lock(&fa->lock);
        for (struct list *cur = fa->requests.next; cur != &fa->requests && count < 64; cur = cur->next)
        {
            struct async_req *req = LIST_ENTRY_OF(cur, struct async_req, file_entry);
            if (iosb && req->iosb != iosb) continue;
            if (issuer && req->issuer_tid != issuer->tid) continue;
            if (atomic_exchange(&req->cancel_requested, 1)) continue;
            atomic_fetch_add(&req->refs, 1);
            victims[count++] = req;
        }
        pthread_mutex_unlock(&fa->lock);
        for (int i = 0; i < count; i++)
        {
            *found = true;
            async_engine()->cancel(victims[i]->ctx, victims[i]);
            async_req_release(victims[i]);
        }
    } while (count == 64);
}

NTSTATUS async_bind_port(struct file_async *fa, HANDLE handle, ULONG_PTR key)
{
    struct completion_port *port;
    NTSTATUS status;

    if (!handle) return STATUS_INVALID_PARAMETER;
    if (!(port = port_grab_from_handle(handle, &status))) return status;
    pthread_mutex_lock(&fa->lock);
    /* a handle is bound once, for good */
    if (fa->port) status = STATUS_INVALID_PARAMETER;
    else
    {
        fa->port = port;
        fa->key = key;
        port = NULL;
    }
    pthread_mutex_unlock(&fa->lock);
    if (port) port_release(port);
    return status;
}

void async_set_modes(struct file_async *fa, ULONG modes)
{
    /* Windows takes any flags and keeps the ones it knows; modes can only be added */
    modes &= FILE_SKIP_COMPLETION_PORT_ON_SUCCESS | FILE_SKIP_SET_EVENT_ON_HANDLE | FILE_SKIP_SET_USER_EVENT_ON_FAST_IO;
    pthread_mutex_lock(&fa->lock);
    fa->modes |= modes;
    pthread_mutex_unlock(&fa->lock);
}

/*
 * The caller has just made the file's oldest pending read satisfiable: it wrote to the other end
 * of the pipe.  Windows completes that read within the write call -- its IOSB, event, APC and
 * packet are there when the write returns -- so the engine is asked to deliver the completion
 * now, and the writer waits for it to be published.  A short while at most: a reader whose
 * request is being cancelled or closed meanwhile is not the writer's to wait for.
 */
#define SETTLE_NS (100 * 1000000L)

void async_settle_read(struct file_async *fa)
{
    struct async_req *req = NULL;
    struct timespec start, now;
    struct list *cur;

    pthread_mutex_lock(&fa->lock);
    for (cur = fa->requests.next; cur != &fa->requests; cur = cur->next)
    {
        struct async_req *r = LIST_ENTRY_OF(cur, struct async_req, file_entry);
        if ((r->op == ASYNC_READ || r->op == ASYNC_PIPE_READ) && !atomic_load(&r->completed))
        {
            /* on the list, it is not freed: its completion takes it off under this lock first */
            atomic_fetch_add(&r->refs, 1);
            req = r;
            break;
        }
    }
    pthread_mutex_unlock(&fa->lock);
    if (!req) return;

    clock_gettime(CLOCK_MONOTONIC, &start);
    while (!atomic_load(&req->published))
    {
        /* the submitter may still be choosing the context */
        struct engine_ctx *ctx = __atomic_load_n(&req->ctx, __ATOMIC_ACQUIRE);
        if (ctx) async_engine()->flush(ctx);
        if (atomic_load(&req->published)) break;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if ((now.tv_sec - start.tv_sec) * 1000000000L + (now.tv_nsec - start.tv_nsec) > SETTLE_NS) break;
        sched_yield();
    }
    async_req_release(req);
}

void async_chain(struct async_req *req, struct async_req *next)
{
    struct file_async *fa = req->fa;

    next->file = object_grab(req->file);
    next->fa = fa;
    next->iov = next->iov_inline;
    next->iosb = req->iosb;
    if ((next->event = req->event)) object_grab(next->event);
    next->apc = req->apc;
    next->apc_context = req->apc_context;
    if ((next->thread = req->thread)) object_grab(&next->thread->obj);
    next->issuer_tid = req->issuer_tid;
    /* the caller was told STATUS_PENDING (or will be): the rest is never a synchronous completion */
    next->always_pends = true;
    atomic_init(&next->state, REQ_PENDING);
    atomic_init(&next->refs, 1);
    atomic_init(&next->cancel_requested, 0);
    atomic_init(&next->completed, 0);
    atomic_init(&next->published, 0);
    pthread_mutex_lock(&fa->lock);
    if (req->port)
    {
        next->port = req->port;
        object_grab((struct object *)next->port);
        port_count_request(next->port, 1);
        next->key = req->key;
        next->post_packet = req->post_packet;
    }
    next->modes = req->modes;
    list_add_tail(&fa->requests, &next->file_entry);
    /* a cancel that reached the first half cancels the rest; one that comes now finds next */
    if (atomic_load(&req->cancel_requested)) atomic_store(&next->cancel_requested, 1);
    pthread_mutex_unlock(&fa->lock);
    next->ctx = req->ctx;
    /* the engine's reference, and one while it is looked at here */
    atomic_fetch_add(&next->refs, 1);
    async_engine()->submit(next->ctx, next);
    /* a cancel asked for before the engine had it did not reach it: ask again */
    if (atomic_load(&next->cancel_requested)) async_engine()->cancel(next->ctx, next);
    async_req_release(next);
}

bool async_first_of_kind(struct async_req *req)
{
    struct file_async *fa = req->fa;
    bool first = true;

    pthread_mutex_lock(&fa->lock);
    for (struct list *cur = fa->requests.next; cur != &fa->requests; cur = cur->next)
    {
        struct async_req *r = LIST_ENTRY_OF(cur, struct async_req, file_entry);
        if (r == req) break;
        if (r->op == req->op && !atomic_load(&r->completed)) first = false;
    }
    pthread_mutex_unlock(&fa->lock);
    return first;
}

bool async_write_in_flight(struct file_async *fa)
{
    bool found = false;

    pthread_mutex_lock(&fa->lock);
    for (struct list *cur = fa->requests.next; cur != &fa->requests && !found; cur = cur->next)
    {
        struct async_req *r = LIST_ENTRY_OF(cur, struct async_req, file_entry);
        found = r->op == ASYNC_WRITE && !atomic_load(&r->completed);
    }
    pthread_mutex_unlock(&fa->lock);
    return found;
}

/* An engine finished a write with no lock held: a pipe's reader gets its data first. */
void async_write_delivered(struct async_req *req)
{
    struct file *file = (struct file *)req->file;
    if (file->pipe) pipe_settle_peer(file);
}

ULONG async_get_modes(struct file_async *fa)
{
    ULONG modes;
    pthread_mutex_lock(&fa->lock);
    modes = fa->modes;
    pthread_mutex_unlock(&fa->lock);
    return modes;
}

static const struct engine_ops *engine;
static pthread_once_t engine_once = PTHREAD_ONCE_INIT;

static void choose_engine(void)
{
    const char *want = getenv("WRING_IO_ENGINE");
    if (want && !strcmp(want, "threads"))
    {
        engine = &threads_engine;
        TRACE(ENGINE, "using the threads engine (WRING_IO_ENGINE=threads)");
        return;
    }
    if (want && strcmp(want, "uring")) wring_error("WRING_IO_ENGINE=%s: not an engine (uring, threads)", want);
    if (uring_available())
    {
        engine = &uring_engine;
        TRACE(ENGINE, "using the io_uring engine");
    }
    else
    {
        engine = &threads_engine;
        /* seccomp, kernel.io_uring_disabled, or an old kernel: the program runs on, on threads */
        TRACE(ENGINE, "io_uring is not available: falling back to the threads engine");
    }
}

const struct engine_ops *async_engine(void)
{
    pthread_once(&engine_once, choose_engine);
    return engine;
}

struct engine_ctx *async_unbound_ctx(void)
{
    static struct engine_ctx *ctx;
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&lock);
    if (!ctx) ctx = async_engine()->ctx_create(NULL);
    pthread_mutex_unlock(&lock);
    return ctx;
}
