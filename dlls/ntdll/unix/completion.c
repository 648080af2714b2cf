/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * I/O completion ports.
 *
 * A port is a FIFO of packets and a LIFO of waiting threads, with Windows'
 * concurrency rule: a packet is released only while fewer than `concurrency`
 * threads run packets of this port (a thread counts from the packet it takes
 * until it comes back for another).
 *
 * The I/O bound to a port goes through the port's own engine context (an
 * io_uring).  While requests are in flight one waiter, the poller, sleeps in
 * the kernel on that ring instead of on a futex: a kernel completion wakes a
 * thread that is waiting on the port with nothing in between, and that
 * thread turns the CQE into a packet and takes it itself.  The other waiters
 * sleep on futexes and are handed packets in LIFO order; one of them, before it sleeps, spins
 * for a moment on the queue, and the packets that come meanwhile are kept for it.
 *
 * Thread-pool workers take their packets in batches (wring/port_batch.h).  A worker that
 * blocks gives back what it has not started, for the other waiters.
 */
#include <errno.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <stdlib.h>
#include <time.h>
#include "async.h"
#include "wring/port_batch.h"

/*
 * A sleeping waiter.  An alertable one sleeps in a wait block of wait.c (so
 * an APC can end it); the others on a futex word of their own, so that
 * handing over a packet takes no lock but the port's.
 */
struct port_waiter
{
    struct list entry;          /* in port->waiters, newest first */
    struct wait *wait;          /* alertable waits only */
    atomic_int done;            /* futex word for the others */
    NTSTATUS status;
    struct packet *packet;      /* handed over by dispatch() */
};

struct completion_port
{
    struct object obj;
    pthread_mutex_t lock;
    struct list queue;          /* struct packet, FIFO */
    _Atomic ULONG depth;            /* read without the lock by spinning waiters */
    struct list waiters;
    bool poller_sleeping;
    bool spinning;                  /* a waiter spins for the next packet (spin_for_packet) */
    ULONG concurrency, active;
    bool closed;
    atomic_int pending;         /* bound requests submitted and not yet completed */
    struct engine_ctx *ctx;
    _Atomic(struct engine_ctx *) ctx_published;
    const struct engine_ops *engine;
};

static void port_destroy(struct object *obj)
{
    struct completion_port *port = (struct completion_port *)obj;
    while (!list_empty(&port->queue))
    {
        struct packet *p = LIST_ENTRY_OF(port->queue.next, struct packet, entry);
        list_remove(&p->entry);
        free(p);
    }
    if (port->ctx) port->engine->ctx_destroy(port->ctx);
    pthread_mutex_destroy(&port->lock);
    free(port);
}

static void port_closed(struct object *obj);

static const struct object_ops port_ops = { "completion port", port_destroy, NULL, NULL, port_closed };

void port_lock(struct completion_port *port)
{
    pthread_mutex_lock(&port->lock);
    held_locks_enter();
}

/*
 * The futex wakes of the waiters handed a packet under the port lock, done once it is released:
 * a thread woken while the lock is still held would at once sleep again on the lock.  A waiter
 * that sees its word set before the wake comes returns without sleeping; a late wake is then a
 * spurious one for whoever sleeps on that address, which every futex sleeper allows.
 */
#define DEFERRED_WAKES 8
static __thread atomic_int *deferred_wakes[DEFERRED_WAKES];
static __thread int deferred_count;

static void futex_wake_one(atomic_int *word)
{
    syscall(SYS_futex, word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0);
}

void port_unlock(struct completion_port *port)
{
    int count = deferred_count;
    deferred_count = 0;
    pthread_mutex_unlock(&port->lock);
    held_locks_leave();
    for (int i = 0; i < count; i++) futex_wake_one(deferred_wakes[i]);
}

bool port_trylock(struct completion_port *port)
{
    if (pthread_mutex_trylock(&port->lock)) return false;
    held_locks_enter();
    return true;
}

struct completion_port *port_grab_from_handle(HANDLE handle, NTSTATUS *status)
{
    struct completion_port *port;
    if ((*status = handle_ref(handle, &port_ops, (struct object **)&port))) return NULL;
    return port;
}

