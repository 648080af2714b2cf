/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Waitable timer objects: NtCreateTimer, NtSetTimer, NtCancelTimer,
 * NtQueryTimer.  A notification timer stays signalled until it is set again;
 * a synchronization timer releases one waiter.  A set timer expires once or
 * every `period` milliseconds; at each expiry it is signalled and, when set
 * with an APC routine, queues that routine to the thread that set it, with
 * the expiry time as its two arguments.
 *
 * One Unix thread (not a Windows thread) keeps the active timers in order of
 * expiry and sleeps on a condition variable until the next one, on
 * CLOCK_MONOTONIC: an absolute due time is turned into a monotonic one when
 * the timer is set.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "private.h"

struct timer
{
    struct object obj;
    bool manual;
    bool signaled;
    bool active;                    /* in the schedule (timer_lock) */
    struct list entry;              /* in schedule, by expiry */
    struct timespec expiry;         /* CLOCK_MONOTONIC */
    ULONG period;                   /* milliseconds; 0: once */
    PTIMER_APC_ROUTINE apc;
    void *apc_context;
    struct thread *apc_thread;      /* reference, while the timer is set with an APC */
};

static pthread_mutex_t timer_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t timer_cond;
static struct list schedule = { &schedule, &schedule };
static bool thread_started;

static LONGLONG ts_diff_100ns(const struct timespec *a, const struct timespec *b)
{
    return ((LONGLONG)(a->tv_sec - b->tv_sec) * 1000000000LL + (a->tv_nsec - b->tv_nsec)) / 100;
}

static void ts_add_100ns(struct timespec *ts, LONGLONG t)
{
    ts->tv_sec += t / 10000000;
    ts->tv_nsec += (t % 10000000) * 100;
    if (ts->tv_nsec >= 1000000000) { ts->tv_sec++; ts->tv_nsec -= 1000000000; }
}

/* timer_lock held: into the schedule, earliest first. */
static void schedule_timer(struct timer *timer)
{
    struct list *cur;
    for (cur = schedule.next; cur != &schedule; cur = cur->next)
    {
        struct timer *t = LIST_ENTRY_OF(cur, struct timer, entry);
        if (ts_diff_100ns(&t->expiry, &timer->expiry) > 0) break;
    }
    list_add_tail(cur, &timer->entry);
    timer->active = true;
}

/* timer_lock held: out of the schedule; the APC thread reference is the caller's to drop. */
static struct thread *unschedule_timer(struct timer *timer)
{
    struct thread *thread = timer->apc_thread;
    if (timer->active) list_remove(&timer->entry);
    timer->active = false;
    timer->apc_thread = NULL;
    return thread;
}

static void expire(struct timer *timer)
{
    LARGE_INTEGER now;

    sync_lock();
    timer->signaled = true;
    wake_waiters(&timer->obj);
    sync_unlock();
    pthread_mutex_lock(&timer_lock);
    /* the APC's two arguments are the time of the expiry, as a system time */
    if (timer->apc && timer->apc_thread)
    {
        NtQuerySystemTime(&now);
        thread_queue_apc(timer->apc_thread, (void *)timer->apc, (ULONG_PTR)timer->apc_context,
                         (ULONG)now.u.LowPart, (LONG)now.u.HighPart);
    }
    pthread_mutex_unlock(&timer_lock);
}

