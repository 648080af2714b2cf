/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Thread-pool waits and RtlRegisterWait on top of them.
 *
 * Waits are grouped in buckets of up to 63; each bucket has a thread in
 * NtWaitForMultipleObjects on its handles plus a control event that tells it the set
 * changed, with the earliest wait timeout as its own.  A signalled handle or an expired
 * timeout unregisters the wait (one callback per TpSetWait) and posts its packet to the
 * pool, the result (WAIT_OBJECT_0, WAIT_TIMEOUT, WAIT_ABANDONED_0) as the packet's value.
 * A registered wait with WT_EXECUTEINWAITTHREAD runs its callback on the bucket's thread
 * instead, once the wait lock is released.
 */
#include "threadpool.h"

#define BUCKET_WAITS (MAXIMUM_WAIT_OBJECTS - 1)

struct wait_bucket
{
    LIST_ENTRY entry;
    HANDLE control;
    ULONG count;
    struct tp_object *waits[BUCKET_WAITS];
};

static RTL_SRWLOCK wait_lock = RTL_SRWLOCK_INIT;
static LIST_ENTRY buckets = { &buckets, &buckets };

static void bucket_remove_locked(struct tp_object *obj)
{
    struct wait_bucket *bucket = obj->u.wait.bucket;
    ULONG index = obj->u.wait.index;

    if (!bucket) return;
    bucket->waits[index] = bucket->waits[--bucket->count];
    bucket->waits[index]->u.wait.index = index;
    obj->u.wait.bucket = NULL;
    NtSetEvent(bucket->control, NULL);
}

/* The callbacks a bucket thread runs itself once it has released the wait lock. */
struct own_callbacks
{
    ULONG count;
    struct tp_object *objs[BUCKET_WAITS];
    ULONG_PTR results[BUCKET_WAITS];
};

static void fire_locked(struct tp_object *obj, ULONG_PTR result, struct own_callbacks *own)
{
    bucket_remove_locked(obj);
    if (!(obj->legacy_flags & WT_EXECUTEINWAITTHREAD))
    {
        tp_object_post(obj, result, STATUS_SUCCESS, 0);
        return;
    }
    tp_object_count(obj);
    own->objs[own->count] = obj;
    own->results[own->count++] = result;
}

static void run_own_callbacks(struct own_callbacks *own)
{
    ULONG i;

    for (i = 0; i < own->count; i++)
    {
        struct tp_object *obj = own->objs[i];
        obj->u.wait.own_runner = HandleToULong(NtCurrentTeb()->ClientId.UniqueThread);
        tp_object_run(obj, own->results[i]);
    }
    own->count = 0;
}

