/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Wait completion packets (Windows 8): NtCreateWaitCompletionPacket,
 * NtAssociateWaitCompletionPacket, NtCancelWaitCompletionPacket.
 *
 * An association is a notification wait (wait.c) on the target object: it
 * queues in the object's wait queue with the threads' waits, is satisfied in
 * its turn as theirs are (an auto-reset event or timer is reset, a semaphore
 * decremented), and then hands its packet to the completion port.  Nothing
 * watches the object from beside it.
 *
 * The packet goes through these states, all under the sync lock:
 *   IDLE    nothing associated: NtCancelWaitCompletionPacket says STATUS_CANCELLED
 *   ARMED   waiting on the target
 *   FIRED   satisfied; the packet waits on the firing thread's deferred list,
 *           because the sync lock is held where it fires and a port lock may
 *           not be taken under it
 *   QUEUED  in the port's queue
 * and back to IDLE when a thread takes the packet from the port or the
 * association is cancelled.  Only an IDLE packet can be associated, so a
 * program re-arms one after it came out of the port or after a cancel.
 * A non-IDLE packet holds a reference on itself and on the port; the target
 * is held from the association until the packet is queued or cancelled.
 */
#include <stdlib.h>
#include "async.h"

enum wait_packet_state { WCP_IDLE, WCP_ARMED, WCP_FIRED, WCP_QUEUED };

/* What one association allocates: the packet the port will hand out, and its way there. */
struct armed_packet
{
    struct packet packet;           /* first: the port's taker frees it as a plain packet */
    struct object *target;          /* reference, until queued or cancelled */
    struct armed_packet *next_deferred;
};

struct wait_packet
{
    struct object obj;
    struct wait *wait;              /* the notification wait, reused by every association */
    enum wait_packet_state state;
    struct armed_packet *current;   /* not IDLE: this association's packet */
    struct completion_port *port;   /* not IDLE: reference */
};

__thread int held_locks;
__thread bool wait_packets_deferred;
static __thread struct armed_packet *deferred, *deferred_last;

/* the one right the packet calls check on Windows, as the kernel's object type defines it */
#define WAIT_COMPLETION_PACKET_MODIFY_STATE 0x0001
#define WAIT_COMPLETION_PACKET_ALL_ACCESS (STANDARD_RIGHTS_REQUIRED | WAIT_COMPLETION_PACKET_MODIFY_STATE)
static const GENERIC_MAPPING wait_packet_mapping = {
    STANDARD_RIGHTS_READ, STANDARD_RIGHTS_WRITE | WAIT_COMPLETION_PACKET_MODIFY_STATE,
    STANDARD_RIGHTS_EXECUTE, WAIT_COMPLETION_PACKET_ALL_ACCESS };

static void wait_packet_destroy(struct object *obj)
{
    struct wait_packet *wcp = (struct wait_packet *)obj;
    notify_wait_free(wcp->wait);
    free(wcp);
}

static void wait_packet_closed(struct object *obj);

static const struct object_ops wait_packet_ops = { "wait completion packet", wait_packet_destroy, NULL, NULL,
                                                   wait_packet_closed };

/* Sync lock held: the target is satisfied; the packet is queued when this thread lets go of its locks. */
static void wait_packet_fired(void *context)
{
    struct wait_packet *wcp = context;
    struct armed_packet *armed = wcp->current;

    wcp->state = WCP_FIRED;
    /* the list's reference: the association may be cancelled before the list is posted */
    object_grab(&wcp->obj);
    /* in firing order: one semaphore release can satisfy several packets */
    armed->next_deferred = NULL;
    if (deferred) deferred_last->next_deferred = armed;
    else deferred = armed;
    deferred_last = armed;
    wait_packets_deferred = true;
}