static void *timer_thread(void *arg)
{
    sigset_t all;
    /* signals meant for Windows threads must not land here */
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    pthread_mutex_lock(&timer_lock);
    for (;;)
    {
        struct timespec now;
        struct timer *timer;

        if (list_empty(&schedule))
        {
            pthread_cond_wait(&timer_cond, &timer_lock);
            continue;
        }
        timer = LIST_ENTRY_OF(schedule.next, struct timer, entry);
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (ts_diff_100ns(&timer->expiry, &now) > 0)
        {
            pthread_cond_timedwait(&timer_cond, &timer_lock, &timer->expiry);
            continue;
        }
        /* due: keep it alive past the lock, and move a periodic one to its next expiry */
        if (!object_grab_unless_dead(&timer->obj))
        {
            /* its destruction, waiting for this lock, takes it off the schedule */
            list_remove(&timer->entry);
            timer->active = false;
            continue;
        }
        struct thread *done = NULL;
        list_remove(&timer->entry);
        timer->active = false;
        if (timer->period)
        {
            ts_add_100ns(&timer->expiry, (LONGLONG)timer->period * 10000);
            /* a timer that fell far behind does not fire for every period it missed */
            if (ts_diff_100ns(&now, &timer->expiry) > 0) timer->expiry = now;
            schedule_timer(timer);
        }
        pthread_mutex_unlock(&timer_lock);
        expire(timer);
        pthread_mutex_lock(&timer_lock);
        if (!timer->active && !timer->period) done = unschedule_timer(timer);
        pthread_mutex_unlock(&timer_lock);
        if (done) object_release(&done->obj);
        object_release(&timer->obj);
        pthread_mutex_lock(&timer_lock);
    }
    return NULL;
}

/* timer_lock held. */
static NTSTATUS start_thread_locked(void)
{
    pthread_condattr_t attr;
    pthread_t thread;

    if (thread_started) return STATUS_SUCCESS;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&timer_cond, &attr);
    pthread_condattr_destroy(&attr);
    if (pthread_create(&thread, NULL, timer_thread, NULL)) return STATUS_NO_MEMORY;
    pthread_detach(thread);
    thread_started = true;
    return STATUS_SUCCESS;
}

static bool timer_signaled(struct object *obj, struct thread *thread)
{
    return ((struct timer *)obj)->signaled;
}

static NTSTATUS timer_satisfy(struct object *obj, struct thread *thread)
{
    struct timer *timer = (struct timer *)obj;
    if (!timer->manual) timer->signaled = false;
    return STATUS_SUCCESS;
}

static void timer_destroy(struct object *obj)
{
    struct timer *timer = (struct timer *)obj;
    struct thread *thread;

    pthread_mutex_lock(&timer_lock);
    thread = unschedule_timer(timer);
    pthread_mutex_unlock(&timer_lock);
    if (thread) object_release(&thread->obj);
    object_unname(obj);
    free(timer);
}

const struct object_ops timer_ops = { "timer", timer_destroy, timer_signaled, timer_satisfy };

NTSTATUS WINAPI NtCreateTimer(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr, TIMER_TYPE type)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    struct timer *timer;
    if (!handle) return STATUS_ACCESS_VIOLATION;
    if (type != NotificationTimer && type != SynchronizationTimer) return STATUS_INVALID_PARAMETER;
    if (!(timer = calloc(1, sizeof(*timer)))) return STATUS_NO_MEMORY;
    object_init(&timer->obj, &timer_ops);
    timer->manual = type == NotificationTimer;
    list_init(&timer->entry);
    return sync_create_named(handle, access, attr, &timer->obj);
}

NTSTATUS WINAPI NtOpenTimer(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    if (handle && !probe_user(handle, sizeof(*handle), true)) return STATUS_ACCESS_VIOLATION;
    return sync_open_named(handle, access, attr, &timer_ops);
}

