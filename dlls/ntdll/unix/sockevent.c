/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * WSAEventSelect: a socket's network events (FD_READ, FD_WRITE, FD_ACCEPT,
 * FD_CONNECT, FD_CLOSE) recorded and signalled on an event.  One watcher
 * thread waits on an epoll set of the sockets that have such an event; each
 * is armed one-shot for the events it still may report.  As on Windows, an
 * event is reported once and then waits for the call that re-enables it (a
 * receive for FD_READ, a send that would block for FD_WRITE, an accept for
 * FD_ACCEPT); FD_CONNECT and FD_CLOSE come once.
 *
 * The epoll entries name a slot in a table, never the file itself: closing
 * a socket empties its slot under the table's lock, so an event the watcher
 * took just before cannot reach a freed socket.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include "socket.h"

struct sock_events
{
    struct object *event;       /* reference, or NULL: no events asked for */
    ULONG mask;                 /* the events asked for */
    ULONG reported;             /* reported and not re-enabled since */
    ULONG pending;              /* recorded, for WSAEnumNetworkEvents */
    int errors[WRING_FD_SLOTS];
    int slot;                   /* in the watcher's table, -1 when not registered */
};

static pthread_mutex_t events_lock = PTHREAD_MUTEX_INITIALIZER;
static struct file **slots;     /* the registered sockets, each holding a reference */
static int slot_count, epoll_fd = -1;
static pthread_once_t watcher_once = PTHREAD_ONCE_INIT;

static int bit_index(ULONG bit)
{
    return __builtin_ctz(bit);
}

/* Events lock held: the epoll interest for what the socket may still report. */
static void arm(struct file *file)
{
    struct sock_events *ev = file->sock->events;
    ULONG want = ev->mask & ~ev->reported;
    struct epoll_event e = { 0 };

    if (ev->slot < 0 || !ev->event) return;
    if (want & (WRING_FD_READ | WRING_FD_OOB | WRING_FD_ACCEPT | WRING_FD_CLOSE)) e.events |= EPOLLIN | EPOLLRDHUP;
    if (want & (WRING_FD_WRITE | WRING_FD_CONNECT)) e.events |= EPOLLOUT;
    if (!e.events) return;
    e.events |= EPOLLONESHOT;
    e.data.u64 = ev->slot;
    if (epoll_ctl(epoll_fd, EPOLL_CTL_MOD, file->fd, &e) && errno == ENOENT)
        epoll_ctl(epoll_fd, EPOLL_CTL_ADD, file->fd, &e);
}

static void record(struct sock_events *ev, ULONG bit, int error)
{
    if (!(ev->mask & bit) || (ev->reported & bit)) return;
    ev->reported |= bit;
    ev->pending |= bit;
    ev->errors[bit_index(bit)] = error;
}

/* Events lock held: what happened on the socket, as Windows counts it. */
static void check(struct file *file)
{
    struct sock_events *ev = file->sock->events;
    struct pollfd p = { file->fd, POLLIN | POLLOUT | POLLRDHUP, 0 };
    ULONG before = ev->pending;
    int err = 0;
    socklen_t len = sizeof(err);

    if (poll(&p, 1, 0) <= 0) return;
    if (atomic_load(&file->sock->connecting))
    {
        /* a socket polls as hung up with no error until its connect reaches the kernel */
        if ((p.revents & (POLLHUP | POLLERR | POLLIN)) == POLLHUP) return;
        if (!(p.revents & (POLLOUT | POLLERR | POLLHUP))) return;
        getsockopt(file->fd, SOL_SOCKET, SO_ERROR, &err, &len);
        atomic_store(&file->sock->connecting, false);
        record(ev, WRING_FD_CONNECT, wsa_from_errno(err));
        if (err)
        {
            if (ev->pending != before) event_set_object(ev->event);
            return;
        }
    }
    if (p.revents & POLLIN)
    {
        char c;
        ssize_t n;
        if (atomic_load(&file->sock->listening)) record(ev, WRING_FD_ACCEPT, 0);
        else if ((n = recv(file->fd, &c, 1, MSG_PEEK | MSG_DONTWAIT)) > 0) record(ev, WRING_FD_READ, 0);
        else if (!n) record(ev, WRING_FD_CLOSE, 0);
        else if (errno != EAGAIN) record(ev, WRING_FD_CLOSE, wsa_from_errno(errno));
    }
    else if (p.revents & POLLERR)
    {
        /* POLLHUP alone is a socket that never connected, which has nothing to report */
        getsockopt(file->fd, SOL_SOCKET, SO_ERROR, &err, &len);
        record(ev, WRING_FD_CLOSE, wsa_from_errno(err));
    }
    if ((p.revents & POLLOUT) && !(p.revents & POLLERR)) record(ev, WRING_FD_WRITE, 0);
    if (ev->pending != before) event_set_object(ev->event);
}