/* No lock held: queues one fired packet, unless its association was cancelled meanwhile. */
static void post_fired(struct armed_packet *armed)
{
    struct wait_packet *wcp = armed->packet.owner;
    struct completion_port *port = NULL;
    struct object *target = armed->target;
    bool queued = false;

    armed->target = NULL;
    sync_lock();
    if (wcp->current == armed)
    {
        port = wcp->port;
        object_grab((struct object *)port);
    }
    sync_unlock();
    if (port)
    {
        port_lock(port);
        sync_lock();
        /* the port lock keeps takers and cancellers away from here until the packet is in the queue */
        if (wcp->current == armed && wcp->state == WCP_FIRED)
        {
            wcp->state = WCP_QUEUED;
            queued = true;
        }
        sync_unlock();
        if (queued) port_post(port, &armed->packet, true, false);
        port_unlock(port);
        port_release(port);
    }
    if (!queued) free(armed);
    object_release(target);
    object_release(&wcp->obj);
}

void wait_packets_post_deferred(void)
{
    /* the whole list at once: posting takes and leaves locks, which brings this thread back here */
    struct armed_packet *armed = deferred, *next;
    deferred = deferred_last = NULL;
    wait_packets_deferred = false;
    for (; armed; armed = next)
    {
        next = armed->next_deferred;
        post_fired(armed);
    }
}

/* The references an association held, dropped by the caller once it holds no lock. */
struct released
{
    struct completion_port *port;
    struct armed_packet *armed;     /* to free: it never reached a port */
    struct object *target;
};

/* Sync lock held: back to IDLE. */
static void go_idle(struct wait_packet *wcp, struct released *rel)
{
    rel->port = wcp->port;
    wcp->port = NULL;
    wcp->current = NULL;
    wcp->state = WCP_IDLE;
}

static void drop_released(struct wait_packet *wcp, struct released *rel)
{
    if (rel->target) object_release(rel->target);
    free(rel->armed);
    if (rel->port)
    {
        port_release(rel->port);
        /* the association's own reference */
        object_release(&wcp->obj);
    }
}

void wait_packet_dequeued(struct packet *packet)
{
    struct wait_packet *wcp = packet->owner;
    struct released rel = { NULL };

    /* the taker owns the packet now; the port it came from outlives this (the taker holds it) */
    sync_lock();
    go_idle(wcp, &rel);
    sync_unlock();
    drop_released(wcp, &rel);
}

static NTSTATUS cancel(struct wait_packet *wcp, bool remove_signaled)
{
    struct released rel = { NULL };
    struct completion_port *port;
    NTSTATUS status;

    for (;;)
    {
        sync_lock();
        if (wcp->state == WCP_IDLE)
        {
            sync_unlock();
            /* never associated, or its packet was taken from the port already */
            return STATUS_CANCELLED;
        }
        port = wcp->port;
        object_grab((struct object *)port);
        sync_unlock();

        /* a queued packet leaves the port's queue under the port's lock, taken before the sync lock */
        port_lock(port);
        sync_lock();
        if (wcp->port == port) break;
        /* taken and associated again meanwhile: look at the new association */
        sync_unlock();
        port_unlock(port);
        port_release(port);
    }
    switch (wcp->state)
    {
    case WCP_IDLE:
        status = STATUS_CANCELLED;
        break;
    case WCP_ARMED:
        notify_wait_disarm(wcp->wait);
        rel.armed = wcp->current;
        rel.target = rel.armed->target;
        go_idle(wcp, &rel);
        status = STATUS_SUCCESS;
        break;
    case WCP_FIRED:
    case WCP_QUEUED:
        /* the wait is over: only the packet can still be taken back, if the caller asks for that */
        if (!remove_signaled)
        {
            status = STATUS_PENDING;
            break;
        }
        if (wcp->state == WCP_QUEUED)
        {
            port_unqueue(port, &wcp->current->packet);
            rel.armed = wcp->current;
        }
        /* a FIRED packet is still on the firing thread's list, which frees it on seeing it cancelled */
        go_idle(wcp, &rel);
        status = STATUS_SUCCESS;
        break;
    }
    sync_unlock();
    port_unlock(port);
    port_release(port);
    drop_released(wcp, &rel);
    return status;
}

/* Closing the last handle cancels the association and takes back a packet not yet handed out. */
static void wait_packet_closed(struct object *obj)
{
    cancel((struct wait_packet *)obj, true);
}