NTSTATUS WINAPI NtSetTimer(HANDLE handle, const LARGE_INTEGER *due, PTIMER_APC_ROUTINE apc, void *context,
                           BOOLEAN resume, ULONG period, BOOLEAN *prev)
{
    if (due && !probe_user((void *)due, sizeof(*due), false)) return STATUS_ACCESS_VIOLATION;
    if (prev && !probe_user(prev, sizeof(*prev), true)) return STATUS_ACCESS_VIOLATION;
    struct thread *old_thread, *apc_thread = NULL;
    struct timespec expiry;
    struct timer *timer;
    NTSTATUS status;
    LONGLONG rel;

    if (!due) return STATUS_ACCESS_VIOLATION;
    if ((LONG)period < 0) return STATUS_INVALID_PARAMETER_6;
    if ((status = handle_ref_access(handle, &timer_ops, TIMER_MODIFY_STATE, (struct object **)&timer))) return status;
    /* a negative due time is relative; a positive one is a system time, measured from now */
    if (due->QuadPart < 0) rel = -due->QuadPart;
    else
    {
        LARGE_INTEGER now;
        NtQuerySystemTime(&now);
        rel = due->QuadPart > now.QuadPart ? due->QuadPart - now.QuadPart : 0;
    }
    clock_gettime(CLOCK_MONOTONIC, &expiry);
    ts_add_100ns(&expiry, rel);
    if (apc)
    {
        apc_thread = current_thread;
        object_grab(&apc_thread->obj);
    }

    /* setting resets the signal; a wait in progress keeps waiting for the new expiry */
    sync_lock();
    if (prev) *prev = timer->signaled;
    timer->signaled = false;
    sync_unlock();

    pthread_mutex_lock(&timer_lock);
    if ((status = start_thread_locked()))
    {
        pthread_mutex_unlock(&timer_lock);
        if (apc_thread) object_release(&apc_thread->obj);
        object_release(&timer->obj);
        return status;
    }
    old_thread = unschedule_timer(timer);
    timer->expiry = expiry;
    timer->period = period;
    timer->apc = apc;
    timer->apc_context = context;
    timer->apc_thread = apc_thread;
    schedule_timer(timer);
    pthread_cond_signal(&timer_cond);
    pthread_mutex_unlock(&timer_lock);
    if (old_thread) object_release(&old_thread->obj);
    object_release(&timer->obj);
    /* Wring cannot wake a suspended machine: the timer is set all the same */
    return resume ? STATUS_TIMER_RESUME_IGNORED : STATUS_SUCCESS;
}

NTSTATUS WINAPI NtCancelTimer(HANDLE handle, BOOLEAN *prev)
{
    if (prev && !probe_user(prev, sizeof(*prev), true)) return STATUS_ACCESS_VIOLATION;
    struct thread *thread;
    struct timer *timer;
    NTSTATUS status;

    if ((status = handle_ref_access(handle, &timer_ops, TIMER_MODIFY_STATE, (struct object **)&timer))) return status;
    pthread_mutex_lock(&timer_lock);
    thread = unschedule_timer(timer);
    pthread_mutex_unlock(&timer_lock);
    /* cancelling leaves the signal as it is */
    sync_lock();
    if (prev) *prev = timer->signaled;
    sync_unlock();
    if (thread) object_release(&thread->obj);
    object_release(&timer->obj);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtQueryTimer(HANDLE handle, TIMER_INFORMATION_CLASS klass, void *info, ULONG length, ULONG *result)
{
    if (!probe_user(info, length, true)) return STATUS_ACCESS_VIOLATION;
    if (result && !probe_user(result, sizeof(*result), true)) return STATUS_ACCESS_VIOLATION;
    TIMER_BASIC_INFORMATION basic;
    struct timer *timer;
    struct timespec now;
    NTSTATUS status;

    if (klass != TimerBasicInformation) return STATUS_INVALID_INFO_CLASS;
    if (length != sizeof(basic)) return STATUS_INFO_LENGTH_MISMATCH;
    if ((status = handle_ref_access(handle, &timer_ops, TIMER_QUERY_STATE, (struct object **)&timer))) return status;
    clock_gettime(CLOCK_MONOTONIC, &now);
    pthread_mutex_lock(&timer_lock);
    /* the time left in 100 ns units; none for a timer that is not set or is already due */
    basic.RemainingTime.QuadPart = timer->active ? ts_diff_100ns(&timer->expiry, &now) : 0;
    if (basic.RemainingTime.QuadPart < 0) basic.RemainingTime.QuadPart = 0;
    pthread_mutex_unlock(&timer_lock);
    sync_lock();
    basic.TimerState = timer->signaled;
    sync_unlock();
    object_release(&timer->obj);
    if (!write_user(info, &basic, sizeof(basic))) return STATUS_ACCESS_VIOLATION;
    if (result && !write_user(result, &(ULONG){ sizeof(basic) }, sizeof(ULONG))) return STATUS_ACCESS_VIOLATION;
    return STATUS_SUCCESS;
}
