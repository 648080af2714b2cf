/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Thread-pool timers and the older timer queues on top of them.
 *
 * There are no waitable timer objects underneath: one timer thread per process keeps the
 * armed timers and sleeps on an event with a timeout until the earliest moment one of them
 * must fire.  A timer may fire anywhere between its due time and the end of its window, so
 * the thread sleeps until the earliest window end and then fires every timer already due:
 * timers whose windows overlap fire together (window length merging).  Firing posts the
 * timer's packet to its pool's port; the callback runs on a worker like any other, except
 * for a queue timer with WT_EXECUTEINTIMERTHREAD, which runs on the timer thread itself.
 */
#include "threadpool.h"

static RTL_SRWLOCK timer_lock = RTL_SRWLOCK_INIT;
static LIST_ENTRY timers = { &timers, &timers };
static HANDLE timer_event;
static RTL_RUN_ONCE timer_once = RTL_RUN_ONCE_INIT;

static DWORD WINAPI timer_thread(void *arg)
{
    LIST_ENTRY *entry, *next;
    struct tp_object *obj, *own;
    struct tp_timer_state *timer;
    LARGE_INTEGER timeout;
    LONGLONG now, wake;

    for (;;)
    {
        RtlAcquireSRWLockExclusive(&timer_lock);
        now = tp_now();
        wake = TP_MAX_TICKS;
        own = NULL;
        for (entry = timers.Flink; entry != &timers && !own; entry = next)
        {
            next = entry->Flink;
            obj = CONTAINING_RECORD(entry, struct tp_object, u.timer.entry);
            timer = &obj->u.timer;
            if (timer->due <= now)
            {
                /* this thread's own callback runs once the lock is released; then it looks again */
                if (obj->legacy_flags & WT_EXECUTEINTIMERTHREAD)
                {
                    tp_object_count(obj);
                    own = obj;
                }
                else tp_object_post(obj, 0, STATUS_SUCCESS, 0);
                if (timer->period)
                {
                    timer->due += (LONGLONG)timer->period * 10000;
                    if (timer->due < now) timer->due = now + (LONGLONG)timer->period * 10000;
                    timer->window_end = timer->due + (LONGLONG)timer->window * 10000;
                }
                else
                {
                    RemoveEntryList(entry);
                    timer->armed = FALSE;
                    continue;
                }
            }
            if (timer->window_end < wake) wake = timer->window_end;
        }
        RtlReleaseSRWLockExclusive(&timer_lock);
        if (own)
        {
            tp_object_run(own, 0);
            continue;
        }
        timeout.QuadPart = now - wake;
        NtWaitForSingleObject(timer_event, FALSE, wake == TP_MAX_TICKS ? NULL : &timeout);
    }
    return 0;
}

static DWORD WINAPI start_timer_thread(RTL_RUN_ONCE *once, void *param, void **context)
{
    HANDLE thread;

    if (NtCreateEvent(&timer_event, EVENT_ALL_ACCESS, NULL, SynchronizationEvent, FALSE)) return FALSE;
    if (NtCreateThreadEx(&thread, THREAD_ALL_ACCESS, NULL, NtCurrentProcess(),
                         (PRTL_THREAD_START_ROUTINE)timer_thread, NULL, 0, 0, 0, 0, NULL))
    {
        NtClose(timer_event);
        return FALSE;
    }
    NtClose(thread);
    return TRUE;
}

/* Disarms the timer; returns whether it was armed.  Callbacks already queued still run. */
static BOOL timer_disarm_locked(struct tp_object *obj)
{
    if (!obj->u.timer.armed) return FALSE;
    RemoveEntryList(&obj->u.timer.entry);
    obj->u.timer.armed = FALSE;
    return TRUE;
}

void tp_timer_unset(struct tp_object *obj)
{
    RtlAcquireSRWLockExclusive(&timer_lock);
    timer_disarm_locked(obj);
    obj->u.timer.set = FALSE;
    RtlReleaseSRWLockExclusive(&timer_lock);
}

void tp_timer_invoke(struct tp_object *obj, TP_CALLBACK_INSTANCE *instance)
{
    if (obj->legacy_owner) ((RTL_WAITORTIMERCALLBACKFUNC)obj->callback)(obj->userdata, TRUE);
    else ((PTP_TIMER_CALLBACK)obj->callback)(instance, obj->userdata, (TP_TIMER *)obj);
}