NTSTATUS WINAPI NtCreateWaitCompletionPacket(HANDLE *handle, ACCESS_MASK access, OBJECT_ATTRIBUTES *attr)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    if (handle && !probe_user(handle, sizeof(*handle), true)) return STATUS_ACCESS_VIOLATION;
    struct wait_packet *wcp;
    NTSTATUS status;

    if (!handle) return STATUS_ACCESS_VIOLATION;
    if (attr && attr->ObjectName && attr->ObjectName->Length)
    {
        /* Wring's namespace holds the synchronisation objects only */
        TRACE(STUB, "NtCreateWaitCompletionPacket: named packets are not supported");
        return STATUS_NOT_SUPPORTED;
    }
    if (!(wcp = calloc(1, sizeof(*wcp)))) return STATUS_NO_MEMORY;
    if (!(wcp->wait = notify_wait_create(wait_packet_fired, wcp)))
    {
        free(wcp);
        return STATUS_NO_MEMORY;
    }
    object_init(&wcp->obj, &wait_packet_ops);
    status = handle_alloc(&wcp->obj, map_generic_access(access, &wait_packet_mapping), handle);
    object_release(&wcp->obj);
    return status;
}

NTSTATUS WINAPI NtAssociateWaitCompletionPacket(HANDLE packet, HANDLE port_handle, HANDLE target_handle,
                                                void *key, void *apc_context, NTSTATUS io_status,
                                                ULONG_PTR io_information, BOOLEAN *already_signaled)
{
    if (already_signaled && !probe_user(already_signaled, sizeof(*already_signaled), true)) return STATUS_ACCESS_VIOLATION;
    struct armed_packet *armed;
    struct completion_port *port;
    struct wait_packet *wcp;
    struct object *target;
    NTSTATUS status;
    bool fired;

    if ((status = handle_ref(packet, &wait_packet_ops, (struct object **)&wcp))) return status;
    if (!(port = port_grab_from_handle(port_handle, &status)))
    {
        object_release(&wcp->obj);
        return status;
    }
    if ((status = handle_ref_access(target_handle, NULL, SYNCHRONIZE, &target))) goto fail_port;
    /* Windows refuses what cannot be waited on, and mutexes, which no thread would own here */
    if (!target->ops->signaled || is_mutex(target))
    {
        status = STATUS_INVALID_PARAMETER_3;
        goto fail_target;
    }
    if (!(armed = malloc(sizeof(*armed))))
    {
        status = STATUS_NO_MEMORY;
        goto fail_target;
    }
    armed->packet.key = (ULONG_PTR)key;
    armed->packet.value = (ULONG_PTR)apc_context;
    armed->packet.status = io_status;
    armed->packet.info = io_information;
    armed->packet.owner = wcp;
    armed->target = target;

    sync_lock();
    if (wcp->state != WCP_IDLE)
    {
        sync_unlock();
        free(armed);
        status = STATUS_INVALID_PARAMETER_1;
        goto fail_target;
    }
    wcp->state = WCP_ARMED;
    wcp->current = armed;
    wcp->port = port;
    object_grab(&wcp->obj);
    fired = notify_wait_arm(wcp->wait, target);
    /* a target signalled already has its packet queued as this lets go of the lock */
    sync_unlock();
    object_release(&wcp->obj);
    if (already_signaled && !write_user(already_signaled, &(BOOLEAN){ fired }, sizeof(BOOLEAN)))
        return STATUS_ACCESS_VIOLATION;
    return STATUS_SUCCESS;

fail_target:
    object_release(target);
fail_port:
    port_release(port);
    object_release(&wcp->obj);
    return status;
}

NTSTATUS WINAPI NtCancelWaitCompletionPacket(HANDLE packet, BOOLEAN remove_signaled)
{
    struct wait_packet *wcp;
    NTSTATUS status;

    if ((status = handle_ref(packet, &wait_packet_ops, (struct object **)&wcp))) return status;
    status = cancel(wcp, remove_signaled);
    object_release(&wcp->obj);
    return status;
}
