/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The Vista thread pool: pools, workers, the objects' common life cycle, work items,
 * simple callbacks, cleanup groups and callback instances.  See threadpool.h for the model.
 */
#include "threadpool.h"
#include "wring/unixcalls.h"

extern const struct wring_unix_funcs *wring_unix_funcs;

/* An idle worker above the pool's minimum leaves after this long without a packet. */
#define WORKER_IDLE_TIMEOUT (10 * (LONGLONG)10000000)
#define DEFAULT_MAX_THREADS 500

static struct tp_pool *default_pool;
static struct tp_pool *io_thread_pool;  /* the older API's I/O threads (WT_EXECUTEINIOTHREAD) */

LONGLONG tp_now(void)
{
    LARGE_INTEGER now;
    NtQuerySystemTime(&now);
    return now.QuadPart;
}

LONGLONG tp_deadline(const LARGE_INTEGER *timeout)
{
    if (!timeout) return TP_MAX_TICKS;
    if (timeout->QuadPart < 0) return tp_now() - timeout->QuadPart;
    return timeout->QuadPart;
}

/* ------------------------------------------------------------------ pools and workers */

static void pool_unref(struct tp_pool *pool)
{
    if (InterlockedDecrement(&pool->refs)) return;
    NtClose(pool->port);
    RtlFreeHeap(process_heap(), 0, pool);
}

/* The owner and every object hold the pool through one reference; when the last lets go,
 * each worker gets an exit packet (key 0). */
static void pool_release_user(struct tp_pool *pool)
{
    LONG i, threads;

    if (InterlockedDecrement(&pool->users)) return;
    threads = pool->threads;
    for (i = 0; i < threads; i++) NtSetIoCompletion(pool->port, 0, 0, STATUS_SUCCESS, 0);
    pool_unref(pool);
}

static LONG soft_thread_limit(void)
{
    LONG cpus = NtCurrentTeb()->Peb->NumberOfProcessors;
    return cpus < 2 ? 4 : 2 * cpus;
}

static DWORD WINAPI worker_main(void *arg);

/* Starts one more worker unless the pool is at its maximum. */
static NTSTATUS pool_grow(struct tp_pool *pool)
{
    LONG threads = pool->threads, seen;
    HANDLE thread;
    NTSTATUS status;

    for (;;)
    {
        if (threads >= pool->max_threads) return STATUS_TOO_MANY_THREADS;
        seen = InterlockedCompareExchange(&pool->threads, threads + 1, threads);
        if (seen == threads) break;
        threads = seen;
    }
    /* counted idle from now on, so that other threads do not start one more for the same need */
    InterlockedIncrement(&pool->idle);
    InterlockedIncrement(&pool->refs);
    status = NtCreateThreadEx(&thread, THREAD_ALL_ACCESS, NULL, NtCurrentProcess(),
                              (PRTL_THREAD_START_ROUTINE)worker_main, pool, 0, 0,
                              pool->stack.StackCommit, pool->stack.StackReserve, NULL);
    if (status)
    {
        InterlockedDecrement(&pool->idle);
        InterlockedDecrement(&pool->threads);
        pool_unref(pool);
        return status;
    }
    NtClose(thread);
    return STATUS_SUCCESS;
}

/* A packet is about to be posted: make sure someone will take it, even if every worker is
 * blocked in a callback. */
static NTSTATUS pool_ensure_worker(struct tp_pool *pool)
{
    NTSTATUS status = STATUS_SUCCESS;
    int tries = 0;

    if (pool->idle > 0) return STATUS_SUCCESS;
    /* a thread that cannot be created now (a thread limit) may be a moment later; a pool with no
     * worker at all would otherwise hold the packet for good */
    while ((status = pool_grow(pool)) && pool->threads <= 0 && ++tries < 4) {}
    return pool->threads > 0 ? STATUS_SUCCESS : status;
}

static void dispatch(struct tp_object *obj, ULONG_PTR value, NTSTATUS status, ULONG_PTR info);

/* ------------------------------------------------------------------ callback priorities */

static struct tp_post *post_alloc(struct tp_object *obj, ULONG_PTR value, NTSTATUS status, ULONG_PTR info)
{
    struct tp_post *post = RtlAllocateHeap(process_heap(), 0, sizeof(*post));

    if (!post) return NULL;
    post->obj = obj;
    post->value = value;
    post->status = status;
    post->info = info;
    return post;
}

/* Queue lock held. */
static void queue_push(struct tp_pool *pool, struct tp_post *post)
{
    InsertTailList(&pool->queues[post->obj->priority], &post->entry);
    pool->queued++;
}

/* Queue lock held. */
static void queue_remove(struct tp_pool *pool, struct tp_post *post)
{
    RemoveEntryList(&post->entry);
    pool->queued--;
}

/* The oldest entry of the best non-empty queue (queue lock held). */
static struct tp_post *queue_best(struct tp_pool *pool)
{
    int i;