void port_release(struct completion_port *port)
{
    object_release(&port->obj);
}

/* The engine context of the port, created on first use. */
struct engine_ctx *port_engine_ctx(struct completion_port *port)
{
    struct engine_ctx *ctx = atomic_load_explicit(&port->ctx_published, memory_order_acquire);
    /* set once: after that, submitters need not take the port lock the port's waiters use */
    if (ctx) return ctx;
    port_lock(port);
    if (!port->ctx)
    {
        port->engine = async_engine();
        port->ctx = port->engine->ctx_create(port);
        atomic_store_explicit(&port->ctx_published, port->ctx, memory_order_release);
    }
    ctx = port->ctx;
    port_unlock(port);
    return ctx;
}

static void wake_waiter(struct port_waiter *w, NTSTATUS status)
{
    list_remove(&w->entry);
    if (w->wait)
    {
        sync_lock();
        complete_private_wait(w->wait, status);
        sync_unlock();
        return;
    }
    w->status = status;
    atomic_store(&w->done, 1);
    if (deferred_count < DEFERRED_WAKES) deferred_wakes[deferred_count++] = &w->done;
    else futex_wake_one(&w->done);
}

/* Sleeps on the waiter's own futex until woken, the deadline passes or the thread must stop. */
static NTSTATUS sleep_waiter(struct port_waiter *w, const struct timespec *deadline)
{
    while (!atomic_load(&w->done))
    {
        long ret = syscall(SYS_futex, &w->done, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 0, deadline, NULL,
                           FUTEX_BITSET_MATCH_ANY);
        if ((ret < 0 && errno == ETIMEDOUT) || thread_must_stop())
            return thread_must_stop() ? STATUS_THREAD_IS_TERMINATING : STATUS_TIMEOUT;
    }
    return w->status;
}

/* Hands queued packets to sleeping waiters, newest waiter first (port lock held). */
static void dispatch(struct completion_port *port, bool from_ring)
{
    /* a packet from the ring is the poller's: the kernel is waking it for that very CQE, so handing
     * the packet to a futex waiter would wake two threads for one packet */
    ULONG keep = from_ring && port->poller_sleeping ? 1 : 0;
    /* a spinning waiter takes what comes (spin_for_packet): waking another for it would cost the
     * futex wake the spin is there to save */
    if (port->spinning) keep = port->depth;
    while (port->depth > keep && port->active < port->concurrency && !list_empty(&port->waiters))
    {
        struct port_waiter *w = LIST_ENTRY_OF(port->waiters.next, struct port_waiter, entry);
        struct packet *p = LIST_ENTRY_OF(port->queue.next, struct packet, entry);
        list_remove(&p->entry);
        port->depth--;
        if (p->owner) wait_packet_dequeued(p);
        w->packet = p;
        port->active++;
        wake_waiter(w, STATUS_SUCCESS);
    }
    /* the poller sleeps in the kernel: a packet that did not come through its ring must wake it */
    if (!from_ring && port->poller_sleeping && !port->spinning && !list_empty(&port->queue) &&
        port->active < port->concurrency)
        port->engine->kick(port->ctx);
}

void port_post(struct completion_port *port, struct packet *packet, bool locked, bool from_ring)
{
    if (!locked) port_lock(port);
    list_add_tail(&port->queue, &packet->entry);
    port->depth++;
    dispatch(port, from_ring);
    if (!locked) port_unlock(port);
}

/* Port lock held: takes a queued packet back out, unseen. */
void port_unqueue(struct completion_port *port, struct packet *packet)
{
    list_remove(&packet->entry);
    port->depth--;
}

/*
 * Port lock held: the thread's batch goes back to the head of the queue, in order.  A packet
 * that cannot be allocated stays in the batch, with those before it: the worker runs them
 * itself, late but none lost.
 */