static void *watcher_main(void *arg)
{
    struct epoll_event e[32];
    sigset_t all;

    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    for (;;)
    {
        int n = epoll_wait(epoll_fd, e, 32, -1);
        pthread_mutex_lock(&events_lock);
        for (int i = 0; i < n; i++)
        {
            int slot = e[i].data.u64;
            struct file *file = slot < slot_count ? slots[slot] : NULL;
            if (!file) continue;
            check(file);
            arm(file);
        }
        pthread_mutex_unlock(&events_lock);
    }
    return NULL;
}

static void start_watcher(void)
{
    pthread_t thread;
    if ((epoll_fd = epoll_create1(EPOLL_CLOEXEC)) < 0) return;
    if (pthread_create(&thread, NULL, watcher_main, NULL))
    {
        close(epoll_fd);
        epoll_fd = -1;
        return;
    }
    pthread_detach(thread);
}

/* Events lock held: a slot for the socket, which it keeps a reference in. */
static bool register_file(struct file *file)
{
    struct sock_events *ev = file->sock->events;
    int slot;

    if (ev->slot >= 0) return true;
    for (slot = 0; slot < slot_count; slot++) if (!slots[slot]) break;
    if (slot == slot_count)
    {
        struct file **grown = realloc(slots, (slot_count * 2 + 16) * sizeof(*slots));
        if (!grown) return false;
        memset(grown + slot_count, 0, (slot_count + 16) * sizeof(*slots));
        slots = grown;
        slot_count = slot_count * 2 + 16;
    }
    slots[slot] = (struct file *)object_grab(&file->obj);
    ev->slot = slot;
    return true;
}

/* Events lock held; the reference the slot held is the caller's to release. */
static struct file *unregister_file(struct file *file)
{
    struct sock_events *ev = file->sock->events;
    struct file *held;

    if (!ev || ev->slot < 0) return NULL;
    epoll_ctl(epoll_fd, EPOLL_CTL_DEL, file->fd, NULL);
    held = slots[ev->slot];
    slots[ev->slot] = NULL;
    ev->slot = -1;
    return held;
}