    for (i = 0; i < TP_CALLBACK_PRIORITY_COUNT; i++)
        if (!IsListEmpty(&pool->queues[i])) return CONTAINING_RECORD(pool->queues[i].Flink, struct tp_post, entry);
    return NULL;
}

/* The packet that makes a worker run the best queued callback. */
static NTSTATUS post_doorbell(struct tp_pool *pool)
{
    return NtSetIoCompletion(pool->port, (ULONG_PTR)pool, 0, STATUS_SUCCESS, 0);
}

/* Takes the entry back out of its queue: FALSE when a worker already took it. */
static BOOL queue_withdraw(struct tp_pool *pool, struct tp_post *post)
{
    LIST_ENTRY *queue = &pool->queues[post->obj->priority], *entry;
    BOOL found = FALSE;

    RtlAcquireSRWLockExclusive(&pool->queue_lock);
    for (entry = queue->Flink; entry != queue && !found; entry = entry->Flink)
        found = entry == &post->entry;
    if (found) queue_remove(pool, post);
    RtlReleaseSRWLockExclusive(&pool->queue_lock);
    return found;
}

/* What a dequeued packet makes the worker run: the best queued callback for a doorbell, the
 * packet itself otherwise, unless a queued callback of higher priority is waiting: then the
 * packet takes its place in the queues and the worker runs that one.  The I/O fast path only
 * reads `queued`.  FALSE: nothing to run. */
static BOOL next_callback(struct tp_pool *pool, ULONG_PTR key, ULONG_PTR value, const IO_STATUS_BLOCK *iosb,
                          struct tp_post *run)
{
    struct tp_object *obj = (struct tp_object *)key;
    struct tp_post *best, *swap = NULL;
    BOOL doorbell = key == (ULONG_PTR)pool;

    run->obj = obj;
    run->value = value;
    run->status = iosb->Status;
    run->info = iosb->Information;
    if (!doorbell)
    {
        if (!pool->queued || obj->priority == TP_CALLBACK_PRIORITY_HIGH) return TRUE;
        /* without memory for the swap the packet runs now: out of order, but not lost */
        if (!(swap = post_alloc(obj, value, iosb->Status, iosb->Information))) return TRUE;
    }
    RtlAcquireSRWLockExclusive(&pool->queue_lock);
    best = queue_best(pool);
    if (best && (doorbell || best->obj->priority < obj->priority))
    {
        queue_remove(pool, best);
        if (swap)
        {
            queue_push(pool, swap);
            swap = NULL;
        }
    }
    else best = NULL;
    RtlReleaseSRWLockExclusive(&pool->queue_lock);
    if (swap) RtlFreeHeap(process_heap(), 0, swap);
    if (!best) return !doorbell;
    *run = *best;
    RtlFreeHeap(process_heap(), 0, best);
    return TRUE;
}

/* Leaves the pool's worker count unless that would go under the minimum. */
static BOOL worker_may_retire(struct tp_pool *pool)
{
    LONG threads = pool->threads;

    if (threads <= pool->min_threads) return FALSE;
    if (InterlockedCompareExchange(&pool->threads, threads - 1, threads) != threads) return FALSE;
    InterlockedDecrement(&pool->idle);
    return TRUE;
}

/*
 * The next packet for the worker: from the batch it holds, or a new batch from the pool's port
 * (wring/port_batch.h).  The port takes back what the batch has not started when the worker
 * blocks in a callback, so the packets behind a blocked one are run by another worker.  The
 * workers of an alertable pool wait alertably, as Windows' I/O threads do, so that the APCs
 * queued to them (ReadFileEx completions a callback started, QueueUserAPC) run between batches.
 */
static NTSTATUS pool_dequeue(struct tp_pool *pool, struct wring_port_batch *batch, ULONG_PTR *key,
                             ULONG_PTR *value, IO_STATUS_BLOCK *iosb, LARGE_INTEGER *timeout)
{
    const FILE_IO_COMPLETION_INFORMATION *entry;
    NTSTATUS status;

    if (batch->next >= batch->count)
    {
        do status = wring_unix_funcs->wring_port_remove_batch(pool->port, batch, timeout, pool->alertable);
        while (status == STATUS_USER_APC);
        if (status) return status;
    }
    entry = &batch->entries[batch->next++];
    *key = entry->CompletionKey;
    *value = entry->CompletionValue;
    *iosb = entry->IoStatusBlock;
    return STATUS_SUCCESS;
}

