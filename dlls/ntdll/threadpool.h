/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The Vista thread pool, shared between threadpool.c (pools, workers, work items, cleanup
 * groups, callback instances), tp_timer.c, tp_wait.c and tp_io.c.
 *
 * A pool is an I/O completion port and the workers blocked on it.  Every callback is one
 * packet whose key is the object: work posts it with NtSetIoCompletion, the timer and wait
 * threads post it when a timer is due or a handle is signalled, and the kernel posts it for
 * I/O on a file bound to the port.  Each object counts its expected packets ("announced"),
 * the ones to drop (cancelled), and its running callbacks, with interlocked operations only.
 */
#ifndef WRING_NTDLL_THREADPOOL_H
#define WRING_NTDLL_THREADPOOL_H

#include "ntdll_misc.h"

enum tp_type
{
    TP_TYPE_WORK,
    TP_TYPE_SIMPLE,
    TP_TYPE_LEGACY_WORK,    /* RtlQueueWorkItem */
    TP_TYPE_TIMER,
    TP_TYPE_WAIT,
    TP_TYPE_IO,
    TP_TYPE_LEGACY_IO,  /* RtlSetIoCompletionCallback: every packet runs, nothing is announced */
};

struct tp_pool
{
    LONG refs;              /* the users together, each worker */
    LONG users;             /* the owner's handle and each object */
    HANDLE port;
    /* Callback priorities.  Once an object of another priority than normal is created in the
     * pool, posted callbacks wait in one queue per priority and the packet posted for each is
     * only a doorbell (key: the pool) that makes a worker run the best queued one. */
    BOOL prioritised;
    RTL_SRWLOCK queue_lock;
    LIST_ENTRY queues[TP_CALLBACK_PRIORITY_COUNT];
    LONG queued;            /* entries in the queues: each has its doorbell on the way */
    LONG max_threads;
    LONG min_threads;
    LONG threads;           /* workers alive or starting */
    LONG idle;              /* workers waiting on the port (or about to) */
    BOOL is_default;
    BOOL alertable;         /* workers wait alertably (the older API's I/O threads) */
    TP_POOL_STACK_INFORMATION stack;
};

struct tp_group
{
    RTL_SRWLOCK lock;
    LIST_ENTRY members;
};

struct tp_timer_state
{
    LIST_ENTRY entry;       /* in the timer thread's list while armed */
    BOOL armed;             /* in the timer thread's list */
    BOOL set;               /* what TpIsTimerSet reports: set and not cancelled */
    LONGLONG due;           /* absolute, 100 ns units of system time */
    LONGLONG window_end;    /* the latest moment the callback may be started */
    LONG period;            /* ms; 0 for a one-shot timer */
    LONG window;            /* ms */
};

struct wait_bucket;
struct tp_wait_state
{
    struct wait_bucket *bucket; /* while the wait is registered */
    ULONG index;
    HANDLE handle;
    LONGLONG deadline;      /* absolute system time, or MAXLONGLONG */
    DWORD own_runner;       /* the bucket thread running a WT_EXECUTEINWAITTHREAD callback, or 0 */
};

/* A callback waiting in its pool's priority queue: what its packet would have carried. */
struct tp_post
{
    LIST_ENTRY entry;
    struct tp_object *obj;
    ULONG_PTR value;
    NTSTATUS status;
    ULONG_PTR info;
};