/* Arms (or, with no due time, disarms) a timer; returns whether it was armed before. */
static BOOL timer_set(struct tp_object *obj, const LARGE_INTEGER *due, LONG period, LONG window)
{
    struct tp_timer_state *timer = &obj->u.timer;
    BOOL was_armed;

    if (due && RtlRunOnceExecuteOnce(&timer_once, start_timer_thread, NULL, NULL)) due = NULL;
    RtlAcquireSRWLockExclusive(&timer_lock);
    was_armed = timer_disarm_locked(obj);
    timer->set = due && !obj->released;
    if (timer->set)
    {
        timer->due = due->QuadPart ? tp_deadline(due) : tp_now();
        timer->period = period < 0 ? 0 : period;
        timer->window = window < 0 ? 0 : window;
        timer->window_end = timer->due + (LONGLONG)timer->window * 10000;
        timer->armed = TRUE;
        InsertTailList(&timers, &timer->entry);
    }
    RtlReleaseSRWLockExclusive(&timer_lock);
    if (timer->set) NtSetEvent(timer_event, NULL);
    return was_armed;
}

NTSTATUS WINAPI TpAllocTimer(TP_TIMER **out, PTP_TIMER_CALLBACK callback, void *userdata, TP_CALLBACK_ENVIRON *env)
{
    struct tp_object *obj;
    NTSTATUS status;

    if (!out) return STATUS_INVALID_PARAMETER;
    if ((status = tp_object_alloc(&obj, TP_TYPE_TIMER, callback, userdata, env))) return status;
    *out = (TP_TIMER *)obj;
    return STATUS_SUCCESS;
}

void WINAPI TpSetTimer(TP_TIMER *timer, LARGE_INTEGER *due, LONG period, LONG window)
{
    timer_set((struct tp_object *)timer, due, period, window);
}

BOOL WINAPI TpSetTimerEx(TP_TIMER *timer, LARGE_INTEGER *due, LONG period, LONG window)
{
    return timer_set((struct tp_object *)timer, due, period, window);
}

BOOL WINAPI TpIsTimerSet(TP_TIMER *timer)
{
    return ((struct tp_object *)timer)->u.timer.set;
}

void WINAPI TpWaitForTimer(TP_TIMER *timer, BOOL cancel_pending)
{
    tp_object_wait((struct tp_object *)timer, cancel_pending);
}

void WINAPI TpReleaseTimer(TP_TIMER *timer)
{
    tp_object_release((struct tp_object *)timer);
}

/* ------------------------------------------------------------------ timer queues */

struct timer_queue
{
    RTL_SRWLOCK lock;
    LIST_ENTRY timers;
    BOOL is_default;
};

static struct timer_queue default_queue = { RTL_SRWLOCK_INIT, { &default_queue.timers, &default_queue.timers }, TRUE };

static struct timer_queue *get_queue(HANDLE handle)
{
    return handle ? (struct timer_queue *)handle : &default_queue;
}

NTSTATUS WINAPI RtlCreateTimerQueue(HANDLE *out)
{
    struct timer_queue *queue;

    if (!out) return STATUS_INVALID_PARAMETER;
    if (!(queue = RtlAllocateHeap(process_heap(), HEAP_ZERO_MEMORY, sizeof(*queue)))) return STATUS_NO_MEMORY;
    RtlInitializeSRWLock(&queue->lock);
    InitializeListHead(&queue->timers);
    *out = queue;
    return STATUS_SUCCESS;
}

static void set_ms_timer(struct tp_object *obj, DWORD due_ms, DWORD period_ms)
{
    LARGE_INTEGER due;

    due.QuadPart = -(LONGLONG)due_ms * 10000;
    timer_set(obj, &due, (obj->legacy_flags & WT_EXECUTEONLYONCE) ? 0 : (LONG)period_ms, 0);
}

NTSTATUS WINAPI RtlCreateTimer(HANDLE queue_handle, HANDLE *out, RTL_WAITORTIMERCALLBACKFUNC callback, void *param,
                               DWORD due, DWORD period, ULONG flags)
{
    struct timer_queue *queue = get_queue(queue_handle);
    struct tp_object *obj;
    NTSTATUS status;

    if (!out) return STATUS_INVALID_PARAMETER;
    if ((status = tp_legacy_alloc(&obj, TP_TYPE_TIMER, callback, param, flags))) return status;
    obj->legacy_owner = queue;
    RtlAcquireSRWLockExclusive(&queue->lock);
    InsertTailList(&queue->timers, &obj->owner_entry);
    RtlReleaseSRWLockExclusive(&queue->lock);
    set_ms_timer(obj, due, period);
    *out = obj;
    return STATUS_SUCCESS;
}

