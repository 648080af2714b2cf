/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Declarations shared by the Unix side of ntdll (the `wring` executable). */
#ifndef WRING_UNIX_PRIVATE_H
#define WRING_UNIX_PRIVATE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <pthread.h>
#include <signal.h>
#include <sys/types.h>
#include <time.h>
#include <ucontext.h>
#include "wring/unixcalls.h"

/* debug.c: WRING_DEBUG=+loader,+stub,... */
enum debug_channel { DBG_LOADER, DBG_STUB, DBG_FILE, DBG_ENGINE, DBG_HEAP, DBG_VIRTUAL, DBG_COUNT };
extern bool debug_on[DBG_COUNT];
void debug_init(void);
void debug_printf(const char *channel, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define TRACE(ch, ...) do { if (debug_on[DBG_##ch]) debug_printf(#ch, __VA_ARGS__); } while (0)
/* One line on stderr for the user, prefixed with "wring: ". */
void wring_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Ends the process with the low byte of an NT status, the way a Windows exit code is seen from Linux. */
void fatal_status(NTSTATUS status) __attribute__((noreturn));

/* an intrusive doubly linked list */
struct list { struct list *next, *prev; };
static inline void list_init(struct list *l) { l->next = l->prev = l; }
static inline bool list_empty(const struct list *l) { return l->next == l; }
static inline void list_add_tail(struct list *head, struct list *e)
{
    e->next = head; e->prev = head->prev; head->prev->next = e; head->prev = e;
}
static inline void list_remove(struct list *e)
{
    e->prev->next = e->next; e->next->prev = e->prev; e->next = e->prev = e;
}
#define LIST_ENTRY_OF(ptr, type, field) ((type *)((char *)(ptr) - offsetof(type, field)))

/* objects and handles (handle.c) */
struct object;
struct thread;
struct object_ops
{
    const char *name;
    void (*destroy)(struct object *obj);
    /* waitable objects only; both are called with the sync lock held (wait.c) */
    bool (*signaled)(struct object *obj, struct thread *thread);
    /* takes what a satisfied wait consumes; STATUS_ABANDONED for an abandoned mutex */
    NTSTATUS (*satisfy)(struct object *obj, struct thread *thread);
    /* the last handle is gone (references may remain): ports wake their waiters, files cancel their I/O */
    void (*last_handle_closed)(struct object *obj);
    /* objects whose duplicates are limited to the access of the handle they copy (files,
     * whose sharing was checked against that access at open): the generic rights mapped */
    ACCESS_MASK (*duplicate_access)(ACCESS_MASK access);
};
struct object
{
    const struct object_ops *ops;
    atomic_int refcount;
    atomic_int handle_count;
    atomic_int nwaiters;        /* entries in waiters: lets lock-free signallers skip the lock */
    struct list waiters;        /* wait entries, FIFO (sync lock) */
    WCHAR *name;                /* named objects (syncobj.c) */
};
void object_init(struct object *obj, const struct object_ops *ops);
/* A mutex for short, hot critical sections: it spins briefly before sleeping. */
void init_adaptive_mutex(pthread_mutex_t *mutex);
struct object *object_grab(struct object *obj);
/* A reference, unless the object is already being destroyed (NULL then). */
struct object *object_grab_unless_dead(struct object *obj);
void object_release(struct object *obj);
NTSTATUS handle_alloc(struct object *obj, ACCESS_MASK access, HANDLE *handle);
/* A new reference on the object behind a handle, if it has the wanted type. */
NTSTATUS handle_ref(HANDLE handle, const struct object_ops *ops, struct object **obj);
/* The same, refused with STATUS_ACCESS_DENIED unless the handle grants `needed`. */
NTSTATUS handle_ref_access(HANDLE handle, const struct object_ops *ops, ACCESS_MASK needed, struct object **obj);
ACCESS_MASK map_generic_access(ACCESS_MASK access, const GENERIC_MAPPING *mapping);

/* files (file.c) */
NTSTATUS file_from_fd(int fd, ACCESS_MASK access, HANDLE *handle);
NTSTATUS status_from_errno(int err);

/* paths (path.c): C: is $WRING_PREFIX/drive_c, Z: is / */
void path_init(void);
const char *prefix_dir(void);
NTSTATUS nt_to_unix_path(const UNICODE_STRING *nt_name, char **unix_path, bool last_may_be_missing);
WCHAR *unix_to_dos_path(const char *unix_path);

/* strings (unicode.c) */
WCHAR *utf8_to_wide(const char *s, size_t len, size_t *out_len);
char *wide_to_utf8(const WCHAR *s, size_t len);
size_t wide_len(const WCHAR *s);

/* process.c */
void process_init(int argc, char **argv, const WCHAR *exe_dos_path);
PEB *process_peb(void);

/* sync.c: Windows timeouts as monotonic deadlines */
bool nt_timeout_deadline(const LARGE_INTEGER *timeout, struct timespec *deadline);
LARGE_INTEGER deadline_remaining(const struct timespec *deadline);

/* wait.c: the waits, on one process-wide lock */
void sync_lock(void);
void sync_unlock(void);
/* with the sync lock held: completes the waits that obj (now signaled) can satisfy */
void wake_waiters(struct object *obj);
void wake_waiters_unlocked(struct object *obj);
NTSTATUS wait_for_objects(ULONG count, struct object **objs, bool wait_all, bool alertable,
                          const LARGE_INTEGER *timeout);
/* a wait on nothing but a completion by complete_private_wait, a timeout or an APC */
struct wait;
struct wait *private_wait_begin(bool alertable);
NTSTATUS private_wait_end(struct wait *wait, const LARGE_INTEGER *timeout, int reason);
/* what NtQuerySystemInformation reports of a thread: KWAIT_REASON values */
#define WAIT_REASON_DELAY   4
#define WAIT_REASON_USER    6
#define WAIT_REASON_QUEUE   15

void complete_private_wait(struct wait *wait, NTSTATUS status);
/* A wait no thread sleeps in: satisfied in its turn like a thread's wait (an auto-reset event
 * reset, a semaphore taken), it runs notify, sync lock held, instead of waking anyone. */
struct wait *notify_wait_create(void (*notify)(void *context), void *context);
void notify_wait_free(struct wait *wait);
/* sync lock held: queues the wait on obj; true when obj was signalled and notify has run already */
bool notify_wait_arm(struct wait *wait, struct object *obj);
/* sync lock held: takes an armed wait off its object; false when it had been satisfied */
bool notify_wait_disarm(struct wait *wait);
void abandon_wait_queue(struct thread *thread);
bool deliver_apcs(void);
void thread_queue_apc(struct thread *thread, void *func, ULONG_PTR arg1, ULONG_PTR arg2, ULONG_PTR arg3);

/*
 * waitpacket.c: a wait completion packet fires under the sync lock, where a
 * port lock may not be taken (a port's waiters take the two in the other
 * order).  Its packet is queued once the thread holds neither lock: the sync
 * lock and the port locks count themselves here.
 */
extern __thread int held_locks;
extern __thread bool wait_packets_deferred;
void wait_packets_post_deferred(void);
static inline void held_locks_enter(void) { held_locks++; }
static inline void held_locks_leave(void)
{
    if (!--held_locks && wait_packets_deferred) wait_packets_post_deferred();
}

/* completion.c: a thread running a port's packet blocks elsewhere, or comes back */
void port_thread_blocking(struct thread *thread);
void port_thread_unblocked(struct thread *thread);
void port_thread_gone(struct thread *thread);

/* syncobj.c */
void mutexes_abandon(struct thread *thread);
NTSTATUS event_set_object(struct object *obj);
void event_set_locked(struct object *obj);   /* sync_lock held */
/* Named objects of other files (timer.c): created with all access, opened by name with a check. */
NTSTATUS sync_create_named(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr, struct object *fresh);
NTSTATUS sync_open_named(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr,
                         const struct object_ops *ops);
extern const struct object_ops timer_ops;
extern const struct object_ops section_ops;   /* section.c */
void object_unname(struct object *obj);
bool is_event(struct object *obj);
bool is_mutex(struct object *obj);
void event_reset_object(struct object *obj);
NTSTATUS name_lookup(const OBJECT_ATTRIBUTES *attr, const struct object_ops *ops, struct object **obj);

/* thread.c */
struct thread
{
    struct object obj;
    TEB *teb;
    pthread_t pthread;
    DWORD tid;
    NTSTATUS exit_code;
    bool terminated;
    atomic_int suspend_count;
    struct list mutexes;        /* mutexes owned (sync lock) */
    struct list apcs;           /* queued user APCs (sync lock) */
    struct wait *wait;          /* the wait in progress (sync lock) */
    struct list entry;          /* in the thread list */
    void *start, *param;
    LONG priority;
    bool exiting;
    atomic_bool terminate_requested;
    atomic_int wait_reason;         /* KWAIT_REASON while blocked, -1 while running */
    atomic_bool in_sync_io;         /* blocked in a synchronous read or write (CancelSynchronousIo) */
    atomic_bool sync_io_cancelled;
    struct completion_port *port;   /* the port this thread runs a packet of (concurrency) */
    struct wring_port_batch *held_batch;    /* a pool worker's packets not yet started (completion.c) */
    /* What GetThreadContext reads: the registers of a thread stopped by SuspendThread in PE code
     * (its signal frame, while it waits there), or, for one in Unix code, where it entered it. */
    void *stopped_uc;               /* ucontext_t *, while stopped in the suspend signal handler */
    atomic_int stopped;
    atomic_int in_unix;
    void *unix_entry_pc, *unix_entry_sp;
    /* the inaccessible pages at the bottom of the stack whose fault is a stack overflow
     * (thread_stack_overflow); empty once used */
    char *guard_lo, *guard_hi;
    pid_t unix_tid;                 /* the Linux thread id, for its affinity and CPU times; 0 until it runs */
    ULONG_PTR affinity;             /* SetThreadAffinityMask's mask (threads_lock) */
    ULONG ideal_processor;          /* SetThreadIdealProcessor's hint: kept, as Linux has no use for it */
    LARGE_INTEGER create_time, exit_time;
    LONGLONG kernel_time, user_time;    /* CPU time used, kept when it ends (100 ns units) */
    WCHAR *description;             /* SetThreadDescription's text, not null-terminated (thread_name.c) */
    USHORT description_bytes;
};
/* the user's profile (profile.c): USERPROFILE= and the other variables made from it */
const char *profile_variable(const char *name_eq, char *buf, size_t size);
/* ThreadNameInformation (thread_name.c) */
NTSTATUS thread_set_name(struct thread *thread, const void *info, ULONG length);
NTSTATUS thread_query_name(struct thread *thread, void *info, ULONG length, ULONG *result);
extern __thread struct thread *current_thread;
/*
 * Depth of Wring's Unix code under a PE call on this thread.  TerminateThread
 * and SuspendThread act on a thread at once only in PE code; in Unix code
 * (which may hold glibc's or Wring's locks) they wait for the call to return
 * (leave_unix) or for its blocking point to notice (block() in wait.c).
 */
extern __thread int unix_depth;
/* The PE caller's return address and stack: a thread in Unix code is, for GetThreadContext, there. */
static inline int enter_unix_from(void *pc, void *sp)
{
    if (!unix_depth++ && current_thread)
    {
        current_thread->unix_entry_pc = pc;
        current_thread->unix_entry_sp = sp;
        atomic_store_explicit(&current_thread->in_unix, 1, memory_order_release);
    }
    return 0;
}
static inline int enter_unix(void) { unix_depth++; return 0; }
void leave_unix(int *scope);
static inline bool thread_must_stop(void)
{
    return current_thread && atomic_load(&current_thread->terminate_requested) && !current_thread->exiting;
}
static inline void thread_blocked(struct thread *thread, int reason) { atomic_store(&thread->wait_reason, reason); }
static inline void thread_running(struct thread *thread) { atomic_store(&thread->wait_reason, -1); }
extern const struct object_ops thread_ops;
extern const struct object_ops process_ops;   /* the current process: waitable, never signalled */
TEB *thread_init_main(void);
void thread_init_registers(void);
void thread_size_main_stack(void);
DWORD thread_run_main(void *entry);
void thread_exit(DWORD status) __attribute__((noreturn));
bool thread_stack_overflow(const void *addr);
bool thread_stack_contains(const void *addr, size_t size);
void threads_freeze_others(void);
NTSTATUS threads_process_information(void *buffer, ULONG size, ULONG *needed);
/* every processor the process may run on; the processors it runs on (SetProcessAffinityMask) */
ULONG_PTR system_affinity_mask(void);
ULONG_PTR process_affinity_mask(void);
/* moves every thread onto the processors of mask, a subset of the system's */
NTSTATUS threads_set_affinity(ULONG_PTR mask);
/* the calling thread's CPU time, or another running thread's, in 100 ns units */
NTSTATUS thread_cpu_times(pid_t unix_tid, LONGLONG *kernel, LONGLONG *user);
void threads_for_each_teb(void (*fn)(TEB *teb, void *ctx), void *ctx);

/* virtual.c */
void *virtual_reserve(void *want, size_t size);
void virtual_add_view(void *base, size_t size, ULONG type, ULONG protect);
void virtual_set_protection(void *base, size_t size, ULONG protect);
void virtual_remove_view(void *base);
int protect_to_unix(ULONG protect);
NTSTATUS virtual_map_view(void **base, size_t size, int fd, off_t offset, bool private, ULONG protect);
NTSTATUS virtual_unmap_view(const void *addr);
NTSTATUS virtual_flush_view(const void **addr, SIZE_T *size);

/* loader.c */
NTSTATUS loader_start(const char *exe_path, void **entry);
void loader_attach_process(void);
void loader_detach_process(void);
void loader_system_dir_init(void);
void loader_thread_attach(TEB *teb);
void loader_thread_detach(TEB *teb);

/* pecall.c: the only place the Unix side calls into PE code */
BOOL pe_call_dll_entry(void *entry, HMODULE module, DWORD reason, void *reserved);
void pe_call_tls_callback(void *callback, HMODULE module, DWORD reason);
DWORD pe_call_process_entry(void *entry, PEB *peb);
DWORD pe_call_thread_start(void *start, void *param);
void pe_call_apc(void *func, ULONG_PTR arg1, ULONG_PTR arg2, ULONG_PTR arg3);

/* heap.c */
HANDLE heap_process_heap(void);

/* signal.c */
void signal_init(void);
void signal_set_exception_entry(void *entry);
/* context.c */
void context_from_signal(CONTEXT *context, const ucontext_t *uc, DWORD flags);
void user_shared_init(void);
bool write_user(void *dst, const void *src, size_t size);
/* the copy survives a bad address on either side: reading the program's memory is the same call */
#define read_user(dst, src, size) write_user(dst, src, size)
bool probe_user(void *addr, size_t size, bool write);
NTSTATUS check_attributes(const OBJECT_ATTRIBUTES *attr);
NTSTATUS check_process(HANDLE process);
/* makes a thread's blocking system call return EINTR (a no-op handler without SA_RESTART) */
#define SIG_INTERRUPT SIGRTMIN

extern const struct wring_unix_funcs unix_funcs;
#define WRING_DECLARE_PRIVATE(ret, name, params, args) ret WINAPI name params;
WRING_PRIVATE_CALLS(WRING_DECLARE_PRIVATE)
#undef WRING_DECLARE_PRIVATE

#endif