struct tp_object
{
    void *win32_callback;   /* kernel32's CreateThreadpoolIo keeps the Win32 callback here */
    enum tp_type type;
    TP_CALLBACK_PRIORITY priority;
    LONG refs;              /* the owner's handle + announced + skipped + running callbacks */
    LONG64 counts;          /* low 32 bits: announced packets, high 32 bits: packets to drop */
    LONG busy;              /* announced packets + running callbacks, what the waits wait for */
    LONG detached;          /* running callbacks that called TpDisassociateCallback */
    LONG waiters;           /* threads sleeping on busy or detached */
    LONG packet_queued;     /* a work object's one packet is on the port (work_send_packet) */
    struct tp_pool *pool;
    void *callback;
    void *userdata;
    struct tp_group *group;
    LIST_ENTRY group_entry;
    BOOL in_group;
    PTP_CLEANUP_GROUP_CANCEL_CALLBACK group_cancel;
    BOOL group_cancelled;   /* TpReleaseCleanupGroupMembers took back a pending callback */
    PTP_SIMPLE_CALLBACK finalization;
    HMODULE race_dll;
    BOOL may_run_long;
    BOOL released;          /* the owner let it go: no more arming */
    HANDLE free_event;      /* set once the object is freed (timer queue and wait deletion) */
    ULONG legacy_flags;     /* WT_* of the older API */
    void *legacy_owner;     /* the timer queue of a queue timer */
    LIST_ENTRY owner_entry; /* in that queue */
    ULONG legacy_timeout;   /* RtlRegisterWait's timeout in ms, to re-arm */
    union
    {
        struct tp_timer_state timer;
        struct tp_wait_state wait;
    } u;
};

/* The TP_CALLBACK_INSTANCE handed to callbacks: lives on the worker's stack. */
struct tp_instance
{
    struct tp_object *object;
    BOOL associated;        /* still counted by the object's waits */
    BOOL may_run_long;
    HANDLE set_event;
    HANDLE release_semaphore;
    LONG semaphore_count;
    HANDLE release_mutex;
    RTL_CRITICAL_SECTION *leave_crit;
    HMODULE unload_dll;
};

#define TP_MAX_TICKS ((LONGLONG)0x7fffffffffffffff)

/* threadpool.c */
NTSTATUS tp_object_alloc(struct tp_object **out, enum tp_type type, void *callback, void *userdata,
                         TP_CALLBACK_ENVIRON *env);
void tp_object_release(struct tp_object *obj);
/* An object of the older API (RtlQueueWorkItem, RtlRegisterWait, RtlCreateTimer): WT_* flags. */
NTSTATUS tp_legacy_alloc(struct tp_object **out, enum tp_type type, void *callback, void *context, ULONG flags);
void tp_object_unref(struct tp_object *obj);
/* Counts one packet that will arrive on the pool's port for this object. */
void tp_object_announce(struct tp_object *obj);
NTSTATUS tp_pool_keep_worker(struct tp_pool *pool);
/* Takes back one announced packet that will never arrive (TpCancelAsyncIoOperation). */
void tp_object_unannounce(struct tp_object *obj);
/* The older API's WT_EXECUTEINWAITTHREAD and WT_EXECUTEINTIMERTHREAD: a callback counted with
 * tp_object_count (so that the object's waits include it) and then run by tp_object_run on
 * the calling thread instead of a worker. */
void tp_object_count(struct tp_object *obj);
void tp_object_run(struct tp_object *obj, ULONG_PTR value);
/* Counts a packet and posts it. */
NTSTATUS tp_object_post(struct tp_object *obj, ULONG_PTR value, NTSTATUS status, ULONG_PTR info);
/* Marks every announced packet to be dropped on arrival; returns how many there were. */
LONG tp_object_cancel_pending(struct tp_object *obj);
void tp_object_wait(struct tp_object *obj, BOOL cancel_pending);
NTSTATUS tp_default_pool(struct tp_pool **pool);
LONGLONG tp_now(void);
/* Absolute system time from NT's timeout convention (negative: relative). */
LONGLONG tp_deadline(const LARGE_INTEGER *timeout);

/* tp_timer.c */
void tp_timer_unset(struct tp_object *obj);
void tp_timer_invoke(struct tp_object *obj, TP_CALLBACK_INSTANCE *instance);
NTSTATUS tp_legacy_delete(struct tp_object *obj, HANDLE event);

/* tp_wait.c */
void tp_wait_unset(struct tp_object *obj);
void tp_wait_invoke(struct tp_object *obj, TP_CALLBACK_INSTANCE *instance, ULONG_PTR result);

/* tp_io.c: runs an I/O packet's callback */
void tp_io_invoke(struct tp_object *obj, TP_CALLBACK_INSTANCE *instance, ULONG_PTR value, NTSTATUS status,
                  ULONG_PTR info);

#endif