static void drop_batch(struct completion_port *port, struct thread *thread)
{
    struct wring_port_batch *batch = thread->held_batch;
    if (!batch) return;
    thread->held_batch = NULL;
    while (batch->count > batch->next)
    {
        const FILE_IO_COMPLETION_INFORMATION *e = &batch->entries[batch->count - 1];
        struct packet *p = malloc(sizeof(*p));
        if (!p) break;
        p->key = e->CompletionKey;
        p->value = e->CompletionValue;
        p->status = e->IoStatusBlock.Status;
        p->info = e->IoStatusBlock.Information;
        p->owner = NULL;
        list_add_tail(port->queue.next, &p->entry);    /* at the head, before the newer ones */
        port->depth++;
        batch->count--;
    }
}

/* The thread is done with the packet it ran: it no longer counts against the concurrency. */
void port_thread_gone(struct thread *thread)
{
    struct completion_port *port = thread->port;
    if (!port) return;
    thread->port = NULL;
    port_lock(port);
    drop_batch(port, thread);
    port->active--;
    dispatch(port, false);
    port_check_unattended(port);
    port_unlock(port);
    port_release(port);
}

bool port_has_sleeper(struct completion_port *port)
{
    return port->poller_sleeping;
}

/* Port lock held: no thread will reap the ring, so make sure something does. */
void port_check_unattended(struct completion_port *port)
{
    if (port->ctx && !port->poller_sleeping && list_empty(&port->waiters) && !port->active &&
        port->engine->busy(port->ctx))
        port->engine->unattended(port->ctx);
}

/*
 * Port lock held, after a submission: requests bound to this port are pending.  If threads
 * wait on the port but none sleeps on its ring, and the port could release
 * one, the newest waiter moves to the ring, so the completion wakes it
 * directly instead of waiting for its timeout.
 */
void port_request_pending(struct completion_port *port)
{
    if (!atomic_load(&port->pending)) return;
    if (!port->poller_sleeping && !list_empty(&port->waiters) && port->active < port->concurrency)
        wake_waiter(LIST_ENTRY_OF(port->waiters.next, struct port_waiter, entry), STATUS_MORE_PROCESSING_REQUIRED);
    else port_check_unattended(port);
}

/*
 * A thread running a packet of a port blocks in a wait: like Windows, the
 * port no longer counts it against its concurrency, and if it was the only
 * one attending the port, the port's ring is watched meanwhile.
 */
void port_thread_blocking(struct thread *thread)
{
    struct completion_port *port = thread->port;
    if (!port) return;
    port_lock(port);
    /* the packets behind the one that blocks are for another thread to run */
    drop_batch(port, thread);
    port->active--;
    dispatch(port, false);
    /* its packet blocks: a waiter takes over the ring, or the ring is watched */
    if (port->ctx && !port->poller_sleeping && !list_empty(&port->waiters) && port->engine->busy(port->ctx))
        wake_waiter(LIST_ENTRY_OF(port->waiters.next, struct port_waiter, entry), STATUS_MORE_PROCESSING_REQUIRED);
    port_check_unattended(port);
    port_unlock(port);
}

void port_thread_unblocked(struct thread *thread)
{
    struct completion_port *port = thread->port;
    if (!port) return;
    port_lock(port);
    port->active++;
    port_unlock(port);
}

static void port_closed(struct object *obj)
{
    struct completion_port *port = (struct completion_port *)obj;
    port_lock(port);
    port->closed = true;
    while (!list_empty(&port->waiters))
        wake_waiter(LIST_ENTRY_OF(port->waiters.next, struct port_waiter, entry), STATUS_ABANDONED_WAIT_0);
    if (port->poller_sleeping) port->engine->kick(port->ctx);
    port_unlock(port);
}

/*
 * A waiter with nothing to take looks at the queue for a few microseconds before it sleeps.  A
 * program that keeps a few requests in flight makes a packet every microsecond or two (a read
 * from the page cache), so the waiter usually finds the next one this way: then it does not
 * sleep, and the thread that posts the packet has no waiter to wake -- a futex wait and a wake
 * saved per packet.  The spin is short and bounded so that an idle port costs nothing after it.
 */
#define IDLE_SPINS 1000