static DWORD WINAPI bucket_thread(void *arg)
{
    struct wait_bucket *bucket = arg;
    HANDLE handles[MAXIMUM_WAIT_OBJECTS];
    struct tp_object *snapshot[BUCKET_WAITS];
    struct own_callbacks own;
    LARGE_INTEGER timeout, no_wait;
    LONGLONG now, wake;
    NTSTATUS status;
    ULONG i, count;

    no_wait.QuadPart = 0;
    own.count = 0;
    for (;;)
    {
        RtlAcquireSRWLockExclusive(&wait_lock);
        now = tp_now();
        wake = TP_MAX_TICKS;
        for (i = 0; i < bucket->count;)
        {
            struct tp_object *obj = bucket->waits[i];
            if (obj->u.wait.deadline <= now)
            {
                fire_locked(obj, WAIT_TIMEOUT, &own);
                continue;
            }
            if (obj->u.wait.deadline < wake) wake = obj->u.wait.deadline;
            i++;
        }
        count = bucket->count;
        handles[0] = bucket->control;
        for (i = 0; i < count; i++)
        {
            snapshot[i] = bucket->waits[i];
            handles[i + 1] = snapshot[i]->u.wait.handle;
        }
        RtlReleaseSRWLockExclusive(&wait_lock);
        /* a callback that ran here may have changed the set: look again before waiting */
        if (own.count)
        {
            run_own_callbacks(&own);
            continue;
        }

        timeout.QuadPart = now - wake;
        status = NtWaitForMultipleObjects(count + 1, handles, TRUE, FALSE, wake == TP_MAX_TICKS ? NULL : &timeout);

        RtlAcquireSRWLockExclusive(&wait_lock);
        if (status > STATUS_WAIT_0 && status <= STATUS_WAIT_0 + count)
        {
            i = status - STATUS_WAIT_0 - 1;
            /* the set may have changed meanwhile: fire only a wait still registered */
            if (snapshot[i]->u.wait.bucket == bucket) fire_locked(snapshot[i], WAIT_OBJECT_0, &own);
        }
        else if (status > STATUS_ABANDONED_WAIT_0 && status <= STATUS_ABANDONED_WAIT_0 + count)
        {
            i = status - STATUS_ABANDONED_WAIT_0 - 1;
            if (snapshot[i]->u.wait.bucket == bucket) fire_locked(snapshot[i], WAIT_ABANDONED_0, &own);
        }
        else if (NT_ERROR(status))
        {
            /* a handle went bad (closed under the wait): drop the waits on bad handles */
            for (i = 0; i < count; i++)
                if (snapshot[i]->u.wait.bucket == bucket &&
                    NT_ERROR(NtWaitForSingleObject(snapshot[i]->u.wait.handle, FALSE, &no_wait)))
                    bucket_remove_locked(snapshot[i]);
        }
        RtlReleaseSRWLockExclusive(&wait_lock);
        run_own_callbacks(&own);
    }
    return 0;
}

static struct wait_bucket *get_bucket_locked(void)
{
    struct wait_bucket *bucket;
    LIST_ENTRY *entry;
    HANDLE thread;

    for (entry = buckets.Flink; entry != &buckets; entry = entry->Flink)
    {
        bucket = CONTAINING_RECORD(entry, struct wait_bucket, entry);
        if (bucket->count < BUCKET_WAITS) return bucket;
    }
    if (!(bucket = RtlAllocateHeap(process_heap(), HEAP_ZERO_MEMORY, sizeof(*bucket)))) return NULL;
    if (NtCreateEvent(&bucket->control, EVENT_ALL_ACCESS, NULL, SynchronizationEvent, FALSE))
    {
        RtlFreeHeap(process_heap(), 0, bucket);
        return NULL;
    }
    if (NtCreateThreadEx(&thread, THREAD_ALL_ACCESS, NULL, NtCurrentProcess(),
                         (PRTL_THREAD_START_ROUTINE)bucket_thread, bucket, 0, 0, 0, 0, NULL))
    {
        NtClose(bucket->control);
        RtlFreeHeap(process_heap(), 0, bucket);
        return NULL;
    }
    NtClose(thread);
    InsertTailList(&buckets, &bucket->entry);
    return bucket;
}

void tp_wait_unset(struct tp_object *obj)
{
    RtlAcquireSRWLockExclusive(&wait_lock);
    bucket_remove_locked(obj);
    RtlReleaseSRWLockExclusive(&wait_lock);
}

/* Registers (or, with no handle, cancels) the wait; returns whether one was registered. */
static BOOL wait_set(struct tp_object *obj, HANDLE handle, const LARGE_INTEGER *timeout)
{
    struct wait_bucket *bucket;
    BOOL was_set;

    RtlAcquireSRWLockExclusive(&wait_lock);
    was_set = obj->u.wait.bucket != NULL;
    bucket_remove_locked(obj);
    if (handle && !obj->released)
    {
        /* A zero timeout "times out immediately", whatever the object's state: the bucket
         * thread fires a past deadline before it waits, and a WT_EXECUTEINWAITTHREAD callback
         * runs on that thread like every other of the wait's callbacks. */
        if ((bucket = get_bucket_locked()))
        {
            obj->u.wait.handle = handle;
            obj->u.wait.deadline = timeout && !timeout->QuadPart ? 0 : tp_deadline(timeout);
            obj->u.wait.bucket = bucket;
            obj->u.wait.index = bucket->count;
            bucket->waits[bucket->count++] = obj;
            NtSetEvent(bucket->control, NULL);
        }
    }
    RtlReleaseSRWLockExclusive(&wait_lock);
    return was_set;
}

