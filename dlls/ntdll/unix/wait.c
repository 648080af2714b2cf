/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Waits on objects, and user APCs.
 *
 * All object state and wait queues live under one process-wide lock.  A wait
 * that cannot be satisfied at once puts an entry on each object's queue and
 * sleeps on a futex in its own wait block.  Whoever makes an object signaled
 * runs wake_waiters(), which walks the queue in FIFO order and *completes*
 * the waits it can satisfy on the spot: the objects are consumed (an
 * auto-reset event reset, a semaphore decremented, a mutex taken) for that
 * waiter before anyone else can see them, exactly as NT does it.  So an
 * auto-reset event wakes exactly one waiter, PulseEvent works, and a waiter
 * never wakes to find its object taken.  Completing a wait sets its futex word
 * under the lock; the waiter cleared it under the lock before sleeping, so a
 * wake-up cannot be lost.
 */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "private.h"

struct wait_entry
{
    struct list link;           /* in the object's waiters */
    struct wait *wait;
    struct object *obj;
};

struct wait
{
    struct thread *thread;      /* NULL: a notification wait */
    ULONG count;
    bool all, alertable;
    atomic_int done;            /* futex word: 1 once completed */
    NTSTATUS status;
    /* notification waits: what runs, sync lock held, when the wait is satisfied; nobody sleeps */
    void (*notify)(void *context);
    void *context;
    struct wait_entry entries[];    /* MAXIMUM_WAIT_OBJECTS, or 1 for a notification wait */
};
#define WAIT_SIZE(count) (offsetof(struct wait, entries) + (count) * sizeof(struct wait_entry))

struct apc
{
    struct list entry;
    void *func;
    ULONG_PTR args[3];
};

/* recursive: an object's last release under the lock runs its destructor, which may signal others */
static pthread_mutex_t lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

/*
 * A wait block is big (64 entries); each thread keeps one for its waits so the
 * common path allocates nothing.  A wait inside an APC that runs at the end of
 * another wait gets a fresh one.
 */
static __thread struct wait *cached_wait;
static __thread bool cached_wait_busy;

static struct wait *alloc_wait(void)
{
    if (!cached_wait_busy)
    {
        if (!cached_wait && !(cached_wait = malloc(WAIT_SIZE(MAXIMUM_WAIT_OBJECTS)))) return NULL;
        cached_wait_busy = true;
        return cached_wait;
    }
    return malloc(WAIT_SIZE(MAXIMUM_WAIT_OBJECTS));
}

static void free_wait(struct wait *wait)
{
    if (wait == cached_wait) cached_wait_busy = false;
    else free(wait);
}

/*
 * Every wait and every signal takes the lock, and its holders keep it for well under a
 * microsecond: a thread that finds it taken (one releasing a semaphore while another waits on it)
 * tries again a few times before it sleeps, which saves the futex wait and the holder's wake.
 * glibc's spinning (adaptive) mutexes cannot be recursive, hence the loop.
 */
#define SYNC_LOCK_TRIES 64

void sync_lock(void)
{
    int tries = SYNC_LOCK_TRIES;
    while (tries && pthread_mutex_trylock(&lock))
    {
        __builtin_ia32_pause();
        tries--;
    }
    if (!tries) pthread_mutex_lock(&lock);
    held_locks_enter();
}

void sync_unlock(void)
{
    pthread_mutex_unlock(&lock);
    held_locks_leave();
}

static long futex_wait(atomic_int *addr, int val, const struct timespec *abs_monotonic)
{
    /* FUTEX_WAIT_BITSET takes an absolute CLOCK_MONOTONIC deadline, so retries do not stretch the timeout */
    return syscall(SYS_futex, addr, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, val, abs_monotonic, NULL,
                   FUTEX_BITSET_MATCH_ANY);
}

static void futex_wake(atomic_int *addr)
{
    syscall(SYS_futex, addr, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, INT_MAX, NULL, NULL, 0);
}

static bool is_zero_timeout(const LARGE_INTEGER *timeout)
{
    return timeout && !timeout->QuadPart;
}