/* Microsoft documents that a one-shot queue timer that has already expired is
 * not updated: the call succeeds and the timer stays spent. */
static BOOL spent_one_shot(struct tp_object *obj)
{
    BOOL spent;

    RtlAcquireSRWLockExclusive(&timer_lock);
    spent = obj->u.timer.set && !obj->u.timer.armed && !obj->u.timer.period;
    RtlReleaseSRWLockExclusive(&timer_lock);
    return spent;
}

NTSTATUS WINAPI RtlUpdateTimer(HANDLE queue, HANDLE timer, DWORD due, DWORD period)
{
    if (!timer) return STATUS_INVALID_PARAMETER;
    if (!spent_one_shot(timer)) set_ms_timer(timer, due, period);
    return STATUS_SUCCESS;
}

/* Lets go of a queue timer or a registered wait after its removal from its owner:
 * INVALID_HANDLE_VALUE waits for its callbacks, an event is set once they are over, and
 * with neither the call reports STATUS_PENDING when a callback is still queued or running. */
NTSTATUS tp_legacy_delete(struct tp_object *obj, HANDLE event)
{
    NTSTATUS status = STATUS_SUCCESS;

    /* without a wait, a callback still running makes it STATUS_PENDING, with an event to set
     * once the object is gone or without one */
    if (event == INVALID_HANDLE_VALUE) tp_object_wait(obj, FALSE);
    else
    {
        if (event) obj->free_event = event;
        if (obj->busy) status = STATUS_PENDING;
    }
    tp_object_release(obj);
    return status;
}

NTSTATUS WINAPI RtlDeleteTimer(HANDLE queue_handle, HANDLE timer, HANDLE event)
{
    struct timer_queue *queue = get_queue(queue_handle);
    struct tp_object *obj = timer;

    if (!timer) return STATUS_INVALID_PARAMETER_2;
    tp_timer_unset(obj);
    RtlAcquireSRWLockExclusive(&queue->lock);
    RemoveEntryList(&obj->owner_entry);
    RtlReleaseSRWLockExclusive(&queue->lock);
    return tp_legacy_delete(obj, event);
}

struct queue_deletion
{
    LIST_ENTRY timers;
    HANDLE event;
};

/* Waits for the deleted queue's callbacks and then sets the caller's event. */
static void finish_queue_deletion(struct queue_deletion *deletion)
{
    struct tp_object *obj;

    while (!IsListEmpty(&deletion->timers))
    {
        obj = CONTAINING_RECORD(RemoveHeadList(&deletion->timers), struct tp_object, owner_entry);
        tp_object_wait(obj, FALSE);
        tp_object_release(obj);
    }
    if (deletion->event && deletion->event != INVALID_HANDLE_VALUE) NtSetEvent(deletion->event, NULL);
    RtlFreeHeap(process_heap(), 0, deletion);
}

static void CALLBACK queue_deletion_callback(TP_CALLBACK_INSTANCE *instance, void *context)
{
    finish_queue_deletion(context);
}

NTSTATUS WINAPI RtlDeleteTimerQueueEx(HANDLE queue_handle, HANDLE event)
{
    struct timer_queue *queue = queue_handle;
    struct queue_deletion *deletion;
    struct tp_object *obj;
    LIST_ENTRY *entry;
    BOOL busy = FALSE;

    if (!queue) return STATUS_INVALID_HANDLE;
    if (!(deletion = RtlAllocateHeap(process_heap(), 0, sizeof(*deletion)))) return STATUS_NO_MEMORY;
    InitializeListHead(&deletion->timers);
    deletion->event = event;
    RtlAcquireSRWLockExclusive(&queue->lock);
    while (!IsListEmpty(&queue->timers))
    {
        entry = RemoveHeadList(&queue->timers);
        obj = CONTAINING_RECORD(entry, struct tp_object, owner_entry);
        tp_timer_unset(obj);
        if (obj->busy) busy = TRUE;
        InsertTailList(&deletion->timers, entry);
    }
    RtlReleaseSRWLockExclusive(&queue->lock);
    RtlFreeHeap(process_heap(), 0, queue);

    if (event == INVALID_HANDLE_VALUE || !busy)
    {
        finish_queue_deletion(deletion);
        return event == INVALID_HANDLE_VALUE ? STATUS_SUCCESS : STATUS_PENDING;
    }
    if (TpSimpleTryPost(queue_deletion_callback, deletion, NULL)) finish_queue_deletion(deletion);
    return STATUS_PENDING;
}