static DWORD WINAPI worker_main(void *arg)
{
    struct tp_pool *pool = arg;
    struct wring_port_batch batch;
    LARGE_INTEGER idle_timeout, no_wait;
    IO_STATUS_BLOCK iosb;
    ULONG_PTR key, value;
    struct tp_post run;
    NTSTATUS status;

    idle_timeout.QuadPart = -WORKER_IDLE_TIMEOUT;
    no_wait.QuadPart = 0;
    batch.next = batch.count = 0;
    for (;;)
    {
        status = pool_dequeue(pool, &batch, &key, &value, &iosb,
                              pool->threads > pool->min_threads ? &idle_timeout : NULL);
        if (status == STATUS_TIMEOUT)
        {
            if (!worker_may_retire(pool)) continue;
            /* a packet posted while we decided to leave saw us as idle and started nobody:
             * take it ourselves, and stay */
            if (NtRemoveIoCompletion(pool->port, &key, &value, &iosb, &no_wait) || !key) break;
            InterlockedIncrement(&pool->threads);
            InterlockedIncrement(&pool->idle);
        }
        else if (status || !key)
        {
            /* key 0: the pool is going away (see pool_release_user); the packets behind it in
             * the batch are other workers' (their exit packets too) */
            wring_unix_funcs->wring_port_give_back();
            InterlockedDecrement(&pool->threads);
            InterlockedDecrement(&pool->idle);
            break;
        }
        if (!next_callback(pool, key, value, &iosb, &run)) continue;
        if (InterlockedDecrement(&pool->idle) <= 0 &&
            (pool->threads < soft_thread_limit() || run.obj->may_run_long))
            pool_grow(pool);
        /* a callback that may run long holds nothing up behind it */
        if (run.obj->may_run_long && batch.next < batch.count) wring_unix_funcs->wring_port_give_back();
        dispatch(run.obj, run.value, run.status, run.info);
        InterlockedIncrement(&pool->idle);
    }
    pool_unref(pool);
    RtlExitUserThread(0);
    return 0;
}

static void default_stack(TP_POOL_STACK_INFORMATION *stack)
{
    const BYTE *base = (const BYTE *)NtCurrentTeb()->Peb->ImageBaseAddress;
    const IMAGE_NT_HEADERS64 *nt = (const IMAGE_NT_HEADERS64 *)(base + ((const IMAGE_DOS_HEADER *)base)->e_lfanew);

    stack->StackReserve = nt->OptionalHeader.SizeOfStackReserve;
    stack->StackCommit = nt->OptionalHeader.SizeOfStackCommit;
}

static NTSTATUS pool_create(struct tp_pool **out, BOOL is_default)
{
    struct tp_pool *pool = RtlAllocateHeap(process_heap(), HEAP_ZERO_MEMORY, sizeof(*pool));
    NTSTATUS status;
    int i;

    if (!pool) return STATUS_NO_MEMORY;
    status = NtCreateIoCompletion(&pool->port, IO_COMPLETION_ALL_ACCESS, NULL, 0);
    if (status)
    {
        RtlFreeHeap(process_heap(), 0, pool);
        return status;
    }
    pool->refs = 1;
    pool->users = 1;
    for (i = 0; i < TP_CALLBACK_PRIORITY_COUNT; i++) InitializeListHead(&pool->queues[i]);
    pool->max_threads = DEFAULT_MAX_THREADS;
    pool->is_default = is_default;
    default_stack(&pool->stack);
    *out = pool;
    return STATUS_SUCCESS;
}

/* A process-wide pool, created by the first thread that needs it. */
static NTSTATUS shared_pool(struct tp_pool **slot, BOOL alertable, struct tp_pool **out)
{
    struct tp_pool *pool = *slot;
    NTSTATUS status;

    if (!pool)
    {
        if ((status = pool_create(&pool, TRUE))) return status;
        pool->alertable = alertable;
        if (InterlockedCompareExchangePointer((void **)slot, pool, NULL))
        {
            NtClose(pool->port);
            RtlFreeHeap(process_heap(), 0, pool);
            pool = *slot;
        }
    }
    *out = pool;
    return STATUS_SUCCESS;
}

NTSTATUS tp_default_pool(struct tp_pool **out)
{
    return shared_pool(&default_pool, FALSE, out);
}

NTSTATUS WINAPI TpAllocPool(TP_POOL **out, void *reserved)
{
    struct tp_pool *pool;
    NTSTATUS status;

    if (!out) return STATUS_INVALID_PARAMETER;
    if ((status = pool_create(&pool, FALSE))) return status;
    *out = (TP_POOL *)pool;
    return STATUS_SUCCESS;
}

void WINAPI TpReleasePool(TP_POOL *handle)
{
    struct tp_pool *pool = (struct tp_pool *)handle;

    if (pool->is_default) return;
    pool_release_user(pool);
}

void WINAPI TpSetPoolMaxThreads(TP_POOL *handle, DWORD maximum)
{
    struct tp_pool *pool = (struct tp_pool *)handle;

    if (!maximum) maximum = 1;
    if (maximum > MAXLONG) maximum = MAXLONG;
    pool->max_threads = maximum;
    if (pool->min_threads > pool->max_threads) pool->min_threads = pool->max_threads;
}

BOOL WINAPI TpSetPoolMinThreads(TP_POOL *handle, DWORD minimum)
{
    struct tp_pool *pool = (struct tp_pool *)handle;

    if (minimum > MAXLONG) minimum = MAXLONG;
    if ((LONG)minimum > pool->max_threads) pool->max_threads = minimum;
    pool->min_threads = minimum;
    while (pool->threads < pool->min_threads)
        if (pool_grow(pool)) return FALSE;
    return TRUE;
}