/* ------------------------------------------------------------------ satisfying waits (lock held) */

static bool try_satisfy(struct wait *wait, NTSTATUS *status)
{
    struct thread *thread = wait->thread;
    if (wait->all)
    {
        bool abandoned = false;
        for (ULONG i = 0; i < wait->count; i++)
            if (!wait->entries[i].obj->ops->signaled(wait->entries[i].obj, thread)) return false;
        for (ULONG i = 0; i < wait->count; i++)
            if (wait->entries[i].obj->ops->satisfy(wait->entries[i].obj, thread) == STATUS_ABANDONED) abandoned = true;
        *status = abandoned ? STATUS_ABANDONED_WAIT_0 : STATUS_WAIT_0;
        return true;
    }
    for (ULONG i = 0; i < wait->count; i++)
    {
        struct object *obj = wait->entries[i].obj;
        if (!obj->ops->signaled(obj, thread)) continue;
        *status = (obj->ops->satisfy(obj, thread) == STATUS_ABANDONED ? STATUS_ABANDONED_WAIT_0 : STATUS_WAIT_0) + i;
        return true;
    }
    return false;
}

static void complete_wait(struct wait *wait, NTSTATUS status)
{
    for (ULONG i = 0; i < wait->count; i++)
    {
        list_remove(&wait->entries[i].link);
        atomic_fetch_sub(&wait->entries[i].obj->nwaiters, 1);
    }
    wait->status = status;
    atomic_store(&wait->done, 1);
    if (wait->notify) wait->notify(wait->context);
    else futex_wake(&wait->done);
}

void wake_waiters(struct object *obj)
{
    struct list *cur;
restart:
    for (cur = obj->waiters.next; cur != &obj->waiters; cur = cur->next)
    {
        struct wait_entry *entry = LIST_ENTRY_OF(cur, struct wait_entry, link);
        NTSTATUS status;
        if (!obj->ops->signaled(obj, entry->wait->thread)) continue;
        if (try_satisfy(entry->wait, &status))
        {
            /* completing unlinks every entry of that wait, maybe the next one here too */
            complete_wait(entry->wait, status);
            goto restart;
        }
    }
}

/*
 * For a signaller that changed an object's state without the lock (with a
 * sequentially consistent store): waiters count themselves before they
 * check the state, so either they see the change or this sees them.
 */
void wake_waiters_unlocked(struct object *obj)
{
    if (!atomic_load(&obj->nwaiters)) return;
    sync_lock();
    wake_waiters(obj);
    sync_unlock();
}

/* ------------------------------------------------------------------ APCs */

/* Runs the current thread's queued user APCs; true if any ran. */
bool deliver_apcs(void)
{
    struct thread *thread = current_thread;
    bool ran = false;
    for (;;)
    {
        struct apc *apc = NULL;
        sync_lock();
        if (!list_empty(&thread->apcs))
        {
            apc = LIST_ENTRY_OF(thread->apcs.next, struct apc, entry);
            list_remove(&apc->entry);
        }
        sync_unlock();
        if (!apc) return ran;
        pe_call_apc(apc->func, apc->args[0], apc->args[1], apc->args[2]);
        free(apc);
        ran = true;
    }
}

static NTSTATUS queue_apc(struct thread *thread, void *func, ULONG_PTR arg1, ULONG_PTR arg2, ULONG_PTR arg3)
{
    struct apc *apc;
    NTSTATUS status = STATUS_SUCCESS;

    /* Windows accepts an APC without a routine for a live thread and nothing
     * ever shows of it: an alertable wait is not ended by it. */
    if (!func)
    {
        sync_lock();
        if (thread->terminated || thread->exiting) status = STATUS_UNSUCCESSFUL;
        sync_unlock();
        return status;
    }
    if (!(apc = malloc(sizeof(*apc)))) return STATUS_NO_MEMORY;
    apc->func = func;
    apc->args[0] = arg1;
    apc->args[1] = arg2;
    apc->args[2] = arg3;
    sync_lock();
    if (thread->terminated || thread->exiting)
    {
        free(apc);
        status = STATUS_UNSUCCESSFUL;
    }
    else
    {
        list_add_tail(&thread->apcs, &apc->entry);
        /* an alertable wait ends to run it */
        if (thread->wait && thread->wait->alertable && !atomic_load(&thread->wait->done))
            complete_wait(thread->wait, STATUS_USER_APC);
    }
    sync_unlock();
    return status;
}