NTSTATUS WINAPI wring_sock_event_select(HANDLE handle, HANDLE event, ULONG events)
{
    struct object *event_obj = NULL, *old_event = NULL;
    struct file *file, *held = NULL;
    struct sock_events *ev;
    NTSTATUS status;

    if ((status = file_get(handle, &file))) return status == STATUS_OBJECT_TYPE_MISMATCH ? status : STATUS_INVALID_HANDLE;
    if (!file->sock)
    {
        object_release(&file->obj);
        return STATUS_OBJECT_TYPE_MISMATCH;
    }
    if ((events & WRING_FD_ALL) && event)
    {
        if ((status = handle_ref(event, NULL, &event_obj))) goto done;
        if (!is_event(event_obj))
        {
            object_release(event_obj);
            event_obj = NULL;
            status = STATUS_INVALID_HANDLE;
            goto done;
        }
    }
    pthread_once(&watcher_once, start_watcher);
    if (epoll_fd < 0) { status = STATUS_INSUFFICIENT_RESOURCES; goto done; }
    pthread_mutex_lock(&events_lock);
    if (!(ev = file->sock->events) && (ev = file->sock->events = calloc(1, sizeof(*ev)))) ev->slot = -1;
    if (!ev) status = STATUS_NO_MEMORY;
    else
    {
        /* a new selection starts over: what holds now is reported again */
        old_event = ev->event;
        ev->event = event_obj;
        ev->mask = event_obj ? events & WRING_FD_ALL : 0;
        ev->reported = 0;
        event_obj = NULL;
        /* Windows makes the socket non-blocking */
        atomic_store(&file->sock->nonblocking, true);
        if (!ev->mask) held = unregister_file(file);
        else if (!register_file(file)) status = STATUS_NO_MEMORY;
        else
        {
            check(file);
            arm(file);
        }
    }
    pthread_mutex_unlock(&events_lock);
done:
    if (event_obj) object_release(event_obj);
    if (old_event) object_release(old_event);
    if (held) object_release(&held->obj);
    object_release(&file->obj);
    return status;
}

NTSTATUS WINAPI wring_sock_enum_events(HANDLE handle, HANDLE event, ULONG *events, int *errors)
{
    struct sock_events *ev;
    struct file *file;
    NTSTATUS status;

    if ((status = file_get(handle, &file))) return status == STATUS_OBJECT_TYPE_MISMATCH ? status : STATUS_INVALID_HANDLE;
    if (!file->sock) status = STATUS_OBJECT_TYPE_MISMATCH;
    else if (!probe_user(events, sizeof(*events), true) || !probe_user(errors, WRING_FD_SLOTS * sizeof(int), true))
        status = STATUS_ACCESS_VIOLATION;
    if (status)
    {
        object_release(&file->obj);
        return status;
    }
    if (event)
    {
        struct object *obj;
        if (!handle_ref(event, NULL, &obj))
        {
            if (is_event(obj)) event_reset_object(obj);
            object_release(obj);
        }
    }
    pthread_mutex_lock(&events_lock);
    ev = file->sock->events;
    *events = ev ? ev->pending : 0;
    memset(errors, 0, WRING_FD_SLOTS * sizeof(int));
    if (ev)
    {
        for (int i = 0; i < WRING_FD_BITS; i++) if (ev->pending & (1u << i)) errors[i] = ev->errors[i];
        ev->pending = 0;
    }
    pthread_mutex_unlock(&events_lock);
    object_release(&file->obj);
    return STATUS_SUCCESS;
}

void sock_events_reenable(struct file *file, ULONG events)
{
    struct sock_events *ev = __atomic_load_n(&file->sock->events, __ATOMIC_ACQUIRE);
    if (!ev) return;
    pthread_mutex_lock(&events_lock);
    if (ev->reported & events & ~(WRING_FD_CONNECT | WRING_FD_CLOSE))
    {
        ev->reported &= ~events | WRING_FD_CONNECT | WRING_FD_CLOSE;
        arm(file);
    }
    pthread_mutex_unlock(&events_lock);
}

void sock_events_closed(struct file *file)
{
    struct object *event = NULL;
    struct file *held;

    if (!__atomic_load_n(&file->sock->events, __ATOMIC_ACQUIRE)) return;
    pthread_mutex_lock(&events_lock);
    held = unregister_file(file);
    event = file->sock->events->event;
    file->sock->events->event = NULL;
    pthread_mutex_unlock(&events_lock);
    if (event) object_release(event);
    if (held) object_release(&held->obj);
}

void sock_events_free(struct sock *sock)
{
    if (!sock->events) return;
    if (sock->events->event) object_release(sock->events->event);
    free(sock->events);
}