NTSTATUS WINAPI TpSetPoolStackInformation(TP_POOL *handle, TP_POOL_STACK_INFORMATION *stack)
{
    struct tp_pool *pool = (struct tp_pool *)handle;

    if (!pool || !stack) return STATUS_INVALID_PARAMETER;
    pool->stack = *stack;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI TpQueryPoolStackInformation(TP_POOL *handle, TP_POOL_STACK_INFORMATION *stack)
{
    struct tp_pool *pool = (struct tp_pool *)handle;

    if (!pool || !stack) return STATUS_INVALID_PARAMETER;
    *stack = pool->stack;
    return STATUS_SUCCESS;
}

/* ------------------------------------------------------------------ objects */

static void count_done(struct tp_object *obj, LONG *counter, LONG count)
{
    if (InterlockedAdd(counter, -count) == 0 && obj->waiters) RtlWakeAddressAll(counter);
}

static void busy_done(struct tp_object *obj, LONG count)
{
    count_done(obj, &obj->busy, count);
}

/* Sleeps until the counter (busy or detached) is zero. */
static void wait_zero(struct tp_object *obj, LONG *counter)
{
    LONG value;

    for (;;)
    {
        InterlockedIncrement(&obj->waiters);
        value = *counter;
        if (value) RtlWaitOnAddress(counter, &value, sizeof(value), NULL);
        InterlockedDecrement(&obj->waiters);
        if (!value) break;
    }
}

NTSTATUS tp_object_alloc(struct tp_object **out, enum tp_type type, void *callback, void *userdata,
                         TP_CALLBACK_ENVIRON *env)
{
    TP_CALLBACK_PRIORITY priority = TP_CALLBACK_PRIORITY_NORMAL;
    struct tp_object *obj;
    struct tp_pool *pool;
    NTSTATUS status;

    /* the priority exists from version 3 of the environment on */
    if (env && env->Version >= 3) priority = ((TP_CALLBACK_ENVIRON_V3 *)env)->CallbackPriority;
    if ((unsigned int)priority >= TP_CALLBACK_PRIORITY_COUNT) return STATUS_INVALID_PARAMETER;
    if (env && env->Pool) pool = (struct tp_pool *)env->Pool;
    else if ((status = tp_default_pool(&pool))) return status;

    if (!(obj = RtlAllocateHeap(process_heap(), HEAP_ZERO_MEMORY, sizeof(*obj)))) return STATUS_NO_MEMORY;
    obj->type = type;
    obj->priority = priority;
    if (priority != TP_CALLBACK_PRIORITY_NORMAL && !pool->prioritised)
        InterlockedExchange((LONG *)&pool->prioritised, TRUE);
    obj->refs = 1;
    obj->pool = pool;
    obj->callback = callback;
    obj->userdata = userdata;
    if (env)
    {
        obj->finalization = env->FinalizationCallback;
        obj->may_run_long = env->u.s.LongFunction;
        if (env->RaceDll)
        {
            UNICODE_STRING name;
            WCHAR buffer[MAX_PATH];
            HMODULE module;

            name.Buffer = buffer;
            name.Length = 0;
            name.MaximumLength = sizeof(buffer);
            /* keep the DLL loaded while the object lives: its callbacks may be in it */
            if (!LdrGetDllFullName(env->RaceDll, &name) && !LdrLoadDll(NULL, 0, &name, &module))
                obj->race_dll = module;
        }
        if (env->CleanupGroup)
        {
            struct tp_group *group = (struct tp_group *)env->CleanupGroup;

            obj->group_cancel = env->CleanupGroupCancelCallback;
            obj->group = group;
            RtlAcquireSRWLockExclusive(&group->lock);
            InsertTailList(&group->members, &obj->group_entry);
            obj->in_group = TRUE;
            RtlReleaseSRWLockExclusive(&group->lock);
        }
    }
    InterlockedIncrement(&pool->users);
    *out = obj;
    return STATUS_SUCCESS;
}

NTSTATUS tp_legacy_alloc(struct tp_object **out, enum tp_type type, void *callback, void *context, ULONG flags)
{
    TP_CALLBACK_ENVIRON env;
    NTSTATUS status;

    memset(&env, 0, sizeof(env));
    /* "should be used if the function should be executed in a thread that waits in an
     * alertable state" */
    if ((flags & WT_EXECUTEINIOTHREAD) &&
        (status = shared_pool(&io_thread_pool, TRUE, (struct tp_pool **)&env.Pool)))
        return status;
    if ((status = tp_object_alloc(out, type, callback, context, &env))) return status;
    (*out)->legacy_flags = flags;
    (*out)->may_run_long = !!(flags & WT_EXECUTELONGFUNCTION);
    return STATUS_SUCCESS;
}

void tp_object_unref(struct tp_object *obj)
{
    struct tp_pool *pool = obj->pool;
    HANDLE event = obj->free_event;

    if (InterlockedDecrement(&obj->refs)) return;
    if (obj->race_dll) LdrUnloadDll(obj->race_dll);
    RtlFreeHeap(process_heap(), 0, obj);
    if (event) NtSetEvent(event, NULL);
    pool_release_user(pool);
}

static void group_remove(struct tp_object *obj)
{
    struct tp_group *group = obj->group;

    if (!group) return;
    RtlAcquireSRWLockExclusive(&group->lock);
    if (obj->in_group)
    {
        RemoveEntryList(&obj->group_entry);
        obj->in_group = FALSE;
    }
    obj->group = NULL;
    RtlReleaseSRWLockExclusive(&group->lock);
}

/* The owner lets the object go; it is freed once no callback is queued or running. */
static void object_shutdown(struct tp_object *obj)
{
    /* once: the owner's reference is dropped by whichever of the owner and its cleanup group
     * comes first */
    if (InterlockedExchange((LONG *)&obj->released, TRUE)) return;
    if (obj->type == TP_TYPE_TIMER) tp_timer_unset(obj);
    else if (obj->type == TP_TYPE_WAIT) tp_wait_unset(obj);
    tp_object_unref(obj);
}

void tp_object_release(struct tp_object *obj)
{
    group_remove(obj);
    object_shutdown(obj);
}

void tp_object_count(struct tp_object *obj)
{
    InterlockedIncrement(&obj->refs);
    InterlockedIncrement(&obj->busy);
    InterlockedAdd64(&obj->counts, 1);
}

void tp_object_announce(struct tp_object *obj)
{
    tp_object_count(obj);
    /* a packet is on its way, from us or from the kernel: someone must be there to take it */
    pool_ensure_worker(obj->pool);
}

/* A file bound by RtlSetIoCompletionCallback may complete a request at any
 * time without anything announcing it, so its pool keeps one worker for good. */
NTSTATUS tp_pool_keep_worker(struct tp_pool *pool)
{
    if (InterlockedCompareExchange(&pool->min_threads, 1, 0) == 0)
        while (pool->threads < pool->min_threads)
        {
            NTSTATUS status = pool_grow(pool);
            if (status) return status;
        }
    return STATUS_SUCCESS;
}

void tp_object_unannounce(struct tp_object *obj)
{
    LONG64 counts = obj->counts, seen;

    for (;;)
    {
        if (!(counts & 0xffffffff)) return;
        seen = InterlockedCompareExchange64(&obj->counts, counts - 1, counts);
        if (seen == counts) break;
        counts = seen;
    }
    busy_done(obj, 1);
    tp_object_unref(obj);
}

/* Puts one packet for the object on the pool's port (through the priority queues when the
 * pool has them). */
static NTSTATUS send_packet(struct tp_object *obj, ULONG_PTR value, NTSTATUS status, ULONG_PTR info)
{
    struct tp_pool *pool = obj->pool;
    struct tp_post *post;
    NTSTATUS ret;

    /* without a queue entry (no priorities in the pool, or no memory) the packet is the callback */
    if (pool->prioritised && (post = post_alloc(obj, value, status, info)))
    {
        RtlAcquireSRWLockExclusive(&pool->queue_lock);
        queue_push(pool, post);
        RtlReleaseSRWLockExclusive(&pool->queue_lock);
        if (!(ret = post_doorbell(pool))) return STATUS_SUCCESS;
        if (queue_withdraw(pool, post))
        {
            RtlFreeHeap(process_heap(), 0, post);
            return ret;
        }
        /* a worker ran ours on another entry's doorbell: that entry must still get one */
        while (post_doorbell(pool)) NtYieldExecution();
        return STATUS_SUCCESS;
    }
    return NtSetIoCompletion(pool->port, (ULONG_PTR)obj, value, status, info);
}

/* A work object has at most one packet on the port, whatever its number of pending
 * callbacks, and the worker that takes it puts it back at the end of the queue while callbacks
 * remain: the pool's objects take turns, as on Windows, instead of one object's backlog
 * holding up every other object's callbacks.  The packet holds its own reference. */
static NTSTATUS work_send_packet(struct tp_object *obj)
{
    NTSTATUS status;

    if (InterlockedCompareExchange(&obj->packet_queued, 1, 0)) return STATUS_SUCCESS;
    InterlockedIncrement(&obj->refs);
    if (!(status = send_packet(obj, 0, STATUS_SUCCESS, 0))) return STATUS_SUCCESS;
    InterlockedExchange(&obj->packet_queued, 0);
    tp_object_unref(obj);
    return status;
}

NTSTATUS tp_object_post(struct tp_object *obj, ULONG_PTR value, NTSTATUS status, ULONG_PTR info)
{
    NTSTATUS ret;

    tp_object_announce(obj);
    if (obj->type == TP_TYPE_WORK) ret = work_send_packet(obj);
    else ret = send_packet(obj, value, status, info);
    if (ret) tp_object_unannounce(obj);
    return ret;
}

LONG tp_object_cancel_pending(struct tp_object *obj)
{
    /* A work object's pending callbacks share one packet that holds its own reference: they
     * are taken back, and the packet finds nothing when it arrives.  Every other object has a
     * packet per callback on its way, each to be dropped on arrival. */
    BOOL take_back = obj->type == TP_TYPE_WORK;
    LONG64 counts = obj->counts, seen;
    LONG moved;

    for (;;)
    {
        moved = (LONG)(counts & 0xffffffff);
        if (!moved) return 0;
        seen = InterlockedCompareExchange64(&obj->counts,
                                            counts - moved + (take_back ? 0 : (LONG64)moved << 32), counts);
        if (seen == counts) break;
        counts = seen;
    }
    busy_done(obj, moved);
    for (counts = moved; take_back && counts; counts--) tp_object_unref(obj);
    return moved;
}

void tp_object_wait(struct tp_object *obj, BOOL cancel_pending)
{
    if (cancel_pending) tp_object_cancel_pending(obj);
    wait_zero(obj, &obj->busy);
}

/* Decides what to do with a packet: FALSE when it was cancelled (its reference is dropped)
 * or when nobody announced it (an I/O completion without TpStartAsyncIoOperation).
 *
 * The pool posted every packet of a work, timer or wait object itself, in order, so the
 * cancelled ones are the oldest and arrive first; their values (a wait's result) belong to
 * them.  An I/O packet is the kernel's and carries its own request: one cancelled by
 * TpWaitForIoCompletion(TRUE) may have no request behind it at all, so an announced one
 * runs first and a cancelled one is only dropped when nothing live is left.  That keeps the
 * object alive until a cancelled request's completion comes, as on Windows. */
/* A work object's packet: claims one pending callback and, while others remain, puts the
 * packet back on the port for them (see work_send_packet). */
static BOOL work_claim_packet(struct tp_object *obj)
{
    LONG64 counts = obj->counts, seen;

    /* cleared before the count is read: a post that saw the packet still queued counted its
     * callback first, so it is seen below */
    InterlockedExchange(&obj->packet_queued, 0);
    for (;;)
    {
        if (!(counts & 0xffffffff)) break;
        seen = InterlockedCompareExchange64(&obj->counts, counts - 1, counts);
        if (seen == counts) break;
        counts = seen;
    }
    if ((counts & 0xffffffff) > 1)
        while (work_send_packet(obj)) NtYieldExecution();
    tp_object_unref(obj);   /* the packet's reference; a claimed callback holds its own */
    return (counts & 0xffffffff) != 0;
}

static BOOL claim_packet(struct tp_object *obj)
{
    BOOL live_first = obj->type == TP_TYPE_IO;
    LONG64 counts = obj->counts, next, seen;
    BOOL run;

    for (;;)
    {
        if ((counts & 0xffffffff) && (live_first || !(counts >> 32)))
        {
            next = counts - 1;
            run = TRUE;
        }
        else if (counts >> 32)
        {
            next = counts - ((LONG64)1 << 32);
            run = FALSE;
        }
        else return FALSE;
        seen = InterlockedCompareExchange64(&obj->counts, next, counts);
        if (seen == counts) break;
        counts = seen;
    }
    if (run) return TRUE;
    if (obj->type == TP_TYPE_SIMPLE || obj->type == TP_TYPE_LEGACY_WORK) tp_object_release(obj);
    tp_object_unref(obj);
    return FALSE;
}

static void run_cleanup_actions(struct tp_instance *inst)
{
    if (inst->leave_crit) RtlLeaveCriticalSection(inst->leave_crit);
    if (inst->release_mutex) NtReleaseMutant(inst->release_mutex, NULL);
    if (inst->release_semaphore) NtReleaseSemaphore(inst->release_semaphore, inst->semaphore_count, NULL);
    if (inst->set_event) NtSetEvent(inst->set_event, NULL);
    if (inst->unload_dll) LdrUnloadDll(inst->unload_dll);
}

static void invoke(struct tp_object *obj, TP_CALLBACK_INSTANCE *instance, ULONG_PTR value, NTSTATUS status,
                   ULONG_PTR info)
{
    switch (obj->type)
    {
    case TP_TYPE_WORK:
        ((PTP_WORK_CALLBACK)obj->callback)(instance, obj->userdata, (TP_WORK *)obj);
        break;
    case TP_TYPE_SIMPLE:
        ((PTP_SIMPLE_CALLBACK)obj->callback)(instance, obj->userdata);
        break;
    case TP_TYPE_LEGACY_WORK:
        ((PRTL_WORK_ITEM_ROUTINE)obj->callback)(obj->userdata);
        break;
    case TP_TYPE_TIMER:
        tp_timer_invoke(obj, instance);
        break;
    case TP_TYPE_WAIT:
        tp_wait_invoke(obj, instance, value);
        break;
    case TP_TYPE_IO:
    case TP_TYPE_LEGACY_IO:
        tp_io_invoke(obj, instance, value, status, info);
        break;
    }
}

static void dispatch(struct tp_object *obj, ULONG_PTR value, NTSTATUS status, ULONG_PTR info)
{
    struct tp_instance inst;

    if (obj->type == TP_TYPE_LEGACY_IO)
    {
        /* bound for good by RtlSetIoCompletionCallback: every packet runs, nothing is counted */
        tp_io_invoke(obj, NULL, value, status, info);
        return;
    }
    if (obj->type == TP_TYPE_WORK ? !work_claim_packet(obj) : !claim_packet(obj)) return;

    inst.object = obj;
    inst.associated = TRUE;
    inst.may_run_long = obj->may_run_long;
    inst.set_event = inst.release_semaphore = inst.release_mutex = NULL;
    inst.semaphore_count = 0;
    inst.leave_crit = NULL;
    inst.unload_dll = NULL;

    invoke(obj, (TP_CALLBACK_INSTANCE *)&inst, value, status, info);
    if (obj->finalization) obj->finalization((TP_CALLBACK_INSTANCE *)&inst, obj->userdata);
    run_cleanup_actions(&inst);

    if (inst.associated) busy_done(obj, 1);
    else count_done(obj, &obj->detached, 1);
    if (obj->type == TP_TYPE_SIMPLE || obj->type == TP_TYPE_LEGACY_WORK) tp_object_release(obj);
    tp_object_unref(obj);
}

void tp_object_run(struct tp_object *obj, ULONG_PTR value)
{
    dispatch(obj, value, STATUS_SUCCESS, 0);
}

/* ------------------------------------------------------------------ work and simple callbacks */

NTSTATUS WINAPI TpAllocWork(TP_WORK **out, PTP_WORK_CALLBACK callback, void *userdata, TP_CALLBACK_ENVIRON *env)
{
    struct tp_object *obj;
    NTSTATUS status;

    if (!out) return STATUS_INVALID_PARAMETER;
    if ((status = tp_object_alloc(&obj, TP_TYPE_WORK, callback, userdata, env))) return status;
    *out = (TP_WORK *)obj;
    return STATUS_SUCCESS;
}

void WINAPI TpPostWork(TP_WORK *work)
{
    tp_object_post((struct tp_object *)work, 0, STATUS_SUCCESS, 0);
}

void WINAPI TpWaitForWork(TP_WORK *work, BOOL cancel_pending)
{
    tp_object_wait((struct tp_object *)work, cancel_pending);
}

void WINAPI TpReleaseWork(TP_WORK *work)
{
    tp_object_release((struct tp_object *)work);
}

NTSTATUS WINAPI TpSimpleTryPost(PTP_SIMPLE_CALLBACK callback, void *userdata, TP_CALLBACK_ENVIRON *env)
{
    struct tp_object *obj;
    NTSTATUS status;

    if (!callback) return STATUS_INVALID_PARAMETER;
    if ((status = tp_object_alloc(&obj, TP_TYPE_SIMPLE, callback, userdata, env))) return status;
    /* a pool with no worker that cannot start one would never run the callback: the call fails,
     * as Windows' does when it lacks the resources */
    if ((status = pool_ensure_worker(obj->pool)))
    {
        tp_object_release(obj);
        return status;
    }
    /* the object releases itself once its callback has run */
    if ((status = tp_object_post(obj, 0, STATUS_SUCCESS, 0))) tp_object_release(obj);
    return status;
}

NTSTATUS WINAPI RtlQueueWorkItem(PRTL_WORK_ITEM_ROUTINE callback, void *context, ULONG flags)
{
    struct tp_object *obj;
    NTSTATUS status;

    if (!callback) return STATUS_INVALID_PARAMETER;
    if ((status = tp_legacy_alloc(&obj, TP_TYPE_LEGACY_WORK, callback, context, flags))) return status;
    if ((status = tp_object_post(obj, 0, STATUS_SUCCESS, 0))) tp_object_release(obj);
    return status;
}

/* ------------------------------------------------------------------ cleanup groups */

NTSTATUS WINAPI TpAllocCleanupGroup(TP_CLEANUP_GROUP **out)
{
    struct tp_group *group;

    if (!out) return STATUS_INVALID_PARAMETER;
    if (!(group = RtlAllocateHeap(process_heap(), HEAP_ZERO_MEMORY, sizeof(*group)))) return STATUS_NO_MEMORY;
    RtlInitializeSRWLock(&group->lock);
    InitializeListHead(&group->members);
    *out = (TP_CLEANUP_GROUP *)group;
    return STATUS_SUCCESS;
}

void WINAPI TpReleaseCleanupGroupMembers(TP_CLEANUP_GROUP *handle, BOOL cancel_pending, void *userdata)
{
    struct tp_group *group = (struct tp_group *)handle;
    LIST_ENTRY members, *entry;
    struct tp_object *obj;

    RtlAcquireSRWLockExclusive(&group->lock);
    InitializeListHead(&members);
    while (!IsListEmpty(&group->members))
    {
        entry = RemoveHeadList(&group->members);
        obj = CONTAINING_RECORD(entry, struct tp_object, group_entry);
        obj->in_group = FALSE;
        obj->group = NULL;
        /* held until we are done with it: a simple callback releases itself when it runs,
         * and a callback may release its own object while we wait for it */
        InterlockedIncrement(&obj->refs);
        InsertTailList(&members, entry);
    }
    RtlReleaseSRWLockExclusive(&group->lock);

    for (entry = members.Flink; entry != &members; entry = entry->Flink)
    {
        obj = CONTAINING_RECORD(entry, struct tp_object, group_entry);
        /* no new callback may start once this returns */
        if (obj->type == TP_TYPE_TIMER) tp_timer_unset(obj);
        else if (obj->type == TP_TYPE_WAIT) tp_wait_unset(obj);
        obj->group_cancelled = cancel_pending && tp_object_cancel_pending(obj);
    }
    /* the group waits for every callback, those that disassociated themselves too */
    for (entry = members.Flink; entry != &members; entry = entry->Flink)
    {
        obj = CONTAINING_RECORD(entry, struct tp_object, group_entry);
        wait_zero(obj, &obj->busy);
        wait_zero(obj, &obj->detached);
    }
    /* The cancel callbacks come once the callbacks have finished, and not for an object that
     * one of them released meanwhile (the object is its owner's to free then), nor for a
     * simple callback that ran rather than being cancelled. */
    while (!IsListEmpty(&members))
    {
        obj = CONTAINING_RECORD(RemoveHeadList(&members), struct tp_object, group_entry);
        if (cancel_pending && obj->group_cancel &&
            (obj->type == TP_TYPE_SIMPLE ? obj->group_cancelled : !obj->released))
            obj->group_cancel(obj->userdata, userdata);
        if (obj->type != TP_TYPE_SIMPLE) object_shutdown(obj);
        tp_object_unref(obj);
    }
}

void WINAPI TpReleaseCleanupGroup(TP_CLEANUP_GROUP *handle)
{
    struct tp_group *group = (struct tp_group *)handle;
    struct tp_object *obj;

    /* members still listed outlive the group: they simply stop belonging to it */
    RtlAcquireSRWLockExclusive(&group->lock);
    while (!IsListEmpty(&group->members))
    {
        obj = CONTAINING_RECORD(RemoveHeadList(&group->members), struct tp_object, group_entry);
        obj->in_group = FALSE;
        obj->group = NULL;
    }
    RtlReleaseSRWLockExclusive(&group->lock);
    RtlFreeHeap(process_heap(), 0, group);
}

/* ------------------------------------------------------------------ callback instances */

static struct tp_instance *instance_of(TP_CALLBACK_INSTANCE *instance)
{
    return (struct tp_instance *)instance;
}

NTSTATUS WINAPI TpCallbackMayRunLong(TP_CALLBACK_INSTANCE *instance)
{
    struct tp_instance *inst = instance_of(instance);
    struct tp_pool *pool = inst->object->pool;
    NTSTATUS status = STATUS_SUCCESS;

    if (inst->may_run_long) return STATUS_SUCCESS;
    /* the packets of this worker's batch go to other workers; and another thread must be free to
     * take the pool's next packet while this one runs long */
    wring_unix_funcs->wring_port_give_back();
    if (pool->idle <= 0) status = pool_grow(pool);
    if (!status) inst->may_run_long = TRUE;
    return status;
}

void WINAPI TpCallbackSetEventOnCompletion(TP_CALLBACK_INSTANCE *instance, HANDLE event)
{
    instance_of(instance)->set_event = event;
}

void WINAPI TpCallbackReleaseSemaphoreOnCompletion(TP_CALLBACK_INSTANCE *instance, HANDLE semaphore, DWORD count)
{
    instance_of(instance)->release_semaphore = semaphore;
    instance_of(instance)->semaphore_count = count;
}

void WINAPI TpCallbackReleaseMutexOnCompletion(TP_CALLBACK_INSTANCE *instance, HANDLE mutex)
{
    instance_of(instance)->release_mutex = mutex;
}

void WINAPI TpCallbackLeaveCriticalSectionOnCompletion(TP_CALLBACK_INSTANCE *instance, RTL_CRITICAL_SECTION *crit)
{
    instance_of(instance)->leave_crit = crit;
}

void WINAPI TpCallbackUnloadDllOnCompletion(TP_CALLBACK_INSTANCE *instance, HMODULE module)
{
    instance_of(instance)->unload_dll = module;
}

void WINAPI TpDisassociateCallback(TP_CALLBACK_INSTANCE *instance)
{
    struct tp_instance *inst = instance_of(instance);

    /* the waits for the object (and its cleanup group) no longer wait for this callback */
    if (!inst->associated) return;
    inst->associated = FALSE;
    InterlockedIncrement(&inst->object->detached);
    busy_done(inst->object, 1);
}