void thread_queue_apc(struct thread *thread, void *func, ULONG_PTR arg1, ULONG_PTR arg2, ULONG_PTR arg3)
{
    queue_apc(thread, func, arg1, arg2, arg3);
}

NTSTATUS WINAPI NtQueueApcThread(HANDLE handle, PNTAPCFUNC func, ULONG_PTR arg1, ULONG_PTR arg2, ULONG_PTR arg3)
{
    struct thread *thread;
    NTSTATUS status;

    if ((status = handle_ref(handle, &thread_ops, (struct object **)&thread))) return status;
    status = queue_apc(thread, (void *)func, arg1, arg2, arg3);
    object_release(&thread->obj);
    return status;
}

NTSTATUS WINAPI NtTestAlert(void)
{
    /* the queued APCs run here; the call itself succeeds whether there were any */
    deliver_apcs();
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtAlertThread(HANDLE handle)
{
    struct thread *thread;
    NTSTATUS status;
    if ((status = handle_ref(handle, &thread_ops, (struct object **)&thread))) return status;
    sync_lock();
    if (thread->wait && thread->wait->alertable && !atomic_load(&thread->wait->done))
        complete_wait(thread->wait, STATUS_ALERTED);
    sync_unlock();
    object_release(&thread->obj);
    return STATUS_SUCCESS;
}

/* ------------------------------------------------------------------ waiting */

/* Sleeps until the wait is completed or the deadline passes; returns its status. */
static NTSTATUS block(struct wait *wait, const struct timespec *deadline)
{
    while (!atomic_load(&wait->done))
    {
        /* A TerminateThread whose signal came before this thread registered the wait found no
         * wait to end and may have been ignored (Unix code): the flag, set before that, is
         * checked before every sleep, after the registration. */
        long ret = thread_must_stop() ? 0 : futex_wait(&wait->done, 0, deadline);
        if ((ret < 0 && errno == ETIMEDOUT) || thread_must_stop())
        {
            /* a TerminateThread ends the wait; the thread leaves when the call returns */
            NTSTATUS why = thread_must_stop() ? STATUS_THREAD_IS_TERMINATING : STATUS_TIMEOUT;
            sync_lock();
            if (!atomic_load(&wait->done)) complete_wait(wait, why);
            sync_unlock();
        }
    }
    sync_lock();
    wait->thread->wait = NULL;
    sync_unlock();
    if (wait->status == STATUS_USER_APC) deliver_apcs();
    return wait->status;
}

NTSTATUS wait_for_objects(ULONG count, struct object **objs, bool wait_all, bool alertable,
                          const LARGE_INTEGER *timeout)
{
    struct thread *thread = current_thread;
    struct wait *wait;
    struct timespec deadline;
    bool has_deadline = nt_timeout_deadline(timeout, &deadline);
    NTSTATUS status;

    for (ULONG i = 0; i < count; i++)
        if (!objs[i]->ops->signaled) return STATUS_OBJECT_TYPE_MISMATCH;
    if (!(wait = alloc_wait())) return STATUS_NO_MEMORY;
    wait->thread = thread;
    wait->count = count;
    wait->all = wait_all;
    wait->alertable = alertable;
    wait->notify = NULL;
    atomic_init(&wait->done, 0);
    for (ULONG i = 0; i < count; i++)
    {
        wait->entries[i].wait = wait;
        wait->entries[i].obj = objs[i];
        list_init(&wait->entries[i].link);
    }

    sync_lock();
    if (alertable && !list_empty(&thread->apcs))
    {
        sync_unlock();
        deliver_apcs();
        free_wait(wait);
        return STATUS_USER_APC;
    }
    if (count && try_satisfy(wait, &status))
    {
        sync_unlock();
        free_wait(wait);
        return status;
    }
    if (is_zero_timeout(timeout))
    {
        sync_unlock();
        free_wait(wait);
        return STATUS_TIMEOUT;
    }
    for (ULONG i = 0; i < count; i++)
    {
        list_add_tail(&objs[i]->waiters, &wait->entries[i].link);
        atomic_fetch_add(&objs[i]->nwaiters, 1);
    }
    /* a lock-free signaller (wake_waiters_unlocked) may have changed an object before it could see
     * this wait counted: look once more, now that it is */
    if (try_satisfy(wait, &status))
    {
        complete_wait(wait, status);
        sync_unlock();
        free_wait(wait);
        return status;
    }
    thread->wait = wait;
    sync_unlock();

    port_thread_blocking(thread);
    thread_blocked(thread, count ? WAIT_REASON_USER : WAIT_REASON_DELAY);
    status = block(wait, has_deadline ? &deadline : NULL);
    thread_running(thread);
    port_thread_unblocked(thread);
    free_wait(wait);
    return status;
}

struct wait *private_wait_begin(bool alertable)
{
    struct wait *wait = alloc_wait();
    if (!wait) return NULL;
    wait->thread = current_thread;
    wait->count = 0;
    wait->all = false;
    wait->alertable = alertable;
    wait->notify = NULL;
    atomic_init(&wait->done, 0);
    /* the caller holds the sync lock and queues the wait somewhere of its own */
    current_thread->wait = wait;
    return wait;
}

/* Called with the sync lock held; returns with it released. */
NTSTATUS private_wait_end(struct wait *wait, const LARGE_INTEGER *timeout, int reason)
{
    struct timespec deadline;
    bool has_deadline = nt_timeout_deadline(timeout, &deadline);
    NTSTATUS status;
    if (wait->alertable && !list_empty(&wait->thread->apcs) && !atomic_load(&wait->done))
        complete_wait(wait, STATUS_USER_APC);
    else if (is_zero_timeout(timeout) && !atomic_load(&wait->done))
        complete_wait(wait, STATUS_TIMEOUT);
    sync_unlock();
    thread_blocked(wait->thread, reason);
    status = block(wait, has_deadline ? &deadline : NULL);
    thread_running(wait->thread);
    free_wait(wait);
    return status;
}

void complete_private_wait(struct wait *wait, NTSTATUS status)
{
    complete_wait(wait, status);
}

/* ------------------------------------------------------------------ notification waits */

/*
 * A wait on one object that no thread sleeps in: it sits on the object's queue
 * like any other and is satisfied in its turn by wake_waiters(), which then
 * runs its notify routine instead of waking a thread.  Wait completion packets
 * are built on it.  Objects whose satisfaction depends on the waiting thread
 * (a mutex's owner) are the caller's to refuse.
 */
struct wait *notify_wait_create(void (*notify)(void *context), void *context)
{
    struct wait *wait = malloc(WAIT_SIZE(1));
    if (!wait) return NULL;
    wait->thread = NULL;
    wait->count = 1;
    wait->all = wait->alertable = false;
    wait->notify = notify;
    wait->context = context;
    atomic_init(&wait->done, 1);
    wait->entries[0].wait = wait;
    wait->entries[0].obj = NULL;
    list_init(&wait->entries[0].link);
    return wait;
}

void notify_wait_free(struct wait *wait)
{
    free(wait);
}

bool notify_wait_arm(struct wait *wait, struct object *obj)
{
    NTSTATUS status;
    wait->entries[0].obj = obj;
    atomic_store(&wait->done, 0);
    list_add_tail(&obj->waiters, &wait->entries[0].link);
    atomic_fetch_add(&obj->nwaiters, 1);
    /* counted first, then looked at: a lock-free signaller either sees this wait or its change is seen */
    if (!try_satisfy(wait, &status)) return false;
    complete_wait(wait, status);
    return true;
}

bool notify_wait_disarm(struct wait *wait)
{
    if (atomic_load(&wait->done)) return false;
    list_remove(&wait->entries[0].link);
    atomic_fetch_sub(&wait->entries[0].obj->nwaiters, 1);
    atomic_store(&wait->done, 1);
    return true;
}

/* Resolves handles to waitable objects; on failure nothing is held. */
/* Pseudo-handles name an object only for NtWaitForSingleObject; Windows
 * refuses them in a list of handles. */
static NTSTATUS get_objects(ULONG count, const HANDLE *handles, struct object **objs, bool pseudo_ok)
{
    NTSTATUS status;
    for (ULONG i = 0; i < count; i++)
    {
        bool pseudo = handles[i] == NtCurrentProcess() || handles[i] == NtCurrentThread();
        if (pseudo && !pseudo_ok) status = STATUS_INVALID_HANDLE;
        else status = handle_ref_access(handles[i], NULL, SYNCHRONIZE, &objs[i]);
        if (status)
        {
            while (i--) object_release(objs[i]);
            return status;
        }
    }
    return STATUS_SUCCESS;
}

static NTSTATUS wait_handles(ULONG count, const HANDLE *handles, BOOLEAN wait_any, BOOLEAN alertable,
                             const LARGE_INTEGER *timeout, bool pseudo_ok)
{
    struct object *objs[MAXIMUM_WAIT_OBJECTS];
    NTSTATUS status;

    HANDLE copy[MAXIMUM_WAIT_OBJECTS];

    if (!count || count > MAXIMUM_WAIT_OBJECTS) return STATUS_INVALID_PARAMETER_1;
    /* the program's array and timeout, taken before anything is waited on */
    if (!read_user(copy, handles, count * sizeof(*handles))) return STATUS_ACCESS_VIOLATION;
    if (timeout && !probe_user((void *)timeout, sizeof(*timeout), false)) return STATUS_ACCESS_VIOLATION;
    if ((status = get_objects(count, copy, objs, pseudo_ok))) return status;
    if (!wait_any)
    {
        /* the same object twice cannot be acquired twice at once */
        for (ULONG i = 0; i < count && !status; i++)
            for (ULONG j = i + 1; j < count; j++)
                if (objs[i] == objs[j]) { status = STATUS_INVALID_PARAMETER_MIX; break; }
    }
    if (!status) status = wait_for_objects(count, objs, !wait_any, alertable, timeout);
    for (ULONG i = 0; i < count; i++) object_release(objs[i]);
    return status;
}

NTSTATUS WINAPI NtWaitForMultipleObjects(ULONG count, const HANDLE *handles, BOOLEAN wait_any, BOOLEAN alertable,
                                         const LARGE_INTEGER *timeout)
{
    return wait_handles(count, handles, wait_any, alertable, timeout, false);
}

NTSTATUS WINAPI NtWaitForSingleObject(HANDLE handle, BOOLEAN alertable, const LARGE_INTEGER *timeout)
{
    return wait_handles(1, &handle, TRUE, alertable, timeout, true);
}

NTSTATUS WINAPI NtDelayExecution(BOOLEAN alertable, const LARGE_INTEGER *timeout)
{
    if (timeout && !probe_user((void *)timeout, sizeof(*timeout), false)) return STATUS_ACCESS_VIOLATION;
    if (is_zero_timeout(timeout) && !alertable) return NtYieldExecution();
    NTSTATUS status = wait_for_objects(0, NULL, false, alertable, timeout);
    return status == STATUS_TIMEOUT ? STATUS_SUCCESS : status;
}

/* Sync lock held: a thread being terminated stops waiting; an exiting one drops its APCs. */
void abandon_wait_queue(struct thread *thread)
{
    struct apc *apc;
    if (thread->wait && !atomic_load(&thread->wait->done)) complete_wait(thread->wait, STATUS_THREAD_IS_TERMINATING);
    if (!thread->exiting) return;
    while (!list_empty(&thread->apcs))
    {
        apc = LIST_ENTRY_OF(thread->apcs.next, struct apc, entry);
        list_remove(&apc->entry);
        free(apc);
    }
}