static void spin_for_packet(struct completion_port *port)
{
    for (int i = 0; i < IDLE_SPINS && !atomic_load_explicit(&port->depth, memory_order_relaxed); i++)
        __builtin_ia32_pause();
}

static ULONG take_packets(struct completion_port *port, struct packet **out, ULONG max, ULONG have)
{
    while (have < max && !list_empty(&port->queue))
    {
        struct packet *p = LIST_ENTRY_OF(port->queue.next, struct packet, entry);
        list_remove(&p->entry);
        port->depth--;
        if (p->owner) wait_packet_dequeued(p);
        out[have++] = p;
    }
    return have;
}

static NTSTATUS port_remove(struct completion_port *port, struct packet **out, ULONG max, ULONG *got,
                            const LARGE_INTEGER *timeout, bool alertable, struct wring_port_batch *batch)
{
    struct thread *thread = current_thread;
    struct timespec deadline;
    bool has_deadline = nt_timeout_deadline(timeout, &deadline), expired = timeout && !timeout->QuadPart;
    bool spun = false;
    NTSTATUS status;

    if (thread->port != port) port_thread_gone(thread);
    port_lock(port);
    if (thread->port == port)
    {
        /* back for another packet: the slot it frees is its own to use first, as on Windows */
        drop_batch(port, thread);
        thread->port = NULL;
        port->active--;
        port_release(port);
    }
    for (;;)
    {
        if (port->closed) { status = STATUS_ABANDONED_WAIT_0; break; }
        if (thread_must_stop()) { status = STATUS_THREAD_IS_TERMINATING; break; }
        if (port->ctx) port->engine->reap(port->ctx);
        if (!list_empty(&port->queue) && port->active < port->concurrency)
        {
            *got = take_packets(port, out, max, 0);
            port->active++;
            if (port->depth) dispatch(port, false);
            thread->port = port;
            object_grab(&port->obj);
            status = STATUS_SUCCESS;
            thread->held_batch = batch;
            break;
        }
        if (expired) { status = STATUS_TIMEOUT; break; }

        if (port->ctx && !alertable && !port->poller_sleeping && port->engine->busy(port->ctx))
        {
            /* sleep in the kernel on the ring: its completions wake this thread directly */
            port->poller_sleeping = true;
            port_unlock(port);
            thread_blocked(thread, WAIT_REASON_QUEUE);
            bool woke = port->engine->wait(port->ctx, has_deadline ? &deadline : NULL);
            thread_running(thread);
            port_lock(port);
            port->poller_sleeping = false;
            if (!woke) expired = true;
            continue;
        }

        /* with one processor, the thread that would post the packet cannot run meanwhile */
        if (!spun && process_peb()->NumberOfProcessors > 1 && !port->spinning)
        {
            spun = port->spinning = true;
            port_unlock(port);
            spin_for_packet(port);
            port_lock(port);
            port->spinning = false;
            continue;
        }

        struct port_waiter w = { .packet = NULL, .wait = NULL };
        atomic_init(&w.done, 0);
        list_add_tail(port->waiters.next, &w.entry);   /* at the head: LIFO */
        if (alertable)
        {
            sync_lock();
            if (!(w.wait = private_wait_begin(true)))
            {
                sync_unlock();
                list_remove(&w.entry);
                status = STATUS_NO_MEMORY;
                break;
            }
            port_unlock(port);
            LARGE_INTEGER left = has_deadline ? deadline_remaining(&deadline) : (LARGE_INTEGER){ .QuadPart = 0 };
            status = private_wait_end(w.wait, has_deadline ? &left : NULL, WAIT_REASON_QUEUE);
        }
        else
        {
            port_unlock(port);
            thread_blocked(thread, WAIT_REASON_QUEUE);
            status = sleep_waiter(&w, has_deadline ? &deadline : NULL);
            thread_running(thread);
        }
        port_lock(port);
        if (w.entry.next != &w.entry) list_remove(&w.entry);
        if (w.packet)
        {
            /* dispatch() counted this thread as running already */
            out[0] = w.packet;
            *got = take_packets(port, out, max, 1);
            thread->port = port;
            object_grab(&port->obj);
            status = STATUS_SUCCESS;
            thread->held_batch = batch;
            break;
        }
        if (status == STATUS_TIMEOUT) { expired = true; continue; }
        if (status == STATUS_MORE_PROCESSING_REQUIRED) continue;
        if (status != STATUS_SUCCESS) break;
    }
    /*
     * The thread that takes a packet is usually back for the next one before the next CQE, so no
     * other waiter is woken to sleep on the ring in the meantime: that would cost a wake-up per
     * packet.  A thread whose packet blocks hands the ring over (port_thread_blocking).
     */
    port_unlock(port);
    /* an alertable wait that found no packet still runs the APCs already queued (a zero timeout
     * included), with no lock held */
    if (status == STATUS_TIMEOUT && alertable && deliver_apcs()) status = STATUS_USER_APC;
    return status;
}