static void legacy_rearm(struct tp_object *obj)
{
    LARGE_INTEGER timeout;

    timeout.QuadPart = -(LONGLONG)obj->legacy_timeout * 10000;
    wait_set(obj, obj->u.wait.handle, obj->legacy_timeout == INFINITE ? NULL : &timeout);
}

void tp_wait_invoke(struct tp_object *obj, TP_CALLBACK_INSTANCE *instance, ULONG_PTR result)
{
    if (!obj->legacy_owner)
    {
        ((PTP_WAIT_CALLBACK)obj->callback)(instance, obj->userdata, (TP_WAIT *)obj, (TP_WAIT_RESULT)result);
        return;
    }
    ((RTL_WAITORTIMERCALLBACKFUNC)obj->callback)(obj->userdata, result == WAIT_TIMEOUT);
    if (!(obj->legacy_flags & WT_EXECUTEONLYONCE)) legacy_rearm(obj);
}

NTSTATUS WINAPI TpAllocWait(TP_WAIT **out, PTP_WAIT_CALLBACK callback, void *userdata, TP_CALLBACK_ENVIRON *env)
{
    struct tp_object *obj;
    NTSTATUS status;

    if (!out) return STATUS_INVALID_PARAMETER;
    if ((status = tp_object_alloc(&obj, TP_TYPE_WAIT, callback, userdata, env))) return status;
    *out = (TP_WAIT *)obj;
    return STATUS_SUCCESS;
}

void WINAPI TpSetWait(TP_WAIT *wait, HANDLE handle, LARGE_INTEGER *timeout)
{
    wait_set((struct tp_object *)wait, handle, timeout);
}

BOOL WINAPI TpSetWaitEx(TP_WAIT *wait, HANDLE handle, LARGE_INTEGER *timeout, void *reserved)
{
    return wait_set((struct tp_object *)wait, handle, timeout);
}

void WINAPI TpWaitForWait(TP_WAIT *wait, BOOL cancel_pending)
{
    tp_object_wait((struct tp_object *)wait, cancel_pending);
}

void WINAPI TpReleaseWait(TP_WAIT *wait)
{
    tp_object_release((struct tp_object *)wait);
}

/* RtlRegisterWait's waits have no owner; this marks them as the older kind. */
static char registered_wait_owner;

NTSTATUS WINAPI RtlRegisterWait(HANDLE *out, HANDLE handle, RTL_WAITORTIMERCALLBACKFUNC callback, void *context,
                                ULONG milliseconds, ULONG flags)
{
    struct tp_object *obj;
    NTSTATUS status;

    if (!out) return STATUS_INVALID_PARAMETER;
    if ((status = tp_legacy_alloc(&obj, TP_TYPE_WAIT, callback, context, flags))) return status;
    obj->legacy_owner = &registered_wait_owner;
    obj->legacy_timeout = milliseconds;
    obj->u.wait.handle = handle;
    /* the handle is the caller's before the wait can fire: a callback may use it */
    *out = obj;
    legacy_rearm(obj);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlDeregisterWaitEx(HANDLE handle, HANDLE event)
{
    struct tp_object *obj = handle;
    NTSTATUS status;
    BOOL from_own_callback;

    if (!obj || obj == INVALID_HANDLE_VALUE || obj->legacy_owner != &registered_wait_owner)
        return STATUS_INVALID_HANDLE;
    /* Windows counts a WT_EXECUTEINWAITTHREAD callback that unregisters its own wait as
     * over: nothing else can run for it, and the wait thread frees it on return */
    from_own_callback = obj->u.wait.own_runner == HandleToULong(NtCurrentTeb()->ClientId.UniqueThread) &&
                        obj->busy == 1;
    tp_wait_unset(obj);
    status = tp_legacy_delete(obj, event);
    return from_own_callback && status == STATUS_PENDING && !event ? STATUS_SUCCESS : status;
}

NTSTATUS WINAPI RtlDeregisterWait(HANDLE handle)
{
    return RtlDeregisterWaitEx(handle, NULL);
}