NTSTATUS WINAPI NtCreateIoCompletion(HANDLE *handle, ACCESS_MASK access, OBJECT_ATTRIBUTES *attr, ULONG concurrency)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    if (handle && !probe_user(handle, sizeof(*handle), true)) return STATUS_ACCESS_VIOLATION;
    struct completion_port *port;
    NTSTATUS status;
    if (!handle) return STATUS_INVALID_PARAMETER;
    if (!(port = calloc(1, sizeof(*port)))) return STATUS_NO_MEMORY;
    object_init(&port->obj, &port_ops);
    init_adaptive_mutex(&port->lock);
    list_init(&port->queue);
    list_init(&port->waiters);
    port->concurrency = concurrency ? concurrency : process_peb()->NumberOfProcessors;
    status = handle_alloc(&port->obj, access ? access : IO_COMPLETION_ALL_ACCESS, handle);
    object_release(&port->obj);
    return status;
}

NTSTATUS WINAPI NtSetIoCompletion(HANDLE handle, ULONG_PTR key, ULONG_PTR value, NTSTATUS status, SIZE_T info)
{
    struct completion_port *port;
    struct packet *p;
    NTSTATUS ret;
    if (!(port = port_grab_from_handle(handle, &ret))) return ret;
    if (!(p = malloc(sizeof(*p))))
    {
        port_release(port);
        return STATUS_NO_MEMORY;
    }
    p->key = key;
    p->value = value;
    p->status = status;
    p->info = info;
    p->owner = NULL;
    port_post(port, p, false, false);
    port_release(port);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtRemoveIoCompletion(HANDLE handle, ULONG_PTR *key, ULONG_PTR *value, IO_STATUS_BLOCK *iosb,
                                     LARGE_INTEGER *timeout)
{
    if (iosb && !probe_user(iosb, sizeof(*iosb), true)) return STATUS_ACCESS_VIOLATION;
    if (key && !probe_user(key, sizeof(*key), true)) return STATUS_ACCESS_VIOLATION;
    if (value && !probe_user(value, sizeof(*value), true)) return STATUS_ACCESS_VIOLATION;
    if (timeout && !probe_user(timeout, sizeof(*timeout), false)) return STATUS_ACCESS_VIOLATION;
    struct completion_port *port;
    struct packet *p;
    NTSTATUS status;
    ULONG got = 0;

    if (!(port = port_grab_from_handle(handle, &status))) return status;
    status = port_remove(port, &p, 1, &got, timeout, false, NULL);
    if (status == STATUS_SUCCESS)
    {
        *key = p->key;
        *value = p->value;
        iosb->Status = p->status;
        iosb->Information = p->info;
        free(p);
    }
    port_release(port);
    return status;
}

NTSTATUS WINAPI NtRemoveIoCompletionEx(HANDLE handle, FILE_IO_COMPLETION_INFORMATION *info, ULONG count,
                                       ULONG *removed, LARGE_INTEGER *timeout, BOOLEAN alertable)
{
    if (!probe_user(info, (size_t)count * sizeof(*info), true)) return STATUS_ACCESS_VIOLATION;
    if (removed && !probe_user(removed, sizeof(*removed), true)) return STATUS_ACCESS_VIOLATION;
    if (timeout && !probe_user(timeout, sizeof(*timeout), false)) return STATUS_ACCESS_VIOLATION;
    struct completion_port *port;
    struct packet *packets[64];
    NTSTATUS status;
    ULONG got = 0;

    if (!count) return STATUS_INVALID_PARAMETER;
    if (count > 64) count = 64;
    if (!(port = port_grab_from_handle(handle, &status))) return status;
    status = port_remove(port, packets, count, &got, timeout, alertable, NULL);
    if (status == STATUS_SUCCESS)
    {
        for (ULONG i = 0; i < got; i++)
        {
            info[i].CompletionKey = packets[i]->key;
            info[i].CompletionValue = packets[i]->value;
            info[i].IoStatusBlock.Status = packets[i]->status;
            info[i].IoStatusBlock.Information = packets[i]->info;
            free(packets[i]);
        }
    }
    /* Windows reports one entry when the wait ends without a packet (a timeout, an APC) */
    if (removed) *removed = status == STATUS_SUCCESS ? got : 1;
    port_release(port);
    return status;
}

NTSTATUS WINAPI NtQueryIoCompletion(HANDLE handle, IO_COMPLETION_INFORMATION_CLASS klass, void *info, ULONG length,
                                    ULONG *result)
{
    if (!probe_user(info, length, true)) return STATUS_ACCESS_VIOLATION;
    if (result && !probe_user(result, sizeof(*result), true)) return STATUS_ACCESS_VIOLATION;
    struct completion_port *port;
    NTSTATUS status;
    if (klass != IoCompletionBasicInformation) return STATUS_INVALID_INFO_CLASS;
    if (length < sizeof(ULONG)) return STATUS_INFO_LENGTH_MISMATCH;
    if (!(port = port_grab_from_handle(handle, &status))) return status;
    port_lock(port);
    if (port->ctx) port->engine->reap(port->ctx);
    *(ULONG *)info = port->depth;
    port_unlock(port);
    if (result) *result = sizeof(ULONG);
    port_release(port);
    return STATUS_SUCCESS;
}

void port_count_request(struct completion_port *port, int delta)
{
    atomic_fetch_add(&port->pending, delta);
}

/*
 * A pool worker's wait: up to WRING_PORT_BATCH_MAX packets into its batch, which the port can
 * take back while the worker holds it (drop_batch).  The batch is filled before the thread can
 * block again, and only the thread itself reads or changes it.
 */
NTSTATUS WINAPI wring_port_remove_batch(HANDLE handle, struct wring_port_batch *batch, LARGE_INTEGER *timeout,
                                        BOOLEAN alertable)
{
    struct completion_port *port;
    struct packet *packets[WRING_PORT_BATCH_MAX];
    NTSTATUS status;
    ULONG got = 0;

    if (!probe_user(batch, sizeof(*batch), true)) return STATUS_ACCESS_VIOLATION;
    if (timeout && !probe_user(timeout, sizeof(*timeout), false)) return STATUS_ACCESS_VIOLATION;
    if (!(port = port_grab_from_handle(handle, &status))) return status;
    batch->next = batch->count = 0;
    status = port_remove(port, packets, WRING_PORT_BATCH_MAX, &got, timeout, alertable, batch);
    if (status == STATUS_SUCCESS)
    {
        for (ULONG i = 0; i < got; i++)
        {
            batch->entries[i].CompletionKey = packets[i]->key;
            batch->entries[i].CompletionValue = packets[i]->value;
            batch->entries[i].IoStatusBlock.Status = packets[i]->status;
            batch->entries[i].IoStatusBlock.Information = packets[i]->info;
            free(packets[i]);
        }
        batch->count = got;
    }
    port_release(port);
    return status;
}

/* The callback may run long (TpCallbackMayRunLong), or the worker leaves: what its batch holds
 * and has not started is for other workers. */
void WINAPI wring_port_give_back(void)
{
    struct thread *thread = current_thread;
    struct completion_port *port = thread ? thread->port : NULL;
    if (!port || !thread->held_batch) return;
    port_lock(port);
    drop_batch(port, thread);
    dispatch(port, false);
    port_unlock(port);
}
